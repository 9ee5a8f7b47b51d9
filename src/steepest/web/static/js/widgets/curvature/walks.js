// Gradient descent and Newton's method from one start, on the engine's trees, counted in steps
// until |∇L| falls below the tolerance. The engine runs the same loops for the page without
// JavaScript (steepest.engine.surface.step_counts), operation for operation.

import { compile } from "../../expr-tree.js";

// A coordinate this far out has left any map worth drawing: the walk has flown off.
const ESCAPE = 1e6;

function walk(slopeAt, start, tolerance, most, step) {
  const points = [];
  const slopes = [];
  let point = start;
  let end = "out of steps";
  for (let k = 0; k <= most; k += 1) {
    const slope = slopeAt(point);
    // Not Math.hypot: its last bit differs from Python's; a square root is rounded the same.
    const size = Math.sqrt(slope[0] * slope[0] + slope[1] * slope[1]);
    points.push(point);
    slopes.push(size);
    if (size < tolerance) {
      end = "reached";
      break;
    }
    if (k === most) break;
    const following = step(point, slope);
    if (following === null) {
      end = "singular";
      break;
    }
    if (!following.every((c) => Number.isFinite(c) && Math.abs(c) <= ESCAPE)) {
      end = "flown off";
      break;
    }
    point = following;
  }
  return { points, slopes, end, steps: points.length - 1 };
}

// The loss's trees with κ set, compiled once: what each walk and each reading evaluates.
export function treesAt(spec, kappa) {
  const [a, b] = spec.variables;
  const [loss, slopeX, slopeY, h11, h12, h22] = [spec.function, ...spec.partials, ...spec.hessian].map(compile);
  const values = (point) => {
    const at = { [a]: point[0], [b]: point[1] };
    if (kappa !== null) at.kappa = kappa;
    return at;
  };
  return {
    values,
    loss: (point) => loss(values(point)),
    slope: (point) => {
      const at = values(point);
      return [slopeX(at), slopeY(at)];
    },
    hessian: (point) => {
      const at = values(point);
      return [h11(at), h12(at), h22(at)];
    },
  };
}

export function descentWalk(trees, start, rate, tolerance, most) {
  return walk(trees.slope, start, tolerance, most, (p, g) => [p[0] - rate * g[0], p[1] - rate * g[1]]);
}

export function newtonWalk(trees, start, tolerance, most) {
  return walk(trees.slope, start, tolerance, most, (p, g) => {
    const [a, b, c] = trees.hessian(p);
    const det = a * c - b * b;
    if (det === 0 || !Number.isFinite(det)) return null;
    return [p[0] - (c * g[0] - b * g[1]) / det, p[1] - (a * g[1] - b * g[0]) / det];
  });
}
