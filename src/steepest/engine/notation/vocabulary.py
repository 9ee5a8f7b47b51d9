"""The words the parser knows: the functions of the table (functions/table.py), Greek letter
names and constants."""

from __future__ import annotations

from functools import lru_cache

import sympy

from steepest.engine.functions.table import typed_names

# Every lowercase Greek letter, by name and by glyph; pi is the constant π, not a variable.
# Names are read longest first, before a run of letters is split into single-letter variables,
# so `eta` is η and never e·t·a, `theta` is θ and not t·h·eta. So `xi` is ξ unless x and i are
# declared variables: then only declared names are words (see names.py).
GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "omicron": "ο",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
}
# Other glyphs for the same letters: the variant forms, final sigma, and the micro sign µ that
# many keyboards type for μ. LaTeX's names for the variants (`\vartheta`) read the same way.
GREEK_VARIANTS = {
    "ϑ": "theta",
    "ϕ": "phi",
    "ϵ": "epsilon",
    "ϱ": "rho",
    "ς": "sigma",
    "ϰ": "kappa",
    "µ": "mu",
}
LATEX_GREEK_VARIANTS = {
    "vartheta": "theta",
    "varphi": "phi",
    "varepsilon": "epsilon",
    "varrho": "rho",
    "varsigma": "sigma",
    "varkappa": "kappa",
}
GREEK_BY_LETTER = {letter: name for name, letter in GREEK.items()} | GREEK_VARIANTS

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}


def shown_name(name: str) -> str:
    """A name as a message shows it, the way the lessons write it: eta as η, beta1 as β1."""
    letters = name.rstrip("0123456789")
    return GREEK.get(letters, letters) + name[len(letters) :]


def known_words() -> tuple[str, ...]:
    """Every word a run of letters may hold, longest first, so that `cosh` wins over `cos` and
    `theta` over a product of letters."""
    return _longest_first(typed_names())


@lru_cache(maxsize=1)
def _longest_first(function_names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted([*function_names, *GREEK, "pi"], key=len, reverse=True))
