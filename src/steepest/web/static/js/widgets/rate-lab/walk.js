// Gradient descent on the bowl, in the browser: the update rule w ← w − η∇L(w) run on the
// engine's trees of L and its partials, and what one step does along each eigen-direction.
// With a momentum β it is the heavy ball in PyTorch's form, v ← βv + ∇L(w), w ← w − ηv, the
// velocity starting at 0 (engine/optimizers/rules.py); β = 0 is gradient descent itself.

import { evaluate } from "../../expr-tree.js";

// A factor this close to 0 or −1 is that number: the rate sits on a mark of the track.
const SAME = 1e-12;

// Every point from the start, with L, L − L* and |∇L| at each, and the first step at which the
// stopping rule |∇L| < tolerance holds (null if none does).
export function walk(spec, rate, start, beta = 0) {
  const names = spec.variables;
  const partials = names.map((name) => spec.surface.partials[name]);
  const points = [];
  const losses = [];
  const excess = [];
  const slopes = [];
  let point = start;
  let velocity = start.map(() => 0);
  for (let step = 0; step <= spec.steps; step += 1) {
    const at = {};
    names.forEach((name, i) => {
      at[name] = point[i];
    });
    const slope = partials.map((tree) => evaluate(tree, at));
    points.push(point);
    losses.push(evaluate(spec.surface.function, at));
    excess.push(evaluate(spec.excess, at));
    slopes.push(Math.hypot(...slope));
    velocity = velocity.map((v, i) => beta * v + slope[i]);
    point = point.map((c, i) => c - rate * velocity[i]);
  }
  const stop = slopes.findIndex((s) => s < spec.tolerance);
  return { points, losses, excess, slopes, stoppedAt: stop === -1 ? null : stop };
}

export function kindOf(factor) {
  if (factor >= -SAME) return "stable";
  if (factor > -1 + SAME) return "oscillates";
  if (factor >= -1 - SAME) return "bounces";
  return "diverges";
}

// Each eigen-direction's factor 1 − ηλ and what it does.
export function factors(spec, rate) {
  return spec.directions.map((direction) => {
    let factor = 1 - rate * direction.curvature;
    if (Math.abs(factor) < SAME) factor = 0;
    return { label: direction.label, factor, kind: kindOf(factor) };
  });
}

// The walk seen along one eigen-direction: u = v·(w − w*) at each step.
export function along(spec, direction, points) {
  const { vector } = spec.directions[direction];
  return points.map((p) => p.reduce((sum, c, i) => sum + vector[i] * (c - spec.minimum[i]), 0));
}
