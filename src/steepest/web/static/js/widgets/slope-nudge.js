// The slope-nudge widget: a loss of one knob w, a point on its curve to drag (or move with the
// arrow keys), and a nudge h on a slider. The secant through the point and the nudged point has
// slope (L(w + h) − L(w)) / h; as h shrinks it closes in on the tangent, of slope L′(w). L and
// L′ arrive from the engine as expression trees; nothing here knows the formula.

import { evaluate } from "../expr-tree.js";
import { announcer, markOnce } from "./live-text.js";
import { createErrorPlot, drawErrors, drawLossFrame, fitWidth, lossGeometry, placeLine } from "./slope-nudge/draw.js";
import { formatError, formatValue } from "./slope-nudge/numbers.js";

// Each line is drawn this share of the range to either side of the point (figure.py's too).
const LINE_REACH = 0.22;
// A difference of two losses is only known to a few units in their last place: an error below
// this many of them, over h, may be rounding alone.
const ROUNDING_UNITS = 64;
const PAGE_KEYS = 10;

export function verdictFor(slope, loss, atMinimum) {
  if (Math.abs(slope) <= 1e-9 * (1 + Math.abs(loss))) {
    if (atMinimum) return { kind: "flat", text: "Flat: L′ = 0 at the lowest point in view. No small step either way lowers the loss." };
    return { kind: "flat", text: "Flat: L′ = 0. A small step either way barely changes the loss." };
  }
  if (slope < 0) return { kind: "downhill", text: "Downhill to the right: L′ < 0, so a small step to larger w lowers the loss." };
  return { kind: "uphill", text: "Uphill to the right: L′ > 0, so a small step to smaller w lowers the loss." };
}

