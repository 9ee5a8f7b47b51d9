"""Every layer's errors derive from one `SteepestError`: a message a person can read, a column
when the error has a place, and a whole trip through pickle (as from a compute worker)."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import steepest.errors
from steepest.authoring.export import ExportError
from steepest.authoring.scaffold import ScaffoldError
from steepest.compute import ComputeError, ComputeMemoryExceeded, ComputeTimeout, PoolOverloaded
from steepest.engine.errors import EngineError, MathSyntaxError, PointSyntaxError
from steepest.errors import SteepestError
from steepest.lessons import LessonFormatError
from steepest.lessons.math import LatexError
from steepest.store import LearnerIdError, StoreError, StoreUnavailable
from steepest.web.http.errors import CsrfRefused, NotFound, UnknownLesson
from steepest.web.security.rate_limit import RateLimited
from steepest.web.settings import SettingsError
from steepest.widgets import UnknownWidget, WidgetParamsError


@pytest.mark.parametrize(
    "error_type",
    [
        EngineError,
        ComputeError,
        StoreError,
        LessonFormatError,
        LatexError,
        WidgetParamsError,
        UnknownWidget,
        ScaffoldError,
        ExportError,
        SettingsError,
        RateLimited,
        NotFound,
        CsrfRefused,
    ],
)
def test_every_layer_error_is_a_steepest_error(error_type: type[Exception]) -> None:
    assert issubclass(error_type, SteepestError)


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (MathSyntaxError("unexpected ')'", 4), "unexpected ')' at column 4"),
        (EngineError("no value for w2"), "no value for w2"),
        (PointSyntaxError("write the point as name=value pairs", 3),
         "write the point as name=value pairs at column 3"),
        (LessonFormatError("a.md", 7, "unknown container 'x'"), "a.md:7: unknown container 'x'"),
        (PoolOverloaded(retry_after=3), "the server is busy: try again in 3 s"),
    ],
)  # fmt: skip
def test_str_is_the_message_with_its_place(error: SteepestError, text: str) -> None:
    assert str(error) == text


@pytest.mark.parametrize(
    "error",
    [
        MathSyntaxError("unexpected ')'", 4),
        ComputeTimeout(2.5),
        ComputeMemoryExceeded(None),
        PoolOverloaded(retry_after=3),
        LessonFormatError(Path("lessons/a.md"), 7, "unknown container 'x'"),
        LearnerIdError("not a learner id"),
        StoreUnavailable("the database is down"),
        RateLimited(5),
        UnknownLesson("there is no lesson called 'x'"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_survive_pickle_with_every_field(error: SteepestError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert vars(copy) == vars(error)
    assert (str(copy), copy.args) == (str(error), error.args)


def test_the_base_module_imports_nothing_from_steepest() -> None:
    tree = ast.parse(Path(steepest.errors.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] == "steepest"}
