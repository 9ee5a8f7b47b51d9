"""The words the parser knows: the functions of the table (functions/table.py), Greek letter
names and constants."""

from __future__ import annotations

from functools import lru_cache

import sympy

from steepest.engine.functions.table import typed_names

# Spelled-out Greek letters usable as variable names. Short ones that hide inside ordinary
# products of letters (eta, nu, xi, chi, psi) are left out on purpose: `xi` must stay x*i.
GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
}
GREEK_BY_LETTER = {letter: name for name, letter in GREEK.items()}

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}


def known_words() -> tuple[str, ...]:
    """Every word a run of letters may hold, longest first, so that `cosh` wins over `cos` and
    `theta` over a product of letters."""
    return _longest_first(typed_names())


@lru_cache(maxsize=1)
def _longest_first(function_names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted([*function_names, *GREEK, "pi"], key=len, reverse=True))
