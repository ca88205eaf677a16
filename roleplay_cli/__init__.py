"""The `roleplay` command-line interface, built on roleplay_sdk."""
