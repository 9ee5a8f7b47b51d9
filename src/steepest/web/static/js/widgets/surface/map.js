// The static layers of the contour map: frame, ticks, the server's level lines coloured by level,
// the critical points, and the legend beside the map.

import { apiFetch } from "../../api.js";
import { element, formatNumber, ticks } from "./svg.js";

const BANDS = 8; // colours in the stylesheet: .level-0 (lowest) to .level-7 (highest)

export function bandOf(index, count) {
  return count > 1 ? Math.round((index / (count - 1)) * (BANDS - 1)) : Math.floor(BANDS / 2);
}

// The server's map of a typed loss (POST /api/surface): its level lines and its trees. `window`
// null lets the server choose. Rejects on a static copy or when the server cannot be reached.
export async function requestSurface(expression, window, levels) {
  const response = await apiFetch("/api/surface", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ expression, window, levels }),
  });
  return { ok: response.ok, body: await response.json() };
}

function linePath(line, geo) {
  let d = "";
  for (let i = 0; i < line.length; i += 1) {
    d += `${i ? "L" : "M"}${geo.sx(line[i][0]).toFixed(1)},${geo.sy(line[i][1]).toFixed(1)}`;
  }
  return d;
}

export function drawMap(svg, surface, geo, clipId) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${geo.width.toFixed(1)} ${geo.height.toFixed(1)}`);
  const { box } = geo;
  const [x0, x1, y0, y1] = surface.window;
  const [nameX, nameY] = surface.variables;
  const rect = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
  element("rect", rect, element("clipPath", { id: clipId }, element("defs", {}, svg)));

  const frame = element("g", { class: "plot-grid", "aria-hidden": "true" }, svg);
  element("rect", { ...rect, class: "plot-frame" }, frame);
  for (const t of ticks(x0, x1)) {
    element("line", { x1: geo.sx(t), x2: geo.sx(t), y1: box.bottom, y2: box.bottom + 4, class: "tick" }, frame);
    element("text", { x: geo.sx(t), y: box.bottom + 17, class: "tick-label tick-x" }, frame).textContent = formatNumber(t);
  }
  for (const t of ticks(y0, y1)) {
    element("line", { x1: box.left - 4, x2: box.left, y1: geo.sy(t), y2: geo.sy(t), class: "tick" }, frame);
    element("text", { x: box.left - 7, y: geo.sy(t), class: "tick-label tick-y" }, frame).textContent = formatNumber(t);
  }
  element("text", { x: box.right, y: box.bottom + 34, class: "axis-label axis-label-x" }, frame).textContent = `${nameX} →`;
  element("text", { x: 2, y: box.bottom + 34, class: "axis-label" }, frame).textContent = `↑ ${nameY}`;

  const contours = element("g", { class: "contours", "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  surface.levels.forEach((level, index) => {
    const band = bandOf(index, surface.levels.length);
    for (const line of level.lines) {
      element("path", { d: linePath(line, geo), class: `contour level-${band}`, "data-role": "contour", "data-level": level.value }, contours);
    }
  });
  const marks = element("g", { class: "critical-points", "aria-hidden": "true" }, svg);
  for (const point of surface.critical_points) {
    const [x, y] = surface.variables.map((name) => point.point[name]);
    element("path", { d: `M${geo.sx(x) - 5},${geo.sy(y)}h10M${geo.sx(x)},${geo.sy(y) - 5}v10`, class: `critical critical-${point.kind}` }, marks);
  }
}

export function drawLegend(list, surface) {
  const items = surface.levels.map((level, index) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `swatch level-${bandOf(index, surface.levels.length)}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, `L = ${formatNumber(level.value)}`);
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement("li");
    item.textContent = "L is flat here: no level lines";
    items.push(item);
  }
  list.replaceChildren(...items);
}
