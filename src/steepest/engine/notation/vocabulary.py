"""The words the parser knows: whitelisted functions, Greek letter names and constants.

Nothing outside these tables can ever name a function, so typed text cannot reach any other
SymPy (or Python) callable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy


def _sigmoid(u: Any) -> Any:
    # A convenience for ML losses; built from exp so every rule and printer already knows it.
    return 1 / (1 + sympy.exp(-u))


FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,  # natural logarithm, as in most ML texts
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    # Not in a learner's usual vocabulary, but the derivative of abs(x) is sign(x), and every
    # printed result must parse back.
    "sign": sympy.sign,
    "sigmoid": _sigmoid,
}

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

# Longest first, so that `cosh` wins over `cos` and `theta` over a product of letters.
KNOWN_WORDS = sorted([*FUNCTIONS, *GREEK, "pi"], key=len, reverse=True)
