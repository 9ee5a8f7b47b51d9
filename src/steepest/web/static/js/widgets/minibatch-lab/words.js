// The minibatch lab's sentences. The server writes the same for the author's settings
// (steepest.widgets.minibatch_lab.spec.description), for the page without JavaScript; a browser
// test holds the two to each other.

import { numberText } from "../rate-lab/words.js";

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function pointText([w, b]) {
  return `(w, b) = (${numberText(w)}, ${numberText(b)})`;
}

export function vectorText([a, b]) {
  return `(${numberText(a)}, ${numberText(b)})`;
}

export function description({ examples, seed, batch, rateText, steps, start }, bowl, full, mini, fullLoss, miniLoss) {
  return (
    `${examples} examples from seed ${seed}; the best fit is ${pointText(bowl.minimum)}, where L = ${numberText(bowl.lowest)}.` +
    ` At η = ${rateText}, after ${plural(steps, "step")} from ${pointText(start)}, full-batch descent reaches ${pointText(full)},` +
    ` L = ${numberText(fullLoss)}; minibatch descent, ${plural(batch, "example")} a step, reaches ${pointText(mini)},` +
    ` L = ${numberText(miniLoss)}.`
  );
}
