"""The `steepest` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from steepest.compute import ComputeError, ComputePool, Task, tasks
from steepest.compute.tasks.messages import GradientQuery
from steepest.engine.errors import EngineError, PointSyntaxError
from steepest.engine.notation.point_text import naming_the_point, read_point_text

Request = TypeVar("Request")
Result = TypeVar("Result")


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2: what scripts and people both expect of bad input."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def read_at(text: str | None) -> dict[str, str] | None:
    """`--at w1=1,w2=0.5` → {"w1": "1", "w2": "0.5"}: values go to the engine as text, which
    reads them exactly (0.5 is 1/2), as the web does; blank text is no point."""
    if text is None:
        return None
    try:
        return read_point_text(text)
    except PointSyntaxError as error:
        fail(str(naming_the_point(error, text)))
    except EngineError as error:
        fail(str(error))


def run_engine(task: Task[Request, Result], request: Request, *, timeout: float) -> Result:
    """Run one task in a worker, so that the command's own process never loads SymPy."""
    try:
        with ComputePool(workers=1, timeout=timeout, preload=tasks.task_modules(task)) as pool:
            return pool.call(task, request)
    except EngineError as error:
        fail(str(error))
    except ComputeError as error:
        fail(error.message)


@click.group()
@click.version_option(package_name="steepest")
def main() -> None:
    """Steepest: interactive math-for-ML lessons checked by a computer algebra system."""


# `serve` and `export` both read a folder of lessons.
lessons_option = click.option(
    "--lessons",
    "lesson_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of lesson files [default: STEEPEST_LESSON_DIR, else the shipped lessons].",
)


# An expression may start with a minus (`steepest grad "-x^2"`): a word that is not one of the
# command's options is read as the expression rather than refused as an unknown option.
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("expression")
@click.option("--at", "at", metavar="NAME=VALUE,...", help="A point, such as w1=1,w2=1.")
@click.option(
    "--vars", "variables", metavar="NAME,...", help="Declare the variables and their order."
)
@click.option(
    "--params",
    "parameters",
    metavar="NAME,...",
    help="Declare constants, such as eta: not differentiated, not given with --at.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option(
    "--timeout", default=2.0, show_default=True, help="Seconds before the work is stopped."
)
def grad(
    expression: str,
    at: str | None,
    variables: str | None,
    parameters: str | None,
    as_json: bool,
    timeout: float,
) -> None:
    """Partial derivatives, the gradient and the steps for EXPRESSION."""
    point = read_at(at)
    declared = [v.strip() for v in variables.split(",")] if variables else None
    constants = [p.strip() for p in parameters.split(",")] if parameters else []
    query = GradientQuery(expression, point, declared, constants)
    if as_json:
        report = run_engine(tasks.GRADIENT_REPORT, query, timeout=timeout)
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo(run_engine(tasks.GRADIENT_TEXT, query, timeout=timeout))


@main.command()
@click.argument(
    "directory",
    metavar="[DIR]",
    required=False,
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    help="Seconds each engine check may take before it is stopped.",
)
def check(directory: Path | None, timeout: float) -> None:
    """Check the lessons in DIR (a folder, or one lesson file; default: the shipped lessons).

    Reports every format error, formula that cannot be typeset and claim the engine does not
    confirm as FILE:LINE: message. Exit status 0 when all is well, 1 when anything is wrong.
    """
    from steepest.authoring.check import check_lessons, lesson_files
    from steepest.lessons import SHIPPED_LESSONS

    folder = SHIPPED_LESSONS if directory is None else directory
    paths = lesson_files(folder)
    if not paths:
        fail(f"no lesson files (*.md) in {folder}")
    report = check_lessons(paths, timeout=timeout, folder=folder if folder.is_dir() else None)
    for problem in report.problems:
        click.echo(str(problem))
    lessons = _count(report.lessons, "lesson")
    claims = _count(report.claims, "claim")
    outcome = _count(len(report.problems), "problem") if report.problems else "all verified"
    click.echo(f"checked {lessons}, {claims}: {outcome}")
    sys.exit(1 if report.problems else 0)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@main.command()
