"""`steepest export`: the static copy holds every page, marked static, with links that resolve."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from broken_course import write_course
from steepest.authoring.check import check_lessons, lesson_files
from steepest.authoring.export import STATIC_ATTRIBUTE, ExportError, export_site, static_html
from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.web.app import STATIC_DIR

from .page_parts import SLUG, elements, widget_specs

STEEPEST = [sys.executable, "-m", "steepest.cli"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "site"
    result = subprocess.run(
        [*STEEPEST, "export", str(target)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert f"to {target}" in result.stdout
    return target


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_lesson_and_every_static_file_is_exported(site: Path) -> None:
    slugs = [lesson.slug for lesson in load_catalogue(SHIPPED_LESSONS)]
    assert pages(site) == sorted(
        [site / "index.html", *(site / "lessons" / slug / "index.html" for slug in slugs)]
    )
    for asset in (p for p in STATIC_DIR.rglob("*") if p.is_file()):
        if "__pycache__" not in asset.parts:
            copied = site / "static" / asset.relative_to(STATIC_DIR)
            assert copied.read_bytes() == asset.read_bytes()


def test_every_page_is_marked_as_a_static_copy(site: Path) -> None:
    for page in pages(site):
        html = elements(page.read_text(encoding="utf-8"))
        assert STATIC_ATTRIBUTE in next(attrs for tag, attrs in html if tag == "html")


def test_every_link_resolves_to_an_exported_file(site: Path) -> None:
    """Resolved as a browser does, against the page's own URL under any prefix on the host."""
    checked = 0
    for page in pages(site):
        page_url = "https://host.example/course/" + page.relative_to(site).as_posix()
        page_url = page_url.removesuffix("index.html")
        for tag, attrs in elements(page.read_text(encoding="utf-8")):
            link = attrs.get("href") or attrs.get("src") or attrs.get("action")
            if link is None or link.startswith("#") or "data-progress-export" in attrs:
                continue
            assert not link.startswith("/"), f"{page}: <{tag}> {link} is absolute"
            path = urlsplit(urljoin(page_url, link)).path.removeprefix("/course/")
            target = site / path
            assert (
                target / "index.html" if path.endswith("/") or not path else target
            ).is_file(), f"{page}: <{tag}> {link} points at nothing"
            checked += 1
    assert checked > 10


def test_each_exported_lesson_links_its_neighbours_in_course_order_relatively(
    site: Path,
) -> None:
    order = [lesson.slug for lesson in load_catalogue(SHIPPED_LESSONS)]
    for index, slug in enumerate(order):
        html = (site / "lessons" / slug / "index.html").read_text(encoding="utf-8")
        rels = {
            attrs["rel"]: attrs["href"]
            for _tag, attrs in elements(html, "a")
            if attrs.get("rel") in ("prev", "next")
        }
        expected = {}
        if index > 0:
            expected["prev"] = f"../../lessons/{order[index - 1]}/"
        if index + 1 < len(order):
            expected["next"] = f"../../lessons/{order[index + 1]}/"
        assert rels == expected, slug


def test_the_lesson_page_is_the_page_the_server_sends(site: Path, lesson_html: str) -> None:
    """Same MathML and widget specs: the browser draws the widgets from them, without a server."""
    html = (site / "lessons" / SLUG / "index.html").read_text(encoding="utf-8")
    assert html.count("<math") == lesson_html.count("<math") > 0
    assert widget_specs(html) == widget_specs(lesson_html)


def test_links_become_relative_at_each_depth() -> None:
    html = '<html lang="en"><a href="/">i</a><a href="/lessons/b#x">b</a><img src="/static/f.svg">'
    assert static_html(html, 0) == (
        f'<html {STATIC_ATTRIBUTE} lang="en"><a href="./">i</a>'
        '<a href="lessons/b/#x">b</a><img src="static/f.svg">'
    )
    assert static_html(html, 2) == (
        f'<html {STATIC_ATTRIBUTE} lang="en"><a href="../../">i</a>'
        '<a href="../../lessons/b/#x">b</a><img src="../../static/f.svg">'
    )


def test_export_refuses_a_folder_that_is_not_an_earlier_export(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export_site(tmp_path)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def export(target: Path, lessons: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [*STEEPEST, "export", str(target), "--lessons", str(lessons), *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_export_reports_a_broken_lesson_with_its_file_and_line(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    result = export(tmp_path / "site", lessons)
    assert result.returncode == 1
    assert f"{lessons / 'broken.md'}:1:" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_claim_check_fails_refuses_the_export_listing_each_problem(tmp_path: Path) -> None:
    course = write_course(tmp_path / "lessons")
    first = course.good[0].path
    first.write_text(first.read_text().replace("[$6$]{claim=", "[$7$]{claim="), "utf-8")
    expected = [str(problem) for problem in check_lessons(lesson_files(course.folder)).problems]
    assert len(expected) == 2  # the wrong claim, and the lesson that does not load
    result = export(tmp_path / "site", course.folder)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *expected,
        "error: not exported: `steepest check` finds 2 problems; fix them, or export anyway "
        "with --force",
    ]
    assert not (tmp_path / "site").exists()


def test_force_exports_anyway_and_leaves_out_a_lesson_that_does_not_load(tmp_path: Path) -> None:
    course = write_course(tmp_path / "lessons")
    expected = [str(problem) for problem in check_lessons(lesson_files(course.folder)).problems]
    site = tmp_path / "site"
    result = export(site, course.folder, "--force")
    assert result.returncode == 0, result.stderr
    assert expected == [course.error]
    # Listed after the export, each as `steepest check` words it (the server's log line may
    # come before).
    assert result.stderr.splitlines()[-1] == course.error
    assert result.stdout.strip().endswith(f"to {site}, with 1 problem (--force)")
    index = (site / "index.html").read_text(encoding="utf-8")
    for lesson in course.good:
        assert (site / "lessons" / lesson.slug / "index.html").is_file()
        assert f'href="lessons/{lesson.slug}/"' in index
    assert not (site / "lessons" / course.broken.slug).exists()
    assert course.broken.slug not in index
