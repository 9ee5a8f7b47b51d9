"""Route handlers, one module per family: HTML pages and the JSON API."""
