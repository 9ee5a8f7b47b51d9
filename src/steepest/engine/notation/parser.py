"""A recursive-descent parser that builds SymPy expressions straight from learner text.

Typed text never reaches eval, sympify or parse_expr: the only callables it can reach are the
functions of the table in `functions/table.py`. The grammar, loosest binding first:

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary | implicit)*     implicit = a factor with no operator
    unary      := ("+" | "-") unary | power
    power      := atom ("^" unary | SUPERSCRIPT)?             right-associative: 2^3^2 = 2^9
    atom       := NUMBER | variable | constant | "(" expression ")" | "√" power
                | FUNCTION ("^" NUMBER | SUPERSCRIPT)? ( "(" expression ")" | bare-argument )
    bare-argument := power (implicit power)*                  sin 2x = sin(2x), stops at a function

Implicit multiplication binds like `*`, left to right, so `1/2x` is x/2 and `3x^2y` is 3·x²·y.
`sin^2(x)` is (sin x)²; `sin^-1` is refused because readers disagree on what it means.
Decimals are read exactly (0.5 is 1/2): the engine is a CAS, and points decide exactness.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.errors import LimitExceeded, MathSyntaxError
from steepest.engine.functions.domain import Condition
from steepest.engine.functions.table import function_builder, function_domain
from steepest.engine.limits import DEFAULT_LIMITS, Limits
from steepest.engine.notation.lexer import Kind, Token, tokenize
from steepest.engine.notation.names import DeclaredNames, Piece
from steepest.engine.notation.numbers import read_integer, read_number
from steepest.engine.notation.power_limits import (
    check_constant_exponent,
    check_exact_power_digits,
    effective_exponent_check,
    largest_exponent,
)
from steepest.engine.notation.symbols import declared_names, make_symbol
from steepest.engine.notation.vocabulary import CONSTANTS
from steepest.engine.notation.written import (
    Written,
    check_periodic_argument,
    power_conditions,
    require,
)

_FACTOR_STARTS = {Kind.NUMBER, Kind.NAME, Kind.OPEN, Kind.ROOT}
OVERSIZED_FACTOR = 10


def parse(
    text: str,
    variables: Sequence[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    parameters: Sequence[str] = (),
) -> sympy.Expr:
    """Parse typed math into a SymPy expression over real symbols.

    With `variables`, only those names are variables; anything else is an error. `parameters`
    are names read whole, as symbols, that the caller will not treat as variables.
    """
    return parse_written(text, variables, limits, parameters=parameters).expr


def parse_written(
    text: str,
    variables: Sequence[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    parameters: Sequence[str] = (),
) -> Written:
    """Parse as `parse` does, keeping the domain conditions of what was written (see
    written.py): exp(ln x) is x, but only where x > 0."""
    if len(text) > limits.max_length:
        raise LimitExceeded(f"input longer than {limits.max_length} characters")
    if not text.strip():
        raise MathSyntaxError("the expression is empty")
    # Declared names count even when unused: each becomes a partial derivative, an entry of a
    # point, a sampled coordinate (1,050 of them made a 127 MB gradient report).
    names = declared_names(variables, parameters, limits.max_variables)
    parser = Parser(tokenize(text), names, limits)
    expr = parser.parse_all()
    return Written(expr, tuple(parser.conditions))


class Parser:
    """The grammar above. Its building methods make the evaluated tree the checker judges;
    `shown.ShownParser` overrides them to keep the form the learner typed."""

    def __init__(self, tokens: list[Token], names: DeclaredNames, limits: Limits):
        # Names are split into pieces lazily, so the token list can grow as we go.
        self.tokens = tokens
        self.pos = 0
        self.names = names
        self.limits = limits
        self.depth = 0
        self.nodes = 0
        self.pending: list[Piece] = []
        self.variables: set[str] = set()
        self.conditions: list[Condition] = []
        # Columns of powers of a variable past the exponent limit, allowed while they may
        # still cancel (x^1001/x is x^1000) and judged on the whole expression at the end.
        self.oversized: list[int] = []

    # -- token access -------------------------------------------------------------------------

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def next_is(self, kind: Kind, text: str | None = None) -> bool:
        if self.pending:
            return kind is Kind.NAME and text is None
        token = self.token
        return token.kind is kind and (text is None or token.text == text)

    def advance(self) -> Token:
        token = self.token
        self.pos += 1
        return token

    def expect_close(self, opener: Token) -> None:
        if self.pending or self.token.kind is not Kind.CLOSE:
            where = self.pending[0].column if self.pending else self.token.column
            if not self.pending and self.token.kind is Kind.END:
                raise MathSyntaxError("missing ')' to close the '('", opener.column)
            raise MathSyntaxError(self.describe_unexpected("expected ')'"), where)
        self.advance()

    def describe_unexpected(self, wanted: str) -> str:
        token = self.token
        if token.kind is Kind.END:
            return f"unexpected end of input: {wanted}"
        return f"unexpected {token.text!r}: {wanted}"

    def next_piece(self) -> Piece:
        if not self.pending:
            token = self.advance()
            before_paren = self.token.kind is Kind.OPEN
            self.pending = self.names.split(token, before_paren)
        return self.pending.pop(0)

    def peek_piece(self) -> Piece | None:
        if self.pending:
            return self.pending[0]
        if self.token.kind is not Kind.NAME:
            return None
        pieces = self.names.split(self.token, self.tokens[self.pos + 1].kind is Kind.OPEN)
        return pieces[0]

    # -- bookkeeping --------------------------------------------------------------------------

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise LimitExceeded(f"nested more than {self.limits.max_depth} deep", column)

    def leave(self) -> None:
        self.depth -= 1

    def column_here(self) -> int:
        return self.pending[0].column if self.pending else self.token.column

    def require_all(self, conditions: list[Condition], column: int) -> None:
        for condition in conditions:
            placed = require(condition, column)
            # sqrt(x)·sqrt(x) needs x ≥ 0 once: the first place it is written is kept.
            if placed is not None and not any(placed.same_need(c) for c in self.conditions):
                self.conditions.append(placed)

    def count_node(self, column: int) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LimitExceeded(f"expression larger than {self.limits.max_nodes} parts", column)

    # -- grammar ------------------------------------------------------------------------------

    def parse_all(self) -> sympy.Expr:
        expr = self.expression()
        if self.pending or self.token.kind is not Kind.END:
            column = self.pending[0].column if self.pending else self.token.column
            if self.token.kind is Kind.CLOSE:
                raise MathSyntaxError("unmatched ')'", column)
            raise MathSyntaxError(self.describe_unexpected("expected an operator"), column)
        if len(self.variables) > self.limits.max_variables:
            raise LimitExceeded(f"more than {self.limits.max_variables} variables")
        if self.oversized and largest_exponent(expr) > self.limits.max_exponent:
            limit = self.limits.max_exponent
            raise LimitExceeded(f"exponent too large (more than {limit})", self.oversized[0])
        if expr.has(sympy.I, sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            # Every way to these should be refused at its node; this is the last guard.
            raise MathSyntaxError("no real value: the expression is not a finite real number")
        return expr

    def expression(self) -> sympy.Expr:
        terms = [self.term()]
        while self.next_is(Kind.OPERATOR) and self.token.text in "+-":
            op = self.advance()
            self.count_node(op.column)
            term = self.term()
            terms.append(term if op.text == "+" else self.negated(term))
        return self.sum(terms) if len(terms) > 1 else terms[0]

    def term(self) -> sympy.Expr:
        numerators = [self.unary()]
        denominators: list[tuple[sympy.Expr, int]] = []
        while True:
            if self.next_is(Kind.OPERATOR) and self.token.text in "*/":
                op = self.advance()
                self.count_node(op.column)
                operand = self.unary()
                if op.text == "*":
                    numerators.append(operand)
                else:
                    denominators.append((operand, op.column))
            elif self.starts_implicit_factor():
                self.count_node(self.token.column)
                numerators.append(self.power())
            else:
                break
        result = self.product(numerators)
        for denominator, column in denominators:
            self.require_all([Condition("nonzero", denominator, "division by zero")], column)
            result = self.quotient(result, denominator)
        return result

    def starts_implicit_factor(self) -> bool:
        if self.pending:
            return True
        kind = self.token.kind
        if kind is Kind.NUMBER and self.tokens[self.pos - 1].kind is Kind.NUMBER:
            raise MathSyntaxError("two numbers in a row: add an operator", self.token.column)
        return kind in _FACTOR_STARTS

    def unary(self) -> sympy.Expr:
        if self.next_is(Kind.OPERATOR) and self.token.text in "+-":
            op = self.advance()
            self.enter(op.column)
            operand = self.unary()
            self.leave()
            return self.negated(operand) if op.text == "-" else operand
        return self.power()

    def power(self) -> sympy.Expr:
        start = self.column_here()
        base = self.atom()
        if self.next_is(Kind.OPERATOR, "^"):
            op = self.advance()
            self.enter(op.column)
            exponent = self.unary()
            self.leave()
            return self.checked_power(base, exponent, op.column, start)
        if self.next_is(Kind.SUPERSCRIPT):
            sup = self.advance()
            exponent = self.integer(sup.text, sup.column)
            return self.checked_power(base, exponent, sup.column, start)
        return base

    def atom(self) -> sympy.Expr:
        if self.pending or self.token.kind is Kind.NAME:
            return self.named()
        token = self.token
        if token.kind is Kind.NUMBER:
            self.advance()
            self.count_node(token.column)
            return self.number(token)
        if token.kind is Kind.OPEN:
            self.advance()
            self.enter(token.column)
            inner = self.expression()
            self.expect_close(token)
            self.leave()
            return inner
        if token.kind is Kind.ROOT:
            self.advance()
            self.enter(token.column)
            radicand = self.power()
            self.leave()
            self.require_all(power_conditions(radicand, sympy.S.Half), token.column)
            return self.root(radicand)
        if token.kind is Kind.SUPERSCRIPT:
            raise MathSyntaxError("an exponent needs something to raise", token.column)
        raise MathSyntaxError(
            self.describe_unexpected("expected a number, a name or '('"), token.column
        )

    def named(self) -> sympy.Expr:
        piece = self.next_piece()
        self.count_node(piece.column)
        if piece.kind == "variable":
            self.variables.add(piece.name)
            return make_symbol(piece.name)
        if piece.kind == "constant":
            return CONSTANTS[piece.name]
        return self.call(piece)

    def call(self, function: Piece) -> sympy.Expr:
        outer_power: sympy.Expr | None = None
        if not self.pending and self.next_is(Kind.OPERATOR, "^"):
            op = self.advance()
            outer_power = self.function_power(function, op)
        elif not self.pending and self.next_is(Kind.SUPERSCRIPT):
            sup = self.advance()
            outer_power = self.function_power(function, sup)
        self.enter(function.column)
        if not self.pending and self.token.kind is Kind.OPEN:
            opener = self.advance()
            argument = self.expression()
            if self.next_is(Kind.COMMA):
                raise MathSyntaxError(f"{function.name} takes one argument", self.token.column)
            self.expect_close(opener)
        else:
            argument = self.bare_argument(function)
        self.leave()
        value = self.applied(function, argument)
        if outer_power is not None:
            # sin^n(x) is (sin x)^n: the same limits as any other power.
            value = self.checked_power(value, outer_power, function.column, function.column)
        return value

    def function_power(self, function: Piece, op: Token) -> sympy.Expr:
        # `sin^2(x)` squares the sine; `sin^-1(x)` would be ambiguous, so only counts are allowed.
        name, text = function.name, op.text
        inverse = f"a{name}" if function_builder(f"a{name}") is not None else None
        if op.kind is Kind.OPERATOR:
            if not self.next_is(Kind.NUMBER) or not self.token.text.isdigit():
                raise MathSyntaxError(
                    f"after {name}^ only a whole number may follow, as in {name}^2(x)"
                    + (f"; for an inverse use {inverse}" if inverse else ""),
                    op.column,
                )
            text = self.advance().text
        exponent = self.integer(text, op.column)
        if exponent < 1:
            raise MathSyntaxError(
                f"{name}^{text} is ambiguous: write "
                + (f"{inverse}(x) for an inverse, or " if inverse else "")
                + f"1/{name}(x)",
                op.column,
            )
        return exponent

    def bare_argument(self, function: Piece) -> sympy.Expr:
        # `sin x`, `sin 2x`, `sin x^2`: the argument runs until an operator or the next function.
        if not (self.pending or self.token.kind in _FACTOR_STARTS):
            raise MathSyntaxError(
                f"{function.name} needs an argument, as in {function.name}(x)", function.column
            )
        factors = [self.power()]
        while self.starts_implicit_factor():
            upcoming = self.peek_piece()
            if upcoming is not None and upcoming.kind == "function":
                break
            factors.append(self.power())
        return self.product(factors)

    # -- building: the evaluated tree the checker judges; shown.py builds the typed form ------

    def sum(self, terms: Sequence[sympy.Expr]) -> sympy.Expr:
        return sympy.Add(*terms)

    def product(self, factors: Sequence[sympy.Expr]) -> sympy.Expr:
        return sympy.Mul(*factors)

    def negated(self, operand: sympy.Expr) -> sympy.Expr:
        return -operand

    def quotient(self, numerator: sympy.Expr, denominator: sympy.Expr) -> sympy.Expr:
        return numerator / denominator

    def root(self, radicand: sympy.Expr) -> sympy.Expr:
        return sympy.sqrt(radicand)

    def applied(self, function: Piece, argument: sympy.Expr) -> sympy.Expr:
        build = function_builder(function.name)
        assert build is not None  # names.py calls a word a function only when the table has it
        self.require_all(
            [need.on(argument) for need in function_domain(function.name)], function.column
        )
        value = build(argument)
        if isinstance(value, sympy.exp):
            # exp(u) is e^u: the same bound on a tower, however it is written.
            check_constant_exponent(sympy.E, value.args[0], self.limits, function.column)
        check_periodic_argument(value, function.column)
        return value

    # -- numbers ------------------------------------------------------------------------------

    def number(self, token: Token) -> sympy.Expr:
        return read_number(token.text, self.limits, token.column)

    def integer(self, text: str, column: int) -> sympy.Integer:
        return read_integer(text, self.limits, column)

    def checked_power(
        self, base: sympy.Expr, exponent: sympy.Expr, column: int, start: int
    ) -> sympy.Expr:
        """Refuse powers whose exact value would be huge before SymPy tries to compute them,
        and record what the power needs of its base (refused at once for constants)."""
        limit = self.limits.max_exponent
        # A power of a variable may pass the limit on the way, up to this, if the whole
        # expression ends within it: the value is what costs, not how it was written.
        on_the_way = limit * OVERSIZED_FACTOR
        effective_exponent_check(base, exponent, on_the_way, column)
        check_constant_exponent(base, exponent, self.limits, column)
        # e^n stays exp(n), whatever n: held to the size of a tower above, not to the limit.
        if exponent.is_Number and base is not sympy.E:
            # A whole power of a number is held to its digits below, as 9^999 is.
            exact_number = base.is_Number and exponent.is_Integer
            constant = not base.free_symbols and not exact_number
            if abs(exponent) > on_the_way or (abs(exponent) > limit and constant):
                raise LimitExceeded(f"exponent too large (more than {limit})", column)
            check_exact_power_digits(base, exponent, self.limits, column)
        if base == 0 and exponent.is_Number and exponent.is_negative:
            raise MathSyntaxError("division by zero (0 to a negative power)", column)
        self.require_all(power_conditions(base, exponent), start)
        power = base**exponent
        # Only the power just built can be new: SymPy combines (x^100)^100 into x^10000.
        if isinstance(power, sympy.Pow) and largest_exponent(power, shallow=True) > limit:
            self.oversized.append(column)
        return power
