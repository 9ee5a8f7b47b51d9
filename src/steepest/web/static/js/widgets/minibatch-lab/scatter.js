// The data set as a scatter, with the line y = w·x + b at the minibatch walk's current point and
// the examples of the batch it steps on next ringed.

import { element, formatNumber, ticks } from "../surface/svg.js";

const BOX = { left: 40, right: 12, top: 12, bottom: 34 };
const X_RANGE = [-2.2, 2.2];

export function createScatter(svg) {
  const width = Math.round(svg.clientWidth || 320);
  const height = Math.round(svg.clientHeight || 220);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const box = { left: BOX.left, top: BOX.top, right: width - BOX.right, bottom: height - BOX.bottom };
  const rect = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
  element("rect", rect, element("clipPath", { id: "minibatch-lab-scatter-clip" }, element("defs", {}, svg)));
  const frame = element("g", { class: "plot-grid" }, svg);
  const clipped = element("g", { "clip-path": "url(#minibatch-lab-scatter-clip)" }, svg);
  return {
    box,
    frame,
    key: null,
    range: null,
    line: element("line", { class: "minibatch-fit", "data-role": "fit" }, clipped),
    points: element("path", { class: "scatter-points", "data-role": "points" }, clipped),
    batch: element("path", { class: "scatter-batch", "data-role": "batch" }, clipped),
  };
}

function ring([x, y], r) {
  return `M${(x - r).toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1 0 ${2 * r},0a${r},${r} 0 1 0 ${-2 * r},0`;
}

// The frame is redrawn only when the data do (a new seed): a slider's input moves the line.
export function drawScatter(view, data, batch, [w, b]) {
  const { box } = view;
  const ys = data.map((e) => e.y);
  const pad = Math.max(0.5, (Math.max(...ys) - Math.min(...ys)) * 0.1);
  const [low, high] = [Math.min(...ys) - pad, Math.max(...ys) + pad];
  const sx = (x) => box.left + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (box.right - box.left);
  const sy = (y) => box.bottom - ((y - low) / (high - low)) * (box.bottom - box.top);
  const key = `${low} ${high}`;
  if (view.key !== key) {
    view.key = key;
    const parts = [element("rect", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" })];
    const label = (x, y, cls, text) => {
      const node = element("text", { x, y, class: cls });
      node.textContent = text;
      parts.push(node);
    };
    for (const t of ticks(X_RANGE[0], X_RANGE[1])) label(sx(t), box.bottom + 16, "tick-label tick-x", formatNumber(t));
    for (const t of ticks(low, high)) label(box.left - 6, sy(t), "tick-label tick-y", formatNumber(t));
    label(box.right, box.bottom + 30, "axis-label axis-label-x", "x →");
    label(2, box.top - 2, "axis-label", "y ↑");
    view.frame.replaceChildren(...parts);
    view.points.setAttribute("d", data.map((e) => ring([sx(e.x), sy(e.y)], 2.6)).join(""));
  }
  view.batch.setAttribute("d", batch.map((i) => ring([sx(data[i].x), sy(data[i].y)], 6)).join(""));
  const clamp = (v) => Math.max(-1e4, Math.min(1e4, v)).toFixed(1);
  const [x0, x1] = X_RANGE;
  view.line.setAttribute("x1", clamp(sx(x0)));
  view.line.setAttribute("x2", clamp(sx(x1)));
  view.line.setAttribute("y1", clamp(sy(w * x0 + b)));
  view.line.setAttribute("y2", clamp(sy(w * x1 + b)));
}
