"""`steepest export` of a course with figures, footnotes and links between lessons: every image
is copied where its page looks for it, and every link and fragment leads somewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from figure_course import FIRST, SECOND, write_figure_course
from steepest.authoring.export import STATIC_ATTRIBUTE, export_site, static_html

from .page_parts import elements


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_figure_course(tmp_path_factory.mktemp("lessons"))


@pytest.fixture(scope="module")
def site(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "site"
    export_site(target, lesson_dir=course)
    return target


def test_every_image_is_copied_beside_its_page(site: Path, course: Path) -> None:
    for path in (f"{FIRST}/bowl.svg", f"{SECOND}/step.png", "assets/arrow.svg"):
        assert (site / "lessons" / path).read_bytes() == (course / path).read_bytes()


def test_every_link_and_fragment_leads_to_an_exported_page_or_file(site: Path) -> None:
    """Resolved as a browser does under a sub-path; a fragment must be an id in its page."""
    followed: set[str] = set()
    for page in [site / "lessons" / slug / "index.html" for slug in (FIRST, SECOND)]:
        page_url = "https://host.example/course/" + page.relative_to(site).as_posix()
        for _tag, attrs in elements(page.read_text(encoding="utf-8")):
            link = attrs.get("href") or attrs.get("src")
            if link is None or "data-progress-export" in attrs:
                continue
            assert not link.startswith("/"), f"{page}: {link} is absolute"
            resolved = urlsplit(urljoin(page_url.removesuffix("index.html"), link))
            path = unquote(resolved.path.removeprefix("/course/"))
            target = site / path / "index.html" if path.endswith("/") or not path else site / path
            assert target.is_file(), f"{page}: {link} points at nothing"
            if resolved.fragment:
                ids = {a.get("id") for _t, a in elements(target.read_text(encoding="utf-8"))}
                assert resolved.fragment in ids, f"{page}: {link} has no such fragment"
            followed.add(link)
    lessons = "../../lessons"
    assert {
        f"{lessons}/{FIRST}/bowl.svg",
        f"{lessons}/{SECOND}/step.png",
        f"{lessons}/assets/arrow.svg",
        f"{lessons}/{SECOND}/#one-step",
        f"{lessons}/{FIRST}/#intuition",
        "#intuition",
        "#fn:1",
        "#fnref:1",
    } <= followed


def test_an_image_beside_a_page_keeps_its_name_in_the_static_copy() -> None:
    html = '<html><img src="/lessons/a-lesson/my%20plot.png"><a href="/lessons/b#fn:1">b</a>'
    assert static_html(html, 2) == (
        f'<html {STATIC_ATTRIBUTE}><img src="../../lessons/a-lesson/my%20plot.png">'
        '<a href="../../lessons/b/#fn:1">b</a>'
    )
