// The momentum lab: heavy-ball momentum (v ← βv + ∇L, w ← w − ηv) against plain gradient
// descent on a quadratic bowl, at a rate η and a momentum β the learner sets. Both paths are
// drawn on one contour map and both losses on one log-scale plot; the sliders' tracks mark
// Polyak's best η* and β* and the threshold 2/λmax, numbers the engine put in the widget's
// JSON spec. The browser runs both update rules itself, on the engine's trees of L and its
// partials (rate-lab/walk.js), so the lab needs no server once the page is loaded.

import { announcer, markOnce, settler } from "./live-text.js";
import { description, stopText } from "./momentum-lab/words.js";
import { addPath, createBowlMap, drawWalk } from "./rate-lab/bowl-map.js";
import { createLossPlot, drawLossLines } from "./rate-lab/loss-plot.js";
import { drawMarks } from "./rate-lab/rate-track.js";
import { walk } from "./rate-lab/walk.js";
import { numberText } from "./rate-lab/words.js";

const LINES = [
  { className: "momentum-heavy", role: "momentum-loss", stopText: "momentum stops" },
  { className: "momentum-plain", role: "plain-loss", stopText: "descent stops" },
];

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// A slider's value as its shortest decimal: 0.1, not 0.1000000001.
function valueText(value) {
  return String(Number(value));
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const rateSlider = root.querySelector("[data-rate]");
  const betaSlider = root.querySelector("[data-beta]");
  const table = root.querySelector("[data-table]");
  root.querySelector("[data-needs-js]").hidden = false;

  const map = createBowlMap(root.querySelector("[data-map]"), spec.surface, "momentum-lab-map-clip");
  const plainPath = addPath(map, "momentum-plain", "plain-path");
  const loss = createLossPlot(root.querySelector("[data-loss]"), spec.lowest === 0, {
    clipId: "momentum-lab-loss-clip",
    lines: LINES,
  });
  const state = { rate: Number(rateSlider.value), beta: Number(betaSlider.value), heavy: null, plain: null };
  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);
  const settings = () => [valueText(state.rate), valueText(state.beta)];

  function fillTable() {
    const [rate, beta] = settings();
    const start = spec.start.map(numberText).join(", ");
    setText(out.caption, `The steps at η = ${rate} and β = ${beta}, from (${start})`);
    const rows = state.heavy.points.map((point, k) => {
      const row = document.createElement("tr");
      const head = document.createElement("th");
      head.scope = "row";
      head.textContent = String(k);
      row.append(head);
      const values = [...point, state.heavy.losses[k], ...state.plain.points[k], state.plain.losses[k]];
      for (const value of values) {
        const cell = document.createElement("td");
        cell.textContent = numberText(value);
        row.append(cell);
      }
      return row;
    });
    root.querySelector("[data-rows]").replaceChildren(...rows);
  }

  // The words and the table are written once the sliders rest for a moment: they are read,
  // not watched, and rewriting long text at every step of a drag would cost more than the
  // pictures.
  function settle() {
    const { heavy, plain } = state;
    const tuned = [spec.tunedRateText, spec.tunedBetaText];
    const said = description(settings(), [heavy.losses, plain.losses], [heavy.stoppedAt, plain.stoppedAt], spec.toleranceText, tuned);
    setText(out.description, said);
    if (table.open) fillTable();
  }
  // What `settle` rewrites says it is out of date (aria-busy) from an input until then.
  const settleSoon = settler([out.description, table], settle);

  function update() {
    state.heavy = walk(spec, state.rate, spec.start, state.beta);
    state.plain = walk(spec, state.rate, spec.start);
    const { heavy, plain } = state;
    drawWalk(map, heavy.points);
    drawWalk(map, plain.points, plainPath);
    drawLossLines(loss, [heavy, plain]);

    const [rate, beta] = settings();
    const last = spec.steps;
    setText(out.rate, rate);
    setText(out.beta, beta);
    setText(out["momentum-loss"], numberText(heavy.losses[last]));
    setText(out["plain-loss"], numberText(plain.losses[last]));
    setText(out["momentum-stop"], stopText(heavy.stoppedAt, last));
    setText(out["plain-stop"], stopText(plain.stoppedAt, last));
    rateSlider.setAttribute("aria-valuetext", `η = ${rate}`);
    betaSlider.setAttribute("aria-valuetext", `β = ${beta}`);
    settleSoon();
    announce(
      `η = ${rate}, β = ${beta}. After ${last} steps L = ${numberText(heavy.losses[last])} with momentum,` +
        ` ${numberText(plain.losses[last])} without.`,
    );
  }

  // -- events ------------------------------------------------------------------------------------

  rateSlider.addEventListener("input", () => {
    state.rate = Number(rateSlider.value);
    explored();
    update();
  });
  betaSlider.addEventListener("input", () => {
    state.beta = Number(betaSlider.value);
    explored();
    update();
  });
  table.addEventListener("toggle", () => {
    if (table.open) fillTable();
  });
  const rateTrack = root.querySelector("[data-rate-track]");
  const betaTrack = root.querySelector("[data-beta-track]");
  // η* is above 2/λmax on a bowl with κ > 3 + 2√2, below it on a rounder one: each label goes
  // on its own mark's outer side.
  const [lower, upper] = spec.tunedRate > spec.threshold ? ["left", "right"] : ["right", "left"];
  new ResizeObserver(() => {
    drawMarks(rateTrack, rateSlider, [], [
      [spec.threshold, "2/λmax", lower],
      [spec.tunedRate, "η*", upper],
    ]);
    drawMarks(betaTrack, betaSlider, [], [[spec.tunedBeta, "β*"]]);
  }).observe(rateSlider);

  update();
}
