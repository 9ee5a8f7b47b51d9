// What a widget says in its live region while it is being dragged. A slider or a drag fires
// dozens of events a second; a screen reader told each of them would talk over itself, so
// only the last message of a burst is spoken, once the input has rested for a moment.

const REST_MS = 450;

export function createAnnouncer(region, restMs = REST_MS) {
  let timer = null;
  const announcer = (text) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      region.textContent = text;
    }, restMs);
  };
  // A change that will not be described (the next burst starts): drop what is pending.
  announcer.cancel = () => clearTimeout(timer);
  return announcer;
}
