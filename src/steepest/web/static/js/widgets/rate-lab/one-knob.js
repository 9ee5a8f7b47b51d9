// One knob: the walk seen along one eigen-direction, where L − L* is λu²/2 for the gap u to the
// minimum and each step multiplies u by the factor 1 − ηλ. Drawn either as points on that
// parabola joined in the order they are visited, or as a cobweb: u at one step across, u at
// the next step up, so the steps bounce between the line u' = (1 − ηλ)u and the diagonal u' = u.

import { element, formatNumber } from "../surface/svg.js";

const BOX = { left: 44, right: 12, top: 26, bottom: 36 };

export function createOneKnob(svg) {
  const width = Math.round(Math.min(360, Math.max(260, svg.clientWidth || 320)));
  const height = Math.round(width * 0.78);
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
    guides: element("g", { class: "knob-guides" }, clipped),
    curve: element("path", { class: "knob-curve", "data-role": "knob-curve" }, clipped),
    hops: element("polyline", { class: "knob-hops", "data-role": "knob-hops" }, clipped),
    dots: element("g", { class: "knob-dots" }, clipped),
  };
}

// `us` are the gaps u₀, u₁, …; `reach` is how far the axes run each way from 0.
export function drawOneKnob(view, { mode, curvature, factor, us, reach, label }) {
  const { box } = view;
  const sx = (u) => box.left + ((u + reach) / (2 * reach)) * (box.right - box.left);
  const cobweb = mode === "cobweb";
  const top = cobweb ? reach : (curvature * reach * reach) / 2;
  const bottom = cobweb ? -reach : -0.06 * top;
  const sy = (v) => box.bottom - ((v - bottom) / (top - bottom)) * (box.bottom - box.top);
  const fixed = (n) => n.toFixed(1);
  // Far off the plot a point only needs to leave it: keep the numbers in the SVG small.
  const clampY = (v) => Math.max(-1e4, Math.min(1e4, sy(v)));
  const clampX = (u) => Math.max(-1e4, Math.min(1e4, sx(u)));

  drawFrame(view, box, { sx, sy, reach, top, bottom, cobweb, label });
  view.guides.replaceChildren();
  const line = (u0, v0, u1, v1, cls) => element("line", { x1: sx(u0), y1: sy(v0), x2: sx(u1), y2: sy(v1), class: cls }, view.guides);
  let points;
  if (cobweb) {
    line(-reach, -reach, reach, reach, "knob-diagonal");
    line(-reach, reach, reach, -reach, "knob-edge");
    view.curve.setAttribute("d", `M${fixed(sx(-reach))},${fixed(clampY(-factor * reach))}L${fixed(sx(reach))},${fixed(clampY(factor * reach))}`);
    // (u₀, u₀) → (u₀, u₁) → (u₁, u₁) → (u₁, u₂) → …
    points = [[us[0], us[0]]];
    for (let k = 0; k + 1 < us.length; k += 1) points.push([us[k], us[k + 1]], [us[k + 1], us[k + 1]]);
  } else {
    const samples = Array.from({ length: 81 }, (_, i) => -reach + (2 * reach * i) / 80);
    view.curve.setAttribute("d", samples.map((u, i) => `${i ? "L" : "M"}${fixed(sx(u))},${fixed(sy((curvature * u * u) / 2))}`).join(""));
    points = us.map((u) => [u, (curvature * u * u) / 2]);
  }
  view.hops.setAttribute("points", points.map(([u, v]) => `${fixed(clampX(u))},${fixed(clampY(v))}`).join(" "));
  const marks = us.map((u, k) => {
    const [cx, cy] = cobweb ? [clampX(u), clampY(u)] : [clampX(u), clampY((curvature * u * u) / 2)];
    return element("circle", { cx: fixed(cx), cy: fixed(cy), r: k === 0 ? 6 : 3.2, class: k === 0 ? "knob-start" : "knob-dot" });
  });
  view.dots.replaceChildren(...marks);
}

function drawFrame(view, box, { sx, sy, reach, top, bottom, cobweb, label }) {
  const texts = [];
  const text = (x, y, cls, content) => {
    const node = element("text", { x, y, class: cls });
    node.textContent = content;
    texts.push(node);
  };
  const rect = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" };
  const parts = [element("rect", rect)];
  for (const u of [-reach, 0, reach]) {
    parts.push(element("line", { x1: sx(u), x2: sx(u), y1: box.bottom, y2: box.bottom + 4, class: "tick" }));
    text(sx(u), box.bottom + 16, "tick-label tick-x", formatNumber(u));
  }
  const levels = cobweb ? [-reach, 0, reach] : [0, top];
  for (const v of levels) text(box.left - 6, sy(v), "tick-label tick-y", formatNumber(v));
  if (bottom < 0) parts.push(element("line", { x1: box.left, x2: box.right, y1: sy(0), y2: sy(0), class: "knob-floor" }));
  text(box.right, box.bottom + 31, "axis-label axis-label-x", cobweb ? `gap along ${label} at step k →` : `gap along ${label} →`);
  text(4, box.top - 12, "axis-label", cobweb ? "at step k + 1 ↑" : "its part of L ↑");
  view.frame.replaceChildren(...parts, ...texts);
}
