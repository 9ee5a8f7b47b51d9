// The curvature explorer's readouts and sentences. The server writes the same ones for the first
// point (steepest.widgets.curvature_explorer.words), for the page without JavaScript; a browser
// test holds the two to each other.

import { numberText } from "../rate-lab/words.js";

// Components this close in size are equal: the first is the one made positive.
const TIE = 1e-9;
// A readout this small is rounding left over from a zero (Newton's landing at 2e−16).
const TINY = 1e-12;

export function valueText(value) {
  return numberText(Math.abs(value) < TINY ? 0 : value);
}

export function pointText(point) {
  return `(${point.map(valueText).join(", ")})`;
}

// A unit vector with its larger component positive (the first, when they are equal).
export function directionText([first, second]) {
  const lead = Math.abs(first) >= Math.abs(second) - TIE ? first : second;
  const sign = lead < 0 ? -1 : 1;
  return pointText([sign * first, sign * second]);
}

function steps(count) {
  return `${count} step${count === 1 ? "" : "s"}`;
}

// How a walk went, from its count of steps and why it stopped.
export function walkText(walk, most, tolerance) {
  if (walk.end === "reached") return `${steps(walk.steps)} to |∇L| < ${tolerance}`;
  if (walk.end === "out of steps") return `more than ${most} steps: |∇L| is not below ${tolerance} yet`;
  if (walk.end === "flown off") return `flies off after ${steps(walk.steps)}`;
  return `stuck after ${steps(walk.steps)}: H has no inverse there`;
}

export function conditionText(reading) {
  const [low, high] = reading.eigenvalues;
  if (low <= 0) return "none: L does not curve up every way here";
  return valueText(high / low);
}

// The readouts, by the key of the cell each goes in.
export function readouts(reading) {
  const [a, b, c] = reading.hessian;
  const [low, high] = reading.eigenvalues;
  const [gentle, steep] = reading.vectors;
  const rate = `${valueText(reading.rate)}, ${reading.bestRate ? "the best fixed rate 2/(λmin + λmax)" : "the lesson's rate"}`;
  return {
    point: pointText(reading.point),
    loss: valueText(reading.loss),
    gradient: pointText(reading.gradient),
    hessian: `H11 = ${valueText(a)}, H12 = ${valueText(b)}, H22 = ${valueText(c)}`,
    gentle: `${valueText(low)} along ${directionText(gentle)}`,
    steep: `${valueText(high)} along ${directionText(steep)}`,
    kappa: conditionText(reading),
    newton: reading.newton === null ? "nowhere: H has no inverse" : pointText(reading.newton),
    rate,
    "descent-steps": reading.descent,
    "newton-steps": reading.newtonWalk,
  };
}

// The map at one point, in words.
export function description(reading) {
  const [low, high] = reading.eigenvalues;
  const [gentle, steep] = reading.vectors.map(directionText);
  let text = `At ${pointText(reading.point)} the Hessian's eigenvalues are ${valueText(low)} along ${gentle} and ${valueText(high)} along ${steep}`;
  text += low > 0 ? `, so κ = ${conditionText(reading)}.` : ": L curves down along one.";
  if (reading.newton === null) {
    text += " H has no inverse here, so Newton's step is undefined.";
  } else if (low > 0) {
    text += ` Newton's step lands on the model's lowest point, ${pointText(reading.newton)}.`;
  } else {
    text += ` Newton's step lands on the model's flat point, ${pointText(reading.newton)}, no minimum of it.`;
  }
  text += ` From here gradient descent at η = ${valueText(reading.rate)} takes ${reading.descent}; Newton's method takes ${reading.newtonWalk}.`;
  return text;
}
