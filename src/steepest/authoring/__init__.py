"""Authoring: `steepest check` (the format, formulas and claims of lesson files), `steepest new`
(a lesson to start from) and `steepest export` (the course as static files).
"""
