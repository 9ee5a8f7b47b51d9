// Reads the point typed next to a learner's function ("w1=1, w2=1/2") into {w1: "1", w2: "1/2"},
// so that a mistake is shown at once, without a round trip. Twin of the engine's reader,
// steepest/engine/notation/point_text.py: the same rules, messages and columns, held to the cases
// in tests/fixtures/points.json. Values stay text, because the engine reads "0.35" or "1/2"
// exactly. Text is handled as an array of code points, so columns count characters as Python
// does, not UTF-16 units.

const NAME = /^[A-Za-zα-ωϑϕϵϱϰµ][A-Za-z0-9_₀-₉α-ωϑϕϵϱϰµ]*$/u;
// `w_1` and `w1` are one variable, so giving both is giving it twice.
const INDEX_UNDERSCORE = /_(?=[0-9]+$)/;
// The spaces of typed math (steepest/engine/notation/spaces.py).
const SPACES = new Set([" ", "\t", "\n", "\r", "\u00a0", "\u2009", "\u202f"]);
const MAX_LENGTH = 500;

const PAIRS = "write the point as name=value pairs, like w1=1, w2=2";
const NAME_RULE =
  "a variable name is a letter with optional digits (w1, x_2) or a Greek letter (theta, θ)";

export class PointSyntaxError extends Error {
  constructor(message, column) {
    super(message);
    this.column = column;
  }
}

// A point, or null for blank text. Object keys keep the order written: names never look like
// array indices, which are the only keys JavaScript would reorder.
export function readPointText(text) {
  const chars = Array.from(text);
  if (chars.length > MAX_LENGTH) {
    throw new PointSyntaxError(`the point is longer than ${MAX_LENGTH} characters`, null);
  }
  if (isBlank(chars)) return null;
  const point = {};
  const spellings = new Set();
  let offset = 0; // where the current item starts, 0-based
  for (const [index, item] of split(chars, ",").entries()) {
    if (isBlank(item)) throw extraComma(index, offset, item.length);
    const [name, value] = readPair(item, offset);
    const spelling = name.replace(INDEX_UNDERSCORE, "");
    if (spellings.has(spelling)) {
      throw new PointSyntaxError(`${name} is given twice`, offset + indent(item) + 1);
    }
    spellings.add(spelling);
    point[name] = value;
    offset += item.length + 1;
  }
  return point;
}

function readPair(item, offset) {
  const column = offset + indent(item) + 1;
  const equals = item.indexOf("=");
  if (equals < 0) throw new PointSyntaxError(PAIRS, column);
  const name = strip(item.slice(0, equals));
  if (!name) throw new PointSyntaxError("each pair needs a variable name before '='", column);
  if (!NAME.test(name)) throw new PointSyntaxError(NAME_RULE, column);
  const second = item.indexOf("=", equals + 1);
  if (second >= 0) {
    // Most often a forgotten comma: `w1=1 w2=2`.
    throw new PointSyntaxError(
      "a pair has one '=': put a comma between pairs, like w1=1, w2=2",
      offset + second + 1,
    );
  }
  const value = strip(item.slice(equals + 1));
  if (!value) throw new PointSyntaxError(`${name} needs a value after '='`, offset + equals + 2);
  return [name, value];
}

function extraComma(index, offset, length) {
  // An empty item sits beside a comma that has nothing to separate: point at that comma.
  if (index === 0) return new PointSyntaxError("a ',' with no pair before it", offset + length + 1);
  return new PointSyntaxError("a ',' with no pair after it", offset);
}

function split(chars, separator) {
  const items = [[]];
  for (const char of chars) {
    if (char === separator) items.push([]);
    else items[items.length - 1].push(char);
  }
  return items;
}

function indent(chars) {
  let i = 0;
  while (i < chars.length && SPACES.has(chars[i])) i += 1;
  return i;
}

function isBlank(chars) {
  return indent(chars) === chars.length;
}

// The text of `chars` without the spaces around it.
function strip(chars) {
  let end = chars.length;
  while (end > 0 && SPACES.has(chars[end - 1])) end -= 1;
  return chars.slice(indent(chars), end).join("");
}
