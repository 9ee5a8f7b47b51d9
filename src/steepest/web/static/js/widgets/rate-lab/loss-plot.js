// The loss against the step on a log scale: L − L*, how far L still is above its lowest value.
// On a bowl it falls (or climbs) by a steady factor per step once the slowest direction is all
// that is left, so a walk that converges ends as a straight line going down.

import { dotsPath } from "../surface/descent.js";
import { element, ticks } from "../surface/svg.js";

const MARGIN = { left: 58, right: 14, top: 14, bottom: 40 };
// Doubles carry about 16 digits: far below the start, L − L* is rounding noise.
const DEEPEST = 17;
const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

export function decadeText(power) {
  if (power === 0) return "1";
  if (power === 1) return "10";
  return `10${[...String(power)].map((c) => SUPERSCRIPT[c]).join("")}`;
}

// `clipId` names the plot's clip path, unique on a page that holds two plots.
export function createLossPlot(svg, lowestIsZero, clipId = "rate-lab-loss-clip") {
  // One SVG unit per CSS pixel of the box the stylesheet sizes (.rate-lab-loss-box).
  const width = Math.round(svg.clientWidth || 640);
  const height = Math.round(svg.clientHeight || 220);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const box = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const rect = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
  element("rect", rect, element("clipPath", { id: clipId }, element("defs", {}, svg)));
  const frame = element("g", { class: "plot-grid" }, svg);
  const clipped = element("g", { "clip-path": `url(#${clipId})` }, svg);
  const stop = element("g", { class: "loss-stop", hidden: "" }, clipped);
  const stopLine = element("line", { y1: box.top, y2: box.bottom, class: "loss-stop-line" }, stop);
  const stopLabel = element("text", { y: box.top + 14, class: "loss-stop-label" }, stop);
  stopLabel.textContent = "stop: |∇L| < tolerance";
  return {
    box,
    frame,
    decades: null,
    range: null,
    yName: lowestIsZero ? "L" : "L − L*",
    stop,
    stopLine,
    stopLabel,
    line: element("polyline", { class: "loss-line", "data-role": "loss-line" }, clipped),
    dots: element("path", { class: "loss-dots" }, clipped),
    // A second walk to compare with the first, drawn only when one is given.
    other: element("polyline", { class: "loss-line-other", "data-role": "loss-line-other" }, clipped),
    otherDots: element("path", { class: "loss-dots-other" }, clipped),
  };
}

// The decades the plot spans: from the smallest positive value (at most DEEPEST below the
// largest) up to the largest, at least two. The range in view is kept while every value still
// fits and it wastes fewer than SPARE decades at the bottom, so that the axis does not jump
// (and its labels are not rebuilt) at every step of a drag.
const SPARE = 3;

export function decades(values, shown = null) {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  if (logs.length === 0) return [-1, 1];
  const high = Math.ceil(Math.max(...logs) + 1e-9);
  const low = Math.min(Math.max(high - DEEPEST, Math.floor(Math.min(...logs) - 1e-9)), high - 2);
  if (shown !== null && shown[1] === high && shown[0] <= low && low - shown[0] < SPARE) return shown;
  return [low, high];
}

// `other`, when given, is a second walk's L − L* at the same steps, drawn on the same axes.
export function drawLossPlot(plot, excess, stoppedAt, other = null) {
  const { box } = plot;
  const steps = excess.length - 1;
  const [low, high] = decades(other === null ? excess : [...excess, ...other], plot.range);
  plot.range = [low, high];
  const sx = (k) => box.left + (k / Math.max(1, steps)) * (box.right - box.left);
  const sy = (v) => {
    // Zero, and anything below the plot, rests on its floor; overflow sits above the top.
    const power = v > 0 ? Math.log10(v) : low;
    if (!Number.isFinite(power)) return box.top - 10;
    return box.bottom - ((Math.max(low, power) - low) / (high - low)) * (box.bottom - box.top);
  };
  // The grid and its labels change only when the decades in view do: rebuilding text is what
  // costs time, and a slider's input seldom moves the ends by a whole decade.
  const key = `${low} ${high} ${steps}`;
  if (plot.decades !== key) {
    plot.decades = key;
    drawGrid(plot, low, high, steps, sx);
  }
  const screen = excess.map((v, k) => [sx(k), sy(v)]);
  plot.line.setAttribute("points", screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
  plot.dots.setAttribute("d", dotsPath(screen));
  const others = other === null ? [] : other.map((v, k) => [sx(k), sy(v)]);
  plot.other.setAttribute("points", others.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
  plot.otherDots.setAttribute("d", dotsPath(others));
  plot.stop.toggleAttribute("hidden", stoppedAt === null);
  if (stoppedAt !== null) {
    const x = sx(stoppedAt).toFixed(1);
    plot.stopLine.setAttribute("x1", x);
    plot.stopLine.setAttribute("x2", x);
    plot.stopLabel.setAttribute("x", (Number(x) - 4).toFixed(1));
  }
}

function drawGrid(plot, low, high, steps, sx) {
  const { box } = plot;
  const stride = Math.ceil((high - low) / 5);
  const parts = [element("rect", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" })];
  for (let power = high; power >= low; power -= stride) {
    const y = box.bottom - ((power - low) / (high - low)) * (box.bottom - box.top);
    parts.push(element("line", { x1: box.left, x2: box.right, y1: y, y2: y, class: "loss-grid" }));
    const label = element("text", { x: box.left - 6, y, class: "tick-label tick-y" });
    label.textContent = decadeText(power);
    parts.push(label);
  }
  for (const k of ticks(0, steps).filter(Number.isInteger)) {
    parts.push(element("line", { x1: sx(k), x2: sx(k), y1: box.bottom, y2: box.bottom + 4, class: "tick" }));
    const label = element("text", { x: sx(k), y: box.bottom + 17, class: "tick-label tick-x" });
    label.textContent = String(k);
    parts.push(label);
  }
  const xName = element("text", { x: box.right, y: box.bottom + 34, class: "axis-label axis-label-x" });
  xName.textContent = "step k →";
  const yName = element("text", { x: 4, y: box.top - 2, class: "axis-label" });
  yName.textContent = `${plot.yName} ↑`;
  plot.frame.replaceChildren(...parts, xName, yName);
}
