// The slice view: L along the first variable with the second held fixed, and the tangent there,
// whose slope is the partial derivative ∂L/∂(first variable): one knob at a time.

import { element, formatNumber } from "./svg.js";

const WIDTH = 440;
const HEIGHT = 180;
const BOX = { left: 64, right: WIDTH - 12, top: 12, bottom: HEIGHT - 30 };
const SAMPLES = 120;

export function createSlice(svg, clipId) {
  svg.replaceChildren();
  const rect = { x: BOX.left, y: BOX.top, width: BOX.right - BOX.left, height: BOX.bottom - BOX.top };
  element("rect", rect, element("clipPath", { id: clipId }, element("defs", {}, svg)));
  const frame = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  element("rect", { ...rect, class: "plot-frame" }, frame);
  const labels = element("g", { class: "tick-labels" }, frame);
  const clipped = element("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  const curve = element("path", { class: "slice-curve", "data-role": "slice-curve" }, clipped);
  const tangent = element("line", { class: "slice-tangent", "data-role": "slice-tangent" }, clipped);
  const dot = element("circle", { r: 4.5, class: "probe-dot" }, clipped);
  return { labels, curve, tangent, dot };
}

// `loss(x)` and `slope(x)` are L and ∂L/∂x along the slice; `at` is the probe's first coordinate.
export function drawSlice(slice, [x0, x1], names, at, loss, slope) {
  const xs = Array.from({ length: SAMPLES + 1 }, (_, i) => x0 + ((x1 - x0) * i) / SAMPLES);
  const ys = xs.map(loss);
  const finite = ys.filter(Number.isFinite);
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (!(high > low)) [low, high] = [low - 1, high + 1];
  const pad = 0.08 * (high - low);
  [low, high] = [low - pad, high + pad];
  const sx = (x) => BOX.left + ((x - x0) / (x1 - x0)) * (BOX.right - BOX.left);
  const sy = (y) => BOX.bottom - ((y - low) / (high - low)) * (BOX.bottom - BOX.top);
  let d = "";
  let pen = "M";
  xs.forEach((x, i) => {
    if (!Number.isFinite(ys[i])) {
      pen = "M";
      return;
    }
    // Far outside the box the curve only needs to leave it: keep coordinates of sane size.
    d += `${pen}${sx(x).toFixed(1)},${Math.max(-1e4, Math.min(1e4, sy(ys[i]))).toFixed(1)}`;
    pen = "L";
  });
  slice.curve.setAttribute("d", d);

  const value = loss(at);
  const rise = slope(at);
  const ok = Number.isFinite(value) && Number.isFinite(rise);
  slice.tangent.toggleAttribute("hidden", !ok);
  slice.dot.toggleAttribute("hidden", !ok);
  if (ok) {
    const half = 0.18 * (x1 - x0);
    slice.tangent.setAttribute("x1", sx(at - half));
    slice.tangent.setAttribute("y1", sy(value - rise * half));
    slice.tangent.setAttribute("x2", sx(at + half));
    slice.tangent.setAttribute("y2", sy(value + rise * half));
    slice.dot.setAttribute("cx", sx(at));
    slice.dot.setAttribute("cy", sy(value));
  }
  const texts = [
    [BOX.left - 6, BOX.top + 4, "tick-label tick-y", formatNumber(high - pad)],
    [BOX.left - 6, BOX.bottom, "tick-label tick-y", formatNumber(low + pad)],
    [BOX.left, BOX.bottom + 17, "tick-label tick-x", formatNumber(x0)],
    [BOX.right, BOX.bottom + 17, "tick-label tick-x", formatNumber(x1)],
    [(BOX.left + BOX.right) / 2, BOX.bottom + 17, "axis-label", `${names[0]} →`],
    [6, (BOX.top + BOX.bottom) / 2, "axis-label", "L"],
  ];
  slice.labels.replaceChildren(...texts.map(([x, y, cls, text]) => {
    const node = element("text", { x, y, class: cls });
    node.textContent = text;
    return node;
  }));
  return { value, rise };
}
