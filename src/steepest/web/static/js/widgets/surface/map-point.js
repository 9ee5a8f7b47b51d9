// A point on a contour map that the learner drags, or moves with the arrow keys (Shift for
// bigger moves, Home to go back where it started). Shared by the widgets that have one.

// The point snaps to 1/80 of the window; an arrow key moves it 1/40 of it (with Shift, 1/8).
const DRAG_GRID = 80;
const KEY_STEPS = 40;

function snap(value, unit) {
  return Number((Math.round(value / unit) * unit).toFixed(10));
}

// Where the pointer is, in the map's coordinates.
export function pointerAt(geo, svg, event) {
  const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
  return geo.fromScreen(p.x, p.y);
}

// `current()` is where the point is, `home` where Home takes it, and `move(x, y)` is called
// with each new place, snapped to the grid (and left to clamp it to the window).
export function attachMapPoint(svg, geo, { current, home, move }) {
  const [x0, x1, y0, y1] = geo.window;
  const span = Math.max(x1 - x0, y1 - y0);
  const grid = span / DRAG_GRID;
  let dragging = null;
  svg.addEventListener("pointerdown", (event) => {
    const [x, y] = pointerAt(geo, svg, event);
    if (!geo.contains(x, y)) return;
    dragging = event.pointerId;
    svg.setPointerCapture(event.pointerId);
    move(snap(x, grid), snap(y, grid));
  });
  svg.addEventListener("pointermove", (event) => {
    if (event.pointerId !== dragging) return;
    const [x, y] = pointerAt(geo, svg, event);
    move(snap(x, grid), snap(y, grid));
  });
  const release = (event) => {
    if (event.pointerId === dragging) dragging = null;
  };
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  svg.addEventListener("keydown", (event) => {
    const unit = span / KEY_STEPS;
    const stride = event.shiftKey ? 5 * unit : unit;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (event.key in moves) {
      const [dx, dy] = moves[event.key];
      const [x, y] = current();
      move(snap(x + dx * stride, grid), snap(y + dy * stride, grid));
    } else if (event.key === "Home") {
      move(...home);
    } else {
      return;
    }
    event.preventDefault();
  });
}
