"""Protection: security headers, the per-client rate limit, and signed practice-problem tokens."""
