// The computation-graph widget: the loss as a graph of operations with the forward value in each
// node and the local derivative on each edge, and the backward sweep, one node per step. Every
// number arrives in the widget's JSON spec from the engine; this module only draws and steps.

const SVG = "http://www.w3.org/2000/svg";
// Below this width (a phone) the circles shrink and the graph grows taller to make room.
const NARROW = 520;

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

// Where each node sits: one band per depth (leaves first, L last), nodes spread within it.
// Working back from L, each band is sorted by where the nodes it feeds sit, which keeps most
// arrows from crossing.
export function layout(nodes, edges, width, height, radius) {
  const deepest = Math.max(...nodes.map((n) => n.depth));
  const bands = Array.from({ length: deepest + 1 }, () => []);
  for (const node of nodes) bands[node.depth].push(node);
  const position = {};
  for (let depth = deepest; depth >= 0; depth -= 1) {
    const band = bands[depth];
    const pull = (node) => {
      const fed = edges.filter((e) => e.from === node.id).map((e) => position[e.to]);
      return fed.length ? fed.reduce((a, b) => a + b, 0) / fed.length : 0.5;
    };
    const order = band.map((node, i) => ({ node, i, pull: pull(node) }));
    order.sort((a, b) => a.pull - b.pull || a.i - b.i);
    band.splice(0, band.length, ...order.map((o) => o.node));
    band.forEach((node, i) => (position[node.id] = (i + 0.5) / band.length));
  }
  // Room at the sides for the values written above and below the first and last circles.
  const pad = radius + 20;
  const place = {};
  bands.forEach((band, depth) => {
    const x = deepest === 0 ? width / 2 : pad + ((width - 2 * pad) * depth) / deepest;
    band.forEach((node, i) => {
      place[node.id] = { x, y: 18 + ((height - 36) * (i + 0.5)) / band.length };
    });
  });
  return place;
}

// "∂L/∂(w·x) = 6 × 1 = 6": how one step of the sweep adds up a node's adjoint.
export function describeStep(step, byId) {
  const node = byId[step.node];
  const name = node.kind === "operation" ? `(${node.text})` : node.text;
  if (step.terms.length === 0) {
    return `Start at the loss L = ${node.text}, which is ${node.valueText}. Its own slope is ∂L/∂L = 1.`;
  }
  const sum = step.terms.map((t) => `${t.adjointText} × ${t.localText}`).join(" + ");
  const role = node.kind === "knob" ? " This is a knob: its partial derivative is ready." : "";
  return `∂L/∂${name} = ${sum} = ${node.adjointText}.${role}`;
}

