// SVG helpers of the surface explorer: making elements, writing numbers, and the map's geometry.

export const SVG = "http://www.w3.org/2000/svg";

export function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

// Three significant digits, as the engine writes them; "−" so screen readers say "minus".
export function formatNumber(value) {
  if (!Number.isFinite(value)) return "undefined";
  const abs = Math.abs(value);
  if (abs < 5e-4) return "0";
  const text = abs >= 1e5 ? value.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e") : String(Number(value.toPrecision(3)));
  return text.replace("-", "\u2212");
}

export const MARGIN = { left: 40, right: 12, top: 12, bottom: 40 };

// The map draws one unit of w1 as long as one unit of w2, so that a right angle on the surface
// is a right angle on the screen: the gradient arrow meets the level lines square.
export function geometry(window, size) {
  const [x0, x1, y0, y1] = window;
  const k = (size - MARGIN.left - MARGIN.right) / Math.max(x1 - x0, y1 - y0);
  const box = { left: MARGIN.left, top: MARGIN.top, right: MARGIN.left + (x1 - x0) * k, bottom: MARGIN.top + (y1 - y0) * k };
  return {
    window,
    box,
    k,
    width: box.right + MARGIN.right,
    height: box.bottom + MARGIN.bottom,
    sx: (x) => box.left + (x - x0) * k,
    sy: (y) => box.bottom - (y - y0) * k,
    fromScreen: (px, py) => [x0 + (px - box.left) / k, y0 + (box.bottom - py) / k],
    contains: (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1,
  };
}

// About `count` round tick values from `low` to `high`.
export function ticks(low, high, count = 4) {
  const rough = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const values = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return values;
}

// An arrow from (x, y) to (ex, ey) as one path: the shaft, then a filled head ending at the tip.
export function arrowPath(x, y, ex, ey, head) {
  const length = Math.hypot(ex - x, ey - y);
  const [ux, uy] = [(ex - x) / length, (ey - y) / length];
  const [bx, by] = [ex - ux * head, ey - uy * head];
  const [wx, wy] = [-uy * head * 0.45, ux * head * 0.45];
  const f = (v) => v.toFixed(1);
  return `M${f(x)},${f(y)}L${f(bx)},${f(by)}M${f(ex)},${f(ey)}L${f(bx + wx)},${f(by + wy)}L${f(bx - wx)},${f(by - wy)}Z`;
}
