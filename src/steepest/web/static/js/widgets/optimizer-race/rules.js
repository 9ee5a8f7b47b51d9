// The four racers' update rules in the browser, twins of the engine's (engine/optimizers/
// rules.py), run on the engine's compiled trees of L and its partials (no eval):
//   gradient descent  w ← w − ηg
//   momentum          v ← βv + g,  w ← w − ηv                      (PyTorch's heavy ball)
//   RMSProp           E ← ρE + (1−ρ)g²,  w ← w − ηg/√(E + ε)        (ε under the root)
//   Adam              m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
//                     w ← w − η·m̂/(√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
// A browser test holds each to the engine's exact walk and tests/optimizer_reference.py.

import { compile } from "../../expr-tree.js";

export const RACERS = ["sgd", "momentum", "rmsprop", "adam"];

// Past this a walk has flown off: the map and the plot show it up to there.
const FLOWN_OFF = 1e150;

// One step of `racer`: the new weights, from the weights w, the gradient g, the settings and
// the state (first: velocity or m, second: E or v, taken: steps so far), which it updates.
function step(racer, s, w, g, state) {
  state.taken += 1;
  if (racer === "sgd") return w.map((c, i) => c - s.rate * g[i]);
  if (racer === "momentum") {
    state.first = state.first.map((v, i) => s.beta * v + g[i]);
    return w.map((c, i) => c - s.rate * state.first[i]);
  }
  if (racer === "rmsprop") {
    state.second = state.second.map((e, i) => s.rho * e + (1 - s.rho) * g[i] ** 2);
    return w.map((c, i) => scaled(c, s.rate, g[i], Math.sqrt(state.second[i] + s.rmspropEpsilon)));
  }
  const t = state.taken;
  state.first = state.first.map((m, i) => s.beta1 * m + (1 - s.beta1) * g[i]);
  state.second = state.second.map((v, i) => s.beta2 * v + (1 - s.beta2) * g[i] ** 2);
  return w.map((c, i) => {
    const unbiased = state.first[i] / (1 - s.beta1 ** t);
    return scaled(c, s.rate, unbiased, Math.sqrt(state.second[i] / (1 - s.beta2 ** t)) + s.adamEpsilon);
  });
}

// w − η·move/scale, where a zero scale (no gradient yet, ε = 0) means no move, as the engine has.
function scaled(w, rate, move, scale) {
  return scale === 0 ? w : w - (rate * move) / scale;
}

// The trees of one landscape compiled once: L and its partials as functions of the weights.
export function compiledLoss(surface) {
  const names = surface.variables;
  const loss = compile(surface.function);
  const partials = names.map((name) => compile(surface.partials[name]));
  const at = (w) => Object.fromEntries(names.map((name, i) => [name, w[i]]));
  return { loss: (w) => loss(at(w)), gradient: (w) => partials.map((p) => p(at(w))) };
}

// The start and the weights after each of `steps` steps, with L at each; `flewOff` is the step
// after which a coordinate left the floats (null if none did), where the walk ends.
export function raceWalk(compiled, racer, settings, start, steps) {
  const state = { taken: 0, first: start.map(() => 0), second: start.map(() => 0) };
  const points = [start];
  const losses = [compiled.loss(start)];
  let w = start;
  for (let k = 0; k < steps; k += 1) {
    w = step(racer, settings, w, compiled.gradient(w), state);
    if (!w.every((c) => Number.isFinite(c) && Math.abs(c) < FLOWN_OFF)) return { points, losses, flewOff: k };
    points.push(w);
    losses.push(compiled.loss(w));
  }
  return { points, losses, flewOff: null };
}
