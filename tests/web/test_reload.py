"""`steepest serve --reload`: a saved lesson file shows on the next request, errors included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from steepest.lessons import SHIPPED_LESSONS
from steepest.web.app import create_app
from steepest.web.settings import Settings, SettingsError

from .live_server import live_server
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ADDED = "A sentence written while the server was running."


def start(lessons: Path, database: Path, *, reload: bool) -> TestClient:
    settings = Settings(
        lesson_dir=lessons,
        workers=1,
        timeout=10.0,
        database=f"sqlite:///{database}",
        rate_limit=0,
        reload=reload,
    )
    return TestClient(create_app(settings))


@pytest.fixture
def lesson_file(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    return Path(shutil.copy(SHIPPED_LESSONS / f"{SLUG}.md", folder))


@pytest.fixture
def reloading(lesson_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    with start(lesson_file.parent, tmp_path / "store.sqlite3", reload=True) as client:
        yield client


def add_sentence(path: Path, sentence: str) -> None:
    """A new paragraph just after the first section's heading."""
    text = path.read_text(encoding="utf-8")
    heading = text.index("\n## ") + 1
    end_of_heading = text.index("\n", heading) + 1
    path.write_text(f"{text[:end_of_heading]}\n{sentence}\n{text[end_of_heading:]}", "utf-8")


def test_an_edited_lesson_shows_on_the_next_request(
    reloading: TestClient, lesson_file: Path
) -> None:
    before = reloading.get(f"/lessons/{SLUG}")
    assert before.status_code == 200 and ADDED not in before.text
    add_sentence(lesson_file, ADDED)
    after = reloading.get(f"/lessons/{SLUG}")
    assert after.status_code == 200
    assert ADDED in after.text


def test_a_new_title_shows_on_the_index_too(reloading: TestClient, lesson_file: Path) -> None:
    assert reloading.get("/").status_code == 200
    text = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(text.replace("title: ", "title: Renamed ", 1), "utf-8")
    assert "Renamed Partial derivatives" in reloading.get("/").text


def test_a_saved_course_file_reorders_the_index_and_its_mistakes_show_with_their_line(
    reloading: TestClient, lesson_file: Path
) -> None:
    assert "Written by hand" not in reloading.get("/").text
    course = lesson_file.parent / "course.yaml"
    course.write_text(
        "title: Written by hand\ncourses:\n  - title: Math for ML\n    units:\n"
        "      - title: Optimization & gradient descent\n"
        f"        lessons: [{SLUG}]\n        coming_next: [Momentum]\n",
        encoding="utf-8",
    )
    index = reloading.get("/").text
    assert "<h1>Written by hand</h1>" in index
    assert '<span class="upcoming-title">Momentum</span>' in index
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace(f"[{SLUG}]", f"[{SLUG}, no-such-lesson]"), encoding="utf-8")
    broken = reloading.get("/")
    assert broken.status_code == 500
    assert f"{course}:6: no lesson &#39;no-such-lesson&#39;" in broken.text


def test_a_broken_edit_shows_its_file_and_line_until_it_is_fixed(
    reloading: TestClient, lesson_file: Path
) -> None:
    good = lesson_file.read_text(encoding="utf-8")
    assert reloading.get(f"/lessons/{SLUG}").status_code == 200
    lines = good.splitlines(keepends=True)
    broken_line = lines.index("::: concept\n") + 1
    lines[broken_line - 1] = "::: concepts\n"
    lesson_file.write_text("".join(lines), "utf-8")

    broken = reloading.get(f"/lessons/{SLUG}")
    assert broken.status_code == 503
    assert f"{lesson_file}:{broken_line}: unknown container &#39;concepts&#39;" in broken.text
    index = reloading.get("/")
    assert index.status_code == 200
    assert f"{lesson_file}:{broken_line}: unknown container" in index.text

    # Each save changes the size too, so a coarse file-system clock cannot hide it.
    lesson_file.write_text(good + "\n", "utf-8")
    fixed = reloading.get(f"/lessons/{SLUG}")
    assert fixed.status_code == 200


def test_a_missing_image_shows_its_line_until_the_file_is_saved(
    reloading: TestClient, lesson_file: Path
) -> None:
    """Saving the image is enough: the lesson's own file need not be saved again."""
    add_sentence(lesson_file, f"![A bowl-shaped loss]({SLUG}/bowl.svg)")
    broken_line = (
        lesson_file.read_text(encoding="utf-8")
        .splitlines()
        .index(f"![A bowl-shaped loss]({SLUG}/bowl.svg)")
        + 1
    )
    broken = reloading.get(f"/lessons/{SLUG}")
    assert broken.status_code == 503
    assert f"{lesson_file}:{broken_line}: the image" in broken.text

    (lesson_file.parent / SLUG).mkdir()
    (lesson_file.parent / SLUG / "bowl.svg").write_text("<svg/>", encoding="utf-8")
    assert reloading.get(f"/lessons/{SLUG}").status_code == 200
    assert reloading.get(f"/lessons/{SLUG}/bowl.svg").text == "<svg/>"


def test_without_reload_the_lesson_read_at_start_stays(lesson_file: Path, tmp_path: Path) -> None:
    with start(lesson_file.parent, tmp_path / "store.sqlite3", reload=False) as client:
        assert client.get(f"/lessons/{SLUG}").status_code == 200
        add_sentence(lesson_file, ADDED)
        assert ADDED not in client.get(f"/lessons/{SLUG}").text


def test_reload_is_read_from_the_environment() -> None:
    assert Settings.from_env({"STEEPEST_RELOAD": "1"}).reload
    assert not Settings.from_env({}).reload
    with pytest.raises(SettingsError):
        Settings.from_env({"STEEPEST_RELOAD": "maybe"})


def test_reload_with_several_processes_is_refused() -> None:
    with pytest.raises(SettingsError, match="one server process"):
        Settings.from_env({"STEEPEST_RELOAD": "1", "STEEPEST_PROCESSES": "2"})
    result = subprocess.run(
        [sys.executable, "-m", "steepest.cli", "serve", "--reload", "--processes", "2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "error: --reload" in result.stderr and "one server process" in result.stderr


def test_a_live_server_with_steepest_reload_picks_up_a_save(
    lesson_file: Path, tmp_path: Path
) -> None:
    environment = {"STEEPEST_LESSON_DIR": str(lesson_file.parent), "STEEPEST_RELOAD": "1"}
    database = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    with live_server(database, tmp_path / "serve.log", environment) as server:
        url = f"{server.url}/lessons/{SLUG}"
        with urllib.request.urlopen(url, timeout=30) as before:
            assert ADDED not in before.read().decode()
        add_sentence(lesson_file, ADDED)
        with urllib.request.urlopen(url, timeout=30) as after:
            assert ADDED in after.read().decode()
