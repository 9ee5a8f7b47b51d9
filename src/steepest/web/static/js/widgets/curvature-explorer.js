// The curvature explorer: a point on a loss's contour map, with the Hessian's eigen-directions
// and eigenvalues there, the second-order Taylor model's level lines dashed over the true ones,
// and gradient descent beside Newton's method from the point, each counted in steps to a
// tolerance; on a quadratic bowl a slider sets the condition number κ. The browser evaluates
// the engine's trees of L, its partials and its Hessian's entries (in κ too) at every point.
// Nothing is animated: each move redraws at once, so reduced motion asks nothing more of it.

import { bestRate, readingAt, symmetricEigen } from "./curvature/local.js";
import { createMap, drawBowl, drawModel, drawPoint, drawWalks, labelAxes } from "./curvature/map.js";
import { descentWalk, newtonWalk, treesAt } from "./curvature/walks.js";
import { description, directionText, pointText, readouts, valueText, walkText } from "./curvature/words.js";
import { numberText } from "./rate-lab/words.js";
import { attachMapPoint } from "./surface/map-point.js";
import { announcer, markOnce, settler } from "./live-text.js";

// The model's level lines: the one through the point, and up to this many inside it.
const INNER_LEVELS = 5;
const TABLE_ROWS = 30;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// The model about the reading's point, as conic.js draws it: centred where Newton's step lands.
function modelOf(reading) {
  if (reading.newton === null) return null;
  const move = [reading.point[0] - reading.newton[0], reading.point[1] - reading.newton[1]];
  const lowest = reading.loss - (reading.gradient[0] * move[0] + reading.gradient[1] * move[1]) / 2;
  return { centre: reading.newton, lowest, values: reading.eigenvalues, vectors: reading.vectors };
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const mapSvg = root.querySelector("[data-map]");
  const slider = root.querySelector("[data-kappa]");
  const table = root.querySelector("[data-table]");
  root.querySelector("[data-needs-js]").hidden = false;

  const [x0, x1, y0, y1] = spec.window;
  const span = Math.max(x1 - x0, y1 - y0);
  const map = createMap(mapSvg, spec);
  const tolerance = numberText(spec.tolerance);
  const state = { point: spec.start.slice(), kappa: spec.kappa === null ? null : spec.kappa.value, trees: null };
  let walks = null;
  let reading = null;
  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);

  function trueLevels() {
    if (spec.bowl !== null) return spec.bowl.rings.map((ring) => spec.bowl.lowest + ring);
    return spec.levels.map((level) => level.value);
  }

  function newKappa() {
    state.trees = treesAt(spec, state.kappa);
    if (spec.bowl === null) return;
    const [a, b, c] = state.trees.hessian(spec.bowl.minimum);
    const eigen = symmetricEigen(a, b, c);
    drawBowl(map, spec.bowl, { centre: spec.bowl.minimum, lowest: spec.bowl.lowest, ...eigen });
  }

  function fillTable() {
    const [descent, newton] = walks;
    setText(out.caption, `The first steps from ${pointText(state.point)}: gradient descent and Newton's method`);
    const count = Math.min(Math.max(descent.points.length, newton.points.length), TABLE_ROWS);
    const rows = [];
    for (let k = 0; k < count; k += 1) {
      const row = document.createElement("tr");
      const head = document.createElement("th");
      head.scope = "row";
      head.textContent = String(k);
      row.append(head);
      for (const walk of walks) {
        const cells = k < walk.points.length ? [...walk.points[k].map(numberText), Number.isFinite(walk.slopes[k]) ? numberText(walk.slopes[k]) : "—"] : ["", "", ""];
        for (const text of cells) {
          const cell = document.createElement("td");
          cell.textContent = text;
          row.append(cell);
        }
      }
      rows.push(row);
    }
    root.querySelector("[data-rows]").replaceChildren(...rows);
  }

  const settleSoon = settler([out.description, table], () => {
    setText(out.description, description(reading));
    if (table.open) fillTable();
  });

  function update() {
    reading = readingAt(state.trees, state.point);
    reading.rate = spec.rate === null ? bestRate(reading) : spec.rate;
    reading.bestRate = spec.rate === null;
    const descent = descentWalk(state.trees, state.point, reading.rate, spec.tolerance, spec.steps);
    const newton = newtonWalk(state.trees, state.point, spec.tolerance, spec.steps);
    walks = [descent, newton];
    reading.descent = walkText(descent, spec.steps, tolerance);
    reading.newtonWalk = walkText(newton, spec.steps, tolerance);

    const model = modelOf(reading);
    const inner = model === null ? [] : trueLevels().filter((level) => level > model.lowest && level < reading.loss).slice(-INNER_LEVELS);
    drawModel(map, model, [...inner, reading.loss], 2 * span);
    drawWalks(map, descent, newton);
    drawPoint(map, reading);
    labelAxes(map, reading.eigenvalues.map((value) => `λ = ${valueText(value)}`));

    for (const [key, text] of Object.entries(readouts(reading))) setText(out[key], text);
    if (spec.kappa !== null) {
      const shown = valueText(state.kappa);
      setText(out["kappa-value"], shown);
      slider.setAttribute("aria-valuetext", `κ = ${shown}`);
    }
    settleSoon();
    const [low, high] = reading.eigenvalues;
    announce(
      `Point ${pointText(reading.point)}: eigenvalues ${valueText(low)} along ${directionText(reading.vectors[0])} and ${valueText(high)}. ` +
        `Gradient descent ${reading.descent}; Newton's method ${reading.newtonWalk}.`,
    );
  }

  function movePoint(x, y) {
    const clamped = [Math.min(x1, Math.max(x0, x)), Math.min(y1, Math.max(y0, y))];
    if (clamped[0] === state.point[0] && clamped[1] === state.point[1]) return;
    state.point = clamped;
    explored();
    update();
  }

  // -- events ------------------------------------------------------------------------------------

  if (slider !== null) {
    slider.addEventListener("input", () => {
      state.kappa = Number(slider.value);
      explored();
      newKappa();
      update();
    });
  }
  attachMapPoint(mapSvg, map.geo, { current: () => state.point, home: spec.start, move: movePoint });
  table.addEventListener("toggle", () => {
    if (table.open) fillTable();
  });

  newKappa();
  update();
}
