// The minibatch lab: full-batch and minibatch gradient descent fitting a line to a seeded data
// set, on the contour map of the mean squared error over (w, b). The batch size, the seed and
// the rate redo both walks; the step slider moves the current point, where a cloud shows the
// step every batch would take against the full one. The browser makes the data and the batches
// with its twin of the engine's generator (minibatch-lab/seeded.js) and steps on the engine's
// trees of one example's loss and partials, so a static export works the same.

import { announcer, markOnce, settler } from "./live-text.js";
import { createBowlMap, drawWalk } from "./rate-lab/bowl-map.js";
import { createLossPlot, drawLossLines } from "./rate-lab/loss-plot.js";
import { numberText } from "./rate-lab/words.js";
import { bowlOf, cloud, everyIndex, gradientAt, lossAt, rings, stepBatches, walk } from "./minibatch-lab/descent.js";
import { createGradientPlot, drawGradientPlot } from "./minibatch-lab/gradient-cloud.js";
import { createLayers, drawCloud, drawMinibatchPath } from "./minibatch-lab/map-layers.js";
import { createScatter, drawScatter } from "./minibatch-lab/scatter.js";
import { lineExamples } from "./minibatch-lab/seeded.js";
import { description, pointText, vectorText } from "./minibatch-lab/words.js";

