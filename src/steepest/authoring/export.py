"""`steepest export`: the course as static files, for any static web host.

The app itself renders the pages (in this process, through starlette's TestClient, with its
own compute pool), so an exported page is the page the server sends, with four changes:

- links are made relative (`/static/…` → `../../static/…`, `/lessons/x` → `../x/`), so the copy
  works at the root of a host or under any sub-path (a project's GitHub Pages);
- the images the lessons show are copied to the paths the pages name, `lessons/x/bowl.svg`
  beside `lessons/x/index.html` and the shared ones in `lessons/assets/`;
- each lesson is `lessons/SLUG/index.html`, which every static host serves at `lessons/SLUG/`;
- `<html data-static-export>` tells the scripts there is no API (see static/js/api.js): reading,
  the widgets that draw from the spec in the page, and progress kept in this browser work; what
  needs the engine says politely that it needs a Steepest server.

The no-JavaScript forms still submit to the page's own address, which a static host answers
with the page unchanged.

Nothing is written until `steepest check` finds the lessons right: a static copy is published
as it is, so a wrong claim or a lesson that does not load refuses the export (unless forced,
when a lesson that does not load is left out).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from steepest.authoring.check import CheckProblem, check_lessons, lesson_files
from steepest.errors import SteepestError
from steepest.lessons import SHIPPED_LESSONS, Catalogue, LessonFormatError, load_catalogue
from steepest.web.app import STATIC_DIR, create_app
from steepest.web.settings import Settings

with warnings.catch_warnings():
    # Starlette asks for the `httpx2` package; plain httpx works and is what the lock file has.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MARKER = ".steepest-export"
"""A file in every export folder: only a folder holding it is ever emptied by a new export."""
STATIC_ATTRIBUTE = "data-static-export"
_ROOT_LINK = re.compile(r'(\s(?:href|src|action)=")/([^"]*)"')
_HTML_TAG = re.compile(r"<html(?=[\s>])")


class ExportError(SteepestError):
    """The course cannot be exported: no lessons, or a folder that is not ours to fill."""


class ExportRefused(ExportError):
    """`steepest check` finds problems: exporting would publish a wrong number, or leave a
    lesson out, without a word."""

    def __init__(self, problems: tuple[CheckProblem, ...]) -> None:
        self.problems = problems
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        super().__init__(
            f"not exported: `steepest check` finds {count}; fix them, or export anyway with --force"
        )


@dataclass(frozen=True)
class ExportReport:
    lessons: int
    files: int
    bytes: int
    problems: tuple[CheckProblem, ...] = ()
    """What `steepest check` finds, exported anyway (`force`); a lesson that does not load is
    left out."""


def export_site(
    target: Path, *, lesson_dir: Path | None = None, timeout: float = 30.0, force: bool = False
) -> ExportReport:
    """Write the index, every lesson page and the static files under `target`, once
    `steepest check` finds nothing wrong (ExportRefused otherwise, unless `force`)."""
    folder = SHIPPED_LESSONS if lesson_dir is None else lesson_dir
    problems = _checked(folder, timeout=timeout, force=force)
    try:
        catalogue = load_catalogue(folder)
    except LessonFormatError as error:
        # The course file's mistake (see load_catalogue): no page can be laid out without it.
        raise ExportError(str(error)) from error
    if not len(catalogue):
        raise ExportError(f"no lesson in {folder} loads (run `steepest check {folder}`)")
    _claim(target)
    pages = {Path("index.html"): "/"}
    pages |= {Path("lessons", lesson.slug, "index.html"): f"/lessons/{lesson.slug}"
              for lesson in catalogue}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="steepest-export-") as scratch:
        # The pages need no store, but the app opens one: keep it out of the learner's data.
        settings = Settings(
            lesson_dir=folder,
            workers=2,
            timeout=timeout,
            database=f"sqlite:///{Path(scratch) / 'unused.sqlite3'}",
            rate_limit=0,
        )
        with TestClient(create_app(settings)) as client:
            for path, url in pages.items():
                response = client.get(url)
                if response.status_code != 200:
                    raise ExportError(f"{url} answered {response.status_code}: {response.text}")
                written = target / path
                written.parent.mkdir(parents=True, exist_ok=True)
                written.write_text(static_html(response.text, len(path.parts) - 1), "utf-8")
    shutil.copytree(STATIC_DIR, target / "static", ignore=shutil.ignore_patterns("__pycache__"))
    _copy_lesson_images(catalogue, target)
    files = [p for p in target.rglob("*") if p.is_file() and p.name != MARKER]
    return ExportReport(
        lessons=len(catalogue),
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        problems=problems,
    )


def _checked(folder: Path, *, timeout: float, force: bool) -> tuple[CheckProblem, ...]:
    """What `steepest check` finds in the lessons of `folder`: refused unless `force`."""
    paths = lesson_files(folder)
    if not paths:
        raise ExportError(f"no lesson files (*.md) in {folder}")
    problems = check_lessons(paths, timeout=timeout, folder=folder).problems
    if problems and not force:
        raise ExportRefused(problems)
    return problems


def static_html(html: str, depth: int) -> str:
    """A page for the static copy, `depth` folders below its root: relative links, marked."""
    up = "../" * depth

    def relative(match: re.Match[str]) -> str:
        path = match.group(2)
        slug, hash_mark, fragment = path.removeprefix("lessons/").partition("#")
        # A lesson's page is its folder's index.html; a file in that folder (an image) stays.
        if path.startswith("lessons/") and "/" not in slug:
            path = f"lessons/{slug}/{hash_mark}{fragment}"
        return f'{match.group(1)}{up + path or "./"}"'

    return _HTML_TAG.sub(f"<html {STATIC_ATTRIBUTE}", _ROOT_LINK.sub(relative, html), count=1)


def _copy_lesson_images(catalogue: Catalogue, target: Path) -> None:
    """Each image a lesson shows, to where its page fetches it: `lessons/` + its path."""
    for path, file in catalogue.image_files.items():
        copied = target / "lessons" / path
        copied.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, copied)


def _claim(target: Path) -> None:
    """Make `target` an empty export folder; refuse a folder with anything else in it."""
    if target.exists():
        if not target.is_dir():
            raise ExportError(f"{target} is a file, not a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise ExportError(
                f"{target} is not empty and holds no earlier export; give a new or empty folder"
            )
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / MARKER).write_text("made by `steepest export`; the next export replaces it\n")
