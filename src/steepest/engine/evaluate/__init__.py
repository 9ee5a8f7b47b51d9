"""Evaluation without SymPy's slow paths: floats with error bounds, exact rationals, and the
JSON expression trees that the browser and numpy evaluate.
"""
