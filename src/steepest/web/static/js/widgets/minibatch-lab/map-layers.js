// What the minibatch lab draws on the contour map besides the full-batch path (bowl-map.js):
// the minibatch path, the current point, and the cloud of where each batch's step from there
// would land, with the full step and the step taken as arrows.

import { dotsPath, onScreen } from "../surface/descent.js";
import { arrowPath, element } from "../surface/svg.js";

export function createLayers(map) {
  const { clipped: layer } = map;
  return {
    path: element("polyline", { class: "minibatch-path", "data-role": "minibatch-path", points: "" }, layer),
    dots: element("path", { class: "minibatch-dots", d: "" }, layer),
    cloud: element("path", { class: "minibatch-cloud", "data-role": "cloud", d: "" }, layer),
    full: element("path", { class: "minibatch-full-step", "data-role": "full-step", d: "" }, layer),
    taken: element("path", { class: "minibatch-taken-step", "data-role": "taken-step", d: "" }, layer),
    current: element("circle", { r: 6, class: "minibatch-current", "data-role": "current" }, layer),
  };
}

function screenOf(map, [w, b]) {
  return onScreen(map.geo, map.names, { [map.names[0]]: w, [map.names[1]]: b });
}

export function drawMinibatchPath(map, layers, points) {
  const screen = points.map((p) => screenOf(map, p));
  layers.path.setAttribute("points", screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
  layers.dots.setAttribute("d", dotsPath(screen.slice(1)));
}

// `point` is the current point, `rate` the rate; each estimate g̃ lands at point − η·g̃.
export function drawCloud(map, layers, point, rate, { truth, estimates }, taken) {
  const at = (g) => screenOf(map, [point[0] - rate * g[0], point[1] - rate * g[1]]);
  layers.cloud.setAttribute("d", dotsPath(estimates.map(at)));
  const [cx, cy] = screenOf(map, point);
  const arrow = (g) => {
    const [x, y] = at(g);
    return Math.hypot(x - cx, y - cy) < 1 ? "" : arrowPath(cx, cy, x, y, 7);
  };
  layers.full.setAttribute("d", arrow(truth));
  layers.taken.setAttribute("d", arrow(taken));
  layers.current.setAttribute("cx", cx.toFixed(1));
  layers.current.setAttribute("cy", cy.toFixed(1));
}
