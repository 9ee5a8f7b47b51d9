// The learning-rate lab's numbers and sentences. The server writes the same ones for the first
// rate (steepest.widgets.learning_rate_lab.words), for the page without JavaScript; a browser
// test holds the two to each other.

// Three significant figures (toPrecision rounds halves away from zero, as the server does),
// without trailing zeros; below 0.001 and from 10⁴ on as 1.23e−5; "−" so it is read "minus".
export function numberText(value) {
  if (Number.isNaN(value)) return "undefined";
  if (!Number.isFinite(value)) return value > 0 ? "more than 1.8e308" : "less than −1.8e308";
  if (value === 0) return "0";
  const size = Math.abs(value);
  let text;
  if (size >= 1e-3 && size < 1e4) {
    text = String(Number(value.toPrecision(3)));
  } else {
    const [mantissa, exponent] = value.toExponential(2).split("e");
    text = `${Number(mantissa)}e${Number(exponent)}`;
  }
  return text.replace(/-/g, "\u2212");
}

export function factorPhrase(factor, kind) {
  if (kind === "stable") {
    return factor === 0 ? "it lands on the floor in one step" : "it shrinks without crossing the floor";
  }
  if (kind === "oscillates") return "it crosses the floor at every step, and the swings shrink";
  if (kind === "bounces") return "it lands as far past the floor as it started, again and again";
  return "it swings further out at every step";
}

// The whole walk in one word and why: the worst direction decides.
export function verdict(kinds) {
  if (kinds.includes("diverges")) return "Diverges: a factor below −1 makes the swings grow, so L climbs.";
  if (kinds.includes("bounces")) return "On the edge: a factor of −1 keeps the swings the same size, so L never settles.";
  if (kinds.includes("oscillates")) return "Oscillates, but converges: every factor lies between −1 and 1.";
  return "Stable: every factor lies between 0 and 1, so L falls at every step.";
}

export function worstKind(kinds) {
  return ["diverges", "bounces", "oscillates", "stable"].find((kind) => kinds.includes(kind));
}

// What the three pictures show at one rate, in words.
export function description(rateText, directions, losses, stoppedAt, toleranceText) {
  const parts = directions.map((d) => `along ${d.label} by ${numberText(d.factor)}: ${factorPhrase(d.factor, d.kind)}`);
  const steps = losses.length - 1;
  const walk = `${steps} step${steps === 1 ? "" : "s"}`;
  let stop;
  if (stoppedAt === null) {
    stop = `|∇L| stays above ${toleranceText} for all ${walk}, so the rule “stop when |∇L| < ${toleranceText}” does not stop it.`;
  } else {
    stop = `The rule “stop when |∇L| < ${toleranceText}” stops it after ${stoppedAt} step${stoppedAt === 1 ? "" : "s"}.`;
  }
  return (
    `At η = ${rateText}, one step multiplies the gap to the minimum ${parts.join("; ")}.` +
    ` ${verdict(directions.map((d) => d.kind))}` +
    ` After ${walk} L = ${numberText(losses[losses.length - 1])}, from ${numberText(losses[0])} at the start. ${stop}`
  );
}
