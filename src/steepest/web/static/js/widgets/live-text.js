// Text a widget keeps up with the learner: the first touch marks the widget explored, spoken
// announcements wait until the learner pauses, and long words are rewritten once an input rests
// (they are read, not watched; rewriting them at every step of a drag would cost more than the
// pictures), saying they are out of date (aria-busy) until then.

const ANNOUNCE_DELAY_MS = 500;
const SETTLE_MS = 120;

// Progress keeps the first touch only, and forgets it on "Reset progress": so every touch is
// passed on, and one after a reset counts again.
export function markOnce(root, progress) {
  return () => progress.markWidget(root.dataset.widget);
}

// A slider or a drag fires dozens of events a second; a screen reader told each of them would
// talk over itself, so only the last message of a burst is spoken.
export function announcer(node) {
  let timer = null;
  const announce = (text) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      node.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  };
  // A change that will not be described: drop what is pending.
  announce.cancel = () => clearTimeout(timer);
  return announce;
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
