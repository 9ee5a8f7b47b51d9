// When a section counts as read: once a real share of it has been on screen for READ_AFTER_MS
// in all, while the tab is visible. Jumping past a section (the End key, a link in the outline)
// shows it for a moment at most, so it does not count; stopping on one does.
//
// "A real share" is half of the section, or, for a section taller than the screen, half of the
// screen: a short section wholly in view counts, and so does a long one being read.

export const READ_AFTER_MS = 4000;
const SHARE = 0.5;
// Fine steps, so that the share is checked again as the page scrolls a little.
const THRESHOLDS = Array.from({ length: 51 }, (_, step) => step / 50);

function inView(entry) {
  const visible = entry.intersectionRect.height;
  const screen = entry.rootBounds?.height ?? window.innerHeight;
  return entry.isIntersecting && visible > 0 && visible >= SHARE * Math.min(entry.boundingClientRect.height, screen);
}

// Calls onRead(section.id) each time one of `sections` has been in view for READ_AFTER_MS.
export function watchReading(sections, onRead) {
  if (!("IntersectionObserver" in window)) return;
  const clocks = new Map(sections.map((section) => [section, { seen: 0, since: null, timer: null, inView: false }]));
  const hidden = () => document.visibilityState === "hidden";

  function start(section, clock) {
    if (clock.since !== null || hidden()) return;
    clock.since = performance.now();
    clock.timer = window.setTimeout(() => {
      clock.since = null;
      clock.seen = 0;
      onRead(section.id);
      // Still in view: it counts again later, which matters once progress has been reset.
      if (clock.inView) start(section, clock);
    }, READ_AFTER_MS - clock.seen);
  }

  function stop(clock) {
    if (clock.since === null) return;
    window.clearTimeout(clock.timer);
    clock.seen += performance.now() - clock.since;
    clock.since = null;
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const clock = clocks.get(entry.target);
        clock.inView = inView(entry);
        if (clock.inView) start(entry.target, clock);
        else stop(clock);
      }
    },
    { threshold: THRESHOLDS },
  );
  for (const section of sections) observer.observe(section);

  // A hidden tab is not being read: its clocks stop, and go on when it is shown again.
  document.addEventListener("visibilitychange", () => {
    for (const [section, clock] of clocks) {
      if (hidden()) stop(clock);
      else if (clock.inView) start(section, clock);
    }
  });
}
