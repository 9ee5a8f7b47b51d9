// How the slope-nudge widget writes numbers: the same rules as the server's table
// (steepest/widgets/slope_nudge/number_text.py), so both read alike.

const SUPERSCRIPTS = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
// Below this a value is shown as 0: far under anything six figures of the plot's numbers show.
export const ZERO = 1e-12;

const minus = (text) => text.replace("-", "\u2212");

export function superscript(n) {
  return [...String(n)].map((c) => SUPERSCRIPTS[c]).join("");
}

// Three figures times a power of ten: 0.1 is "1.00 × 10⁻¹".
export function powerOfTen(value) {
  const [mantissa, exponent] = value.toExponential(2).split("e");
  return `${minus(mantissa)} × 10${superscript(Number(exponent))}`;
}

// Six significant figures without trailing zeros: −3.9, 4.61, −3.9999.
export function formatValue(value) {
  if (!Number.isFinite(value)) return "undefined";
  const size = Math.abs(value);
  if (size < ZERO) return "0";
  if (size < 1e-4 || size >= 1e6) return powerOfTen(value);
  let text = value.toPrecision(6);
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  return minus(text);
}

// The error of a difference quotient; `floor` is what rounding alone could make of it.
export function formatError(value, floor = ZERO) {
  if (!Number.isFinite(value)) return "undefined";
  if (Math.abs(value) <= Math.max(floor, ZERO)) return "0";
  return powerOfTen(value);
}