@click.option(
    "--host", default=None, help="Interface to listen on [default: STEEPEST_HOST, else 127.0.0.1]."
)
@click.option(
    "--port", type=int, default=None, help="TCP port [default: STEEPEST_PORT, else 8000]."
)
@click.option(
    "--database",
    metavar="URL",
    default=None,
    help="Where progress is kept: sqlite:///FILE or postgresql+psycopg://…"
    " [default: STEEPEST_DATABASE_URL, else a SQLite file in the user data folder]",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Server processes sharing the port [default: STEEPEST_PROCESSES, else 1].",
)
@lessons_option
@click.option(
    "--reload",
    is_flag=True,
    default=None,
    help="Re-read a lesson file when it is saved (for authors; one process only)"
    " [default: STEEPEST_RELOAD].",
)
def serve(
    host: str | None,
    port: int | None,
    database: str | None,
    processes: int | None,
    lesson_dir: Path | None,
    reload: bool | None,
) -> None:
    """Serve the lessons and the JSON API over HTTP."""
    from steepest.lessons import LessonFormatError
    from steepest.web.server import serve as run_server
    from steepest.web.settings import SettingsError

    try:
        run_server(
            host=host,
            port=port,
            database=database,
            processes=processes,
            lesson_dir=lesson_dir,
            reload=reload,
        )
    except (SettingsError, LessonFormatError) as error:
        fail(str(error))


@main.command()
@click.argument("slug")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("lessons"),
    show_default=True,
    help="Folder to write the lesson in; created if missing.",
)
@click.option("--title", default=None, help="The lesson's title [default: from the slug].")
@click.option(
    "--unit",
    default=None,
    metavar="NAME",
    help="The unit it belongs to, numbered within it [default: My unit].",
)
def new(slug: str, folder: Path, title: str | None, unit: str | None) -> None:
    """Start a lesson: write DIR/SLUG.md from a template that passes `steepest check`.

    It is numbered within its unit, and listed in DIR/course.yaml when there is one.
    """
    from steepest.authoring.scaffold import ScaffoldError, create_lesson
    from steepest.lessons.course_file import COURSE_FILE

    try:
        path = create_lesson(folder, slug, title, unit)
    except (ScaffoldError, FileExistsError) as error:
        fail(str(error))
    click.echo(f"wrote {path}")
    if (folder / COURSE_FILE).is_file():
        click.echo(f"listed it in {folder / COURSE_FILE}")
    click.echo(f"preview it: steepest serve --lessons {folder} --reload")
    click.echo(f"check it:   steepest check {folder}")


@main.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@lessons_option
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    help="Seconds each engine computation of the pages may take.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Export even when `steepest check` finds problems (a lesson that does not load is"
    " left out).",
)
def export(directory: Path, lesson_dir: Path | None, timeout: float, force: bool) -> None:
    """Write the course as static files in DIR, for any static web host.

    Reading, the widgets that run in the browser and progress kept in the browser work there;
    checking typed answers, quizzes and anything else the engine does needs `steepest serve`.
    Refused (exit status 1, each problem as FILE:LINE: message) when `steepest check` finds
    anything wrong, unless --force.
    """
    from steepest.authoring.export import ExportError, ExportRefused, export_site

    try:
        report = export_site(directory, lesson_dir=lesson_dir, timeout=timeout, force=force)
    except ExportRefused as refused:
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        click.echo(f"error: {refused}", err=True)
        sys.exit(1)
    except ExportError as error:
        fail(str(error))
    for problem in report.problems:
        click.echo(str(problem), err=True)
    forced = (
        f", with {_count(len(report.problems), 'problem')} (--force)" if report.problems else ""
    )
    click.echo(
        f"exported {_count(report.lessons, 'lesson')} and {_count(report.files, 'file')}"
        f" ({report.bytes / 1024:.0f} kB) to {directory}{forced}"
    )


if __name__ == "__main__":
    main()
