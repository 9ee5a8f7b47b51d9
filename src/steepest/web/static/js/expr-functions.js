// Written from the engine's table of functions (engine/functions/table.py) by
// scripts/write-browser-functions.py; do not edit by hand.
export const MATH_METHODS = {
  "abs": "abs",
  "acos": "acos",
  "acosh": "acosh",
  "asin": "asin",
  "asinh": "asinh",
  "atan": "atan",
  "atanh": "atanh",
  "cos": "cos",
  "cosh": "cosh",
  "exp": "exp",
  "ln": "log",
  "sign": "sign",
  "sin": "sin",
  "sinh": "sinh",
  "tan": "tan",
  "tanh": "tanh"
};
