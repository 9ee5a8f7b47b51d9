"""The one error a lesson file can raise: it names the file, the line, and what is wrong."""

from __future__ import annotations

from pathlib import Path

from markdown_it.utils import EnvType

from steepest.errors import SteepestError


class LessonFormatError(SteepestError):
    """A lesson file breaks the authoring format; `str(err)` reads "path:line: message"."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        # 1-based, as editors count, so an author can jump straight to it.
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def error_at(env: EnvType, line: int, message: str) -> LessonFormatError:
    """Build an error for `line` (1-based) of the text being parsed with this markdown-it `env`.

    The loader puts the lesson's path in `env["lesson_path"]`. When a fragment of the file is
    parsed on its own (a question's prompt inside a YAML body), `env["line_offset"]` says how
    many lines of the file come before the fragment, so the line still points into the file.
    """
    path = env.get("lesson_path", "<lesson>")
    offset = env.get("line_offset", 0)
    return LessonFormatError(path, offset + line, message)


def fragment_env(env: EnvType, line: int) -> EnvType:
    """An env for a fragment of Markdown that starts on `line` (1-based) of the text `env`
    describes, so errors inside the fragment still name the line in the file.

    The footnote plugin keeps the lesson's notes in `env["footnotes"]`; a fragment starts
    without them, or rendering it would pull the lesson's notes into a question's text.
    """
    outer = {key: value for key, value in env.items() if key != "footnotes"}
    return {**outer, "line_offset": env.get("line_offset", 0) + line - 1}


def is_fragment(env: EnvType) -> bool:
    """Whether `env` is a fragment's (a directive's field, the summary), not the lesson's."""
    return "line_offset" in env


def report(env: EnvType, error: LessonFormatError) -> None:
    """Raise `error`, unless the caller collects every error of the file in
    `env["deferred_errors"]` (as `steepest check` does): then note it and carry on.

    Only for mistakes that leave the rest of the file readable, such as a formula that cannot
    be typeset, so one run reports all of them instead of the first.
    """
    deferred = env.get("deferred_errors")
    if deferred is None:
        raise error
    deferred.append(error)
