"""`steepest check` reads a lesson's claims with the names its front matter declares, and confirms
those names first, in its worker processes."""

from __future__ import annotations

from pathlib import Path

from steepest.authoring.check import check_lessons

FRONT_MATTER = """\
---
slug: {slug}
title: A narrow valley
course: Math for ML
unit: Unit A
number: {number}
difficulty: Medium
summary: Descent on a bowl.
{names}---
:::: section s
## Title

"""
RATE_CLAIMS = (
    "A step multiplies $w_2$ by"
    ' [$1 - 6\\,lr$]{claim="factor w1^2 + 3w2^2 wrt w2 at rate lr"}, and every distance'
    ' shrinks while [$lr < \\frac{1}{3}$]{claim="stable rate w1^2 + 3w2^2"}.\n'
)


def write(folder: Path, slug: str, names: str, body: str, number: int = 1) -> Path:
    path = folder / f"{slug}.md"
    path.write_text(FRONT_MATTER.format(slug=slug, number=number, names=names) + body + "::::\n")
    return path


def line_holding(path: Path, text: str) -> int:
    (line,) = (n for n, found in enumerate(path.read_text().splitlines(), 1) if text in found)
    return line


def test_claims_are_read_with_the_lessons_parameters(tmp_path: Path) -> None:
    path = write(tmp_path, "valley", "parameters: [lr]\n", RATE_CLAIMS)
    report = check_lessons([path])
    assert (report.claims, report.problems) == (2, ())


def test_without_the_declaration_a_rate_name_is_refused_at_its_claim(tmp_path: Path) -> None:
    path = write(tmp_path, "valley", "", RATE_CLAIMS)
    report = check_lessons([path])
    (problem,) = report.problems
    assert problem.line == line_holding(path, "factor w1^2")
    assert "the rate 'lr' is neither a number nor made of the lesson's parameters" in (
        problem.message
    )


def test_a_wrong_formula_in_a_parameter_names_what_the_engine_finds(tmp_path: Path) -> None:
    wrong = RATE_CLAIMS.replace("1 - 6\\,lr", "1 - 3\\,lr")
    path = write(tmp_path, "valley", "parameters: [lr]\n", wrong)
    (problem,) = check_lessons([path]).problems
    assert problem.message == (
        'claim "factor w1^2 + 3w2^2 wrt w2 at rate lr" says 1 - 3\\,lr, but the engine finds'
        " 1 - 6*lr"
    )


def test_declared_names_are_checked_at_their_line_before_the_claims(tmp_path: Path) -> None:
    both = write(tmp_path, "both", "variables: [w1, lr]\nparameters: [lr]\n", RATE_CLAIMS)
    function = write(tmp_path, "function", "parameters: [sin]\n", RATE_CLAIMS, number=2)
    report = check_lessons([both, function])
    assert [(p.path, p.line, p.message) for p in report.problems] == [
        (
            str(both),
            line_holding(both, "variables:"),
            "the declared names: 'lr' is declared both a variable and a parameter",
        ),
        (
            str(function),
            line_holding(function, "parameters:"),
            "the declared names: 'sin' is not a variable name: use letters with optional digits"
            " (w1, x_2, lr) or a Greek letter (theta, θ), but not a function's name or pi",
        ),
    ]
