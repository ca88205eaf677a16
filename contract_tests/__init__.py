"""Contract-test suite of the roleplay-service: run it against any deployment or in-process.

`pytest contract_tests` checks the in-process reference service; add `--base-url URL
--api-token TOKEN` (and optionally `--admin-token`, `--other-org-token`) to check a deployment.
Installed (`pip install "roleplay-sdk[contract]"`), the suite is the package roleplay_contract
and `roleplay-contract --base-url URL --api-token TOKEN` runs it (see __main__.py). This module
imports nothing, so that command can say which extra is missing.
"""
