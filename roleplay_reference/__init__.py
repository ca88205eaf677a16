"""Reference (fake) implementation of the roleplay-service, driven by openapi.yaml."""
