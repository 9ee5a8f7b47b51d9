"""The surface explorer's API: a loss's level sets, and the path of a ball rolling down it. Runs
in compute workers, which import the engine (and contourpy) once, up front."""

from __future__ import annotations

from steepest.compute.tasks.messages import DescentQuery, SurfaceQuery
from steepest.engine.surface.descent import descent_json
from steepest.engine.surface.level_sets import surface_json
from steepest.engine.surface.surface_types import DescentJson, SurfaceJson


def level_sets(query: SurfaceQuery) -> SurfaceJson:
    """`POST /api/surface`: the engine's level sets and compiled partials."""
    return surface_json(query.expression, query.window, query.levels)


def descent_path(query: DescentQuery) -> DescentJson:
    """`POST /api/descent`: the ball's path, its losses and the verdict."""
    return descent_json(query.expression, query.start, query.rate, query.steps)
