"""The web app: lesson pages rendered on the server, a small JSON API, strict CSP."""
