// Drawing for the slope-nudge widget: the loss plot's frame and curve, the lines through the
// point, and the error plot on log scales. The window in values comes from the server
// (figure.py lays out the same one for the page as served), so both drawings agree.

import { element } from "../surface/svg.js";
import { superscript } from "./numbers.js";

// The same margins as the server's figure (steepest/widgets/slope_nudge/figure.py).
export const MARGIN = { left: 52, right: 16, top: 16, bottom: 40 };
const SAMPLES = 240;
const ERROR_MARGIN = { left: 56, right: 16, top: 14, bottom: 38 };
// Room around the error plot's points, in powers of ten.
const PAD = 0.3;

// One SVG unit per CSS pixel, so labels keep their size on a phone as on a desktop.
export function fitWidth(svg, minHeight, ratio) {
  const width = Math.round(Math.min(720, Math.max(280, svg.clientWidth || 560)));
  const height = Math.max(minHeight, Math.round(width * ratio));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return { width, height };
}

export function lossGeometry({ width, height }, spec) {
  const box = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const { low, high } = spec;
  const { bottom, top } = spec.figure;
  return {
    box,
    sx: (x) => box.left + ((x - low) / (high - low)) * (box.right - box.left),
    sy: (y) => box.bottom - ((y - bottom) / (top - bottom)) * (box.bottom - box.top),
    fromScreen: (px) => low + ((px - box.left) / (box.right - box.left)) * (high - low),
  };
}

// Grid, ticks, axis labels and the curve, replacing what the server drew.
export function drawLossFrame(svg, geo, spec, lossAt) {
  const { box, sx, sy } = geo;
  const clip = svg.querySelector("clipPath rect");
  for (const [key, value] of Object.entries({ x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top })) {
    clip.setAttribute(key, value);
  }
  const frame = svg.querySelector("[data-frame]");
  frame.replaceChildren();
  for (const tick of spec.figure.yTicks) {
    element("line", { x1: box.left, x2: box.right, y1: sy(tick.value), y2: sy(tick.value) }, frame);
    element("text", { x: box.left - 8, y: sy(tick.value), class: "tick-label tick-y" }, frame).textContent = tick.text;
  }
  for (const tick of spec.figure.xTicks) {
    element("line", { x1: sx(tick.value), x2: sx(tick.value), y1: box.bottom, y2: box.bottom + 5, class: "tick" }, frame);
    element("text", { x: sx(tick.value), y: box.bottom + 20, class: "tick-label tick-x" }, frame).textContent = tick.text;
  }
  element("line", { x1: box.left, x2: box.right, y1: box.bottom, y2: box.bottom, class: "axis" }, frame);
  element("line", { x1: box.left, x2: box.left, y1: box.top, y2: box.bottom, class: "axis" }, frame);
  element("text", { x: box.right, y: box.bottom + 36, class: "axis-label axis-label-x" }, frame).textContent = `knob ${spec.variable}`;
  element("text", { x: box.left + 6, y: box.top + 12, class: "axis-label" }, frame).textContent = "loss L";

  let d = "";
  let pen = "M";
  for (let i = 0; i <= SAMPLES; i += 1) {
    const x = spec.low + ((spec.high - spec.low) * i) / SAMPLES;
    const y = lossAt(x);
    if (!Number.isFinite(y)) {
      pen = "M";
      continue;
    }
    d += `${pen}${sx(x).toFixed(2)},${Math.max(-1e4, Math.min(1e4, sy(y))).toFixed(2)}`;
    pen = "L";
  }
  svg.querySelector('[data-role="curve"]').setAttribute("d", d);
  const minimum = svg.querySelector('[data-role="minimum"]');
  if (minimum && spec.minimum) {
    minimum.setAttribute("cx", sx(spec.minimum.w));
    minimum.setAttribute("cy", sy(spec.minimum.value));
  }
}

// A line of `slope` through (x, y), from x − before to x + after, in screen coordinates.
export function placeLine(line, geo, [x, y], slope, [before, after]) {
  line.setAttribute("x1", geo.sx(x - before));
  line.setAttribute("y1", geo.sy(y - slope * before));
  line.setAttribute("x2", geo.sx(x + after));
  line.setAttribute("y2", geo.sy(y + slope * after));
}

