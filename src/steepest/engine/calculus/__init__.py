"""Calculus on SymPy: derivatives, points and values, critical points, and derivations built
from rule objects (`rules`) that are checked against `sympy.diff`.
"""
