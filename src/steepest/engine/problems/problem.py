"""A question with a typed answer: what is asked, about which function, and the answer key.

Eight kinds, all about one function `L` (or `V` for the box):

    partial      ∂L/∂v as a formula                    scalar
    gradient     ∇L as a formula                        vector
    gradient_at  ∇L at a point, as numbers              vector
    descent      −∇L at a point: where descent steps    vector
    optimum      the x in (low, high) where L is largest (or smallest)   scalar
    derivative   L′(w) of a loss of one variable        scalar
    stable_rate  the η below which descent converges on a quadratic: 2/λmax    scalar
    hessian      the matrix of second derivatives       matrix, entries row by row
    critical_point  whether ∇L = 0 at a point makes a minimum, maximum or saddle   a choice
    batch_gradient  ∇L at (w, b) of a line's mean squared error over a batch   vector
    momentum_step   where two heavy-ball steps from a point land    vector (scalar for one weight)
    adam_step       where one Adam step lands, ε = 0                 vector (scalar for one weight)
    rmsprop_step    where one RMSProp step lands, ε = 0              vector (scalar for one weight)

The answer key (`expected`) stays on the server: `to_public_json` leaves it out, and
`solutions.worked_solution` (the worked solution) is for after an attempt.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import (
    POINT_KINDS,
    STEP_KINDS,
    VECTOR_KINDS,
    ClassifiedKind,
    DomainKind,
    Goal,
    ProblemKind,
)
from steepest.engine.answers.sampling import read_domains
from steepest.engine.calculus.critical import classify_critical_point, extrema_on_interval
from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.points import Coordinate, evaluate_at, read_point
from steepest.engine.calculus.quadratic import quadratic_hessian, stable_rates
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_vector,
    to_text,
)
from steepest.engine.notation.symbols import (
    canonical_variable_name,
    make_symbol,
    order_variables,
)
from steepest.engine.problems.adaptive import adaptive_rules
from steepest.engine.problems.batch import Example
from steepest.engine.problems.exact_walk import exact_walk
from steepest.engine.problems.heavy_ball import heavy_ball_rules
from steepest.engine.problems.problem_types import AnswerShape, PublicProblemJson
from steepest.engine.problems.step_prompts import (
    adaptive_prompt,
    batch_prompt,
    momentum_prompt,
    point_text,
)

CLASSIFICATIONS: tuple[ClassifiedKind, ...] = ("minimum", "maximum", "saddle")
_FUNCTION_SLOT = "\x00function\x00"
"""Where `prompt_html` puts the function's MathML: a mark no prompt's text can hold."""
"""What a critical_point problem offers to choose from, in this order."""


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    expected: tuple[sympy.Expr, ...]
    """The answer key: one expression per component (one for a scalar answer; a matrix's
    entries row by row)."""
    respect: sympy.Symbol | None = None
    """For `partial`: the variable to differentiate by."""
    point: tuple[sympy.Expr, ...] | None = None
    """For `gradient_at` and `descent`: coordinates in the order of `variables`."""
    interval: tuple[sympy.Expr, sympy.Expr] | None = None
    goal: Goal | None = None
    domain: tuple[DomainKind, ...] = ()
    """One per variable; what the answer check samples from."""
    name: str = "L"
    level: int | None = None
    seed: int | None = None
    parameters: tuple[sympy.Symbol, ...] = ()
    """Constants the function may hold (η): never differentiated; an answer may use them."""
    classification: ClassifiedKind | None = None
    """For `critical_point`: the answer key, one of `CLASSIFICATIONS` (`expected` is empty)."""
    rates: tuple[sympy.Expr, ...] = ()
    """For `momentum_step`: the learning rate η and the momentum β; for `adam_step` and
    `rmsprop_step`: η. Exact."""
    examples: tuple[Example, ...] = ()
    """For `batch_gradient`: the batch's (x, y), which `function` is the mean squared error of."""

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variables]

    @property
    def parameter_names(self) -> list[str]:
        return [p.name for p in self.parameters]

    @property
    def answer_names(self) -> list[str]:
        """Every name an answer may use: an answer must be right whatever the parameters are."""
        return [*self.names, *self.parameter_names]

    @property
    def answer_domains(self) -> tuple[DomainKind, ...]:
        """Where each of `answer_names` is sampled; a parameter may be any real number."""
        anywhere: DomainKind = "real"
        return (*self.domain, *(anywhere for _ in self.parameters))

    @property
    def is_vector(self) -> bool:
        if self.kind in STEP_KINDS:
            return len(self.variables) > 1  # one weight lands on one number
        if self.kind == "batch_gradient":
            return True
        return self.kind in VECTOR_KINDS

    @property
    def is_matrix(self) -> bool:
        return self.kind == "hessian"

    @property
    def shape(self) -> AnswerShape:
        if self.kind == "critical_point":
            return "choice"
        if self.is_matrix:
            return "matrix"
        return "vector" if self.is_vector else "scalar"

    @property
    def domain_map(self) -> dict[str, DomainKind]:
        return dict(zip(self.names, self.domain, strict=True))

    @property
    def point_map(self) -> dict[sympy.Symbol, sympy.Expr]:
        if self.point is None:
            return {}
        return dict(zip(self.variables, self.point, strict=True))

    def function_head(self) -> str:
        return f"{self.name}({', '.join(self.names)})"

    def prompt(self) -> str:
        """The question in plain text, as a sentence."""
        return self._prompt(f"{self.function_head()} = {to_text(self.function)}")

    def prompt_html(self) -> str:
        """The question as HTML: the same sentence, with the function as MathML, so a page
        shows the function once, typeset."""
        return html.escape(self._prompt(_FUNCTION_SLOT)).replace(
            _FUNCTION_SLOT, self.function_mathml()
        )

    def _prompt(self, f: str) -> str:
        at = "" if self.point is None else f" at {point_text(self.point)}"
        if self.kind == "partial":
            assert self.respect is not None
            return f"Find ∂{self.name}/∂{self.respect.name} for {f}."
        if self.kind == "derivative":
            return f"Find the derivative {self.name}′({self.names[0]}) of {f}."
        if self.kind == "stable_rate":
            return self._stable_rate_prompt(f)
        if self.kind == "momentum_step":
            return momentum_prompt(self.name, self.names, f, self.point, self.rates)
        if self.kind in ("adam_step", "rmsprop_step"):
            return adaptive_prompt(self.kind, self.names, f, self.point, self.rates)
        if self.kind == "batch_gradient":
            return batch_prompt(self.name, self.names, at, self.examples)
        if self.kind == "hessian":
            return f"Find the Hessian of {f}, as a matrix [a, b; c, d]."
        if self.kind == "critical_point":
            return (
                f"{f} has a critical point{at}: ∇{self.name} = 0 there."
                " Is it a minimum, a maximum or a saddle point?"
            )
        if self.kind == "gradient":
            return f"Find the gradient ∇{self.name} of {f}."
        if self.kind == "gradient_at":
            return f"Find the gradient ∇{self.name}{at} for {f}."
        if self.kind == "descent":
            return (
                f"For {f}, which vector does gradient descent step along{at}?"
                " Give it without normalising."
            )
        assert self.interval is not None
        low, high = (to_text(end) for end in self.interval)
        size = "largest" if self.goal == "maximum" else "smallest"
        variable = self.names[0]
        return (
            f"For {f} with {low} < {variable} < {high}, which {variable} makes {self.name} {size}?"
        )

    def _stable_rate_prompt(self, f: str) -> str:
        if len(self.variables) == 1:
            step = f"{self.names[0]} ← {self.names[0]} − η·{self.name}′({self.names[0]})"
        else:
            step = f"w ← w − η·∇{self.name}"
        return (
            f"Gradient descent steps {step} on {f}. It converges from every start exactly"
            " when 0 < η < η_max. Find η_max, exactly or to 3 significant figures."
        )

    def function_mathml(self) -> str:
        head = sympy.Function(self.name)(*self.variables)
        return mathml_math(mathml_equation(mathml_fragment(head), mathml_fragment(self.function)))

    def to_public_json(self) -> PublicProblemJson:
        """Everything a page needs to ask the question, and nothing that gives the answer away:
        not the seed either, from which the server rebuilds the answer key."""
        return {
            "kind": self.kind,
            "level": self.level,
            "prompt": self.prompt(),
            "prompt_html": self.prompt_html(),
            "name": self.name,
            "function": to_text(self.function),
            "function_mathml": self.function_mathml(),
            "variables": self.names,
            "respect": None if self.respect is None else self.respect.name,
            "point": None if self.point is None else [to_text(c) for c in self.point],
            "point_mathml": None
            if self.point is None
            else mathml_math(mathml_vector([mathml_fragment(c) for c in self.point])),
            "interval": None if self.interval is None else [to_text(e) for e in self.interval],
            "goal": self.goal,
            "domain": self.domain_map,
            "components": len(self.expected),
            "shape": self.shape,
            "choices": list(CLASSIFICATIONS) if self.shape == "choice" else None,
        }


