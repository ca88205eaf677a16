"""The `roleplay` command-line interface, built on roleplay_sdk.

Needs the `cli` extra (`pip install "roleplay-sdk[cli]"`): the `roleplay` command says so and
exits 1 without it. This package itself imports only the standard library, so that check can
run before anything the extra brings.
"""
