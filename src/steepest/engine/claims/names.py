"""The names a lesson declares in its front matter, with which its claims are read.

    variables: [w1, w2]       only these are variables; a point names some of them
    parameters: [eta]         constants such as a learning rate: read whole, never differentiated,
                              never given a value at a point

Without declarations any name is a variable, as a learner's free text reads: `xy` is x·y, and a
Greek name such as `eta` is still one name, but a variable. Parameters are what make a claim's
value a formula in η: the factor 1 − 6η, the position after a step at rate η.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.points import Point, read_point
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EngineError, VariableError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import (
    canonical_variable_name,
    declared_names,
    make_symbol,
    order_variables,
)


@dataclass(frozen=True)
class ClaimNames:
    variables: tuple[str, ...] | None = None
    """None: any name is a variable."""
    parameters: tuple[str, ...] = ()

    def check(self) -> None:
        """Raise what is wrong with the declarations themselves: a name the engine does not
        read whole, a name that is both, too many names."""
        declared_names(self.variables, self.parameters, DEFAULT_LIMITS.max_variables)

    def parameter_symbols(self) -> frozenset[sympy.Symbol]:
        return frozenset(make_symbol(canonical_variable_name(p)) for p in self.parameters)

    def read(self, text: str, point_names: Sequence[str] | None = None) -> sympy.Expr:
        """A statement's expression. With a point, its names are the variables (each one a
        declared variable, when the lesson declares them)."""
        if point_names is None:
            return parse(text, self.variables, parameters=self.parameters)
        canonical = [canonical_variable_name(name) for name in point_names]
        parameters = {canonical_variable_name(p) for p in self.parameters}
        for name in canonical:
            if name in parameters:
                raise VariableError(
                    f"{name} is a parameter of the lesson: a point gives values to variables only"
                )
        if self.variables is not None:
            declared = {canonical_variable_name(v) for v in self.variables}
            undeclared = [name for name in canonical if name not in declared]
            if undeclared:
                raise VariableError(
                    f"the point names {undeclared[0]}, which the lesson does not declare a"
                    f" variable ({', '.join(self.variables)})"
                )
        return parse(text, canonical, parameters=self.parameters)

    def read_shown(self, text: str) -> sympy.Expr:
        """An expression the lesson shows, read with the same names as its statements."""
        return parse(text, self.variables, parameters=self.parameters)

    def read_rate(self, text: str) -> sympy.Expr:
        """A learning rate: a positive number, or an expression in the declared parameters."""
        try:
            rate = parse(text, variables=[], parameters=self.parameters)
        except EngineError:
            declared = ", ".join(self.parameters) or "none"
            raise VariableError(
                f"the rate {text!r} is neither a number nor made of the lesson's parameters"
                f" ({declared}); declare a rate such as η with `parameters: [eta]`"
            ) from None
        if rate.is_number and not rate.is_positive:
            raise VariableError(f"the rate {text!r} is not positive: a learning rate is above 0")
        return rate

    def variables_of(
        self, expr: sympy.Expr, also: Iterable[sympy.Symbol] = ()
    ) -> list[sympy.Symbol]:
        """The variables of `expr` (and `also`), parameters aside: in the declared order, else in
        the usual order (w1 < w2 < w10)."""
        found = (set(expr.free_symbols) | set(also)) - self.parameter_symbols()
        if self.variables is None:
            return order_variables(found)
        names = {s.name for s in found}
        ordered = order_variables(found, self.variables)
        return [s for s in ordered if s.name in names]

    def function_and_point(
        self, statement: Statement
    ) -> tuple[sympy.Expr, list[sympy.Symbol], Point | None]:
        """A statement's expression, its variables in order (a point's order when it has one),
        and its point, read exactly."""
        if statement.point is None:
            function = self.read(statement.function)
            return function, self.variables_of(function), None
        names = [name for name, _value in statement.point]
        function = self.read(statement.function, names)
        variables = order_variables(function.free_symbols - self.parameter_symbols(), names)
        return function, variables, read_point(dict(statement.point), variables)
