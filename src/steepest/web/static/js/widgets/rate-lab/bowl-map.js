// Two knobs: the bowl's contour map (the surface explorer's, from the server's level lines) with
// the descent path on it and a start point to drag. The momentum lab draws a second path on it
// (addPath); `clipId` keeps two maps on one page apart.

import { dotsPath, onScreen } from "../surface/descent.js";
import { drawMap } from "../surface/map.js";
import { element, geometry } from "../surface/svg.js";

// The map's box is square (the stylesheet's .rate-lab-map-box), as is its window. `clipId`
// names the map's clip path, unique on a page that holds two maps; `clipped` is the clipped
// group the path is drawn in, for a widget that draws more on the map.
export function createBowlMap(svg, surface, clipId = "rate-lab-map-clip") {
  const size = Math.round(svg.clientWidth || 340);
  const geo = geometry(surface.window, size);
  drawMap(svg, surface, geo, clipId);
  const clipped = element("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" }, svg);
  return {
    geo,
    names: surface.variables,
    clipped,
    path: element("polyline", { class: "descent-path", "data-role": "path", points: "" }, clipped),
    dots: element("path", { class: "descent-dots", d: "" }, clipped),
    start: element("circle", { r: 7, class: "rate-lab-start", "data-role": "start" }, element("g", { "aria-hidden": "true" }, svg)),
  };
}

// Another path on the map, under the first one and its start: { path, dots } for drawWalk.
export function addPath(map, className, role) {
  const layer = element("g", { class: className }, null);
  map.clipped.prepend(layer);
  return {
    path: element("polyline", { class: "descent-path", "data-role": role, points: "" }, layer),
    dots: element("path", { class: "descent-dots", d: "" }, layer),
  };
}

// `layer`: the map's own path, or one from addPath.
export function drawWalk(map, points, layer = map) {
  const [a, b] = map.names;
  const screen = points.map(([x, y]) => onScreen(map.geo, map.names, { [a]: x, [b]: y }));
  layer.path.setAttribute("points", screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
  layer.dots.setAttribute("d", dotsPath(screen.slice(1)));
  map.start.setAttribute("cx", screen[0][0].toFixed(1));
  map.start.setAttribute("cy", screen[0][1].toFixed(1));
}
