// The gradient arrow at the probe, the level line's direction there, and the gradient field.
// Arrows are kept inside the plot: an arrow that would run past the frame is shortened to it.

import { arrowPath, element } from "./svg.js";

const FIELD_CELLS = 13;
const ARROW_MIN = 14;
const HEAD = 9;
const INSET = 3;

// The largest t in [0, 1] for which (x, y) + t·(dx, dy) stays inside the box.
export function insideFraction(box, x, y, dx, dy) {
  let t = 1;
  if (dx > 0) t = Math.min(t, (box.right - INSET - x) / dx);
  if (dx < 0) t = Math.min(t, (box.left + INSET - x) / dx);
  if (dy > 0) t = Math.min(t, (box.bottom - INSET - y) / dy);
  if (dy < 0) t = Math.min(t, (box.top + INSET - y) / dy);
  return Math.max(0, t);
}

// The centres of a grid of cells over the window, and the largest |∇L| among them, which sets
// the length of every arrow: the longest arrow is the steepest place in view.
export function fieldSamples(geo, gradientAt) {
  const [x0, x1, y0, y1] = geo.window;
  const cell = Math.max(x1 - x0, y1 - y0) / FIELD_CELLS;
  const samples = [];
  let steepest = 0;
  for (let y = y0 + cell / 2; y < y1; y += cell) {
    for (let x = x0 + cell / 2; x < x1; x += cell) {
      const g = gradientAt(x, y);
      const norm = Math.hypot(g[0], g[1]);
      if (Number.isFinite(norm)) {
        samples.push({ x, y, g, norm });
        steepest = Math.max(steepest, norm);
      }
    }
  }
  return { samples, steepest, cellPx: cell * geo.k };
}

export function createProbeLayer(svg, clipId) {
  const clipped = element("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  const field = element("g", { class: "gradient-field", "data-role": "gradient-field" }, clipped);
  const tangent = element("line", { class: "level-tangent", "data-role": "level-tangent" }, clipped);
  const path = element("polyline", { class: "descent-path", "data-role": "descent-path", points: "" }, clipped);
  const dots = element("path", { class: "descent-dots", d: "" }, clipped);
  const ball = element("circle", { r: 6, class: "descent-ball", "data-role": "ball", hidden: "" }, clipped);
  const top = element("g", { "aria-hidden": "true" }, svg);
  const arrow = element("path", { class: "gradient-arrow", "data-role": "gradient-arrow" }, top);
  const dot = element("circle", { r: 4.5, class: "probe-dot" }, top);
  return { field, tangent, path, dots, ball, arrow, dot };
}

export function drawProbe(layer, geo, [x, y], g, steepest) {
  const px = geo.sx(x);
  const py = geo.sy(y);
  layer.dot.setAttribute("cx", px);
  layer.dot.setAttribute("cy", py);
  const norm = Math.hypot(g[0], g[1]);
  const flat = !(norm > 0) || !Number.isFinite(norm);
  layer.tangent.toggleAttribute("hidden", flat);
  if (flat) {
    layer.arrow.setAttribute("hidden", "");
    return;
  }
  // On screen y grows downwards, so the arrow's y component changes sign.
  const [ux, uy] = [g[0] / norm, -g[1] / norm];
  const reach = 46;
  layer.tangent.setAttribute("x1", px - uy * reach);
  layer.tangent.setAttribute("y1", py + ux * reach);
  layer.tangent.setAttribute("x2", px + uy * reach);
  layer.tangent.setAttribute("y2", py - ux * reach);
  const longest = 0.32 * (geo.box.right - geo.box.left);
  const wanted = ARROW_MIN + (longest - ARROW_MIN) * Math.sqrt(Math.min(1, norm / (steepest || norm)));
  const length = wanted * insideFraction(geo.box, px, py, ux * wanted, uy * wanted);
  const visible = length >= HEAD + 2;
  layer.arrow.toggleAttribute("hidden", !visible);
  if (visible) layer.arrow.setAttribute("d", arrowPath(px, py, px + ux * length, py + uy * length, HEAD));
}

export function drawField(layer, geo, field) {
  const arrows = [];
  for (const { x, y, g, norm } of field.samples) {
    if (!(norm > 0)) continue;
    const length = 0.85 * field.cellPx * Math.sqrt(norm / field.steepest);
    if (length < 3) continue;
    const [px, py] = [geo.sx(x), geo.sy(y)];
    const [dx, dy] = [(g[0] / norm) * length, (-g[1] / norm) * length];
    arrows.push(element("path", { d: arrowPath(px - dx / 2, py - dy / 2, px + dx / 2, py + dy / 2, Math.min(5, length / 2)), "data-role": "field-arrow" }));
  }
  layer.field.replaceChildren(...arrows);
}
