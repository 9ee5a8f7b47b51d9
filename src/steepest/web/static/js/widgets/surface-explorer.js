// The surface-explorer widget: a contour map of a loss in two variables (level lines traced by
// the server), the gradient arrow at any point, a ball rolling down by gradient descent (path
// from the server), and a slice along the first variable. L and its partials arrive as
// expression trees, which the browser evaluates (no text is ever evaluated).

import { failureText } from "../api.js";
import { announcer, markOnce } from "./live-text.js";
import { errorLine } from "../error-line.js";
import { evaluate } from "../expr-tree.js";
import { createProbeLayer, drawField, drawProbe, fieldSamples } from "./surface/arrows.js";
import { animateDescent, clearDescent, requestDescent, stepText } from "./surface/descent.js";
import { drawLegend, drawMap, requestSurface } from "./surface/map.js";
import { createSlice, drawSlice } from "./surface/slice.js";
import { formatNumber, geometry } from "./surface/svg.js";

const KEY_STEPS = 40; // arrow keys move the point by 1/40 of the window (Shift: 1/8)

function showError(input, box, message, column) {
  input.setAttribute("aria-invalid", "true");
  box.replaceChildren(errorLine(message, column));
}

function clearError(input, box) {
  input.removeAttribute("aria-invalid");
  box.replaceChildren();
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const form = root.querySelector("[data-loss-form]");
  const input = form.querySelector("input[name=loss]");
  const errorBox = form.querySelector("[data-error]");
  const presetMenu = root.querySelector("[data-preset]");
  const rateSlider = root.querySelector("[data-rate]");
  const fieldToggle = root.querySelector("[data-field]");
  const dropButton = root.querySelector("[data-drop]");
  const presets = Object.fromEntries(spec.presets.map((p) => [p.id, p]));
  root.querySelector("[data-needs-js]").hidden = false;
  const slice = createSlice(root.querySelector("[data-slice]"), "surface-slice-clip");

  const state = { source: spec.source, surface: null, geo: null, layer: null, field: null, point: null };
  let stopAnimation = () => {};
  let request = 0;

  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);
  const at = (x, y) => ({ [state.surface.variables[0]]: x, [state.surface.variables[1]]: y });
  const safe = (tree, values) => {
    try {
      const v = evaluate(tree, values);
      return Number.isFinite(v) ? v : NaN;
    } catch {
      return NaN;
    }
  };
  const lossAt = (x, y) => safe(state.surface.function, at(x, y));
  const gradientAt = (x, y) => state.surface.variables.map((name) => safe(state.surface.partials[name], at(x, y)));

  function pointText([x, y]) {
    const [a, b] = state.surface.variables;
    return `(${a}, ${b}) = (${formatNumber(x)}, ${formatNumber(y)})`;
  }

  function updateProbe() {
    const [x, y] = state.point;
    const g = gradientAt(x, y);
    drawProbe(state.layer, state.geo, state.point, g, state.field.steepest);
    const norm = Math.hypot(g[0], g[1]);
    let text = `At ${pointText(state.point)}: L = ${formatNumber(lossAt(x, y))}, `;
    if (!g.every(Number.isFinite)) text += "and the slope of L is undefined here.";
    else if (norm === 0) text += "∇L = (0, 0): the surface is flat here, so there is no arrow.";
    else text += `∇L = (${formatNumber(g[0])}, ${formatNumber(g[1])}), of length |∇L| = ${formatNumber(norm)}.`;
    out.probe.textContent = text;
    const [a, b] = state.surface.variables;
    const cut = drawSlice(slice, state.surface.window.slice(0, 2), state.surface.variables, x, (s) => lossAt(s, y), (s) => gradientAt(s, y)[0]);
    out.slice.textContent = `With ${b} fixed at ${formatNumber(y)}, L is a curve in ${a} alone. At ${a} = ${formatNumber(x)} its tangent has slope ∂L/∂${a} = ${formatNumber(cut.rise)}.`;
    announce(text);
  }

  function moveTo(x, y) {
    const [x0, x1, y0, y1] = state.surface.window;
    state.point = [Math.min(x1, Math.max(x0, x)), Math.min(y1, Math.max(y0, y))];
    explored();
    updateProbe();
  }

  function clearPath() {
    stopAnimation();
    if (state.layer) clearDescent(state.layer);
    out.step.textContent = "";
    out.descent.textContent = "";
    out.descent.classList.remove("surface-warning");
  }

  async function drop() {
    clearPath();
    explored();
    const rate = Number(rateSlider.value);
    const start = at(...state.point);
    const mine = ++request;
    out.step.textContent = "Rolling…";
    let answer;
    try {
      answer = await requestDescent(state.source, start, rate, spec.steps);
    } catch (error) {
      out.step.textContent = "";
      out.descent.textContent = failureText(error, "Could not reach the server. Check the connection and try again.");
      return;
    }
    if (mine !== request) return; // the map changed or another ball was dropped meanwhile
    if (!answer.ok) {
      out.step.textContent = "";
      out.descent.textContent = answer.body.error.message;
      announce(answer.body.error.message);
      return;
    }
    const result = answer.body;
    const steps = result.points.length - 1;
    const verdict = result.diverged ? `Diverged: ${result.message}` : result.message;
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    stopAnimation = animateDescent(state.layer, state.geo, state.surface.variables, result, {
      reduced,
      onStep: (step, loss) => {
        out.step.textContent = stepText(step, steps, loss);
      },
      onDone: () => {
        out.descent.textContent = verdict;
        out.descent.classList.toggle("surface-warning", result.diverged);
        announce(`${stepText(steps, steps, result.losses[steps])}. ${verdict}`);
      },
    });
  }

  function show(surface, source, point) {
    clearPath();
    request += 1;
    state.surface = surface;
    state.source = source;
    const size = Math.round(Math.min(440, Math.max(280, svg.clientWidth || 440)));
    state.geo = geometry(surface.window, size);
    drawMap(svg, surface, state.geo, "surface-map-clip");
    state.layer = createProbeLayer(svg, "surface-map-clip");
    state.field = fieldSamples(state.geo, gradientAt);
    if (fieldToggle.checked) drawField(state.layer, state.geo, state.field);
    drawLegend(root.querySelector("[data-legend]"), surface);
    out.description.textContent = surface.description;
    const [a, b] = surface.variables;
    const slopes = `∇L = (${surface.partials_text[a]}, ${surface.partials_text[b]})`;
    out.now.textContent = `Showing L = ${surface.expression}, whose gradient is ${slopes}.`;
    root.querySelector(".surface-slice-title var").textContent = surface.variables[1];
    state.point = point;
    updateProbe();
  }

  async function load(source, window, point, rate) {
    clearError(input, errorBox);
    const mine = ++request;
    let answer;
    try {
      answer = await requestSurface(source, window, spec.levels);
    } catch (error) {
      showError(input, errorBox, failureText(error, "could not reach the server; check the connection and try again"), null);
      return;
    }
    if (mine !== request) return;
    const { body } = answer;
    if (!answer.ok) {
      showError(input, errorBox, body.error.message, body.error.column);
      announce(body.error.message);
      return;
    }
    const [x0, x1, y0, y1] = body.window;
    const fits = point && point[0] >= x0 && point[0] <= x1 && point[1] >= y0 && point[1] <= y1;
    show(body, source, fits ? point : [x0 + 0.15 * (x1 - x0), y0 + 0.75 * (y1 - y0)]);
    if (rate !== undefined) setRate(rate);
    announce(`Now showing L = ${body.expression}. ${body.description}`);
  }

  function setRate(rate) {
    rateSlider.value = rate;
    out.rate.textContent = Number(rateSlider.value).toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
    rateSlider.setAttribute("aria-valuetext", `η = ${out.rate.textContent}`);
  }

  // -- events ------------------------------------------------------------------------------------

  const pointerAt = (event) => {
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return state.geo.fromScreen(p.x, p.y);
  };
  svg.addEventListener("pointermove", (event) => {
    if (event.pointerType === "touch") return;
    const [x, y] = pointerAt(event);
    if (state.geo.contains(x, y)) moveTo(x, y);
  });
  svg.addEventListener("pointerdown", (event) => {
    const [x, y] = pointerAt(event);
    if (event.pointerType === "touch" && state.geo.contains(x, y)) moveTo(x, y);
  });
  svg.addEventListener("click", (event) => {
    // A tap only moves the point (a finger has no hover); the button drops the ball.
    if (event.pointerType === "touch") return;
    const [x, y] = pointerAt(event);
    if (!state.geo.contains(x, y)) return;
    moveTo(x, y);
    drop();
  });
  svg.addEventListener("keydown", (event) => {
    const [x0, x1, y0, y1] = state.surface.window;
    const stride = (event.shiftKey ? 5 : 1) / KEY_STEPS;
    const moves = {
      ArrowLeft: [-(x1 - x0), 0],
      ArrowRight: [x1 - x0, 0],
      ArrowUp: [0, y1 - y0],
      ArrowDown: [0, -(y1 - y0)],
    };
    if (event.key in moves) {
      const [dx, dy] = moves[event.key];
      moveTo(state.point[0] + dx * stride, state.point[1] + dy * stride);
    } else if (event.key === "Enter" || event.key === " ") {
      drop();
    } else if (event.key === "Escape") {
      clearPath();
    } else {
      return;
    }
    event.preventDefault();
  });
  fieldToggle.addEventListener("change", () => {
    explored();
    if (fieldToggle.checked) drawField(state.layer, state.geo, state.field);
    else state.layer.field.replaceChildren();
    announce(fieldToggle.checked ? "Showing the gradient at every point of a grid: arrows are longest where L is steepest." : "Gradient field hidden.");
  });
  rateSlider.addEventListener("input", () => {
    explored();
    setRate(rateSlider.value);
  });
  dropButton.addEventListener("click", drop);
  root.querySelector("[data-clear]").addEventListener("click", () => {
    clearPath();
    announce("Path cleared.");
  });
  presetMenu.addEventListener("change", () => {
    explored();
    const preset = presets[presetMenu.value];
    if (!preset) {
      input.focus();
      return;
    }
    input.value = preset.expression;
    load(preset.expression, preset.window, Object.values(preset.start), preset.rate);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    explored();
    if (!input.value.trim()) {
      showError(input, errorBox, "type a loss first, such as w1^2 + 3w2^2", null);
      return;
    }
    const typed = input.value.trim().replace(/\s+/g, "");
    const match = spec.presets.find((p) => p.expression.replace(/\s+/g, "") === typed);
    presetMenu.value = match ? match.id : "own";
    load(input.value, state.surface.window, state.point);
  });

  setRate(spec.rate);
  show(spec.surface, spec.source, spec.surface.variables.map((name) => spec.start[name]));
}
