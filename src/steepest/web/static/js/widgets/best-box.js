// The best-box widget: a slider for the cut x, the plot of V(x) with the current point and its
// tangent, and a live readout. V and dV/dx arrive from the engine as expression trees in the
// widget's JSON spec; nothing here knows the formula.

import { evaluate } from "../expr-tree.js";

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { left: 52, right: 20, top: 28, bottom: 44 };
const SAMPLES = 240;
// A slope that rounds to 0.0 on the readout is called flat: the verdict agrees with the number.
const FLAT = 0.05;
// The tangent is drawn this fraction of the x range to each side of the point.
const TANGENT_REACH = 0.16;

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

function niceStep(span, count) {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw);
  return multiple * magnitude;
}

// One decimal, a true minus sign, and never "−0.0".
export function formatOneDecimal(value) {
  const text = value.toFixed(1);
  if (Number(text) === 0) return "0.0";
  return text.replace("-", "\u2212");
}

function formatTick(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

export function verdictFor(slope) {
  if (Math.abs(slope) < FLAT) {
    return { kind: "flat", text: "Flat: you are at the top. No small change to the cut makes a bigger box." };
  }
  if (slope > 0) {
    return { kind: "uphill", text: "Uphill: cut a little more and the box still gets bigger." };
  }
  return { kind: "downhill", text: "Downhill: the flaps are now too tall for the base. Cut less." };
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  const slider = root.querySelector("[data-slider]");
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const readout = root.querySelector("[data-readout]");
  const name = spec.variable;
  // One SVG unit per CSS pixel, so labels keep their size on a phone as on a desktop.
  root.querySelector("[data-needs-js]").hidden = false;
  const WIDTH = Math.round(Math.min(640, Math.max(300, svg.clientWidth)));
  const HEIGHT = Math.max(230, Math.round(WIDTH * 0.55));
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const volumeAt = (x) => evaluate(spec.volume, { [name]: x });
  const slopeAt = (x) => evaluate(spec.slope, { [name]: x });

  const x0 = spec.low;
  const x1 = spec.high;
  const xs = Array.from({ length: SAMPLES + 1 }, (_, i) => x0 + ((x1 - x0) * i) / SAMPLES);
  const highest = Math.max(...xs.map(volumeAt));
  const yStep = niceStep(highest, 4);
  const yTop = Math.ceil((highest * 1.12) / yStep) * yStep;
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const sx = (x) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const sy = (y) => bottom - (y / yTop) * (bottom - top);

  // Static parts: grid, axes, labels, the curve and the optimum.
  const clipId = `${slider.id}-clip`;
  const clip = element("clipPath", { id: clipId }, element("defs", {}, svg));
  element("rect", { x: left, y: top, width: right - left, height: bottom - top }, clip);
  const grid = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  for (let y = 0; y <= yTop + 1e-9; y += yStep) {
    element("line", { x1: left, x2: right, y1: sy(y), y2: sy(y) }, grid);
    element("text", { x: left - 8, y: sy(y), class: "tick-label tick-y" }, grid).textContent = formatTick(y);
  }
  const xStep = niceStep(x1 - x0, 6);
  for (let x = x0; x <= x1 + 1e-9; x += xStep) {
    element("line", { x1: sx(x), x2: sx(x), y1: bottom, y2: bottom + 5, class: "tick" }, grid);
    element("text", { x: sx(x), y: bottom + 20, class: "tick-label tick-x" }, grid).textContent = formatTick(x);
  }
  element("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis" }, grid);
  element("line", { x1: left, x2: left, y1: top, y2: bottom, class: "axis" }, grid);
  element("text", { x: right, y: bottom + 38, class: "axis-label axis-label-x" }, grid).textContent = `cut size ${name}`;
  element("text", { x: left - 44, y: top - 12, class: "axis-label" }, grid).textContent = "volume V";

  const path = xs.map((x, i) => `${i ? "L" : "M"}${sx(x).toFixed(2)},${sy(volumeAt(x)).toFixed(2)}`).join("");
  element("path", { d: path, class: "curve", "aria-hidden": "true" }, svg);

  const best = spec.optimum;
  const peak = element("g", { class: "optimum", "aria-hidden": "true" }, svg);
  element("line", { x1: sx(best.x), x2: sx(best.x), y1: bottom, y2: sy(best.value), class: "optimum-guide" }, peak);
  element("circle", { cx: sx(best.x), cy: sy(best.value), r: 5, class: "optimum-dot" }, peak);
  element("text", { x: sx(best.x), y: sy(best.value) - 12, class: "optimum-label" }, peak).textContent =
    `max ${formatTick(best.value)} at ${name} = ${formatTick(best.x)}`;

  // Moving parts.
  const moving = element("g", { class: "current", "aria-hidden": "true" }, svg);
  const guide = element("line", { class: "current-guide", y1: bottom }, moving);
  const tangent = element("line", { class: "tangent", "clip-path": `url(#${clipId})` }, moving);
  const dot = element("circle", { r: 6, class: "current-dot" }, moving);

  const reach = (x1 - x0) * TANGENT_REACH;

  function update(x) {
    const volume = volumeAt(x);
    const slope = slopeAt(x);
    const px = sx(x);
    const py = sy(volume);
    dot.setAttribute("cx", px);
    dot.setAttribute("cy", py);
    guide.setAttribute("x1", px);
    guide.setAttribute("x2", px);
    guide.setAttribute("y2", py);
    tangent.setAttribute("x1", sx(x - reach));
    tangent.setAttribute("y1", sy(volume - slope * reach));
    tangent.setAttribute("x2", sx(x + reach));
    tangent.setAttribute("y2", sy(volume + slope * reach));
    const verdict = verdictFor(slope);
    out.x.textContent = x.toFixed(2);
    out.volume.textContent = formatOneDecimal(volume);
    out.slope.textContent = formatOneDecimal(slope);
    out.verdict.textContent = verdict.text;
    readout.dataset.verdict = verdict.kind;
    slider.setAttribute(
      "aria-valuetext",
      `${name} = ${x.toFixed(2)}, volume ${formatOneDecimal(volume)}, slope ${formatOneDecimal(slope)}`,
    );
  }

  slider.addEventListener("input", () => {
    update(Number(slider.value));
    progress.markWidget(root.dataset.widget);
  });
  update(Number(slider.value));
}
