// Level lines of a quadratic q(w) = q* + ½·Σ λᵢ(vᵢ·(w − c))², drawn exactly: ellipses where both
// curvatures are positive, the two branches of a hyperbola where they differ in sign. The
// quadratic model at a point is one; so is every level line of a quadratic bowl.

const ELLIPSE_POINTS = 96;
const BRANCH_POINTS = 48;
// A curvature this much smaller than the other is flat: its level lines are straight, not drawn.
const FLAT = 1e-9;

// Polylines of the level q = `level`, reaching `reach` from the centre where they are open.
export function conicLines(quadratic, level, reach) {
  const { centre, lowest, values, vectors } = quadratic;
  const scale = Math.max(Math.abs(values[0]), Math.abs(values[1]));
  if (!(scale > 0) || Math.min(Math.abs(values[0]), Math.abs(values[1])) < FLAT * scale) return [];
  const r = 2 * (level - lowest);
  const [a1, a2] = [r / values[0], r / values[1]];
  const at = (u, v) => [
    centre[0] + u * vectors[0][0] + v * vectors[1][0],
    centre[1] + u * vectors[0][1] + v * vectors[1][1],
  ];
  if (a1 > 0 && a2 > 0) {
    const [p, q] = [Math.sqrt(a1), Math.sqrt(a2)];
    const line = [];
    for (let i = 0; i <= ELLIPSE_POINTS; i += 1) {
      const t = (2 * Math.PI * i) / ELLIPSE_POINTS;
      line.push(at(p * Math.cos(t), q * Math.sin(t)));
    }
    return [line];
  }
  if (a1 > 0 === a2 > 0 || a1 === 0 || a2 === 0) return [];
  // A hyperbola opening along the direction whose a is positive.
  const opens = a1 > 0 ? 0 : 1;
  const p = Math.sqrt(Math.abs(opens === 0 ? a1 : a2));
  const q = Math.sqrt(Math.abs(opens === 0 ? a2 : a1));
  const end = Math.max(Math.acosh(Math.max(1, reach / p)), Math.asinh(reach / q));
  return [1, -1].map((side) => {
    const line = [];
    for (let i = 0; i <= BRANCH_POINTS; i += 1) {
      const s = -end + (2 * end * i) / BRANCH_POINTS;
      const [along, across] = [side * p * Math.cosh(s), q * Math.sinh(s)];
      line.push(opens === 0 ? at(along, across) : at(across, along));
    }
    return line;
  });
}
