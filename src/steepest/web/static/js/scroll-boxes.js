// Formulas and tables too wide for the screen scroll sideways in their own box. Such a box must be
// reachable from the keyboard to be scrolled, so it gets tabindex="0" exactly while it overflows.

const SELECTOR = ".math-display, .step-math, .rule-head, .table-scroll";

export function markScrollBoxes(root = document) {
  for (const box of root.querySelectorAll(SELECTOR)) {
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
    else box.removeAttribute("tabindex");
  }
}

export function watchScrollBoxes() {
  let pending = false;
  const refresh = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      markScrollBoxes();
    });
  };
  window.addEventListener("resize", refresh);
  // <details> of rule steps open later; their formulas are measured when shown.
  document.addEventListener("toggle", refresh, true);
  refresh();
  return refresh;
}
