"""The images lessons show, served by a live `steepest serve` at `/lessons/` + their path: the
right type, the cache headers of /static, a policy under which an SVG runs no script, and
nothing else from the lesson folder, however the path is spelt."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pytest

from figure_course import FIRST, SECOND, write_figure_course
from steepest.lessons.images import IMAGE_TYPES

from .live_server import LiveServer, live_server
from .page_parts import elements

EVERY_TYPE = "every-type"
SECRET = b"the answer key"


@pytest.fixture(scope="module")
def lessons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The figure course, a lesson showing one file of each image type, and files no lesson
    shows: beside the images, above them, and a link out of the folder."""
    folder = write_figure_course(tmp_path_factory.mktemp("lessons"))
    (folder / EVERY_TYPE).mkdir()
    shown = []
    for name in [f"picture{suffix}" for suffix in IMAGE_TYPES] + ["removed.png"]:
        (folder / EVERY_TYPE / name).write_bytes(b"image bytes of " + name.encode())
        shown.append(f"![A picture]({EVERY_TYPE}/{name})")
    front = (folder / f"{SECOND}.md").read_text(encoding="utf-8").split("---\n")[1]
    front = front.replace(f"slug: {SECOND}", f"slug: {EVERY_TYPE}").replace(
        "number: 2", "number: 3"
    )
    body = ":::: section s\n## Pictures\n\n" + " ".join(shown) + "\n::::\n"
    (folder / f"{EVERY_TYPE}.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    (folder / FIRST / "unshown.png").write_bytes(SECRET)
    (folder / FIRST / "notes.txt").write_bytes(SECRET)
    (folder / "secret.png").write_bytes(SECRET)
    (folder / FIRST / "elsewhere.png").symlink_to(folder / "secret.png")
    return folder


@pytest.fixture(scope="module")
def server(lessons: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    store = tmp_path_factory.mktemp("store")
    environment = {"STEEPEST_LESSON_DIR": str(lessons)}
    with live_server(f"sqlite:///{store / 'db.sqlite3'}", store / "serve.log", environment) as live:
        yield live


def get(server: LiveServer, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """GET `path` sent exactly as written: no client tidies `..` or `%2e` away first. A header
    sent twice comes back joined by a comma, as a browser would read it."""
    connection = HTTPConnection(server.url.removeprefix("http://"), timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        joined: dict[str, str] = {}
        for name, value in response.getheaders():
            name = name.lower()
            joined[name] = f"{joined[name]}, {value}" if name in joined else value
        return response.status, joined, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("suffix", sorted(IMAGE_TYPES))
def test_each_image_type_is_served_with_its_content_type(
    server: LiveServer, lessons: Path, suffix: str
) -> None:
    status, headers, body = get(server, f"/lessons/{EVERY_TYPE}/picture{suffix}")
    assert status == 200
    assert headers["content-type"] == IMAGE_TYPES[suffix]
    assert body == (lessons / EVERY_TYPE / f"picture{suffix}").read_bytes()


def test_an_image_is_cached_and_revalidated_like_a_static_file(server: LiveServer) -> None:
    status, headers, _body = get(server, f"/lessons/{SECOND}/step.png")
    assert status == 200
    assert headers["cache-control"] == "no-cache"
    again, _headers, body = get(
        server, f"/lessons/{SECOND}/step.png", **{"If-None-Match": headers["etag"]}
    )
    assert (again, body) == (304, b"")


def test_a_redrawn_image_is_sent_anew(server: LiveServer, lessons: Path) -> None:
    path = f"/lessons/{EVERY_TYPE}/picture.gif"
    _status, before, _body = get(server, path)
    (lessons / EVERY_TYPE / "picture.gif").write_bytes(b"a new drawing, longer than before")
    status, after, body = get(server, path, **{"If-None-Match": before["etag"]})
    assert (status, body) == (200, b"a new drawing, longer than before")
    assert after["etag"] != before["etag"]


def test_an_image_removed_while_serving_is_a_404(server: LiveServer, lessons: Path) -> None:
    path = f"/lessons/{EVERY_TYPE}/removed.png"
    assert get(server, path)[0] == 200
    (lessons / EVERY_TYPE / "removed.png").unlink()
    status, headers, _body = get(server, path)
    assert status == 404
    assert headers["content-type"].startswith("text/html")


def test_an_svg_travels_compressed(server: LiveServer, lessons: Path) -> None:
    status, headers, body = get(server, f"/lessons/{FIRST}/bowl.svg", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (lessons / FIRST / "bowl.svg").read_bytes()


def test_an_image_opened_on_its_own_may_run_no_script(server: LiveServer) -> None:
    _status, headers, _body = get(server, "/lessons/assets/arrow.svg")
    policy = [part.strip() for part in headers["content-security-policy"].split(";")]
    assert "sandbox" in policy
    assert "default-src 'none'" in policy
    assert not any(part.startswith("script-src") for part in policy)
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        f"/lessons/{FIRST}/unshown.png",
        f"/lessons/{FIRST}/notes.txt",
        f"/lessons/{FIRST}/elsewhere.png",
        f"/lessons/{FIRST}.md",
        f"/lessons/{FIRST}/../{FIRST}.md",
        f"/lessons/{FIRST}/../secret.png",
        f"/lessons/{FIRST}/%2e%2e/secret.png",
        f"/lessons/{FIRST}/..%2fsecret.png",
        f"/lessons/{FIRST}/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/lessons/assets/../../../../etc/passwd",
        f"/lessons/assets/..%5c{FIRST}.md",
        f"/lessons/{FIRST}//bowl.svg",
        f"/lessons/{FIRST}/bowl.svg/",
        f"/lessons/{FIRST}/bowl.svg%00.png",
        f"/lessons/{FIRST}/./bowl.svg/../unshown.png",
        "/lessons/secret.png",
        "/lessons/./secret.png",
    ],
)
def test_no_path_reaches_a_file_no_lesson_shows(server: LiveServer, path: str) -> None:
    status, headers, body = get(server, path)
    assert status == 404
    assert SECRET not in body
    assert headers["content-type"].startswith("text/html")


def test_a_stray_slash_after_a_lesson_still_leads_to_it(server: LiveServer) -> None:
    status, headers, _body = get(server, f"/lessons/{FIRST}/")
    assert status == 307
    assert headers["location"].endswith(f"/lessons/{FIRST}")


def test_the_page_fetches_its_images_and_links_from_lessons(server: LiveServer) -> None:
    status, _headers, body = get(server, f"/lessons/{FIRST}")
    assert status == 200
    html = body.decode()
    sources = [attrs["src"] for _tag, attrs in elements(html, "img")]
    assert f"/lessons/{FIRST}/bowl.svg" in sources
    hrefs = [attrs.get("href") for _tag, attrs in elements(html, "a")]
    assert f"/lessons/{SECOND}#one-step" in hrefs
    assert "#intuition" in hrefs
    # The notes come after the last section, before the links to the lessons around it.
    assert re.search(
        r'<section id="slopes".*<section class="footnotes".*class="lesson-pager"', html, re.S
    )
