// Both descents on the data set, in the browser: the loss of a batch is the mean of the
// engine's tree of one example's loss over its examples, its gradient the mean of the trees of
// the partials. Full-batch descent uses every example at each step; minibatch descent uses the
// batches of the shuffled epochs in turn (seeded.js), as engine/optimizers/minibatch.py does.

import { evaluate } from "../../expr-tree.js";
import { epochBatches } from "./seeded.js";

// The cloud holds the estimates of every batch of this many epochs at the current point.
export const CLOUD_EPOCHS = 8;
// Below this share of |∇L| a spread is the doubles' rounding.
const ROUNDING = 1e-12;

function meanOf(tree, data, indices, [w, b]) {
  let sum = 0;
  for (const i of indices) sum += evaluate(tree, { w, b, x: data[i].x, y: data[i].y });
  return sum / indices.length;
}

export function everyIndex(data) {
  return data.map((_, i) => i);
}

export function lossAt(spec, data, point) {
  return meanOf(spec.loss, data, everyIndex(data), point);
}

export function gradientAt(spec, data, indices, point) {
  return spec.variables.map((name) => meanOf(spec.partials[name], data, indices, point));
}

// The batches of the walk's steps, one per step, running through the epochs in turn.
export function stepBatches(count, size, seed, steps) {
  const batches = [];
  for (let epoch = 0; batches.length < steps + 1; epoch += 1) batches.push(...epochBatches(count, size, seed, epoch));
  return batches.slice(0, steps + 1);
}

// Every point of a walk of `steps` steps from `start`: each step w ← w − η·g on its batch.
export function walk(spec, data, batches, rate, start, steps) {
  const points = [start];
  let point = start;
  for (let k = 0; k < steps; k += 1) {
    const slope = gradientAt(spec, data, batches[k], point);
    point = point.map((c, i) => c - rate * slope[i]);
    points.push(point);
  }
  return points;
}

// The mean loss is a quadratic in (w, b): its gradient is H·z + c, so three gradients give H
// and c, and the best fit is where H·z + c = 0. H's eigenvalues (λmin first) shape the rings.
export function bowlOf(spec, data) {
  const all = everyIndex(data);
  const c = gradientAt(spec, data, all, [0, 0]);
  const [hww, hbw] = gradientAt(spec, data, all, [1, 0]).map((g, i) => g - c[i]);
  const [hwb, hbb] = gradientAt(spec, data, all, [0, 1]).map((g, i) => g - c[i]);
  const hMixed = (hbw + hwb) / 2;
  const det = hww * hbb - hMixed * hMixed;
  const minimum = [(-hbb * c[0] + hMixed * c[1]) / det, (hMixed * c[0] - hww * c[1]) / det];
  const mid = (hww + hbb) / 2;
  const gap = Math.hypot((hww - hbb) / 2, hMixed);
  const angle = Math.atan2(2 * hMixed, hww - hbb) / 2;
  return {
    minimum,
    lowest: lossAt(spec, data, minimum),
    curvatures: [mid + gap, mid - gap],
    // The first curvature's direction; the second is at right angles to it.
    angle,
  };
}

// The level lines as the server traces them (minibatch_lab/spec.py): L* + λmin·r²/2 for r =
// half/RINGS, 2·half/RINGS, …, up to the window's highest corner, each an ellipse around the
// best fit, in the surface explorer's shape so that its map draws them.
const RINGS = 5;
const MOST_LEVELS = 12;
const SIDES = 96;

export function rings(spec, data, bowl) {
  const [w0, w1, b0, b1] = spec.window;
  const half = (w1 - w0) / 2;
  const gentle = Math.min(...bowl.curvatures);
  const corners = [[w0, b0], [w0, b1], [w1, b0], [w1, b1]];
  const highest = Math.max(...corners.map((corner) => lossAt(spec, data, corner)));
  const [cos, sin] = [Math.cos(bowl.angle), Math.sin(bowl.angle)];
  const levels = [];
  for (let ring = 1; ring <= MOST_LEVELS; ring += 1) {
    const r = (ring * half) / RINGS;
    const value = bowl.lowest + (gentle * r * r) / 2;
    if (value >= highest) break;
    // Along each eigen-direction the ellipse reaches r·√(λmin/λ).
    const [a, b] = bowl.curvatures.map((lambda) => r * Math.sqrt(gentle / lambda));
    const line = [];
    for (let i = 0; i <= SIDES; i += 1) {
      const t = (2 * Math.PI * i) / SIDES;
      const [u, v] = [a * Math.cos(t), b * Math.sin(t)];
      line.push([bowl.minimum[0] + u * cos - v * sin, bowl.minimum[1] + u * sin + v * cos]);
    }
    levels.push({ value, lines: [line] });
  }
  return levels;
}

// At `point`: the true gradient, and the estimate of every batch of CLOUD_EPOCHS epochs. Each
// example's gradient is worked out once: a batch's estimate is the mean of its examples'.
export function cloud(spec, data, size, seed, point) {
  const [w, b] = point;
  const [dw, db] = spec.variables.map((name) => spec.partials[name]);
  const each = data.map(({ x, y }) => [evaluate(dw, { w, b, x, y }), evaluate(db, { w, b, x, y })]);
  const mean = (indices) => {
    let [gw, gb] = [0, 0];
    for (const i of indices) {
      gw += each[i][0];
      gb += each[i][1];
    }
    return [gw / indices.length, gb / indices.length];
  };
  const estimates = [];
  for (let epoch = 0; epoch < CLOUD_EPOCHS; epoch += 1) {
    for (const batch of epochBatches(data.length, size, seed, epoch)) estimates.push(mean(batch));
  }
  const truth = mean(everyIndex(data));
  const spread = Math.sqrt(estimates.reduce((sum, g) => sum + (g[0] - truth[0]) ** 2 + (g[1] - truth[1]) ** 2, 0) / estimates.length);
  // A batch of every example sums them in its shuffled order: what is left is rounding, not spread.
  return { truth, estimates, spread: spread <= ROUNDING * Math.hypot(...truth) ? 0 : spread };
}
