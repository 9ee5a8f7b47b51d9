"""The image files lessons show, at `/lessons/` + their path from the lesson folder.

A URL is answered only when its path is one that a lesson of the catalogue shows: it is looked
up among those paths (checked, when the lesson loaded, to stay inside the lesson's folders)
and never joined onto a folder, so `..`, an encoded slash or a symbolic link reach nothing else.
Images get their own Content-Security-Policy (see security/headers.py).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from steepest.web.http.errors import NotFound
from steepest.web.http.state import app_state

router = APIRouter(include_in_schema=False)


@router.api_route("/lessons/{folder}/{name:path}", methods=["GET", "HEAD"])
async def lesson_image(request: Request, folder: str, name: str) -> Response:
    if not name:
        # `/lessons/SLUG/` means the lesson's page: the redirect the router gives any other
        # route with a stray slash, which this route would otherwise take as an image.
        return RedirectResponse(request.url.replace(path=f"/lessons/{folder}"))
    state = app_state(request)
    catalogue = await state.library.catalogue()
    file = catalogue.image_files.get(f"{folder}/{name}")
    if file is None:
        raise NotFound("no lesson shows an image at this address")
    return await state.lesson_images.response(request, file)
