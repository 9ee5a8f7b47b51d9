// The optimizer race: gradient descent, momentum, RMSProp and Adam from one start on a
// landscape the learner picks. One step slider (and a play button) moves all four; each racer
// has its own colour, dash pattern and marker. The walks are computed here, from the engine's
// trees of L and its partials (optimizer-race/rules.js), so the race needs no server once the
// page is loaded; the map is the rate lab's (the server's level lines), the loss plot the rate
// lab's log plot of L − L*, or L itself where L* is not known. A loss the learner types is read
// and mapped by the server (POST /api/surface, as in the surface explorer) and raced here too.

import { failureText, STATIC_COPY } from "../api.js";
import { errorLine } from "../error-line.js";
import { announcer, markOnce, settler } from "./live-text.js";
import { drawLinearLines } from "./optimizer-race/linear-plot.js";
import { compiledLoss, RACERS, raceWalk } from "./optimizer-race/rules.js";
import { description, NAMES, placeAt } from "./optimizer-race/words.js";
import { addPath, createBowlMap, drawWalk } from "./rate-lab/bowl-map.js";
import { createLossPlot, drawLossLines } from "./rate-lab/loss-plot.js";
import { numberText } from "./rate-lab/words.js";
import { onScreen } from "./surface/descent.js";
import { requestSurface } from "./surface/map.js";
import { element } from "./surface/svg.js";

