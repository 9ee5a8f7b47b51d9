"""Images: files kept beside the lesson, never fetched from another host.

    ![A bowl-shaped loss](bowl-loss/bowl.svg)
    ![The course logo](assets/logo.png)

A lesson `SLUG.md` shows image files from two folders next to the lesson files: its own,
`SLUG/`, and the shared `assets/`. The path is written from the lesson file, as an editor or
a Markdown preview reads it. Every image needs alt text saying what it shows.

The page is `/lessons/SLUG`, so each `<img>` gets the address `/lessons/` + the path, where
the server answers with the file (and an export puts a copy). A missing file, a path outside
those folders, a type browsers should not get from a lesson, and an image on another host
(which the pages' Content Security Policy would block) are errors with the line.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType

from steepest.lessons.errors import error_at, report
from steepest.lessons.tokens import find_in_inline

# The image types a lesson may show, and the Content-Type each is served with.
IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
SHARED_FOLDER = "assets"
IMAGE_URL_PREFIX = "/lessons/"
# `https:`, `data:`, `//host/…`: anything with a scheme or a host is not a file beside the lesson.
_NOT_A_FILE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")


def image_plugin(md: MarkdownIt) -> None:
    """Check every image, point its `src` at `/lessons/…`, and note its path in
    `env["images"]` (a list the loader shares with every fragment's copy of `env`)."""
    md.core.ruler.after("inline", "lesson_images", _check_images)


def image_url(path: str) -> str:
    """The address the page fetches an image from, for its path from the lesson folder."""
    return IMAGE_URL_PREFIX + quote(path)


def _check_images(state: StateCore) -> None:
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        searched_to = 0
        for child in inline.children or ():
            if child.type != "image":
                continue
            line, searched_to = find_in_inline(inline, "![", searched_to)
            try:
                path = _lesson_image(child, state.env)
            except ValueError as problem:
                report(state.env, error_at(state.env, line, str(problem)))
                continue
            child.attrSet("src", image_url(path))
            state.env.setdefault("images", []).append(path)


def _lesson_image(image: Token, env: EnvType) -> str:
    """The image's path from the lesson folder; ValueError says what is wrong with it."""
    written = unquote(str(image.attrGet("src") or ""))
    lesson = Path(env.get("lesson_path", "lesson.md"))
    own = lesson.stem
    where = f"{own}/ or {SHARED_FOLDER}/ beside {lesson.name}"
    if not image.content.strip():
        raise ValueError(
            f"the image '{written}' needs alt text saying what it shows: ![A bowl-shaped loss](…)"
        )
    if _NOT_A_FILE.match(written):
        raise ValueError(
            f"the image '{written}' is not a file beside the lesson (the page's Content "
            f"Security Policy blocks other hosts): save it in {where} and give its path"
        )
    path = posixpath.normpath(written) if written else ""
    folder, _, name = path.partition("/")
    if written.startswith("/") or folder not in (own, SHARED_FOLDER) or not name:
        raise ValueError(
            f"the image '{written}' must be a file in {where}, "
            f"written from the lesson file: '{own}/figure.svg'"
        )
    if posixpath.splitext(path)[1].lower() not in IMAGE_TYPES:
        allowed = ", ".join(sorted({suffix.lstrip(".") for suffix in IMAGE_TYPES}))
        raise ValueError(f"the image '{written}' is not one of the types a lesson shows: {allowed}")
    _check_file(lesson.parent, folder, path, written)
    return path


def _check_file(root: Path, folder: str, path: str, written: str) -> None:
    file = root / path
    if not file.is_file():
        raise ValueError(f"the image '{written}' is not there: there is no file {file}")
    # A symbolic link may lead anywhere; the server only sends what stays inside the folder.
    if not file.resolve().is_relative_to((root / folder).resolve()):
        raise ValueError(f"the image '{written}' links to a file outside {root / folder}")