// The secant's slope and its error at w for the nudge h, with what rounding alone could do.
export function nudgeAt(lossAt, slopeAt, w, h) {
  const loss = lossAt(w);
  const nudged = lossAt(w + h);
  const quotient = (nudged - loss) / h;
  const slope = slopeAt(w);
  const floor = (ROUNDING_UNITS * Number.EPSILON * (Math.abs(loss) + Math.abs(nudged))) / h;
  const error = quotient - slope;
  return { loss, nudged, quotient, slope, error: Math.abs(error) <= floor ? 0 : error };
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  const slider = root.querySelector("[data-nudge]");
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const readout = root.querySelector("[data-readout]");
  const rows = [...root.querySelectorAll("[data-rows] tr")];
  const role = (name) => svg.querySelector(`[data-role="${name}"]`);
  const parts = { point: role("point"), nudged: role("nudged"), secant: role("secant"), tangent: role("tangent") };
  const name = spec.variable;
  for (const node of root.querySelectorAll("[data-needs-js]")) node.hidden = false;

  const values = (x) => ({ [name]: x });
  const safe = (tree) => (x) => {
    try {
      return evaluate(tree, values(x));
    } catch {
      return NaN;
    }
  };
  const lossAt = safe(spec.loss);
  const slopeAt = safe(spec.slope);
  const geo = lossGeometry(fitWidth(svg, 250, 0.5), spec);
  drawLossFrame(svg, geo, spec, lossAt);
  const errorPlot = createErrorPlot(root.querySelector("[data-errors]"), spec);
  const reach = LINE_REACH * (spec.high - spec.low);
  // The nudges largest first, as the table lists them.
  const tableOrder = spec.nudges.map((_, i) => spec.nudges.length - 1 - i);

  // The plot is the knob: a slider to assistive technology, dragged by pointer or moved by keys.
  svg.removeAttribute("aria-labelledby");
  svg.setAttribute("role", "slider");
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("aria-label", `Knob ${name}: drag the point along the curve, or use the arrow keys`);
  svg.setAttribute("aria-describedby", "slope-nudge-words");
  svg.setAttribute("aria-valuemin", spec.low);
  svg.setAttribute("aria-valuemax", spec.high);

  const state = { w: spec.start, index: spec.nudge };
  const table = root.querySelector("[data-rows]").closest("details");
  let errors = [];
  let errorsAt = null;
  let tableAt = null;
  let tableIndex = null;
  const explored = markOnce(root, progress);
  const say = announcer(out.announce);
  const wText = (w) => w.toFixed(spec.decimals);
  const snap = (w) => {
    const clamped = Math.min(spec.high, Math.max(spec.low, w));
    const stepped = spec.low + Math.round((clamped - spec.low) / spec.step) * spec.step;
    return Number(Math.min(spec.high, stepped).toFixed(spec.decimals));
  };

  function stateText(w, h, now) {
    return `The point sits at ${name} = ${wText(w)}, where L = ${formatValue(now.loss)} and the tangent has slope ${formatValue(now.slope)}. With h = ${spec.nudgeTexts[state.index]}, the secant to ${name} + h has slope ${formatValue(now.quotient)}.`;
  }

  // `announce`: say the new numbers once the learner pauses; never on load.
  function update(announce = true) {
    const { w, index } = state;
    const h = spec.nudges[index];
    const now = nudgeAt(lossAt, slopeAt, w, h);
    const atMinimum = spec.minimum !== null && Math.abs(w - spec.minimum.w) < spec.step / 2;
    const verdict = verdictFor(now.slope, now.loss, atMinimum);

    parts.point.setAttribute("cx", geo.sx(w));
    parts.point.setAttribute("cy", geo.sy(now.loss));
    const inView = w + h <= spec.high && Number.isFinite(now.nudged);
    parts.nudged.toggleAttribute("hidden", !inView);
    if (inView) {
      parts.nudged.setAttribute("cx", geo.sx(w + h));
      parts.nudged.setAttribute("cy", geo.sy(now.nudged));
    }
    placeLine(parts.secant, geo, [w, now.loss], now.quotient, [reach, Math.max(reach, h + reach / 4)]);
    placeLine(parts.tangent, geo, [w, now.loss], now.slope, [reach, reach]);

    out.w.textContent = wText(w);
    out.h.textContent = spec.nudgeTexts[index];
    out.loss.textContent = formatValue(now.loss);
    out.nudged.textContent = formatValue(now.nudged);
    out.quotient.textContent = formatValue(now.quotient);
    out.slope.textContent = formatValue(now.slope);
    out.error.textContent = now.error === 0 ? "0, to within rounding" : formatError(now.error);
    out.verdict.textContent = verdict.text;
    readout.dataset.verdict = verdict.kind;
    out.state.textContent = stateText(w, h, now);

    if (errorsAt !== w) {
      // The nudges' numbers depend on w alone: a new h only moves the marks.
      errorsAt = w;
      errors = spec.nudges.map((nudge) => nudgeAt(lossAt, slopeAt, w, nudge));
    }
    drawErrors(errorPlot, errors.map((e) => e.error), index);
    fillTable();

    svg.setAttribute("aria-valuenow", w);
    svg.setAttribute("aria-valuetext", `${name} = ${wText(w)}, L = ${formatValue(now.loss)}, slope ${formatValue(now.slope)}`);
    slider.setAttribute("aria-valuetext", `h = ${spec.nudgeTexts[index]}`);
    if (!announce) {
      say.cancel();
      return;
    }
    say(`${name} = ${wText(w)}, h = ${spec.nudgeTexts[index]}: secant slope ${formatValue(now.quotient)}, tangent slope ${formatValue(now.slope)}, error ${out.error.textContent}. ${verdict.text}`);
  }

  // The table is rewritten only while it is open (and when it opens): closed, nobody reads it.
  function fillTable() {
    if (tableAt === state.w && tableIndex === state.index) return;
    rows.forEach((row, r) => row.classList.toggle("current", tableOrder[r] === state.index));
    tableIndex = state.index;
    if (!table.open || tableAt === state.w) return;
    tableAt = state.w;
    out["table-w"].textContent = wText(state.w);
    out["table-slope"].textContent = formatValue(errors[0].slope);
    rows.forEach((row, r) => {
      const { nudged, quotient, error } = errors[tableOrder[r]];
      const cells = row.children;
      cells[1].textContent = formatValue(nudged);
      cells[2].textContent = formatValue(quotient);
      cells[3].textContent = formatError(error);
    });
  }

  function moveTo(w) {
    const next = snap(w);
    explored();
    if (next === state.w) return;
    state.w = next;
    update();
  }

  // -- events ------------------------------------------------------------------------------------

  const pointerW = (event) => {
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return geo.fromScreen(p.x);
  };
  svg.addEventListener("pointerdown", (event) => {
    svg.setPointerCapture(event.pointerId);
    svg.focus({ preventScroll: true });
    moveTo(pointerW(event));
  });
  svg.addEventListener("pointermove", (event) => {
    if (svg.hasPointerCapture(event.pointerId)) moveTo(pointerW(event));
  });
  svg.addEventListener("keydown", (event) => {
    const moves = {
      ArrowRight: spec.step,
      ArrowUp: spec.step,
      ArrowLeft: -spec.step,
      ArrowDown: -spec.step,
      PageUp: PAGE_KEYS * spec.step,
      PageDown: -PAGE_KEYS * spec.step,
    };
    if (event.key in moves) moveTo(state.w + moves[event.key]);
    else if (event.key === "Home") moveTo(spec.low);
    else if (event.key === "End") moveTo(spec.high);
    else return;
    event.preventDefault();
  });
  table.addEventListener("toggle", fillTable);
  slider.addEventListener("input", () => {
    explored();
    state.index = Number(slider.value);
    update();
  });
  update(false);
}
