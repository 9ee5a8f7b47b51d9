"""The surface explorer's API: a loss's level sets, and the path of a ball rolling down it.

Both run the engine in the compute pool and return its JSON as is; errors in the loss come
back as 422 with the engine's message and column, mapped in `web.http.errors`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from steepest.compute import tasks
from steepest.compute.tasks.messages import DescentQuery, SurfaceQuery
from steepest.web.http.state import engine_pool
from steepest.web.schemas.api import ENGINE_ERRORS
from steepest.web.schemas.surface import (
    DescentReply,
    DescentRequest,
    SurfaceReply,
    SurfaceRequest,
)

router = APIRouter(prefix="/api", tags=["surface"])


@router.post(
    "/surface",
    summary="Level sets of a two-variable loss, and its partials as expression trees",
    responses={200: {"model": SurfaceReply}, **ENGINE_ERRORS},
)
async def surface(body: SurfaceRequest, request: Request) -> JSONResponse:
    """Trace `levels` level lines of `expression` over `window` on a 200×200 grid.

    A loss that is not a function of exactly two variables, or a window or level list the
    engine refuses, comes back as 422 with the engine's message.
    """
    pool = engine_pool(request)
    window = list(body.window) if body.window is not None else None
    query = SurfaceQuery(body.expression, window, body.levels)
    return JSONResponse(await pool.acall(tasks.LEVEL_SETS, query))


@router.post(
    "/descent",
    summary="Gradient descent from a start point: the path, the losses, and whether it diverged",
    responses={200: {"model": DescentReply}, **ENGINE_ERRORS},
)
async def descent(body: DescentRequest, request: Request) -> JSONResponse:
    """Take up to `steps` steps of w ← w − rate·∇L(w) from `start`.

    `diverged` is true when L grows without bound or overflows; `message` says what happened
    and, from the curvature at the start, which rates overshoot.
    """
    pool = engine_pool(request)
    query = DescentQuery(body.expression, body.start, body.rate, body.steps)
    return JSONResponse(await pool.acall(tasks.DESCENT_PATH, query))