// The error plot: log10 h across, log10 |error| up; one point per nudge, the current one marked.
export function createErrorPlot(svg, spec) {
  const size = fitWidth(svg, 170, 0.34);
  const box = { left: ERROR_MARGIN.left, right: size.width - ERROR_MARGIN.right, top: ERROR_MARGIN.top, bottom: size.height - ERROR_MARGIN.bottom };
  const logs = spec.nudges.map(Math.log10);
  // A little room at each end, so the first and last points are not cut by the frame.
  const [x0, x1] = [logs[0] - PAD, logs[logs.length - 1] + PAD];
  const grid = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  const yLabels = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  const sx = (logH) => box.left + ((logH - x0) / (x1 - x0)) * (box.right - box.left);
  spec.nudgeTexts.forEach((text, i) => {
    if (!/^(0\.0*)?1(0*)$/.test(text)) return; // a power of ten: 0.001, 1, 10
    element("line", { x1: sx(logs[i]), x2: sx(logs[i]), y1: box.top, y2: box.bottom }, grid);
    element("text", { x: sx(logs[i]), y: box.bottom + 18, class: "tick-label tick-x" }, grid).textContent = text;
  });
  element("line", { x1: box.left, x2: box.right, y1: box.bottom, y2: box.bottom, class: "axis" }, grid);
  element("line", { x1: box.left, x2: box.left, y1: box.top, y2: box.bottom, class: "axis" }, grid);
  element("text", { x: box.right, y: box.bottom + 34, class: "axis-label axis-label-x" }, grid).textContent = "nudge h (log scale)";
  element("text", { x: box.left + 6, y: box.top + 12, class: "axis-label" }, grid).textContent = "error (log scale)";
  const marks = element("g", { "aria-hidden": "true" }, svg);
  const path = element("polyline", { class: "error-line", points: "" }, marks);
  const dots = spec.nudges.map((h, i) => element("circle", { r: 4, class: "error-dot", "data-h": spec.nudgeTexts[i] }, marks));
  const none = element("text", { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2, class: "error-none", hidden: "" }, marks);
  none.textContent = "No error at any nudge: L is a straight line here.";
  return { box, sx, logs, grid, yLabels, path, dots, none, decades: null };
}

// `errors[i]` is the error at nudges[i] (0 where rounding hides it); `current` is the slider's.
export function drawErrors(plot, errors, current) {
  const { box, sx, logs } = plot;
  const sizes = errors.map((e) => (e === 0 || !Number.isFinite(e) ? NaN : Math.log10(Math.abs(e))));
  const shown = sizes.filter(Number.isFinite);
  plot.none.toggleAttribute("hidden", shown.length > 0);
  if (shown.length === 0) {
    plot.path.setAttribute("points", "");
    plot.dots.forEach((dot) => dot.setAttribute("hidden", ""));
    plot.yLabels.replaceChildren();
    plot.decades = null;
    return;
  }
  let low = Math.floor(Math.min(...shown));
  let high = Math.ceil(Math.max(...shown));
  if (high === low) high += 1;
  if (high - low < 2) low -= 1;
  const sy = (size) => box.bottom - ((size - low + PAD) / (high - low + 2 * PAD)) * (box.bottom - box.top);
  if (plot.decades !== `${low}:${high}`) {
    // Relabel only when the window of powers of ten changes: most moves keep it.
    plot.decades = `${low}:${high}`;
    const every = Math.ceil((high - low) / 5);
    const labels = [];
    for (let k = low; k <= high; k += every) {
      labels.push(element("line", { x1: box.left, x2: box.right, y1: sy(k), y2: sy(k) }));
      const text = element("text", { x: box.left - 8, y: sy(k), class: "tick-label tick-y" });
      text.textContent = `10${superscript(k)}`;
      labels.push(text);
    }
    plot.yLabels.replaceChildren(...labels);
  }
  const points = [];
  sizes.forEach((size, i) => {
    const dot = plot.dots[i];
    const ok = Number.isFinite(size);
    dot.toggleAttribute("hidden", !ok);
    dot.classList.toggle("current", i === current);
    if (!ok) return;
    dot.setAttribute("cx", sx(logs[i]).toFixed(1));
    dot.setAttribute("cy", sy(size).toFixed(1));
    points.push(`${sx(logs[i]).toFixed(1)},${sy(size).toFixed(1)}`);
  });
  plot.path.setAttribute("points", points.join(" "));
}
