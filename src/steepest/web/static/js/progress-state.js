// The progress document and its merge, the same rules as steepest/store/progress.py, so the
// browser and the server agree whichever merges first (a state-based CRDT):
// sections and widgets keep the later time per id; answers keep the later entry (ties: the
// correct one, then the larger text, then the one after the solution) with the later
// credited_at of the two (credit, once earned, stays); cleared_at keeps the later reset, and every entry made
// at or before it is dropped.

export function emptyState() {
  return { sections: {}, widgets: {}, answers: {}, cleared_at: 0 };
}

function laterTimes(mine, theirs) {
  const merged = { ...mine };
  for (const [key, at] of Object.entries(theirs)) merged[key] = Math.max(at, merged[key] ?? at);
  return merged;
}

function compareAnswers(a, b) {
  if (a.at !== b.at) return a.at - b.at;
  if (a.correct !== b.correct) return a.correct ? 1 : -1;
  if (a.answer !== b.answer) return a.answer < b.answer ? -1 : 1;
  return Number(a.after_solution) - Number(b.after_solution);
}

function mergeAnswer(mine, theirs) {
  if (mine === undefined) return theirs;
  const later = compareAnswers(mine, theirs) < 0 ? theirs : mine;
  return { ...later, credited_at: Math.max(mine.credited_at, theirs.credited_at) };
}

export function withoutCleared(state) {
  const cut = state.cleared_at;
  const keep = (entries) => Object.fromEntries(Object.entries(entries).filter(([, at]) => at > cut));
  return {
    sections: keep(state.sections),
    widgets: keep(state.widgets),
    answers: Object.fromEntries(
      Object.entries(state.answers)
        .filter(([, entry]) => entry.at > cut)
        .map(([question, entry]) => [question, entry.credited_at > cut ? entry : { ...entry, credited_at: 0 }]),
    ),
    cleared_at: cut,
  };
}

export function merge(a, b) {
  const answers = { ...a.answers };
  for (const [question, entry] of Object.entries(b.answers)) {
    answers[question] = mergeAnswer(answers[question], entry);
  }
  return withoutCleared({
    sections: laterTimes(a.sections, b.sections),
    widgets: laterTimes(a.widgets, b.widgets),
    answers,
    cleared_at: Math.max(a.cleared_at, b.cleared_at),
  });
}

export function sameState(a, b) {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

function sorted(entries) {
  return Object.fromEntries(Object.entries(entries).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

function normalised(state) {
  return { sections: sorted(state.sections), widgets: sorted(state.widgets), answers: sorted(state.answers), cleared_at: state.cleared_at };
}

// Read a stored or received document leniently: anything malformed counts as empty, and the
// older localStorage shape (lists of ids, answers without times) is carried over.
export function readState(value) {
  const state = emptyState();
  if (!value || typeof value !== "object") return state;
  const times = (entries) => {
    if (Array.isArray(entries)) return Object.fromEntries(entries.filter((id) => typeof id === "string").map((id) => [id, 1]));
    if (!entries || typeof entries !== "object") return {};
    return Object.fromEntries(Object.entries(entries).filter(([, at]) => Number.isSafeInteger(at) && at >= 0));
  };
  state.sections = times(value.sections);
  state.widgets = times(value.widgets);
  for (const [question, entry] of Object.entries(value.answers ?? {})) {
    if (entry && typeof entry.answer === "string" && typeof entry.correct === "boolean") {
      // An entry from before credit was kept: a right answer earned it at its time.
      const at = Number.isSafeInteger(entry.at) ? entry.at : 1;
      const afterSolution = entry.after_solution === true;
      const earned = entry.correct && !afterSolution ? at : 0;
      const credited = Number.isSafeInteger(entry.credited_at) && entry.credited_at >= 0 ? entry.credited_at : earned;
      state.answers[question] = { answer: entry.answer, correct: entry.correct, at, after_solution: afterSolution, credited_at: Math.min(at, credited) };
    }
  }
  state.cleared_at = Number.isSafeInteger(value.cleared_at) && value.cleared_at >= 0 ? value.cleared_at : 0;
  return withoutCleared(state);
}
