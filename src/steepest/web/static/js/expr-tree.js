// Evaluates the expression trees the server compiles (steepest.engine.evaluate.tree) without eval:
// the page's Content-Security-Policy forbids eval and new Function, so formulas arrive as data.
//   {"num": 2} {"var": "x"} {"add": [...]} {"mul": [...]} {"pow": [base, exponent]}
//   {"fn": "sin", "arg": node}

const FUNCTIONS = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (a) => 1 / Math.cos(a),
  csc: (a) => 1 / Math.sin(a),
  cot: (a) => 1 / Math.tan(a),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  abs: Math.abs,
  sign: Math.sign,
};

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
  const fn = FUNCTIONS[tree.fn];
  if (fn === undefined) throw new Error(`unknown function ${tree.fn}`);
  return fn(evaluate(tree.arg, values));
}
