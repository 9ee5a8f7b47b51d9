// Evaluates the expression trees the server compiles (steepest.engine.evaluate.tree) without eval:
// the page's Content-Security-Policy forbids eval and new Function, so formulas arrive as data.
//   {"num": 2} {"var": "x"} {"add": [...]} {"mul": [...]} {"pow": [base, exponent]}
//   {"fn": "sin", "arg": node}
// Which functions a tree may name, and the Math method for each, come from the engine's table of
// functions, written to expr-functions.js by scripts/write-browser-functions.py.
import { MATH_METHODS } from "./expr-functions.js";

const FUNCTIONS = new Map(
  Object.entries(MATH_METHODS).map(([name, method]) => {
    if (typeof Math[method] !== "function") throw new Error(`Math has no method ${method}`);
    return [name, Math[method]];
  }),
);

export function evaluate(tree, values) {
  if ("num" in tree) return tree.num;
  if ("var" in tree) {
    const value = values[tree.var];
    if (value === undefined) throw new Error(`no value for ${tree.var}`);
    return value;
  }
  if ("add" in tree) {
    let sum = 0;
    for (const term of tree.add) sum += evaluate(term, values);
    return sum;
  }
  if ("mul" in tree) {
    let product = 1;
    for (const factor of tree.mul) product *= evaluate(factor, values);
    return product;
  }
  if ("pow" in tree) {
    return evaluate(tree.pow[0], values) ** evaluate(tree.pow[1], values);
  }
  const fn = FUNCTIONS.get(tree.fn);
  if (fn === undefined) throw new Error(`unknown function ${tree.fn}`);
  return fn(evaluate(tree.arg, values));
}

// The same tree as a function of the values, built once from closures (still no eval): for
// loops that evaluate one tree thousands of times, such as a walk of a thousand steps. It does
// the same operations in the same order as `evaluate`, so its numbers are the same.
export function compile(tree) {
  if ("num" in tree) {
    const number = tree.num;
    return () => number;
  }
  if ("var" in tree) {
    const name = tree.var;
    return (values) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no value for ${name}`);
      return value;
    };
  }
  if ("add" in tree) {
    const terms = tree.add.map(compile);
    return (values) => {
      let sum = 0;
      for (const term of terms) sum += term(values);
      return sum;
    };
  }
  if ("mul" in tree) {
    const factors = tree.mul.map(compile);
    return (values) => {
      let product = 1;
      for (const factor of factors) product *= factor(values);
      return product;
    };
  }
  if ("pow" in tree) {
    const [base, exponent] = tree.pow.map(compile);
    return (values) => base(values) ** exponent(values);
  }
  const fn = FUNCTIONS.get(tree.fn);
  if (fn === undefined) throw new Error(`unknown function ${tree.fn}`);
  const argument = compile(tree.arg);
  return (values) => fn(argument(values));
}
