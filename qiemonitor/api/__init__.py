"""The wire contract in code: models, the async client and its errors (no Qt)."""
