// The twin of engine/optimizers/seeded.py and minibatch.py: the same Numerical Recipes LCG, the
// same Fisher–Yates shuffle per epoch, the same data set near y = a·x + b, so that for a given
// seed the page draws exactly the points and batches an `sgd` claim is checked on. A browser
// test holds every draw, example and batch to the engine's.

const MULTIPLIER = 1664525;
const INCREMENT = 1013904223;
const MODULUS = 4294967296;
const GOLDEN = 0x9e3779b9;
// The grid of inputs and of noise: 41 values of x in tenths, 21 tenths of σ.
const INPUTS = 41;
const NOISE_LEVELS = 21;

// The next draw each call: s ← (1664525·s + 1013904223) mod 2³², from the seed mod 2³².
// Math.imul keeps the low 32 bits of the product, which is all the modulus leaves of it.
export function stream(seed) {
  let state = seed % MODULUS;
  return () => {
    state = (Math.imul(MULTIPLIER, state) + INCREMENT) >>> 0;
    return state;
  };
}

// A whole number from 0 to bound − 1 from one draw: ⌊s·bound / 2³²⌋, exact while s·bound < 2⁵³.
export function below(draw, bound) {
  return Math.floor((draw * bound) / MODULUS);
}

export function epochSeed(seed, epoch) {
  return (seed + ((epoch + 1) * GOLDEN) % MODULUS) % MODULUS;
}

export function shuffled(items, seed) {
  const order = items.slice();
  const next = stream(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = below(next(), i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

// `count` examples near y = slope·x + intercept: x = (k − 20)/10, y = slope·x + intercept +
// noise·(j − 10)/10, k then j from the seed's stream for each example in turn.
export function lineExamples(seed, count, slope, intercept, noise) {
  const next = stream(seed);
  const examples = [];
  for (let i = 0; i < count; i += 1) {
    const x = (below(next(), INPUTS) - (INPUTS - 1) / 2) / 10;
    const shift = (below(next(), NOISE_LEVELS) - (NOISE_LEVELS - 1) / 2) / 10;
    examples.push({ x, y: slope * x + intercept + noise * shift });
  }
  return examples;
}

// The indices of each batch of epoch `epoch` (from 0), the last one smaller when `size` does
// not divide `count`, as PyTorch's DataLoader cuts them without drop_last.
export function epochBatches(count, size, seed, epoch) {
  const order = shuffled(Array.from({ length: count }, (_, i) => i), epochSeed(seed, epoch));
  const batches = [];
  for (let start = 0; start < count; start += size) batches.push(order.slice(start, start + size));
  return batches;
}
