"""Pydantic models of the JSON API: they validate requests and document the OpenAPI schema."""
