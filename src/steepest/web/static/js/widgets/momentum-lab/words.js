// The momentum lab's readouts and sentences. The server writes the same ones for the first
// settings (steepest.widgets.momentum_lab.words), for the page without JavaScript; a browser
// test holds the two to each other.

import { numberText } from "../rate-lab/words.js";

// The readout of the stopping rule: the step where it stops, or "over N" when it does not
// within the N steps drawn.
export function stopText(stoppedAt, steps) {
  return stoppedAt === null ? `over ${steps}` : String(stoppedAt);
}

function stopClause(stoppedAt, steps, tolerance) {
  if (stoppedAt === null) return `stays above ${tolerance} for all ${steps} steps`;
  return `falls below ${tolerance} after ${stoppedAt} step${stoppedAt === 1 ? "" : "s"}`;
}

// Both walks at one rate and momentum, in words: [momentum, plain] in each pair.
export function description([rate, beta], [momentum, plain], [heavyStop, plainStop], tolerance, [tunedRate, tunedBeta]) {
  const steps = momentum.length - 1;
  return (
    `At η = ${rate} and β = ${beta}, after ${steps} steps L = ${numberText(momentum[steps])} with` +
    ` momentum and ${numberText(plain[plain.length - 1])} with plain gradient descent, from` +
    ` ${numberText(momentum[0])} at the start. With momentum |∇L|` +
    ` ${stopClause(heavyStop, steps, tolerance)}; without, it` +
    ` ${stopClause(plainStop, steps, tolerance)}. Polyak's best settings for this bowl are` +
    ` η* = ${tunedRate} and β* = ${tunedBeta}.`
  );
}
