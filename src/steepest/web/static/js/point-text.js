// Reads the point typed next to a learner's loss ("w1=1, w2=1/2") into {w1: "1", w2: "1/2"}.
// Twin of steepest/web/course/point_text.py: the same rules and the same columns in its messages.
// Values stay text, because the engine reads "0.35" or "1/2" exactly.

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export class PointSyntaxError extends Error {
  constructor(message, column) {
    super(message);
    this.column = column;
  }
}

export function readPointText(text) {
  if (!text.trim()) return null;
  const point = {};
  let offset = 0;
  for (const item of text.split(",")) {
    const column = offset + item.length - item.trimStart().length + 1;
    const sep = item.indexOf("=");
    if (sep < 0) {
      throw new PointSyntaxError("write the point as name=value pairs, like w1=1, w2=2", column);
    }
    const name = item.slice(0, sep).trim();
    const value = item.slice(sep + 1).trim();
    if (!NAME.test(name)) {
      throw new PointSyntaxError("each pair needs a variable name before '='", column);
    }
    if (!value) {
      throw new PointSyntaxError(`${name} needs a value after '='`, offset + sep + 2);
    }
    if (Object.hasOwn(point, name)) {
      throw new PointSyntaxError(`${name} is given twice`, column);
    }
    point[name] = value;
    offset += item.length + 1;
  }
  return point;
}
