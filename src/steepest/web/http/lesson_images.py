"""The image files lessons show, each sent with the cache headers of the files under /static.

A file is read (and an SVG compressed) once per version: its modification time and size are
looked at on every request, so an author who redraws a figure sees it on the next reload.
Which file a URL names is the lesson catalogue's business (`Catalogue.image_files`); this only
reads the files it is given.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from steepest.lessons.images import IMAGE_TYPES
from steepest.web.http.errors import NotFound
from steepest.web.http.prepared_body import PreparedBody

FileVersion = tuple[int, int]


class LessonImages:
    def __init__(self) -> None:
        self._bodies: dict[Path, tuple[FileVersion, PreparedBody]] = {}

    async def response(self, request: Request, file: Path) -> Response:
        """The file as a 200 (gzipped if it pays), or a 304 when the browser has this version."""
        body = await asyncio.to_thread(self._body, file)
        return body.response(request)

    def _body(self, file: Path) -> PreparedBody:
        # Removed (or made unreadable) since the lesson loaded: the author is at work on it.
        try:
            stat = file.stat()
            version = (stat.st_mtime_ns, stat.st_size)
            cached = self._bodies.get(file)
            if cached is not None and cached[0] == version:
                return cached[1]
            content = file.read_bytes()
        except OSError as error:
            raise NotFound(f"the image {file.name} cannot be read any more") from error
        body = PreparedBody.of(content, IMAGE_TYPES[file.suffix.lower()])
        self._bodies[file] = (version, body)
        return body