// Each racer's marker at its current point, centred on 0, 0 (the legend and the server's map
// in _optimizer_race.html draw the same shapes).
const MARKERS = {
  sgd: "M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0",
  momentum: "M-4,-4h8v8h-8z",
  rmsprop: "M0,-4.5l4.5,8h-9z",
  adam: "M0,-5l5,5l-5,5l-5,-5z",
};
// Play shows this many steps a second: a race of 80 steps lasts under three seconds.
const STEPS_PER_SECOND = 30;
// How many level lines the map of a typed loss has, as the surface explorer draws it.
const TYPED_LEVELS = 12;
const TYPED_KEY = "typed";

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const stepSlider = root.querySelector("[data-step]");
  const play = root.querySelector("[data-play]");
  const rateSliders = Object.fromEntries([...root.querySelectorAll("[data-rate]")].map((n) => [n.dataset.rate, n]));
  const settingSliders = [...root.querySelectorAll("[data-setting]")];
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  root.querySelector("[data-needs-js]").hidden = false;
  // The server's map of the first race, for the page without JavaScript: the live map replaces it.
  root.querySelector("[data-static]").hidden = true;

  const explored = markOnce(root, progress);
  const announce = announcer(out.announce);
  const state = { landscape: null, compiled: null, map: null, layers: null, plot: null, now: null, walks: null, step: Number(stepSlider.value), playing: null };

  const rateText = (racer) => spec.ladderTexts[Number(rateSliders[racer].value)];
  const settings = (racer) => ({
    rate: spec.ladder[Number(rateSliders[racer].value)],
    ...Object.fromEntries(settingSliders.map((s) => [s.dataset.setting, Number(s.value)])),
    rmspropEpsilon: spec.rmspropEpsilon,
    adamEpsilon: spec.adamEpsilon,
  });

  function chooseLandscape(index) {
    const land = spec.landscapes[index];
    state.landscape = land;
    state.compiled = compiledLoss(land.surface);
    const map = createBowlMap(root.querySelector("[data-map]"), land.surface, "optimizer-race-map-clip");
    // Gradient descent drawn last, on top: addPath puts each new layer underneath.
    state.layers = Object.fromEntries(
      [...RACERS].reverse().map((racer) => {
        const layer = addPath(map, `race-${racer}`, `path-${racer}`);
        layer.marker = element("path", { class: "race-marker", d: MARKERS[racer], "data-role": `marker-${racer}` }, layer.path.parentNode);
        return [racer, layer];
      }),
    );
    state.map = map;
    const options = { clipId: "optimizer-race-loss-clip", lines: RACERS.map((racer) => ({ className: `race-${racer}`, role: `loss-${racer}`, stopText: "" })) };
    const svg = root.querySelector("[data-loss]");
    state.plot = createLossPlot(svg, land.lowest === 0, options);
    state.now = element("line", { class: "race-now", "data-role": "now" }, svg);
    setText(out["loss-title"], land.lowest === null ? "The loss L against the step" : "The loss above its lowest value, L − L*, against the step, on a log scale");
    land.surface.variables.forEach((name, i) => setText(out[`variable-${i}`], name));
    RACERS.forEach((racer, i) => {
      rateSliders[racer].value = String(land.rates[i]);
    });
  }

  function race() {
    const land = state.landscape;
    state.walks = RACERS.map((racer) => raceWalk(state.compiled, racer, settings(racer), land.start, spec.steps));
    const plotted = state.walks.map((w) => (land.lowest === null ? { values: w.losses } : { excess: w.losses.map((l) => l - land.lowest), stoppedAt: null }));
    if (land.lowest === null) drawLinearLines(state.plot, plotted);
    else drawLossLines(state.plot, plotted);
    for (const racer of RACERS) {
      setText(out[`rate-${racer}`], rateText(racer));
      rateSliders[racer].setAttribute("aria-valuetext", `${NAMES[racer]} η = ${rateText(racer)}`);
    }
    for (const slider of settingSliders) setText(out[slider.dataset.setting], String(Number(slider.value)));
  }

  // The parts that follow the step slider: paths so far, markers, the cursor on the plot, the
  // table. This is what one animation frame does.
  function show() {
    const k = state.step;
    setText(out.step, String(k));
    stepSlider.setAttribute("aria-valuetext", `step ${k} of ${spec.steps}`);
    const { box } = state.plot;
    const x = (box.left + (k / spec.steps) * (box.right - box.left)).toFixed(1);
    for (const [key, value] of Object.entries({ x1: x, x2: x, y1: box.top, y2: box.bottom })) state.now.setAttribute(key, value);
    RACERS.forEach((racer, i) => {
      const walk = state.walks[i];
      const layer = state.layers[racer];
      const shown = walk.points.slice(0, k + 1);
      drawWalk(state.map, shown, layer);
      const [a, b] = state.map.names;
      const last = shown[shown.length - 1];
      const [px, py] = onScreen(state.map.geo, state.map.names, { [a]: last[0], [b]: last[1] });
      layer.marker.setAttribute("transform", `translate(${px.toFixed(1)},${py.toFixed(1)})`);
      const place = placeAt(walk, k);
      const cells = place === null ? ["flew off", "flew off", "flew off"] : [...place, walk.losses[k]].map(numberText);
      cells.forEach((text, c) => setText(out[`${racer}-${c}`], text));
    });
    setText(out.caption, `Where each optimizer is after ${k} step${k === 1 ? "" : "s"} on ${state.landscape.label}, from (${state.landscape.start.map(numberText).join(", ")})`);
    settleSoon();
  }

  function settle() {
    const rates = RACERS.map(rateText);
    setText(out.description, description(state.landscape.label, state.step, rates, state.walks));
  }
  const settleSoon = settler([out.description], settle);

  function said() {
    const k = state.step;
    const parts = RACERS.map((racer, i) => {
      const place = placeAt(state.walks[i], k);
      return `${NAMES[racer]} ${place === null ? "flew off" : `L = ${numberText(state.walks[i].losses[k])}`}`;
    });
    return `Step ${k}: ${parts.join(", ")}.`;
  }

  // -- a loss the learner types ---------------------------------------------------------------------

  const ownForm = root.querySelector("[data-own-form]");
  const ownInput = ownForm.querySelector("input[name=loss]");
  const ownError = ownForm.querySelector("[data-error]");
  const landscapeBox = root.querySelector("[data-landscape-list]");
  let typedRequest = 0;

  function typedError(message, column) {
    ownInput.setAttribute("aria-invalid", "true");
    ownError.replaceChildren(errorLine(message, column));
    announce(message);
  }

  // The race starts where the surface explorer puts its point, up and to the left of the map's
  // middle, rounded to a twentieth of the window so that the caption shows a short number.
  function typedStart([x0, x1, y0, y1]) {
    const round = (low, high, share) => {
      const unit = (high - low) / 20;
      return Number((Math.round((low + share * (high - low)) / unit) * unit).toPrecision(12));
    };
    return [round(x0, x1, 0.15), round(y0, y1, 0.75)];
  }

  // The typed landscape takes the place of the last one typed: one radio, relabelled.
  function typedRadio(label) {
    let radio = landscapeBox.querySelector(`[data-landscape="${TYPED_KEY}"]`);
    if (radio === null) {
      const wrap = document.createElement("label");
      radio = document.createElement("input");
      Object.assign(radio, { type: "radio", name: "optimizer-race-landscape", value: String(spec.landscapes.length) });
      radio.dataset.landscape = TYPED_KEY;
      radio.addEventListener("change", () => pick(Number(radio.value)));
      wrap.append(radio, document.createTextNode(""));
      landscapeBox.append(wrap);
    }
    radio.nextSibling.textContent = ` ${label}`;
    return radio;
  }

  async function raceTyped(source) {
    ownInput.removeAttribute("aria-invalid");
    ownError.replaceChildren();
    const mine = ++typedRequest;
    let answer;
    try {
      answer = await requestSurface(source, null, TYPED_LEVELS);
    } catch (error) {
      if (mine === typedRequest) typedError(failureText(error, "could not reach the server; check the connection and try again"), null);
      return;
    }
    if (mine !== typedRequest) return; // a newer loss was typed meanwhile
    const { body } = answer;
    if (!answer.ok) {
      typedError(body.error.message, body.error.column);
      return;
    }
    const land = {
      key: TYPED_KEY,
      label: `the loss you typed, L = ${body.expression}`,
      surface: body,
      lowest: null,
      start: typedStart(body.window),
      // The learner's rates stay as they are: the point is often to compare landscapes.
      rates: RACERS.map((racer) => Number(rateSliders[racer].value)),
    };
    const radio = typedRadio(land.label);
    spec.landscapes[Number(radio.value)] = land;
    radio.checked = true;
    pick(Number(radio.value));
  }

  ownForm.addEventListener("submit", (event) => {
    event.preventDefault();
    explored();
    const source = ownInput.value.trim();
    if (source === "") typedError("type a loss in two variables first, such as (w1 - 1)^2 + 3w2^2", null);
    else raceTyped(source);
  });
  // A static copy has no server to read a typed loss: the form goes, and a line says why.
  if (STATIC_COPY) {
    ownForm.hidden = true;
    root.querySelector("[data-own-static]").hidden = false;
  }

  // -- play ----------------------------------------------------------------------------------------

  function stop() {
    if (state.playing !== null) cancelAnimationFrame(state.playing);
    state.playing = null;
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
  }

  function start() {
    explored();
    if (reduced.matches) {
      // No motion: play goes straight to the end of the race.
      state.step = spec.steps;
      stepSlider.value = String(state.step);
      show();
      announce(said());
      return;
    }
    if (state.step >= spec.steps) {
      // At the finish, play runs the race again from the start.
      state.step = 0;
      stepSlider.value = "0";
      show();
    }
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    let began = null;
    const from = state.step;
    const frame = (time) => {
      began ??= time;
      const k = Math.min(spec.steps, from + Math.floor(((time - began) / 1000) * STEPS_PER_SECOND));
      if (k !== state.step) {
        state.step = k;
        stepSlider.value = String(k);
        show();
      }
      if (k >= spec.steps) {
        stop();
        announce(said());
      } else {
        state.playing = requestAnimationFrame(frame);
      }
    };
    state.playing = requestAnimationFrame(frame);
  }

  // -- events --------------------------------------------------------------------------------------

  play.addEventListener("click", () => (state.playing === null ? start() : stop()));
  stepSlider.addEventListener("input", () => {
    stop();
    explored();
    state.step = Number(stepSlider.value);
    show();
    announce(said());
  });
  function pick(index) {
    stop();
    explored();
    chooseLandscape(index);
    race();
    show();
    announce(`${state.landscape.label}. ${said()}`);
  }
  for (const radio of root.querySelectorAll("[data-landscape]")) {
    radio.addEventListener("change", () => pick(Number(radio.value)));
  }
  for (const slider of [...Object.values(rateSliders), ...settingSliders]) {
    slider.addEventListener("input", () => {
      explored();
      race();
      show();
      announce(`${slider.getAttribute("aria-valuetext") ?? `${slider.labels[0].textContent.trim()} = ${slider.value}`}. ${said()}`);
    });
  }

  chooseLandscape(0);
  race();
  show();
}
