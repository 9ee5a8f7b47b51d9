"""Critical points of a loss on a map: Newton's method on ∇L = 0 from the flattest cells of a
grid, and the kind of each point, all on compiled expression trees in numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from steepest.engine.answer_kinds import ClassifiedKind
from steepest.engine.evaluate.arrays import (
    BoolArray,
    FloatArray,
    IndexArray,
    evaluate_gradient,
    evaluate_tree_array,
)
from steepest.engine.evaluate.tree import Tree


def gradient_and_hessian(
    partials: Sequence[Tree], names: Sequence[str], points: FloatArray, step: float | FloatArray
) -> tuple[FloatArray, FloatArray]:
    """∇L (k×n) and the Hessian (k×n×n) at each row of `points`, the Hessian by differences.

    The gradient is exact (compiled from SymPy's derivatives), so one central difference of it
    suffices. The points and their 2n shifted copies go through the trees in one pass, because
    numpy's cost is per call, not per point. `step` is one difference step, or one per row.
    """
    count, n = points.shape
    steps = np.broadcast_to(np.asarray(step, dtype=np.float64), (count,))[None, :, None]
    offsets = np.vstack([np.zeros((1, n)), np.eye(n), -np.eye(n)])[:, None, :] * steps
    shifted = (points[None, :, :] + offsets).reshape(-1, n)
    slopes = evaluate_gradient(partials, names, shifted).reshape(2 * n + 1, count, n)
    columns = (slopes[1 : n + 1] - slopes[n + 1 :]) / (2 * steps)  # [j, k, i] = ∂²L/∂x_i∂x_j
    matrix = columns.transpose(1, 2, 0)
    return slopes[0], (matrix + matrix.transpose(0, 2, 1)) / 2


def newton_critical_points(
    partials: Sequence[Tree],
    names: Sequence[str],
    starts: FloatArray,
    box: tuple[FloatArray, FloatArray],
    step: float,
    iterations: int = 60,
) -> FloatArray:
    """Newton's method on ∇L = 0 from each start (rows); rows that do not settle come back NaN.

    A row has settled once a Newton step is shorter than step/1000. Rows that leave the box or
    become undefined are dropped at once, so starts on a nearly flat plateau, where Newton
    wanders, cost no more iterations. At a degenerate point (w1⁴ + w2⁴, Hessian 0) Newton only
    converges linearly, and a fixed difference step would bias the Hessian it needs; so the
    difference step shrinks with the moves (down to step/10⁴) and the iteration budget is ample.
    """
    low, high = box
    points = np.array(starts, dtype=np.float64)
    steps = np.full(len(points), step)
    previous = np.zeros_like(points)
    settled = np.zeros(len(points), dtype=bool)
    for _ in range(iterations):
        active = ~settled & np.isfinite(points).all(axis=1)
        if not active.any():
            break
        current = points[active]
        slopes, matrix = gradient_and_hessian(partials, names, current, steps[active])
        usable = np.isfinite(slopes).all(axis=1) & np.isfinite(matrix).all(axis=(1, 2))
        matrix[~usable] = np.eye(len(names))
        move = _pseudo_solve(matrix, np.nan_to_num(slopes))
        move, previous[active] = _leap(move, previous[active]), move
        moved = current - move
        usable &= ((moved >= low) & (moved <= high)).all(axis=1)
        moved[~usable] = np.nan
        length = np.abs(moved - current).max(axis=1)
        settled[np.flatnonzero(active)] = usable & (length <= step * 1e-3)
        steps[active] = np.clip(length, step * 1e-4, step)
        points[active] = moved
        _drop_followers(points, settled, 100 * step)
    points[~settled] = np.nan
    return points


def _drop_followers(points: FloatArray, settled: BoolArray, near: float) -> None:
    """Unsettled rows already within `near` of a settled point are bound for it: drop them.

    Many starts along one valley (Rosenbrock's) lead to the same point; the slowest of them
    would otherwise set the number of iterations for all.
    """
    moving = np.flatnonzero(~settled & np.isfinite(points).all(axis=1))
    if len(moving) == 0 or not settled.any():
        return
    gaps = np.abs(points[moving, None, :] - points[None, settled, :]).max(axis=2)
    points[moving[(gaps <= near).any(axis=1)]] = np.nan


def _leap(move: FloatArray, previous: FloatArray) -> FloatArray:
    """Near a degenerate point each Newton move is a steady fraction r of the last one (2/3 for
    w1⁴): then the rest of the way is the geometric series move·r/(1 − r), taken at once."""
    length, before = np.linalg.norm(move, axis=1), np.linalg.norm(previous, axis=1)
    ratio = length / np.maximum(before, 1e-300)
    aligned = np.einsum("ki,ki->k", move, previous) > 0.99 * length * before
    steady = aligned & (ratio > 0.3) & (ratio < 0.95)
    factor = np.where(steady, 1 / (1 - np.where(steady, ratio, 0.0)), 1.0)
    return move * factor[:, None]


def _pseudo_solve(matrix: FloatArray, vector: FloatArray) -> FloatArray:
    """H⁺v for each symmetric H: a flat direction (eigenvalue ≈ 0) gets no move, not a crash."""
    eigenvalues, vectors = np.linalg.eigh(matrix)
    largest = np.abs(eigenvalues).max(axis=1, keepdims=True)
    usable = np.abs(eigenvalues) > 1e-12 * largest
    inverse = np.where(usable, 1 / np.where(usable, eigenvalues, 1.0), 0.0)
    along = np.einsum("kji,kj->ki", vectors, vector) * inverse
    return np.einsum("kij,kj->ki", vectors, along)  # type: ignore[no-any-return]


def critical_points_on_grid(
    function: Tree,
    partials: Sequence[Tree],
    names: Sequence[str],
    grid: tuple[FloatArray, FloatArray],
    box: tuple[FloatArray, FloatArray],
    limit: int,
) -> tuple[FloatArray, list[ClassifiedKind]]:
    """Isolated points in the box where ∇L = 0, and their kinds: at most `limit` of them.

    `grid` holds points and ∇L at them (each rows×columns×2). Newton's method starts from the
    cells where |∇L| is locally smallest. Solving ∇L = 0 with SymPy would be exact, but costs
    3–8 ms even for quadratics, half the time budget of a redraw; this costs a few
    milliseconds, works for any L, and rounded to the map's precision gives the same points.
    """
    points, slopes = grid
    low, high = box
    step = 1e-5 * float(np.min(high - low))
    steepness = np.hypot(slopes[..., 0], slopes[..., 1])
    starts = points[_flattest_cells(steepness, 2 * limit)]
    found = newton_critical_points(partials, names, starts, (low, high), step)
    found = found[np.isfinite(found).all(axis=1)]
    if len(found):
        residual = np.hypot(*evaluate_gradient(partials, names, found).T)
        found = found[residual <= 1e-4 * np.nanmax(steepness)]
    # Newton lands within ~1e-8 of the window's size: rounding to 1e-6 of it merges repeats.
    decimals = max(0, math.ceil(-math.log10(float(np.min(high - low)) * 1e-6)))
    found = np.unique(np.round(found, decimals) + 0.0, axis=0)
    curvature_scale = float(np.nanmax(steepness)) / float(np.min(high - low))
    kinds = _kinds(function, partials, names, found, step, curvature_scale)
    isolated = [i for i, kind in enumerate(kinds) if kind is not None][:limit]
    return found[isolated], [k for k in kinds if k is not None][:limit]


def _flattest_cells(steepness: FloatArray, count: int) -> tuple[IndexArray, IndexArray]:
    """Up to `count` interior cells where |∇L| is no larger than at its 8 neighbours, flattest
    first. A cell that no neighbour exceeds is on a plateau, where there is no point to find."""
    centre = steepness[1:-1, 1:-1]
    lowest = np.isfinite(centre)
    exceeded = np.zeros_like(lowest)
    rows, columns = steepness.shape
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                neighbour = steepness[1 + dr : rows - 1 + dr, 1 + dc : columns - 1 + dc]
                lowest &= centre <= neighbour
                exceeded |= centre < neighbour
    row, column = np.nonzero(lowest & exceeded)
    order = np.argsort(centre[row, column])[:count]
    return row[order] + 1, column[order] + 1


def _kinds(
    function: Tree,
    partials: Sequence[Tree],
    names: Sequence[str],
    points: FloatArray,
    step: float,
    curvature_scale: float,
) -> list[ClassifiedKind | None]:
    """The second-derivative test, and where it is silent (w1⁴ + w2⁴) a look around the point.

    Around the point L is compared on a small ring: higher all round is a minimum, lower all
    round a maximum, both a saddle. None marks a point that is not isolated: L is level along
    some direction through it, as along the valley floor of (w1 + w2)².
    """
    if len(points) == 0:
        return []
    eigenvalues = np.linalg.eigvalsh(gradient_and_hessian(partials, names, points, step)[1])
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = 100 * step * np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    kinds: list[ClassifiedKind | None] = []
    for point, pair in zip(points, eigenvalues, strict=True):
        if np.all(np.abs(pair) > 1e-6 * curvature_scale):
            kinds.append("minimum" if pair.min() > 0 else "maximum" if pair.max() < 0 else "saddle")
            continue
        at = {name: np.append(point[i], point[i] + ring[:, i]) for i, name in enumerate(names)}
        values = evaluate_tree_array(function, at)
        rise = values[1:] - values[0]
        scale = float(np.max(np.abs(rise))) if np.isfinite(rise).all() else 0.0
        if scale <= 1e-14 * max(1.0, abs(float(values[0]))):
            kinds.append(None)  # flat to rounding all round: a plateau
            continue
        up, down = bool(np.any(rise > 1e-9 * scale)), bool(np.any(rise < -1e-9 * scale))
        level = bool(np.any(np.abs(rise) <= 1e-9 * scale))
        kinds.append("saddle" if up and down else None if level else "minimum" if up else "maximum")
    return kinds
