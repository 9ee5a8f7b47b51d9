"""The learner: an anonymous id in a cookie with its CSRF checks, and the progress store as the
routes reach it.
"""
