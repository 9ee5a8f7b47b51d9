// L itself against the step, on a linear scale: for a loss whose lowest value is not known,
// where the log plot of L − L* (rate-lab/loss-plot.js) has nothing to measure from. It draws
// into a plot made by that module's createLossPlot, so the two look and are driven alike.

import { dotsPath } from "../surface/descent.js";
import { element, formatNumber, ticks } from "../surface/svg.js";

function text(attributes, words) {
  const node = element("text", attributes);
  node.textContent = words;
  return node;
}

// One walk's L per line, on one scale that holds them all.
export function drawLinearLines(plot, walks) {
  const { box } = plot;
  const steps = Math.max(...walks.map((w) => w.values.length)) - 1;
  const all = walks.flatMap((w) => w.values).filter(Number.isFinite);
  let [low, high] = [Math.min(...all), Math.max(...all)];
  if (!(high > low)) [low, high] = [low - 1, high + 1];
  const sx = (k) => box.left + (k / Math.max(1, steps)) * (box.right - box.left);
  const sy = (v) => box.bottom - ((v - low) / (high - low)) * (box.bottom - box.top);
  const key = `${low} ${high} ${steps}`;
  if (plot.decades !== key) {
    plot.decades = key;
    const parts = [element("rect", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, class: "plot-frame" })];
    for (const t of ticks(low, high)) {
      parts.push(element("line", { x1: box.left, x2: box.right, y1: sy(t), y2: sy(t), class: "loss-grid" }));
      parts.push(text({ x: box.left - 6, y: sy(t), class: "tick-label tick-y" }, formatNumber(t)));
    }
    for (const k of ticks(0, steps).filter(Number.isInteger)) {
      parts.push(text({ x: sx(k), y: box.bottom + 17, class: "tick-label tick-x" }, String(k)));
    }
    parts.push(text({ x: box.right, y: box.bottom + 34, class: "axis-label axis-label-x" }, "step k →"));
    parts.push(text({ x: 4, y: box.top - 2, class: "axis-label" }, "L ↑"));
    plot.frame.replaceChildren(...parts);
  }
  walks.forEach(({ values }, index) => {
    const line = plot.series[index];
    const screen = values.map((v, k) => [sx(k), sy(v)]);
    line.line.setAttribute("points", screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
    line.dots.setAttribute("d", dotsPath(screen));
    line.stop.toggleAttribute("hidden", true);
  });
}
