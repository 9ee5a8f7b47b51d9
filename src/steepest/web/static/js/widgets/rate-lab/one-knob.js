// One knob: the walk seen along one eigen-direction, where L − L* is λu²/2 for the gap u to the
// minimum and each step multiplies u by the factor 1 − ηλ. Drawn either as points on that
// parabola joined in the order they are visited, or as a cobweb: u at one step across, u at
// the next step up, so the steps bounce between the line u' = (1 − ηλ)u and the diagonal u' = u.
//
// A slider's input only moves the steps (and, in the cobweb, the factor's line); the frame,
// the guides and the parabola are drawn again only when the view, the direction or the reach
// changes, because rebuilding text is what costs time.

import { dotsPath } from "../surface/descent.js";
import { element, formatNumber } from "../surface/svg.js";

const BOX = { left: 44, right: 22, top: 26, bottom: 36 };

// One SVG unit per CSS pixel of the box the stylesheet sizes (.rate-lab-knob-box).
export function createOneKnob(svg) {
  const width = Math.round(svg.clientWidth || 320);
  const height = Math.round(svg.clientHeight || 250);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const box = { left: BOX.left, top: BOX.top, right: width - BOX.right, bottom: height - BOX.bottom };
  const rect = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
  svg.replaceChildren();
  element("rect", rect, element("clipPath", { id: "rate-lab-knob-clip" }, element("defs", {}, svg)));
  const frame = element("g", { class: "plot-grid" }, svg);
  const clipped = element("g", { "clip-path": "url(#rate-lab-knob-clip)" }, svg);
  return {
    box,
    frame,
    axes: null,
    guides: element("g", { class: "knob-guides" }, clipped),
    curve: element("path", { class: "knob-curve", "data-role": "knob-curve" }, clipped),
    hops: element("polyline", { class: "knob-hops", "data-role": "knob-hops" }, clipped),
    dots: element("path", { class: "knob-dot", "data-role": "knob-dots" }, clipped),
    start: element("circle", { r: 6, class: "knob-start", "data-role": "knob-start" }, clipped),
  };
}

function scales(box, mode, curvature, reach) {
  const cobweb = mode === "cobweb";
  const top = cobweb ? reach : (curvature * reach * reach) / 2;
  const bottom = cobweb ? -reach : -0.06 * top;
  return {
    cobweb,
    top,
    bottom,
    sx: (u) => box.left + ((u + reach) / (2 * reach)) * (box.right - box.left),
    sy: (v) => box.bottom - ((v - bottom) / (top - bottom)) * (box.bottom - box.top),
  };
}

// Far off the plot a point only needs to leave it: keep the numbers in the SVG small.
const fixed = (n) => Math.max(-1e4, Math.min(1e4, n)).toFixed(1);

// `us` are the gaps u₀, u₁, …; `reach` is how far the axes run each way from 0.
export function drawOneKnob(view, { mode, curvature, factor, us, reach, label }) {
  const scale = scales(view.box, mode, curvature, reach);
  const { sx, sy, cobweb } = scale;
  const key = `${mode} ${curvature} ${reach} ${label}`;
  if (view.axes !== key) {
    view.axes = key;
    drawAxes(view, scale, { curvature, reach, label });
  }
  let points;
  if (cobweb) {
    view.curve.setAttribute("d", `M${fixed(sx(-reach))},${fixed(sy(-factor * reach))}L${fixed(sx(reach))},${fixed(sy(factor * reach))}`);
    // (u₀, u₀) → (u₀, u₁) → (u₁, u₁) → (u₁, u₂) → …
    points = [[us[0], us[0]]];
    for (let k = 0; k + 1 < us.length; k += 1) points.push([us[k], us[k + 1]], [us[k + 1], us[k + 1]]);
  } else {
    points = us.map((u) => [u, (curvature * u * u) / 2]);
  }
  view.hops.setAttribute("points", points.map(([u, v]) => `${fixed(sx(u))},${fixed(sy(v))}`).join(" "));
  const marks = us.map((u) => [Number(fixed(sx(u))), Number(fixed(sy(cobweb ? u : (curvature * u * u) / 2)))]);
  view.dots.setAttribute("d", dotsPath(marks.slice(1)));
  view.start.setAttribute("cx", marks[0][0]);
  view.start.setAttribute("cy", marks[0][1]);
}

function drawAxes(view, { sx, sy, top, bottom, cobweb }, { curvature, reach, label }) {
  const { box } = view;
  const parts = [element("rect", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" })];
  const text = (x, y, cls, content) => {
    const node = element("text", { x, y, class: cls });
    node.textContent = content;
    parts.push(node);
  };
  for (const u of [-reach, 0, reach]) {
    parts.push(element("line", { x1: sx(u), x2: sx(u), y1: box.bottom, y2: box.bottom + 4, class: "tick" }));
    text(sx(u), box.bottom + 16, "tick-label tick-x", formatNumber(u));
  }
  for (const v of cobweb ? [-reach, 0, reach] : [0, top]) text(box.left - 6, sy(v), "tick-label tick-y", formatNumber(v));
  if (bottom < 0) parts.push(element("line", { x1: box.left, x2: box.right, y1: sy(0), y2: sy(0), class: "knob-floor" }));
  text(box.right, box.bottom + 31, "axis-label axis-label-x", cobweb ? `gap along ${label} at step k →` : `gap along ${label} →`);
  text(4, box.top - 12, "axis-label", cobweb ? "at step k + 1 ↑" : "its part of L ↑");
  view.frame.replaceChildren(...parts);

  const guides = [];
  if (cobweb) {
    guides.push(element("line", { x1: sx(-reach), y1: sy(-reach), x2: sx(reach), y2: sy(reach), class: "knob-diagonal" }));
    guides.push(element("line", { x1: sx(-reach), y1: sy(reach), x2: sx(reach), y2: sy(-reach), class: "knob-edge" }));
  } else {
    const samples = Array.from({ length: 81 }, (_, i) => -reach + (2 * reach * i) / 80);
    view.curve.setAttribute("d", samples.map((u, i) => `${i ? "L" : "M"}${fixed(sx(u))},${fixed(sy((curvature * u * u) / 2))}`).join(""));
  }
  view.guides.replaceChildren(...guides);
}
