"""Contract-test suite of the roleplay-service: run it against any deployment or in-process.

`pytest contract_tests` checks the in-process reference service; add `--base-url URL
--api-token TOKEN` (and optionally `--admin-token`, `--other-org-token`) to check a deployment.
"""
