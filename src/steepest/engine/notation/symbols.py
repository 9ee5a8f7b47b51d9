"""Variables: their canonical names, their SymPy symbols, and the order they are listed in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import sympy

from steepest.engine.errors import LimitExceeded, MathSyntaxError, VariableError
from steepest.engine.notation.lexer import Kind, tokenize
from steepest.engine.notation.names import DeclaredNames, is_valid_variable_name


@lru_cache(maxsize=4096)
def canonical_variable_name(name: str) -> str:
    """`w_1`, `w₁` and `w1` are one variable, and `θ` is `theta`: a declared name is read by
    the same lexer as typed maths, and its canonical spelling is ASCII with no underscore."""
    canonical = _spelled(name)
    if canonical is None or not is_valid_variable_name(canonical):
        raise VariableError(
            f"{name!r} is not a variable name: use letters with optional digits (w1, x_2, lr)"
            " or a Greek letter (theta, θ), but not a function's name or pi"
        )
    return canonical


def _spelled(name: str) -> str | None:
    try:
        tokens = tokenize(name.strip())
    except MathSyntaxError:
        return None
    first = tokens[0]
    if len(tokens) != 2 or first.kind is not Kind.NAME:
        return None
    return first.letters + first.index


def make_symbol(name: str) -> sympy.Symbol:
    # Real symbols: derivatives of abs come out as sign(x), and no conjugates appear.
    return sympy.Symbol(name, real=True)


def natural_key(name: str) -> tuple[str, int]:
    """Sort key under which w2 < w10 and x < y < z."""
    match = re.fullmatch(r"(\D*)(\d*)", name)
    assert match is not None  # the pattern matches every string
    letters, digits = match.groups()
    return (letters, int(digits) if digits else -1)


def order_variables(
    symbols: Iterable[sympy.Symbol], declared: Sequence[str] | None = None
) -> list[sympy.Symbol]:
    """The declared order when the caller gave one, otherwise the natural order."""
    found = {s.name: s for s in symbols}
    if declared is None:
        return [found[name] for name in sorted(found, key=natural_key)]
    names = [canonical_variable_name(v) for v in declared]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise VariableError(f"variable {sorted(duplicates)[0]!r} is declared twice")
    return [found.get(name) or make_symbol(name) for name in names]


def declared_names(
    variables: Sequence[str] | None, parameters: Sequence[str], most: int
) -> DeclaredNames:
    """The variables and parameters a caller declared, checked and in canonical spelling.

    Parameters count toward the most names allowed: each is one more symbol to sample."""
    if len(variables or ()) + len(parameters) > most:
        raise LimitExceeded(f"more than {most} variables and parameters declared")
    declared = None if variables is None else frozenset(map(canonical_variable_name, variables))
    constants = frozenset(map(canonical_variable_name, parameters))
    both = sorted(constants & (declared or frozenset()))
    if both:
        raise VariableError(f"{both[0]!r} is declared both a variable and a parameter")
    return DeclaredNames(declared, constants)
