"""What the table of functions holds about one function, and the table with its lookups.

A `MathFunction` is a SymPy function class a learner may type, with everything each part of the
engine needs to know about it: the parser (its names), the evaluators (a float function, an
error-bound rule, an interval rule, how compiled trees evaluate it), the steps (its derivative
and which rule explains it) and the printers (its text name and how MathML shows it). A
`Shorthand` is a name that only stands for an expression built from others, such as sqrt(u)
for u^(1/2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import sympy

from steepest.engine.functions.domain import Requirement
from steepest.engine.functions.error_bounds import BoundRule
from steepest.engine.functions.interval_rules import IntervalRule

Builder = Callable[[sympy.Expr], sympy.Expr]
ArrayFunction = Callable[[Any], Any]
StepsRule = Literal["trig", "exp", "log", "abs", "sign"]
"""The rule of the steps (calculus/rules.py) that explains the derivative, by its rule_name:
"trig" is the standard-derivative rule, used for any function without a rule of its own."""
MathMLForm = Literal["call", "bars", "power of e"]
"""How a page shows f(u): its glyph with the argument in parentheses, |u|, or e^u."""
_NAME = re.compile(r"[A-Za-z]+[0-9]*")


@dataclass(frozen=True)
class TreeNode:
    """The function is a node of compiled trees (evaluate/tree.py): the browser evaluates it
    with `Math[math_method]`, numpy with `array`, and the Python twin with the float function."""

    math_method: str
    array: ArrayFunction


@dataclass(frozen=True)
class WrittenOut:
    """The function is no node of compiled trees: `to_tree` writes f(u) as `rewrite(u)`, in
    functions the browser has (sec(u) as 1/cos(u))."""

    rewrite: Builder


@dataclass(frozen=True)
class MathFunction:
    name: str
    """Typed, written back by the text printer, and named in compiled trees."""
    sympy_class: Any
    """The SymPy function the parser builds; its expressions are recognised by their type."""
    scalar: Callable[[float], float]
    """The value for a float, for the float walk and the trees' Python twin; raises ValueError
    (or ZeroDivisionError, OverflowError) where there is no finite real value."""
    bound: BoundRule
    """The bounded evaluator's rule (see error_bounds.py)."""
    precise: IntervalRule
    """The precise evaluator's rule, in intervals of any precision (see interval_rules.py)."""
    derivative: Builder
    """d/du f(u) in the textbook form the steps print, written only with functions the grammar
    accepts, so that a learner can type any result back in."""
    in_trees: TreeNode | WrittenOut
    aliases: tuple[str, ...] = ()
    """Other typed names for the same function (log for ln)."""
    steps_rule: StepsRule = "trig"
    mathml: MathMLForm = "call"
    glyph: str | None = None
    """The name a page shows when it differs from `name` (arcsin for asin)."""
    domain: tuple[Requirement, ...] = ()
    """What the argument needs for a real value, recorded by the parser as written; empty when
    every real argument has one. Usually one condition; a half-open interval such as 0 < u ≤ 1
    takes two, as no single condition of the parser's kinds describes one."""

    @property
    def page_name(self) -> str:
        return self.glyph or self.name


@dataclass(frozen=True)
class Shorthand:
    """A typed name that the parser expands at once; the result is printed as what it is."""

    name: str
    expand: Builder
    domain: tuple[Requirement, ...] = ()
    """As for a function: recorded before the expansion simplifies (sqrt(x)^2 becomes x)."""
    aliases: tuple[str, ...] = ()


class FunctionTable:
    """The functions and shorthands, indexed the ways the engine looks them up."""

    def __init__(self, functions: Iterable[MathFunction], shorthands: Iterable[Shorthand]) -> None:
        self.functions = tuple(functions)
        self.shorthands = tuple(shorthands)
        self.builders: dict[str, Builder] = {}
        self.domains: dict[str, tuple[Requirement, ...]] = {}
        for function in self.functions:
            for name in (function.name, *function.aliases):
                self._add_name(name, function.sympy_class, function.domain)
        for shorthand in self.shorthands:
            for name in (shorthand.name, *shorthand.aliases):
                self._add_name(name, shorthand.expand, shorthand.domain)
        for name in self.builders:
            # The lexer reads log10 as the name log with the index 10, and names.py joins them
            # back: that needs the letters alone to name a function too.
            letters = name.rstrip("0123456789")
            if letters != name and letters not in self.builders:
                raise ValueError(f"{name!r} ends in digits after {letters!r}, which is no function")
        self.by_class = {function.sympy_class: function for function in self.functions}
        if len(self.by_class) != len(self.functions):
            raise ValueError("two functions of the table share a SymPy function")
        nodes = [(f, f.in_trees) for f in self.functions if isinstance(f.in_trees, TreeNode)]
        self.tree_functions = {function.name: function for function, _node in nodes}
        self.array_functions = {function.name: node.array for function, node in nodes}
        self.math_methods = {function.name: node.math_method for function, node in nodes}

    def _add_name(self, name: str, builder: Builder, domain: tuple[Requirement, ...]) -> None:
        # The lexer reads a run of letters as names, and digits after it as an index.
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a run of letters, with digits only at its end")
        if name in self.builders:
            raise ValueError(f"the table names {name!r} twice")
        self.builders[name] = builder
        self.domains[name] = domain
