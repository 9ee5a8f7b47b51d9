// Text a widget keeps up with the learner: the first touch marks the widget explored, spoken
// announcements wait until the learner pauses, and long words are rewritten once an input rests
// (they are read, not watched; rewriting them at every step of a drag would cost more than the
// pictures), saying they are out of date (aria-busy) until then.

const ANNOUNCE_DELAY_MS = 500;
const SETTLE_MS = 120;

export function markOnce(root, progress) {
  let touched = false;
  return () => {
    if (!touched) {
      touched = true;
      progress.markWidget(root.dataset.widget);
    }
  };
}

export function announcer(node) {
  let timer = null;
  return (text) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      node.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  };
}

// `settle()` rewrites the `settling` nodes; the returned function asks for that, once the
// inputs rest.
export function settler(settling, settle) {
  let timer = null;
  return () => {
    if (timer === null) for (const node of settling) node.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      settle();
      for (const node of settling) node.setAttribute("aria-busy", "false");
    }, SETTLE_MS);
  };
}
