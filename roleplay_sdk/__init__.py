"""Python SDK for GrowQR's roleplay-service."""
