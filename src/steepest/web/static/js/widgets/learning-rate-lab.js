// The learning-rate lab: one rate η drives gradient descent on a quadratic bowl, drawn three
// ways (the path on the contour map, the steps along one eigen-direction, the loss against the
// step on a log scale) with each direction's factor 1 − ηλ in numbers and words. The browser
// runs the update rule itself, on the engine's trees of L and its partials; the curvatures,
// the threshold 2/λmax and the level lines come from the engine in the widget's JSON spec.

import { createBowlMap, drawWalk } from "./rate-lab/bowl-map.js";
import { createLossPlot, drawLossPlot } from "./rate-lab/loss-plot.js";
import { createOneKnob, drawOneKnob } from "./rate-lab/one-knob.js";
import { drawTrack } from "./rate-lab/rate-track.js";
import { along, factors, walk } from "./rate-lab/walk.js";
import { description, factorPhrase, numberText, verdict, worstKind } from "./rate-lab/words.js";
import { attachMapPoint } from "./surface/map-point.js";
import { announcer, markOnce, settler } from "./live-text.js";

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function rateText(value) {
  return String(Number(value));
}

function pointText(names, point) {
  return `(${names.join(", ")}) = (${point.map(numberText).join(", ")})`;
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const slider = root.querySelector("[data-rate]");
  const mapSvg = root.querySelector("[data-map]");
  const table = root.querySelector("[data-table]");
  root.querySelector("[data-needs-js]").hidden = false;

  const [x0, x1, y0, y1] = spec.surface.window;
  const map = createBowlMap(mapSvg, spec.surface);
  const knob = createOneKnob(root.querySelector("[data-knob]"));
  const loss = createLossPlot(root.querySelector("[data-loss]"), spec.lowest === 0);
  const state = {
    rate: Number(slider.value),
    start: spec.start.slice(),
    direction: spec.directions.length - 1,
    view: "curve",
    walked: null,
  };
  const knobTitle = root.querySelector("#rate-lab-knob-title");
  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);

  function drawKnob() {
    const direction = spec.directions[state.direction];
    const us = along(spec, state.direction, state.walked.points);
    const factor = factors(spec, state.rate)[state.direction];
    // The axes reach a little past the start's gap, so the first point is always in view.
    const reach = Number((1.25 * Math.max(Math.abs(us[0]), 1e-9)).toPrecision(3));
    drawOneKnob(knob, { mode: state.view, curvature: direction.curvature, factor: factor.factor, us, reach, label: direction.label });
    setText(knobTitle, `One knob: the same steps along ${direction.label}`);
  }

  function knobText() {
    const direction = spec.directions[state.direction];
    const factor = factors(spec, state.rate)[state.direction];
    let text = `Along ${direction.label} the curvature is ${direction.curvatureText}, so each step multiplies the gap by ${numberText(factor.factor)}: ${factorPhrase(factor.factor, factor.kind)}.`;
    if (state.view === "cobweb") {
      text += " Across is the gap at one step, up the gap at the next: the solid line has the factor for its slope, the dotted line slope −1.";
    }
    return text;
  }

  function fillTable() {
    const { points, losses, slopes } = state.walked;
    setText(out.caption, `The steps at η = ${rateText(state.rate)}, from (${state.start.map(numberText).join(", ")})`);
    const rows = points.map((point, k) => {
      const row = document.createElement("tr");
      const head = document.createElement("th");
      head.scope = "row";
      head.textContent = String(k);
      row.append(head);
      for (const value of [...point, losses[k], slopes[k]]) {
        const cell = document.createElement("td");
        cell.textContent = numberText(value);
        row.append(cell);
      }
      return row;
    });
    root.querySelector("[data-rows]").replaceChildren(...rows);
  }

  // The words below the pictures and the table are written once the rate or the start rests
  // for a moment: they are read, not watched, and rewriting long text at every step of a drag
  // would cost more than the pictures.
  function settle() {
    const { losses, stoppedAt } = state.walked;
    const directions = factors(spec, state.rate);
    const shown = rateText(state.rate);
    setText(out.description, description(shown, directions, losses, stoppedAt, numberText(spec.tolerance)));
    setText(out.knob, knobText());
    setText(out.start, `Start: ${pointText(spec.variables, state.start)}, where L = ${numberText(losses[0])}.`);
    if (table.open) fillTable();
  }
  const settleSoon = settler([out.description, out.knob, out.start, table], settle);

  function update() {
    state.walked = walk(spec, state.rate, state.start);
    const { points, excess, stoppedAt } = state.walked;
    const directions = factors(spec, state.rate);
    const kinds = directions.map((d) => d.kind);
    const worst = worstKind(kinds);
    drawWalk(map, points);
    drawKnob();
    drawLossPlot(loss, excess, stoppedAt);

    const shown = rateText(state.rate);
    setText(out.rate, shown);
    directions.forEach((d, i) => {
      setText(out[`factor-${i}`], numberText(d.factor));
      setText(out[`kind-${i}`], d.kind);
      out[`kind-${i}`].closest("tr").dataset.kind = d.kind;
    });
    setText(out.verdict, verdict(kinds));
    out.verdict.dataset.kind = worst;
    slider.setAttribute("aria-valuetext", `η = ${shown}: ${worst}`);
    settleSoon();
    announce(`η = ${shown}. ${verdict(kinds)}`);
  }

  function moveStart(x, y) {
    const clamped = [Math.min(x1, Math.max(x0, x)), Math.min(y1, Math.max(y0, y))];
    if (clamped[0] === state.start[0] && clamped[1] === state.start[1]) return;
    state.start = clamped;
    explored();
    update();
  }

  // -- events ------------------------------------------------------------------------------------

  slider.addEventListener("input", () => {
    state.rate = Number(slider.value);
    explored();
    update();
  });
  attachMapPoint(mapSvg, map.geo, { current: () => state.start, home: spec.start, move: moveStart });
  for (const choice of root.querySelectorAll("[data-direction-choice]")) {
    choice.addEventListener("change", () => {
      state.direction = Number(choice.value);
      explored();
      update();
    });
  }
  for (const choice of root.querySelectorAll("[data-view-choice]")) {
    choice.addEventListener("change", () => {
      state.view = choice.value;
      explored();
      update();
    });
  }
  table.addEventListener("toggle", () => {
    if (table.open) fillTable();
  });
  const track = root.querySelector("[data-track]");
  new ResizeObserver(() => drawTrack(track, slider, spec)).observe(slider);

  update();
}
