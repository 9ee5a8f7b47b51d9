// The backprop-cost widget: seconds to get a gradient by finite differences and by one backward
// pass, against the number of knobs, on log-log axes. The timings were measured on the server
// and arrive in the widget's JSON spec; this module only plots them.

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { left: 64, right: 24, top: 20, bottom: 48 };
const SERIES = [
  { key: "finite_seconds", name: "finite", label: "finite differences" },
  { key: "backward_seconds", name: "backward", label: "backward pass" },
];

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

// 1e-6 → "1 µs", 100 → "100 s", 1e4 → "10⁴ s": seconds as a person reads them.
export function secondsLabel(exponent) {
  if (exponent < -6) return `10${superscript(exponent)} s`;
  if (exponent < -3) return `${10 ** (exponent + 6)} µs`;
  if (exponent < 0) return `${10 ** (exponent + 3)} ms`;
  if (exponent <= 2) return `${10 ** exponent} s`;
  return `10${superscript(exponent)} s`;
}

export function knobsLabel(exponent) {
  return exponent <= 3 ? String(10 ** exponent) : `10${superscript(exponent)}`;
}

function superscript(exponent) {
  const digits = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  return [...String(exponent)].map((c) => digits[c]).join("");
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  root.querySelector("[data-needs-js]").hidden = false;
  // One SVG unit per CSS pixel, so labels keep their size on a phone as on a desktop.
  const width = Math.round(Math.min(680, Math.max(300, svg.clientWidth)));
  const height = Math.max(280, Math.round(width * 0.55));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);

  const rows = spec.rows;
  const seconds = rows.flatMap((r) => SERIES.map((s) => r[s.key]));
  const x0 = Math.floor(Math.log10(rows[0].n));
  const x1 = Math.ceil(Math.log10(rows[rows.length - 1].n));
  const y0 = Math.floor(Math.log10(Math.min(...seconds)));
  const y1 = Math.ceil(Math.log10(Math.max(...seconds)));
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const sx = (n) => left + ((Math.log10(n) - x0) / (x1 - x0)) * (right - left);
  const sy = (s) => bottom - ((Math.log10(s) - y0) / (y1 - y0)) * (bottom - top);

  const grid = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  // Label every decade while they fit, else every second or third one.
  const every = Math.ceil((y1 - y0) / Math.max(1, Math.floor((bottom - top) / 26)));
  for (let e = y0; e <= y1; e += 1) {
    element("line", { x1: left, x2: right, y1: sy(10 ** e), y2: sy(10 ** e) }, grid);
    if ((e - y0) % every === 0) {
      element("text", { x: left - 8, y: sy(10 ** e), class: "tick-label tick-y" }, grid).textContent = secondsLabel(e);
    }
  }
  for (let e = x0; e <= x1; e += 1) {
    element("line", { x1: sx(10 ** e), x2: sx(10 ** e), y1: bottom, y2: bottom + 5, class: "tick" }, grid);
    element("text", { x: sx(10 ** e), y: bottom + 20, class: "tick-label tick-x" }, grid).textContent = knobsLabel(e);
  }
  element("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis" }, grid);
  element("line", { x1: left, x2: left, y1: top, y2: bottom, class: "axis" }, grid);
  element("text", { x: right, y: bottom + 40, class: "axis-label axis-label-x" }, grid).textContent = "knobs n";

  for (const series of SERIES) {
    const group = element("g", { class: `cost-series cost-${series.name}`, "aria-hidden": "true" }, svg);
    const path = rows.map((r, i) => `${i ? "L" : "M"}${sx(r.n).toFixed(1)},${sy(r[series.key]).toFixed(1)}`).join("");
    element("path", { d: path, class: "cost-line" }, group);
    for (const row of rows) {
      const estimated = series.name === "finite" && row.estimated;
      element(
        "circle",
        { cx: sx(row.n), cy: sy(row[series.key]), r: 5, class: `cost-point${estimated ? " cost-estimated" : ""}`, "data-series": series.name },
        group,
      );
    }
  }
  const last = rows[rows.length - 1];
  const gap = element("g", { class: "cost-gap", "aria-hidden": "true" }, svg);
  const gx = sx(last.n) - 14;
  element("line", { x1: gx, x2: gx, y1: sy(last.finite_seconds) + 8, y2: sy(last.backward_seconds) - 8 }, gap);
  const label = element("text", { x: gx - 8, y: 0, class: "cost-gap-label" }, gap);
  label.textContent = `${Math.round(last.ratio).toLocaleString("en")}× slower`;
  // Halfway down the gap, or lower if the finite-difference line passes over the label's left end.
  // On a narrow plot there may be no room for the words, only the number.
  const points = rows.map((r) => [sx(r.n), sy(r.finite_seconds)]);
  const lineAt = (px) => {
    const i = Math.max(1, points.findIndex(([x]) => x >= px));
    const [[xa, ya], [xb, yb]] = [points[i - 1], points[i]];
    return ya + ((yb - ya) * (px - xa)) / (xb - xa);
  };
  const middle = (sy(last.finite_seconds) + sy(last.backward_seconds)) / 2;
  const lowest = sy(last.backward_seconds) - 18;
  let clear = lineAt(label.getBBox().x) + 16;
  if (clear > lowest) {
    label.textContent = `${Math.round(last.ratio).toLocaleString("en")}×`;
    clear = lineAt(label.getBBox().x) + 16;
  }
  label.setAttribute("y", Math.min(Math.max(middle, clear), lowest));
  svg.addEventListener("pointerenter", () => progress.markWidget(root.dataset.widget), { once: true });
}
