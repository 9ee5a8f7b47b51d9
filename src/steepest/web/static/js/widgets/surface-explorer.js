// The surface-explorer widget: contour lines of a loss in two variables, the gradient arrow at
// a probe point, and a ball that takes gradient-descent steps. The loss and its gradient come
// from the engine as expression trees in the widget's JSON spec.

import { evaluate } from "../expr-tree.js";

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { left: 36, right: 12, top: 12, bottom: 44 };
const GRID = 48;
const LEVEL_QUANTILES = [0.02, 0.07, 0.15, 0.26, 0.4, 0.56, 0.74];
const MAX_STEPS = 60;
const ARROW = { min: 14, max: 110 };
const STEP_DELAY_MS = 70;

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

function format(value) {
  const text = value.toFixed(2);
  return Number(text) === 0 ? "0.00" : text.replace("-", "\u2212");
}

// Marching squares: the level curve of `values` (a (GRID+1)² grid) at `level`, as path data.
function contourPath(values, level, toX, toY) {
  const at = (i, j) => values[j * (GRID + 1) + i];
  let d = "";
  for (let j = 0; j < GRID; j += 1) {
    for (let i = 0; i < GRID; i += 1) {
      const corners = [
        [i, j, at(i, j)],
        [i + 1, j, at(i + 1, j)],
        [i + 1, j + 1, at(i + 1, j + 1)],
        [i, j + 1, at(i, j + 1)],
      ];
      const points = [];
      for (let k = 0; k < 4; k += 1) {
        const [ia, ja, va] = corners[k];
        const [ib, jb, vb] = corners[(k + 1) % 4];
        if ((va < level) !== (vb < level)) {
          const t = (level - va) / (vb - va);
          points.push([toX(ia + t * (ib - ia)), toY(ja + t * (jb - ja))]);
        }
      }
      for (let k = 0; k + 1 < points.length; k += 2) {
        const [a, b] = [points[k], points[k + 1]];
        d += `M${a[0].toFixed(1)},${a[1].toFixed(1)}L${b[0].toFixed(1)},${b[1].toFixed(1)}`;
      }
    }
  }
  return d;
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  const probeSliders = [...root.querySelectorAll("[data-probe]")];
  const rateSlider = root.querySelector("[data-rate]");
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const [nameA, nameB] = spec.variables;
  const R = spec.range;
  // One SVG unit per CSS pixel, so labels keep their size on a phone as on a desktop.
  root.querySelector("[data-needs-js]").hidden = false;
  const size = Math.round(Math.min(440, Math.max(260, svg.clientWidth)));
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  const side = size - MARGIN.left - MARGIN.right;
  const PLOT = { left: MARGIN.left, right: MARGIN.left + side, top: MARGIN.top, bottom: MARGIN.top + side };
  const loss = (a, b) => evaluate(spec.loss, { [nameA]: a, [nameB]: b });
  const grad = (a, b) => spec.gradient.map((tree) => evaluate(tree, { [nameA]: a, [nameB]: b }));

  const sx = (a) => PLOT.left + ((a + R) / (2 * R)) * (PLOT.right - PLOT.left);
  const sy = (b) => PLOT.bottom - ((b + R) / (2 * R)) * (PLOT.bottom - PLOT.top);
  const gridToX = (i) => sx(-R + (2 * R * i) / GRID);
  const gridToY = (j) => sy(-R + (2 * R * j) / GRID);

  const values = [];
  for (let j = 0; j <= GRID; j += 1) {
    for (let i = 0; i <= GRID; i += 1) {
      values.push(loss(-R + (2 * R * i) / GRID, -R + (2 * R * j) / GRID));
    }
  }
  const sorted = values.filter(Number.isFinite).sort((p, q) => p - q);
  const levels = [...new Set(LEVEL_QUANTILES.map((q) => sorted[Math.floor(q * (sorted.length - 1))]))];

  // Static layers: frame, axes, contours.
  const defs = element("defs", {}, svg);
  const clipId = "surface-clip";
  element(
    "rect",
    { x: PLOT.left, y: PLOT.top, width: PLOT.right - PLOT.left, height: PLOT.bottom - PLOT.top },
    element("clipPath", { id: clipId }, defs),
  );
  const marker = element(
    "marker",
    { id: "surface-arrowhead", viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
    defs,
  );
  element("path", { d: "M0,0L10,5L0,10z", class: "arrow-head" }, marker);

  const frame = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  element("rect", { x: PLOT.left, y: PLOT.top, width: PLOT.right - PLOT.left, height: PLOT.bottom - PLOT.top, class: "plot-frame" }, frame);
  for (const t of [-R, -R / 2, 0, R / 2, R]) {
    element("text", { x: sx(t), y: PLOT.bottom + 18, class: "tick-label tick-x" }, frame).textContent = format(t).replace(/\.?0+$/, "") || "0";
    element("text", { x: PLOT.left - 6, y: sy(t), class: "tick-label tick-y" }, frame).textContent = format(t).replace(/\.?0+$/, "") || "0";
  }
  element("line", { x1: sx(0), x2: sx(0), y1: PLOT.top, y2: PLOT.bottom, class: "axis-zero" }, frame);
  element("line", { x1: PLOT.left, x2: PLOT.right, y1: sy(0), y2: sy(0), class: "axis-zero" }, frame);
  element("text", { x: PLOT.right, y: PLOT.bottom + 36, class: "axis-label axis-label-x" }, frame).textContent = `${nameA} →`;
  element("text", { x: 2, y: PLOT.bottom + 36, class: "axis-label" }, frame).textContent = `↑ ${nameB}`;

  const contours = element("g", { class: "contours", "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  for (const level of levels) element("path", { d: contourPath(values, level, gridToX, gridToY), class: "contour" }, contours);

  const live = element("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  const probeLevel = element("path", { class: "contour contour-probe" }, live);
  const pathLine = element("polyline", { class: "descent-path" }, live);
  const pathDots = element("g", { class: "descent-dots" }, live);
  const arrow = element("line", { class: "gradient-arrow", "marker-end": "url(#surface-arrowhead)" }, live);
  const probeDot = element("circle", { r: 5, class: "probe-dot" }, live);

  let timer = null;
  let touched = false;
  const explored = () => {
    if (!touched) {
      touched = true;
      progress.markWidget(root.dataset.widget);
    }
  };

  function probe() {
    return probeSliders.map((s) => Number(s.value));
  }

  function drawProbe() {
    const [a, b] = probe();
    const [ga, gb] = grad(a, b);
    const norm = Math.hypot(ga, gb);
    const px = sx(a);
    const py = sy(b);
    probeDot.setAttribute("cx", px);
    probeDot.setAttribute("cy", py);
    const length = Math.min(ARROW.max, Math.max(ARROW.min, norm * 12));
    const visible = norm > 1e-9;
    arrow.toggleAttribute("hidden", !visible);
    if (visible) {
      arrow.setAttribute("x1", px);
      arrow.setAttribute("y1", py);
      arrow.setAttribute("x2", px + (ga / norm) * length);
      arrow.setAttribute("y2", py - (gb / norm) * length);
    }
    probeLevel.setAttribute("d", contourPath(values, loss(a, b), gridToX, gridToY));
    out["probe-0"].textContent = format(a);
    out["probe-1"].textContent = format(b);
    out.probe.textContent = `At (${format(a)}, ${format(b)}): L = ${format(loss(a, b))}, gradient (${format(ga)}, ${format(gb)}).`;
  }

  function clearPath() {
    clearTimeout(timer);
    pathLine.setAttribute("points", "");
    pathDots.replaceChildren();
    out.descent.textContent = "";
  }

  function descend() {
    clearPath();
    explored();
    const rate = Number(rateSlider.value);
    let [a, b] = probe();
    const points = [[a, b]];
    let flips = [0, 0];
    let fate = "steps";
    for (let k = 0; k < MAX_STEPS; k += 1) {
      const [ga, gb] = grad(a, b);
      const next = [a - rate * ga, b - rate * gb];
      if (!next.every(Number.isFinite) || Math.hypot(...next) > 50 * R) {
        fate = "diverged";
        break;
      }
      flips = flips.map((count, i) => count + (Math.sign(next[i]) !== Math.sign([a, b][i]) && next[i] !== 0 ? 1 : 0));
      const moved = Math.hypot(next[0] - a, next[1] - b);
      [a, b] = next;
      points.push([a, b]);
      if (moved < 1e-4) {
        fate = "settled";
        break;
      }
    }
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    let shown = reduced ? points.length : 1;
    const draw = () => {
      const visible = points.slice(0, shown);
      pathLine.setAttribute("points", visible.map(([p, q]) => `${sx(p).toFixed(1)},${sy(q).toFixed(1)}`).join(" "));
      pathDots.replaceChildren();
      for (const [p, q] of visible) element("circle", { cx: sx(p), cy: sy(q), r: 3, class: "descent-dot" }, pathDots);
      if (shown < points.length) {
        shown += 1;
        timer = setTimeout(draw, STEP_DELAY_MS);
      }
    };
    draw();
    const steps = points.length - 1;
    const [fa, fb] = points[points.length - 1];
    const sentences = [];
    if (fate === "diverged") {
      sentences.push(`With η = ${rate.toFixed(2)} every step overshoots by more than the last: the ball left the map after ${steps} steps.`);
    } else {
      const verb = fate === "settled" ? "came to rest" : "was still moving";
      sentences.push(`After ${steps} steps with η = ${rate.toFixed(2)} the ball ${verb} at (${format(fa)}, ${format(fb)}), where L = ${format(loss(fa, fb))}.`);
    }
    const zigzag = flips.findIndex((count) => count >= 3);
    if (zigzag >= 0) sentences.push(`It zig-zags across ${spec.variables[zigzag]}: each step jumps past the valley floor.`);
    out.descent.textContent = sentences.join(" ");
  }

  svg.addEventListener("pointermove", (event) => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    const a = -R + ((point.x - PLOT.left) / (PLOT.right - PLOT.left)) * 2 * R;
    const b = -R + ((PLOT.bottom - point.y) / (PLOT.bottom - PLOT.top)) * 2 * R;
    if (Math.abs(a) > R || Math.abs(b) > R) return;
    probeSliders[0].value = a;
    probeSliders[1].value = b;
    explored();
    drawProbe();
  });
  for (const slider of probeSliders) {
    slider.addEventListener("input", () => {
      explored();
      drawProbe();
    });
  }
  rateSlider.addEventListener("input", () => {
    out.rate.textContent = Number(rateSlider.value).toFixed(2);
    explored();
  });
  root.querySelector("[data-drop]").addEventListener("click", descend);
  root.querySelector("[data-clear]").addEventListener("click", clearPath);

  out.rate.textContent = Number(rateSlider.value).toFixed(2);
  drawProbe();
}
