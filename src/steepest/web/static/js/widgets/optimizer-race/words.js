// The optimizer race's numbers and sentences. The server writes the same ones for the lesson's
// settings (steepest.widgets.optimizer_race.words), for the page without JavaScript; a browser
// test holds the two to each other.

import { numberText } from "../rate-lab/words.js";

export const NAMES = { sgd: "Gradient descent", momentum: "Momentum", rmsprop: "RMSProp", adam: "Adam" };

export function pointText(point) {
  return `(${point.map(numberText).join(", ")})`;
}

// Where a walk is after `step` steps: its point, or null once it has flown off.
export function placeAt(walk, step) {
  return step < walk.points.length ? walk.points[step] : null;
}

// Where each racer is after `step` steps: its rate, its point and its L there.
export function description(label, step, rates, walks) {
  const racers = Object.keys(NAMES).map((key, i) => {
    const head = `${NAMES[key]} (η = ${rates[i]})`;
    const place = placeAt(walks[i], step);
    if (place === null) return `${head} flew off after ${walks[i].flewOff} steps`;
    return `${head} is at ${pointText(place)} with L = ${numberText(walks[i].losses[step])}`;
  });
  const onMap = walks.map((w, i) => [w, i]).filter(([w]) => placeAt(w, step) !== null);
  const lowest = onMap.reduce((best, pair) => (best === null || pair[0].losses[step] < best[0].losses[step] ? pair : best), null);
  const verdict = lowest === null ? "" : ` ${Object.values(NAMES)[lowest[1]]} is lowest.`;
  return `On ${label}, after ${step} step${step === 1 ? "" : "s"}: ${racers.join("; ")}.${verdict}`;
}
