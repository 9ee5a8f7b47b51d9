// The curvature explorer's map: the true level lines (the engine's, or a bowl's ellipses for the
// κ the slider sets), the quadratic model's level lines dashed over them, both walks, and the
// point with its eigen-directions.

import { bandOf, drawMap } from "../surface/map.js";
import { dotsPath } from "../surface/descent.js";
import { element, geometry } from "../surface/svg.js";
import { conicLines } from "./conic.js";

// Half the length of an eigen-direction's bar, in screen pixels.
const AXIS = 38;
// Walks are drawn only so far out: beyond this many window-widths they are off the map anyway.
const FAR = 4;
// A walk of a thousand steps crawls: a vertex closer than this (in pixels) to the last one drawn
// changes nothing on screen, and dots after the first DOTS would merge into a line.
const NEAR_PX = 0.5;
const DOTS = 60;

function path(lines, geo) {
  let d = "";
  for (const line of lines) {
    line.forEach(([x, y], i) => {
      d += `${i ? "L" : "M"}${geo.sx(x).toFixed(1)},${geo.sy(y).toFixed(1)}`;
    });
  }
  return d;
}

function screenPoints(points, geo) {
  const [x0, x1, y0, y1] = geo.window;
  const span = FAR * Math.max(x1 - x0, y1 - y0);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return points.map(([x, y]) => {
    const far = Math.hypot(x - cx, y - cy);
    const pull = far > span ? span / far : 1;
    return [geo.sx(cx + (x - cx) * pull), geo.sy(cy + (y - cy) * pull)];
  });
}

export function createMap(svg, spec) {
  const size = Math.round(svg.clientWidth || 340);
  const geo = geometry(spec.window, size);
  const surface = { window: spec.window, variables: spec.variables, levels: spec.levels, critical_points: [] };
  drawMap(svg, surface, geo, "curv-map-clip");
  const clipped = element("g", { "clip-path": "url(#curv-map-clip)", "aria-hidden": "true" }, svg);
  const walk = (name) => ({
    line: element("polyline", { class: `curv-walk curv-${name}`, "data-role": `${name}-path`, points: "" }, clipped),
    dots: element("path", { class: `curv-dots curv-${name}-dots`, d: "" }, clipped),
  });
  const model = element("path", { class: "curv-model", "data-role": "model", d: "" }, clipped);
  const axes = element("g", { class: "curv-axes" }, clipped);
  const bars = [0, 1].map((i) => element("line", { class: `curv-axis curv-axis-${i}`, "data-role": `axis-${i}` }, axes));
  const labels = [0, 1].map((i) => element("text", { class: `curv-axis-label curv-axis-label-${i}` }, axes));
  return {
    geo,
    contours: svg.querySelector(".contours"),
    model,
    descent: walk("descent"),
    newton: walk("newton"),
    bars,
    labels,
    point: element("circle", { r: 7, class: "rate-lab-start", "data-role": "point" }, element("g", { "aria-hidden": "true" }, svg)),
  };
}

// A bowl's level lines for the κ the slider sets: ellipses about its minimum. The paths are
// made once and only reshaped after, which is what a drag of the slider needs to be quick.
export function drawBowl(map, bowl, quadratic) {
  if (map.contours.children.length !== bowl.rings.length) {
    const lines = bowl.rings.map((ring, index) =>
      element("path", { class: `contour level-${bandOf(index, bowl.rings.length)}`, "data-role": "contour", "data-level": bowl.lowest + ring }),
    );
    map.contours.replaceChildren(...lines);
  }
  bowl.rings.forEach((ring, index) => {
    map.contours.children[index].setAttribute("d", path(conicLines(quadratic, bowl.lowest + ring, 0), map.geo));
  });
}

export function drawModel(map, quadratic, levels, reach) {
  map.model.setAttribute("d", quadratic === null ? "" : path(levels.flatMap((level) => conicLines(quadratic, level, reach)), map.geo));
}

// The vertices worth drawing: the first, the last, and each one NEAR_PX from the last kept.
function thinned(screen) {
  const kept = [screen[0]];
  for (let i = 1; i < screen.length - 1; i += 1) {
    const last = kept[kept.length - 1];
    if (Math.abs(screen[i][0] - last[0]) + Math.abs(screen[i][1] - last[1]) >= NEAR_PX) kept.push(screen[i]);
  }
  if (screen.length > 1) kept.push(screen[screen.length - 1]);
  return kept;
}

function drawWalk(layer, points, geo) {
  const screen = screenPoints(points, geo);
  layer.line.setAttribute("points", thinned(screen).map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
  layer.dots.setAttribute("d", dotsPath(screen.slice(1, DOTS + 1)));
}

export function drawWalks(map, descent, newton) {
  drawWalk(map.descent, descent.points, map.geo);
  drawWalk(map.newton, newton.points, map.geo);
}

export function drawPoint(map, reading) {
  const [x, y] = [map.geo.sx(reading.point[0]), map.geo.sy(reading.point[1])];
  map.point.setAttribute("cx", x.toFixed(1));
  map.point.setAttribute("cy", y.toFixed(1));
  reading.vectors.forEach(([vx, vy], i) => {
    // Screen y runs down: a direction (vx, vy) is drawn as (vx, −vy).
    const [dx, dy] = [vx * AXIS, -vy * AXIS];
    const bar = map.bars[i];
    bar.setAttribute("x1", (x - dx).toFixed(1));
    bar.setAttribute("y1", (y - dy).toFixed(1));
    bar.setAttribute("x2", (x + dx).toFixed(1));
    bar.setAttribute("y2", (y + dy).toFixed(1));
    // The label sits past the end that points more to the right, so it reads from the point out.
    const side = dx >= 0 ? 1 : -1;
    const label = map.labels[i];
    label.setAttribute("x", (x + side * dx * 1.2).toFixed(1));
    label.setAttribute("y", (y + side * dy * 1.2 + 4).toFixed(1));
  });
}

export function labelAxes(map, texts) {
  texts.forEach((text, i) => {
    if (map.labels[i].textContent !== text) map.labels[i].textContent = text;
  });
}