def make_problem(
    kind: ProblemKind,
    function: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    *,
    respect: sympy.Symbol | None = None,
    point: Sequence[sympy.Expr] | None = None,
    interval: tuple[sympy.Expr, sympy.Expr] | None = None,
    goal: Goal | None = None,
    domain: Mapping[str, str] | None = None,
    name: str = "L",
    level: int | None = None,
    seed: int | None = None,
    parameters: Sequence[sympy.Symbol] = (),
    rates: Sequence[sympy.Expr] = (),
    examples: Sequence[Example] = (),
) -> Problem:
    """A problem with its answer key worked out by the engine."""
    variables = tuple(variables)
    names = [v.name for v in variables]
    domains = read_domains(domain, names)
    at = None if point is None else tuple(point)
    classification: ClassifiedKind | None = None
    if kind == "partial":
        if respect is None or respect not in variables:
            raise VariableError("a partial-derivative problem needs one of its variables")
        expected: tuple[sympy.Expr, ...] = (sympy.diff(function, respect),)
    elif kind == "gradient":
        expected = gradient(function, variables)
    elif kind == "derivative":
        if len(variables) != 1:
            raise VariableError("a derivative problem needs a loss of one variable")
        respect = variables[0]
        expected = (sympy.diff(function, respect),)
    elif kind == "stable_rate":
        matrix = quadratic_hessian(function, variables)
        expected = (stable_rates(matrix, "the Hessian").sup,)
    elif kind == "hessian":
        expected = tuple(hessian(function, variables))
    elif kind == "critical_point":
        expected, classification = (), _classify(function, variables, at)
    elif kind == "momentum_step":
        if at is None or len(at) != len(variables) or len(rates) != 2:
            raise VariableError("a momentum step needs a starting point, η and β")
        expected = exact_walk(function, variables, at, heavy_ball_rules(*rates))[-1]
    elif kind in ("adam_step", "rmsprop_step"):
        if at is None or len(at) != len(variables) or len(rates) != 1:
            raise VariableError("an adaptive step needs a starting point and η")
        expected = exact_walk(function, variables, at, adaptive_rules(kind, rates[0]))[-1]
    elif kind in (*POINT_KINDS, "batch_gradient"):
        if at is None or len(at) != len(variables):
            raise VariableError(f"the point needs {len(variables)} coordinates")
        values = dict(zip(variables, at, strict=True))
        expected = tuple(evaluate_at(g, values) for g in gradient(function, variables))
        if kind == "descent":
            expected = tuple(-g for g in expected)
    else:
        expected = (_optimum(function, variables, interval, goal),)
    return Problem(
        kind,
        function,
        variables,
        expected,
        respect,
        at,
        interval,
        goal,
        domains,
        name,
        level,
        seed,
        tuple(parameters),
        classification,
        tuple(rates),
        tuple(examples),
    )


