// Dropping the ball: the server's gradient-descent path (POST /api/descent), drawn step by step.
// Reduced-motion users get the whole path at once.

import { apiFetch } from "../../api.js";
import { formatNumber } from "./svg.js";

// Points far off the map (a diverging ball) are pulled in along their ray from the map's centre,
// so the SVG never holds coordinates of absurd size; the part that shows is unchanged.
const FAR = 1e5;

export async function requestDescent(expression, start, rate, steps) {
  const response = await apiFetch("/api/descent", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ expression, start, rate, steps }),
  });
  return { ok: response.ok, body: await response.json() };
}

export function onScreen(geo, names, point) {
  const cx = (geo.box.left + geo.box.right) / 2;
  const cy = (geo.box.top + geo.box.bottom) / 2;
  const [x, y] = [geo.sx(point[names[0]]), geo.sy(point[names[1]])];
  const far = Math.hypot(x - cx, y - cy);
  const pull = far > FAR ? FAR / far : 1;
  return [cx + (x - cx) * pull, cy + (y - cy) * pull];
}

export function dotsPath(points) {
  return points.map(([x, y]) => `M${(x - 2.2).toFixed(1)},${y.toFixed(1)}a2.2,2.2 0 1 0 4.4,0a2.2,2.2 0 1 0 -4.4,0`).join("");
}

// Draws the first `shown` points of the path; returns a function that stops the animation.
export function animateDescent(layer, geo, names, result, { reduced, onStep, onDone }) {
  const screen = result.points.map((p) => onScreen(geo, names, p));
  const total = screen.length;
  // The whole walk takes about three seconds, however many steps it has.
  const delay = Math.max(16, Math.min(140, 3000 / total));
  let shown = reduced ? total : 1;
  let timer = null;
  const draw = () => {
    const visible = screen.slice(0, shown);
    layer.path.setAttribute("points", visible.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
    layer.dots.setAttribute("d", dotsPath(visible));
    const [bx, by] = visible[visible.length - 1];
    layer.ball.setAttribute("cx", bx.toFixed(1));
    layer.ball.setAttribute("cy", by.toFixed(1));
    layer.ball.removeAttribute("hidden");
    onStep(shown - 1, result.losses[shown - 1]);
    if (shown < total) {
      shown += 1;
      timer = setTimeout(draw, delay);
    } else {
      onDone();
    }
  };
  draw();
  return () => clearTimeout(timer);
}

export function clearDescent(layer) {
  layer.path.setAttribute("points", "");
  layer.dots.setAttribute("d", "");
  layer.ball.setAttribute("hidden", "");
}

export function stepText(step, total, loss) {
  return step === 0 ? `Start: L = ${formatNumber(loss)}` : `Step ${step} of ${total}: L = ${formatNumber(loss)}`;
}