const CLIP = "minibatch-lab-map-clip";
// Full batch solid, minibatch dashed, on the loss plot as on the map; neither walk stops early.
const LOSS_LINES = [
  { className: "minibatch-full", role: "loss-line", stopText: "" },
  { className: "minibatch-mini", role: "loss-line-other", stopText: "" },
];

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function cellRow(head, values) {
  const row = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = head;
  row.append(th);
  for (const value of values) {
    const cell = document.createElement("td");
    cell.textContent = value;
    row.append(cell);
  }
  return row;
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const inputs = {
    batch: root.querySelector("[data-batch]"),
    rate: root.querySelector("[data-rate]"),
    step: root.querySelector("[data-step]"),
    seed: root.querySelector("[data-seed]"),
  };
  const mapSvg = root.querySelector("[data-map]");
  const table = root.querySelector("[data-table]");
  const dataTable = root.querySelector("[data-data-table]");
  root.querySelector("[data-needs-js]").hidden = false;
  root.querySelector("[data-static]").hidden = true;

  const scatter = createScatter(root.querySelector("[data-scatter]"));
  const gradients = createGradientPlot(root.querySelector("[data-gradients]"));
  const lossPlot = createLossPlot(root.querySelector("[data-loss]"), false, {
    clipId: "minibatch-lab-loss-clip",
    lines: LOSS_LINES,
  });
  const state = { seed: spec.seed, batch: spec.batch, rate: spec.rate, step: 0 };
  // What a seed fixes: the data, the bowl and its map. What the settings fix: both walks.
  let world = null;
  let walks = null;
  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);

  function makeWorld() {
    const data = lineExamples(state.seed, spec.examples, spec.slope, spec.intercept, spec.noise);
    const bowl = bowlOf(spec, data);
    const surface = {
      window: spec.window,
      variables: spec.variables,
      levels: rings(spec, data, bowl),
      critical_points: [{ kind: "minimum", point: { w: bowl.minimum[0], b: bowl.minimum[1] } }],
    };
    const map = createBowlMap(mapSvg, surface, CLIP);
    world = { data, bowl, map, layers: createLayers(map) };
  }

  function makeWalks() {
    const { data } = world;
    const batches = stepBatches(data.length, state.batch, state.seed, spec.steps);
    // Full-batch descent is minibatch descent whose every batch is the whole data set.
    const whole = Array(spec.steps).fill(everyIndex(data));
    walks = {
      batches,
      mini: walk(spec, data, batches, state.rate, spec.start, spec.steps),
      full: walk(spec, data, whole, state.rate, spec.start, spec.steps),
    };
    walks.miniLoss = walks.mini.map((p) => lossAt(spec, data, p));
    walks.fullLoss = walks.full.map((p) => lossAt(spec, data, p));
    drawWalk(world.map, walks.full);
    drawMinibatchPath(world.map, world.layers, walks.mini);
    const above = (losses) => losses.map((l) => l - world.bowl.lowest);
    drawLossLines(lossPlot, [
      { excess: above(walks.fullLoss), stoppedAt: null },
      { excess: above(walks.miniLoss), stoppedAt: null },
    ]);
  }

  function rateText() {
    return String(Number(state.rate));
  }

  // The current point: the readouts, the cloud, the scatter's line and ringed batch.
  function drawStep() {
    const k = state.step;
    const { data } = world;
    const point = walks.mini[k];
    const batch = walks.batches[k];
    const perEpoch = Math.ceil(data.length / state.batch);
    const epoch = Math.floor(k / perEpoch) + 1;
    const place = (k % perEpoch) + 1;
    const estimate = gradientAt(spec, data, batch, point);
    const spread = cloud(spec, data, state.batch, state.seed, point);
    drawCloud(world.map, world.layers, point, state.rate, spread, estimate);
    drawGradientPlot(gradients, spread, estimate);
    drawScatter(scatter, data, k < spec.steps ? batch : [], point);
    setText(out.step, String(k));
    const next = k < spec.steps ? ` The next step uses batch ${place} of ${perEpoch} in epoch ${epoch}: examples ${batch.map((i) => i + 1).join(", ")}.` : " That is the last step drawn.";
    setText(out.where, `Step ${k} of ${spec.steps}.${next}`);
    setText(out["mini-point"], vectorText(point));
    setText(out["full-point"], vectorText(walks.full[k]));
    setText(out["mini-loss"], numberText(walks.miniLoss[k]));
    setText(out["full-loss"], numberText(walks.fullLoss[k]));
    setText(out.estimate, `g̃ = ${vectorText(estimate)}`);
    setText(out.truth, `∇L = ${vectorText(spread.truth)}`);
    setText(out.spread, `Over all ${spread.estimates.length} batches of ${spread.estimates.length / perEpoch} epochs, the estimates g̃ sit a root-mean-square ${numberText(spread.spread)} from ∇L = ${vectorText(spread.truth)}, whose length is ${numberText(Math.hypot(...spread.truth))}.`);
    inputs.step.setAttribute("aria-valuetext", `step ${k}: epoch ${epoch}, L = ${numberText(walks.miniLoss[k])}`);
    announce(`Step ${k}, epoch ${epoch}. Minibatch L = ${numberText(walks.miniLoss[k])}, full batch L = ${numberText(walks.fullLoss[k])}. Estimate ${vectorText(estimate)} against the true gradient ${vectorText(spread.truth)}.`);
  }

  function fillTables() {
    const { data } = world;
    setText(out.caption, `Both walks at η = ${rateText()}, batches of ${state.batch}, seed ${state.seed}`);
    setText(out["data-caption"], `The ${data.length} examples from seed ${state.seed}`);
    const perEpoch = Math.ceil(data.length / state.batch);
    if (table.open) {
      const rows = walks.mini.map((m, k) => {
        const batch = k < spec.steps ? walks.batches[k].map((i) => i + 1).join(" ") : "";
        const f = walks.full[k];
        return cellRow(String(k), [String(Math.floor(k / perEpoch) + 1), batch, ...m.map(numberText), numberText(walks.miniLoss[k]), ...f.map(numberText), numberText(walks.fullLoss[k])]);
      });
      root.querySelector("[data-rows]").replaceChildren(...rows);
    }
    if (dataTable.open) {
      root.querySelector("[data-data-rows]").replaceChildren(...data.map((e, i) => cellRow(String(i + 1), [numberText(e.x), numberText(e.y)])));
    }
  }

  // The sentences and the tables are rewritten once the input rests for a moment: they are
  // read, not watched, and rewriting them at every step of a drag would cost more than the map.
  function settle() {
    const last = spec.steps;
    const settings = { examples: spec.examples, seed: state.seed, batch: state.batch, rateText: rateText(), steps: spec.steps, start: spec.start };
    setText(out.description, description(settings, world.bowl, walks.full[last], walks.mini[last], walks.fullLoss[last], walks.miniLoss[last]));
    fillTables();
  }
  const later = settler([out.description, table, dataTable], settle);

  function update(what) {
    if (what === "seed") makeWorld();
    if (what !== "step") makeWalks();
    drawStep();
    setText(out.batch, String(state.batch));
    setText(out.rate, rateText());
    later();
  }

  function setSeed(value) {
    const seed = Math.min(spec.seedMax, Math.max(0, Math.trunc(value)));
    if (!Number.isFinite(seed)) return;
    if (String(seed) !== inputs.seed.value) inputs.seed.value = String(seed);
    if (seed === state.seed) return;
    state.seed = seed;
    explored();
    update("seed");
  }

  // -- events ------------------------------------------------------------------------------------

  inputs.batch.addEventListener("input", () => {
    state.batch = Number(inputs.batch.value);
    explored();
    update("batch");
  });
  inputs.rate.addEventListener("input", () => {
    state.rate = Number(inputs.rate.value);
    explored();
    update("rate");
  });
  inputs.step.addEventListener("input", () => {
    state.step = Number(inputs.step.value);
    explored();
    update("step");
  });
  inputs.seed.addEventListener("change", () => {
    if (inputs.seed.value.trim() === "" || !inputs.seed.checkValidity()) {
      inputs.seed.value = String(state.seed);
      return;
    }
    setSeed(Number(inputs.seed.value));
  });
  for (const button of root.querySelectorAll("[data-seed-step]")) {
    button.addEventListener("click", () => setSeed(state.seed + Number(button.dataset.seedStep)));
  }
  table.addEventListener("toggle", fillTables);
  dataTable.addEventListener("toggle", fillTables);

  makeWorld();
  update("batch");
}