export function mount(root, progress) {
  const spec = JSON.parse(root.querySelector("[data-spec]").textContent);
  const svg = root.querySelector("[data-plot]");
  const out = Object.fromEntries([...root.querySelectorAll("[data-out]")].map((n) => [n.dataset.out, n]));
  const stepButton = root.querySelector("[data-step]");
  const backButton = root.querySelector("[data-back]");
  const resetButton = root.querySelector("[data-reset]");
  const byId = Object.fromEntries(spec.nodes.map((n) => [n.id, n]));
  root.querySelector("[data-needs-js]").hidden = false;

  // One SVG unit per CSS pixel, so labels keep their size on a phone as on a desktop.
  const width = Math.round(Math.min(720, Math.max(300, svg.clientWidth)));
  const narrow = width < NARROW;
  const radius = narrow ? 19 : 24;
  const perDepth = {};
  for (const node of spec.nodes) perDepth[node.depth] = (perDepth[node.depth] ?? 0) + 1;
  const tallest = Math.max(...Object.values(perDepth));
  // Each circle in the fullest column needs room for its value above and its adjoint below.
  const height = Math.max(260, tallest * (2 * radius + 46) + 36);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const place = layout(spec.nodes, spec.edges, width, height, radius);

  const markerId = `${root.dataset.widget}-arrow`;
  const marker = element(
    "marker",
    // In user units, so a highlighted (thicker) arrow keeps the same head.
    { id: markerId, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto" },
    element("defs", {}, svg),
  );
  element("path", { d: "M0,0 L10,5 L0,10 z", class: "graph-arrowhead" }, marker);

  const edgeLayer = element("g", { class: "graph-edges", "aria-hidden": "true" }, svg);
  const nodeLayer = element("g", { class: "graph-nodes", "aria-hidden": "true" }, svg);
  const edges = spec.edges.map((edge) => {
    const a = place[edge.from];
    const b = place[edge.to];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    const group = element("g", { class: "graph-edge" }, edgeLayer);
    element(
      "line",
      { x1: a.x + ux * radius, y1: a.y + uy * radius, x2: b.x - ux * (radius + 2), y2: b.y - uy * (radius + 2), "marker-end": `url(#${markerId})` },
      group,
    );
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const label = `×${edge.localText}`;
    const boxWidth = 10 + label.length * 8;
    element("rect", { x: mx - boxWidth / 2, y: my - 10, width: boxWidth, height: 20, rx: 6, class: "graph-local-box" }, group);
    element("text", { x: mx, y: my + 1, class: "graph-local" }, group).textContent = label;
    return { edge, group };
  });

  const nodes = Object.fromEntries(
    spec.nodes.map((node) => {
      const { x, y } = place[node.id];
      const group = element("g", { class: `graph-node graph-${node.kind}` }, nodeLayer);
      element("circle", { cx: x, cy: y, r: radius }, group);
      const long = node.label.length > 3 ? " graph-label-long" : "";
      element("text", { x, y: y + 1, class: `graph-label${long}` }, group).textContent = node.label;
      // The value sits above the circle, the adjoint below it once the sweep reaches the node.
      element("text", { x, y: y - radius - 7, class: "graph-value" }, group).textContent = `= ${node.valueText}`;
      const adjoint = element("text", { x, y: y + radius + 16, class: "graph-adjoint" }, group);
      adjoint.textContent = `∂L = ${node.adjointText}`;
      return [node.id, { group, adjoint }];
    }),
  );

  let done = 0;

  function show() {
    const visited = new Set(spec.steps.slice(0, done).map((s) => s.node));
    const current = done > 0 ? spec.steps[done - 1] : null;
    for (const [id, node] of Object.entries(nodes)) {
      node.group.classList.toggle("visited", visited.has(id));
      node.group.classList.toggle("current", current !== null && current.node === id);
    }
    const feeding = new Set(current ? current.terms.map((t) => t.from) : []);
    for (const { edge, group } of edges) {
      group.classList.toggle("active", current !== null && edge.from === current.node && feeding.has(edge.to));
    }
    out.step.textContent = current
      ? `Step ${done} of ${spec.steps.length}. ${describeStep(current, byId)}`
      : "Nothing swept yet: every value above came from the forward pass.";
    out.verdict.textContent = done === spec.steps.length ? verdict() : "";
    stepButton.disabled = done === spec.steps.length;
    backButton.disabled = done === 0;
  }

  function verdict() {
    const swept = spec.gradient.map((g) => {
      const knob = spec.nodes.find((n) => n.kind === "knob" && n.text === g.knob);
      return { ...g, agrees: knob !== undefined && knob.adjointText === g.valueText };
    });
    const list = swept.map((g) => `∂L/∂${g.knob} = ${g.valueText}`).join(", ");
    if (swept.every((g) => g.agrees)) {
      return `Sweep complete: ${list}. This matches the engine's symbolic gradient, from one pass backward.`;
    }
    return `Sweep complete, but it does not match the engine's symbolic gradient (${list}).`;
  }

  function go(to) {
    done = Math.max(0, Math.min(spec.steps.length, to));
    show();
    progress.markWidget(root.dataset.widget);
  }

  stepButton.addEventListener("click", () => go(done + 1));
  backButton.addEventListener("click", () => go(done - 1));
  resetButton.addEventListener("click", () => go(0));
  svg.addEventListener("keydown", (event) => {
    const moves = { Enter: done + 1, " ": done + 1, ArrowRight: done + 1, ArrowLeft: done - 1, Home: 0 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    go(moves[event.key]);
  });
  show();
}
