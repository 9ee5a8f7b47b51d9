// What the loss does near one point, to second order: L, ∇L, the Hessian, its eigenvalues and
// directions (a symmetric 2×2, in closed form), and where Newton's step lands.

// The eigenvalues of [[a, b], [b, c]], smallest first, with unit eigenvectors. A diagonal
// matrix keeps the axes, in the order of the weights when its eigenvalues are equal, as the
// engine does.
export function symmetricEigen(a, b, c) {
  if (b === 0) {
    return a <= c
      ? { values: [a, c], vectors: [[1, 0], [0, 1]] }
      : { values: [c, a], vectors: [[0, 1], [1, 0]] };
  }
  const mean = (a + c) / 2;
  const spread = Math.hypot((a - c) / 2, b);
  // The steeper direction is at half the angle of (a − c, 2b).
  const angle = Math.atan2(2 * b, a - c) / 2;
  const steep = [Math.cos(angle), Math.sin(angle)];
  return { values: [mean - spread, mean + spread], vectors: [[-steep[1], steep[0]], steep] };
}

export function readingAt(trees, point) {
  const loss = trees.loss(point);
  const gradient = trees.slope(point);
  const [a, b, c] = trees.hessian(point);
  const eigen = symmetricEigen(a, b, c);
  const det = a * c - b * b;
  let newton = null;
  if (det !== 0 && Number.isFinite(det)) {
    newton = [point[0] - (c * gradient[0] - b * gradient[1]) / det, point[1] - (a * gradient[1] - b * gradient[0]) / det];
  }
  return { point, loss, gradient, hessian: [a, b, c], eigenvalues: eigen.values, vectors: eigen.vectors, newton };
}

// 2/(λmin + λmax): on a quadratic bowl the fixed rate that shrinks the slowest direction fastest.
export function bestRate(reading) {
  return 2 / (reading.eigenvalues[0] + reading.eigenvalues[1]);
}