def _classify(
    function: sympy.Expr,
    variables: tuple[sympy.Symbol, ...],
    point: tuple[sympy.Expr, ...] | None,
) -> ClassifiedKind:
    """What the second-derivative test says of a point where the gradient is zero."""
    if point is None or len(point) != len(variables):
        raise VariableError(f"the critical point needs {len(variables)} coordinates")
    at = dict(zip(variables, point, strict=True))
    if any(sympy.simplify(g.xreplace(at)) != 0 for g in gradient(function, variables)):
        raise EvaluationError(f"the gradient of {to_text(function)} is not zero there")
    found = classify_critical_point(function, variables, at)
    if found == "inconclusive":
        raise EvaluationError("the Hessian is singular there: the second-derivative test is mute")
    return found


def _optimum(
    function: sympy.Expr,
    variables: tuple[sympy.Symbol, ...],
    interval: tuple[sympy.Expr, sympy.Expr] | None,
    goal: Goal | None,
) -> sympy.Expr:
    if len(variables) != 1 or interval is None or goal is None:
        raise VariableError("an optimum problem needs one variable, an interval and a goal")
    found = [e for e in extrema_on_interval(function, variables[0], *interval) if e.kind == goal]
    if not found:
        raise EvaluationError(f"{to_text(function)} has no {goal} inside the interval")
    best = max if goal == "maximum" else min
    return best(found, key=lambda e: float(e.value)).location


def problem_from_text(
    kind: ProblemKind,
    function: str,
    variables: Sequence[str] | None = None,
    *,
    respect: str | None = None,
    at: Mapping[str, Coordinate] | None = None,
    interval: tuple[int | str, int | str] | None = None,
    goal: Goal | None = None,
    domain: Mapping[str, str] | None = None,
    name: str = "L",
    parameters: Sequence[str] = (),
) -> Problem:
    """The same from text: `problem_from_text("partial", "w1^2 + 3w2^2", respect="w2")`.
    `parameters` are constants (`eta`), read whole and never differentiated."""
    expr = parse(function, variables, parameters=parameters)
    constants = tuple(make_symbol(canonical_variable_name(p)) for p in parameters)
    ordered = order_variables(set(expr.free_symbols) - set(constants), variables)
    by_name = {v.name: v for v in ordered}
    point = None
    if at is not None:
        values = read_point(at, ordered)
        point = [values[v] for v in ordered]
    ends = None
    if interval is not None:
        ends = (parse(str(interval[0]), []), parse(str(interval[1]), []))
    return make_problem(
        kind,
        expr,
        ordered,
        respect=None if respect is None else by_name.get(canonical_variable_name(respect)),
        point=point,
        interval=ends,
        goal=goal,
        domain=domain,
        name=name,
        parameters=constants,
    )
