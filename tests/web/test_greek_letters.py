"""Every lowercase Greek letter, by name and by glyph, through each reader of typed maths: the
parser, declared variables, `steepest grad`, /api/gradient, /api/equivalent, /api/preview and
the claims of a lesson. The learning rate is η in every ML text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sympy
from starlette.testclient import TestClient

from steepest.engine.claims.verify import verify_claim
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name
from steepest.engine.notation.vocabulary import GREEK, GREEK_VARIANTS, LATEX_GREEK_VARIANTS

LETTERS = sorted(GREEK)
# The command line and the API take at most 12 variables at once.
BATCHES = [LETTERS[:12], LETTERS[12:]]


def symbol(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)


@pytest.mark.parametrize("name", LETTERS)
def test_a_greek_name_and_its_glyph_are_one_variable(name: str) -> None:
    glyph = GREEK[name]
    expected = 2 * symbol(name) ** 2 + 3 * symbol(name)
    assert parse(f"2{name}^2 + 3{name}") == expected
    assert parse(f"2{glyph}^2 + 3{glyph}") == expected


@pytest.mark.parametrize("name", LETTERS)
def test_a_greek_name_is_never_split_into_letters(name: str) -> None:
    # `eta` beside a w must not read as e·t·a with e as Euler's number.
    assert parse(f"w - {name}*2w").free_symbols == {symbol("w"), symbol(name)}


@pytest.mark.parametrize(("glyph", "name"), sorted(GREEK_VARIANTS.items()))
def test_a_variant_glyph_reads_as_its_letter(glyph: str, name: str) -> None:
    assert parse(f"{glyph}^2") == symbol(name) ** 2


@pytest.mark.parametrize("name", LETTERS)
def test_a_variable_may_be_declared_by_name_glyph_or_subscript(name: str) -> None:
    glyph = GREEK[name]
    assert canonical_variable_name(glyph) == name
    assert canonical_variable_name(f"{glyph}₁") == f"{name}1"
    assert canonical_variable_name(f"{name}_1") == f"{name}1"
    assert parse(f"{glyph}₁ {name}_2", [f"{glyph}₁", f"{name}2"]) == symbol(f"{name}1") * symbol(
        f"{name}2"
    )


def test_declared_names_keep_their_letters_apart() -> None:
    # With x and i declared, `xi` is x·i, as any run of declared names is.
    x, i = symbol("x"), symbol("i")
    assert parse("xi", ["x", "i"]) == x * i
    assert parse("xi") == symbol("xi")


@pytest.mark.parametrize("letters", BATCHES)
def test_the_command_line_differentiates_by_every_greek_letter(letters: list[str]) -> None:
    typed = " + ".join(f"{GREEK[name]}^2" for name in letters)
    result = subprocess.run(
        [sys.executable, "-m", "steepest.cli", "grad", typed, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["variables"] == letters
    for name in letters:
        assert parse(report["partials"][name]) == 2 * symbol(name)


@pytest.mark.parametrize("letters", BATCHES)
def test_the_gradient_api_takes_greek_names_and_glyphs(
    client: TestClient, letters: list[str]
) -> None:
    body = {
        "expression": " + ".join(f"{name}^2" for name in letters),
        "variables": [GREEK[name] for name in letters],
        "at": {GREEK[name]: 1 for name in letters},
    }
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["variables"] == letters
    assert report["gradient_at"] == dict.fromkeys(letters, 2)


@pytest.mark.parametrize("name", LETTERS)
def test_the_equivalence_api_reads_a_greek_glyph_as_its_name(client: TestClient, name: str) -> None:
    glyph = GREEK[name]
    same = {"expected": f"2*{name}", "answer": f"{glyph} + {glyph}", "variables": [glyph]}
    response = client.post("/api/equivalent", json=same)
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "correct"
    different = {**same, "answer": f"{glyph}^2"}
    assert client.post("/api/equivalent", json=different).json()["verdict"] == "incorrect"


def test_the_preview_shows_each_greek_letter_as_its_glyph(client: TestClient) -> None:
    for name in LETTERS:
        response = client.post("/api/preview", json={"text": f"2{name}"})
        assert response.status_code == 200, response.text
        assert f"<mi>{GREEK[name]}</mi>" in response.json()["mathml"], name


@pytest.mark.parametrize("name", LETTERS)
def test_a_claim_may_name_a_greek_letter_by_name_or_glyph(name: str) -> None:
    glyph = GREEK[name]
    assert verify_claim(f"slope {name}^3 wrt {name} at {name} = 2", "$12$").ok
    assert verify_claim(f"slope {glyph}^3 wrt {glyph} at {glyph} = 2", "$12$").ok
    assert not verify_claim(f"slope {name}^3 wrt {name} at {name} = 2", "$8$").ok
    assert verify_claim(f"partial {name}^3 wrt {name}", f"$3\\{name}^2$").ok
    assert not verify_claim(f"partial {name}^3 wrt {name}", f"$3\\{name}$").ok


@pytest.mark.parametrize(("latex", "name"), sorted(LATEX_GREEK_VARIANTS.items()))
def test_a_claim_reads_latex_variant_letters(latex: str, name: str) -> None:
    assert verify_claim(f"partial {name}^2 wrt {name}", f"$2\\{latex}$").ok
