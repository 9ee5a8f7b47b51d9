// The gradient estimates at the current point, in gradient space: each batch's g̃ as a dot, the
// true gradient ∇L as an arrow from the origin, and the estimate of the batch the next step
// uses as an arrow of its own. The dots scatter around the tip of ∇L: how far is the noise of
// minibatch descent, and a bigger batch pulls them in.

import { dotsPath } from "../surface/descent.js";
import { arrowPath, element, formatNumber } from "../surface/svg.js";

const BOX = { left: 46, right: 14, top: 14, bottom: 36 };
const NICE = [1, 2, 2.5, 5, 10];

// The smallest round number at least `value`: 1, 2, 2.5 or 5 times a power of ten.
function niceUp(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return NICE.map((m) => m * power).find((n) => n >= value * (1 - 1e-12));
}

export function createGradientPlot(svg) {
  const size = Math.round(svg.clientWidth || 300);
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.replaceChildren();
  const side = Math.min(size - BOX.left - BOX.right, size - BOX.top - BOX.bottom);
  const box = { left: BOX.left, top: BOX.top, right: BOX.left + side, bottom: BOX.top + side };
  const rect = { x: box.left, y: box.top, width: side, height: side };
  element("rect", rect, element("clipPath", { id: "minibatch-lab-cloud-clip" }, element("defs", {}, svg)));
  const frame = element("g", { class: "plot-grid" }, svg);
  const clipped = element("g", { "clip-path": "url(#minibatch-lab-cloud-clip)" }, svg);
  return {
    box,
    frame,
    reach: null,
    dots: element("path", { class: "minibatch-cloud", "data-role": "estimates" }, clipped),
    truth: element("path", { class: "minibatch-full-step", "data-role": "truth" }, clipped),
    taken: element("path", { class: "minibatch-taken-step", "data-role": "estimate" }, clipped),
  };
}

export function drawGradientPlot(view, { truth, estimates }, taken) {
  const { box } = view;
  const largest = Math.max(1e-9, ...[truth, taken, ...estimates].flat().filter(Number.isFinite).map(Math.abs));
  const reach = niceUp(1.1 * largest);
  const sx = (g) => box.left + ((g + reach) / (2 * reach)) * (box.right - box.left);
  const sy = (g) => box.bottom - ((g + reach) / (2 * reach)) * (box.bottom - box.top);
  if (view.reach !== reach) {
    view.reach = reach;
    drawFrame(view, reach, sx, sy);
  }
  const [ox, oy] = [sx(0), sy(0)];
  const arrow = ([gw, gb]) => {
    const [x, y] = [sx(gw), sy(gb)];
    return Math.hypot(x - ox, y - oy) < 1 ? "" : arrowPath(ox, oy, x, y, 8);
  };
  view.dots.setAttribute("d", dotsPath(estimates.map(([gw, gb]) => [sx(gw), sy(gb)])));
  view.truth.setAttribute("d", arrow(truth));
  view.taken.setAttribute("d", arrow(taken));
}

function drawFrame(view, reach, sx, sy) {
  const { box } = view;
  const parts = [element("rect", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" })];
  parts.push(element("line", { x1: box.left, x2: box.right, y1: sy(0), y2: sy(0), class: "loss-grid" }));
  parts.push(element("line", { x1: sx(0), x2: sx(0), y1: box.top, y2: box.bottom, class: "loss-grid" }));
  const label = (x, y, cls, text) => {
    const node = element("text", { x, y, class: cls });
    node.textContent = text;
    parts.push(node);
  };
  for (const g of [-reach, 0, reach]) {
    label(sx(g), box.bottom + 16, "tick-label tick-x", formatNumber(g));
    label(box.left - 6, sy(g), "tick-label tick-y", formatNumber(g));
  }
  label(box.right, box.bottom + 31, "axis-label axis-label-x", "∂L/∂w →");
  // Inside the frame, clear of the top tick.
  label(box.left + 4, box.top + 12, "axis-label", "∂L/∂b ↑");
  view.frame.replaceChildren(...parts);
}
