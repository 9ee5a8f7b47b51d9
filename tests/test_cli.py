"""The `steepest` command, run the way a person or a script runs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sympy

from steepest.engine.notation.parser import parse

STEEPEST = [sys.executable, "-m", "steepest.cli"]


def steepest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*STEEPEST, *args], capture_output=True, text=True, timeout=30)


def test_grad_prints_partials_gradient_value_and_steps() -> None:
    result = steepest("grad", "w1^2 + 3w2^2", "--at", "w1=1,w2=1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2*w1" in out and "6*w2" in out
    assert "(2, 6)" in out
    assert "−2" in out or "-2" in out
    assert "w2" in out and "frozen" in out.lower()


def test_grad_json_follows_the_contract() -> None:
    result = steepest("grad", "w1^2 + 3w2^2", "--at", "w1=1,w2=1", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {
        "expression", "variables", "partials", "gradient", "at", "gradient_at", "kinks", "steps",
    }  # fmt: skip
    w1, w2 = sympy.symbols("w1 w2")
    expr = sympy.sympify(report["expression"])
    assert report["variables"] == ["w1", "w2"]
    for name, partial in report["partials"].items():
        assert sympy.simplify(sympy.sympify(partial) - sympy.diff(expr, name)) == 0
    assert [sympy.sympify(g) for g in report["gradient"]] == [2 * w1, 6 * w2]
    assert report["at"] == {"w1": 1, "w2": 1}
    assert report["gradient_at"] == {"w1": 2, "w2": 6}
    assert all(isinstance(v, int) for v in report["gradient_at"].values())
    assert [step["kind"] for step in report["steps"]][-2:] == ["evaluate", "descent"]


def test_grad_json_without_a_point_has_null_values() -> None:
    report = json.loads(steepest("grad", "x y", "--json").stdout)
    assert report["at"] is None and report["gradient_at"] is None


def test_declared_variables_fix_the_order() -> None:
    report = json.loads(steepest("grad", "x + 2y", "--vars", "y,x", "--json").stdout)
    assert report["variables"] == ["y", "x"]
    assert report["gradient"] == ["2", "1"]


def test_params_are_constants_not_variables() -> None:
    result = steepest("grad", "w1 - 2*eta*w1^2", "--params", "eta", "--at", "w1=1", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    w1, eta = sympy.symbols("w1 eta", real=True)
    loss = w1 - 2 * eta * w1**2
    names = {"w1": w1, "eta": eta}
    assert report["variables"] == ["w1"]
    assert sympy.sympify(report["partials"]["w1"], locals=names) == sympy.diff(loss, w1)
    # The point gives w1 only, so the gradient there holds eta, as text.
    at_point = sympy.sympify(report["gradient_at"]["w1"], locals=names)
    assert at_point == sympy.diff(loss, w1).subs(w1, 1)


@pytest.mark.parametrize(
    "args",
    [["-x^2", "--json"], ["--json", "-x^2"], ["--json", "--", "-x^2"]],
)
def test_an_expression_may_start_with_a_minus(args: list[str]) -> None:
    result = steepest("grad", *args)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    x = sympy.Symbol("x")
    assert sympy.sympify(report["expression"]) == -(x**2)
    assert sympy.sympify(report["partials"]["x"]) == sympy.diff(-(x**2), x)


def test_a_mistyped_option_is_still_refused() -> None:
    result = steepest("grad", "x^2", "--jsn")
    assert result.returncode == 2
    assert "--jsn" in result.stderr


def test_decimal_point_is_read_exactly() -> None:
    x = sympy.Symbol("x")
    for typed, exact in (("0.5", sympy.Rational(1, 2)), ("0.3", sympy.Rational(3, 10))):
        report = json.loads(steepest("grad", "x^2", "--at", f"x={typed}", "--json").stdout)
        slope = sympy.diff(x**2, x).subs(x, exact)
        # 2 · 1/2 is the integer 1, not 1.0; 2 · 3/10 is 3/5, which JSON can only show as 0.6.
        assert report["gradient_at"] == {"x": int(slope) if slope.is_integer else float(slope)}
        assert type(report["gradient_at"]["x"]) is (int if slope.is_integer else float)
    text = steepest("grad", "x^2", "--at", "x=0.3").stdout
    assert "3/5" in text


@pytest.mark.parametrize("point", ["x", "x=1,", "x=1 y=2", "x=1, x=2", "2x=1", "x="])
def test_a_mistyped_point_reads_the_same_on_the_command_line_as_in_a_claim(point: str) -> None:
    from steepest.engine.claims.verify import verify_claim
    from steepest.engine.errors import PointSyntaxError

    with pytest.raises(PointSyntaxError) as in_claim:
        verify_claim(f"value x^2 at {point}", "1")
    result = steepest("grad", "x^2", "--at", point)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {in_claim.value}"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["grad", "x + foo(x)"], "unknown function 'foo' at column 5"),
        (["grad", "9^9^9^9"], "exponent too large"),
        (["grad", "(" * 100_000], "input longer than 500 characters"),
        (["grad", "x^2", "--at", "y=1"], "'y'"),
        (["grad", "x^2", "--at", "x"], "name=value"),
        (["grad", "log(x)", "--at", "x=-1"], "no real value"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(args: list[str], fragment: str) -> None:
    result = steepest(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_takes_its_port_from_the_environment_when_no_option_is_given(
    tmp_path: Path,
) -> None:
    port = _free_port()
    environment = {
        **os.environ,
        "STEEPEST_PORT": str(port),
        "STEEPEST_DATABASE_URL": f"sqlite:///{tmp_path / 'steepest.sqlite3'}",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("steepest")), "serve"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200
                    return
            except OSError:
                assert server.poll() is None, "steepest serve exited"
                time.sleep(0.1)
        raise AssertionError(f"nothing answered on STEEPEST_PORT={port}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_to_start_with_a_broken_course_file(tmp_path: Path) -> None:
    course = tmp_path / "course.yaml"
    course.write_text("title: Mine\nextends: everything\n", encoding="utf-8")
    result = steepest("serve", "--lessons", str(tmp_path), "--port", str(_free_port()))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {course}:2: extends is 'shipped' (add to the shipped course) or left out"
        " (replace it)\n"
    )


def test_serve_refuses_to_start_when_the_course_file_lists_a_missing_lesson(
    tmp_path: Path,
) -> None:
    # The lessons load after the start, in the background: without this check every page of
    # the site would be an error, with nothing said at the terminal.
    course = tmp_path / "course.yaml"
    course.write_text(
        "courses:\n  - title: Mine\n    units:\n"
        "      - title: Limits\n        lessons: [approach]\n",
        encoding="utf-8",
    )
    result = steepest("serve", "--lessons", str(tmp_path), "--port", str(_free_port()))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {course}:5: no lesson 'approach' (approach.md) in this course's folders\n"
    )


def _expression_strings(data: object, key: str = "") -> list[str]:
    """Every expression of a --json report: the keys that the contract says hold SymPy text."""
    if isinstance(data, str):
        return [data] if key in {"expression", "result", "exact", "gradient", "partials"} else []
    if isinstance(data, dict):
        return [s for name, value in data.items() for s in _expression_strings(value, name)]
    if isinstance(data, list):
        return [s for value in data for s in _expression_strings(value, key)]
    return []


def test_every_json_expression_reads_back_with_sympify_and_our_parser() -> None:
    # lambda is a Python keyword, beta and gamma SymPy functions, e is Euler's number and Abs a
    # name our parser does not know: each used to break one reader or the other.
    typed = "lambda x^2 + e^(gamma x) + abs(beta - x) + e"
    result = steepest("grad", typed, "--at", "x=1,lambda=2,gamma=0,beta=3", "--json")
    assert result.returncode == 0, result.stderr
    texts = _expression_strings(json.loads(result.stdout))
    assert len(texts) > 10
    for text in texts:
        ours = parse(text)
        theirs = sympy.sympify(text)
        # SymPy's reading has plain symbols, ours real ones, and λ is our lambda: by name.
        theirs = theirs.xreplace({s: parse(s.name) for s in theirs.free_symbols})
        assert sympy.simplify(theirs - ours) == 0, text
    assert "λ" in json.loads(result.stdout)["expression"]


def test_grad_names_a_kink_with_its_one_sided_slopes() -> None:
    result = steepest("grad", "abs(x)", "--at", "x=0")
    assert result.returncode == 0, result.stderr
    assert (
        "L is not differentiable at this point: abs(x) has a kink at x = 0;"
        " the slope is -1 from the left and 1 from the right." in result.stdout
    )
    report = json.loads(steepest("grad", "abs(x)", "--at", "x=0", "--json").stdout)
    assert report["gradient_at"] is None
    assert report["kinks"] == [
        {"variable": "x", "left": "-1", "right": "1", "functions": ["abs(x)"]}
    ]
