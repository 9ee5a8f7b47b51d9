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

// One line by default; the momentum lab passes one per walk, each with its own class (for its
// colour), role and stop label, and its own `clipId` so that two plots on a page stay apart.
const ONE_LINE = [{ className: null, role: "loss-line", stopText: "stop: |∇L| < tolerance" }];

export function createLossPlot(svg, lowestIsZero, { clipId = "rate-lab-loss-clip", lines = ONE_LINE } = {}) {
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
  const series = lines.map(({ className, role, stopText }, index) => {
    const group = element("g", className ? { class: className } : {}, clipped);
    const stop = element("g", { class: "loss-stop", hidden: "" }, group);
    const stopLine = element("line", { y1: box.top, y2: box.bottom, class: "loss-stop-line" }, stop);
    // Labels one under another, so that two walks stopping at the same step both read.
    const stopLabel = element("text", { y: box.top + 14 * (index + 1), class: "loss-stop-label" }, stop);
    stopLabel.textContent = stopText;
    return {
      stop,
      stopLine,
      stopLabel,
      line: element("polyline", { class: "loss-line", "data-role": role }, group),
      dots: element("path", { class: "loss-dots" }, group),
    };
  });
  return { box, frame, decades: null, range: null, yName: lowestIsZero ? "L" : "L − L*", series };
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

export function drawLossPlot(plot, excess, stoppedAt) {
  drawLossLines(plot, [{ excess, stoppedAt }]);
}

// One walk per line of the plot, on one scale that holds them all.
export function drawLossLines(plot, walks) {
  const { box } = plot;
  const steps = Math.max(...walks.map((w) => w.excess.length)) - 1;
  const [low, high] = decades(walks.flatMap((w) => w.excess), plot.range);
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
  walks.forEach(({ excess, stoppedAt }, index) => {
    const line = plot.series[index];
    const screen = excess.map((v, k) => [sx(k), sy(v)]);
    line.line.setAttribute("points", screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
    line.dots.setAttribute("d", dotsPath(screen));
    line.stop.toggleAttribute("hidden", stoppedAt === null);
    if (stoppedAt !== null) {
      const x = sx(stoppedAt).toFixed(1);
      line.stopLine.setAttribute("x1", x);
      line.stopLine.setAttribute("x2", x);
      line.stopLabel.setAttribute("x", (Number(x) - 4).toFixed(1));
    }
  });
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
