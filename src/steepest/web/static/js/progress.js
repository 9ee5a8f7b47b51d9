// Progress through one lesson: kept in this browser's localStorage, and merged with the copy on
// the server whenever the server can be reached (see progress-state.js for the merge rules).
// Another tab's changes arrive through the `storage` event; an offline browser keeps working
// and sends its state when it is back online. A static copy (`steepest export`) has no server:
// there progress stays in localStorage only.

import { STATIC_COPY, awaitSession, requestJSON } from "./api.js";
import { mountReset } from "./progress-reset.js";
import { emptyState, merge, readState, sameState } from "./progress-state.js";
import { watchReading } from "./section-reading.js";

const KEY_PREFIX = "steepest:progress:";
const SYNC_DELAY_MS = 400;

// A lesson's progress as this browser keeps it.
export function storedProgress(slug) {
  try {
    return readState(JSON.parse(window.localStorage.getItem(KEY_PREFIX + slug) ?? "null"));
  } catch {
    // Storage can be disabled or hold junk; then progress lasts for this visit only.
    return emptyState();
  }
}

export class Progress {
  constructor(slug, { sections, widgets, questions }) {
    this.slug = slug;
    this.key = KEY_PREFIX + slug;
    this.sections = sections;
    this.widgets = widgets;
    this.questions = questions;
    this.listeners = [];
    this.resetListeners = [];
    this.syncListeners = [];
    this.state = storedProgress(slug);
    this.lastTime = 0;
    this.syncTimer = null;
    this.syncStatus = "local";
    this.firstPull = Promise.resolve(); // the first pull from the server, once start() runs
  }

  // Times only ever increase on this client, even if its clock jumps back.
  now() {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1, this.state.cleared_at + 1);
    return this.lastTime;
  }

  store() {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // See storedProgress(): without storage, keep going in memory.
    }
  }

  adopt(state) {
    const before = this.state;
    this.state = merge(this.state, state);
    if (sameState(before, this.state)) return false;
    this.store();
    this.notify();
    return true;
  }

  change(update) {
    update(this.state);
    this.store();
    this.notify();
    this.scheduleSync();
  }

  notify() {
    for (const listener of this.listeners) listener(this);
  }

  onChange(listener) {
    this.listeners.push(listener);
    listener(this);
  }

  onReset(listener) {
    this.resetListeners.push(listener);
  }

  onSync(listener) {
    this.syncListeners.push(listener);
    listener(this.syncStatus);
  }

  setSyncStatus(status) {
    this.syncStatus = status;
    for (const listener of this.syncListeners) listener(status);
  }

  markSection(id) {
    if (!(id in this.state.sections)) this.change((state) => (state.sections[id] = this.now()));
  }

  markWidget(name) {
    if (!(name in this.state.widgets)) this.change((state) => (state.widgets[name] = this.now()));
  }

  // `afterSolution`: the answer came with the question's solution already shown. Only a right
  // answer without it earns credit, and credit once earned stays (see progress-state.js).
  recordAnswer(questionId, answer, correct, afterSolution = false) {
    this.change((state) => {
      const at = this.now();
      const earned = correct && !afterSolution ? at : (state.answers[questionId]?.credited_at ?? 0);
      state.answers[questionId] = { answer, correct, at, after_solution: afterSolution, credited_at: earned };
    });
  }

  isRead(id) {
    return id in this.state.sections;
  }

  answerTo(questionId) {
    return this.state.answers[questionId] ?? null;
  }

  // Returns what the reset removed, for restore().
  reset() {
    const removed = this.state;
    this.state = { ...emptyState(), cleared_at: this.now() };
    this.store();
    for (const listener of this.resetListeners) listener(this);
    this.notify();
    this.scheduleSync();
    return removed;
  }

  // Undo a reset: what it removed is recorded again, with new times. Its old times are at or
  // before cleared_at, so every merge (here, in other tabs, on the server) would drop them; new
  // ones are after it and survive, with no change to the merge. What was done since the reset
  // is kept as it is: an entry already there is newer than the one the reset removed.
  restore(removed) {
    this.change((state) => {
      for (const [id] of Object.entries(removed.sections)) state.sections[id] ??= this.now();
      for (const [name] of Object.entries(removed.widgets)) state.widgets[name] ??= this.now();
      for (const [question, entry] of Object.entries(removed.answers)) {
        const at = this.now();
        state.answers[question] ??= { ...entry, at, credited_at: entry.credited_at > 0 ? at : 0 };
      }
    });
  }

  // Server side

  start() {
    window.addEventListener("storage", (event) => {
      if (event.key !== this.key) return;
      try {
        const theirs = readState(JSON.parse(event.newValue ?? "null"));
        if (theirs.cleared_at > this.state.cleared_at) for (const listener of this.resetListeners) listener(this);
        this.adopt(theirs);
      } catch {
        // A junk value from another tab changes nothing here.
      }
    });
    // Back online: fetch first, which also brings the cookies if the first fetch failed.
    window.addEventListener("online", () => this.pull());
    this.firstPull = this.pull();
    return this.firstPull;
  }

  async pull() {
    if (STATIC_COPY) return;
    try {
      const fetched = requestJSON("GET", this.url());
      awaitSession(fetched);
      const server = readState(await fetched);
      const hadMore = !sameState(merge(server, this.state), server);
      if (server.cleared_at > this.state.cleared_at) for (const listener of this.resetListeners) listener(this);
      this.adopt(server);
      if (hadMore) await this.push();
      else this.setSyncStatus("synced");
    } catch {
      this.setSyncStatus("offline");
    }
  }

  scheduleSync() {
    window.clearTimeout(this.syncTimer);
    this.syncTimer = window.setTimeout(() => this.sync(), SYNC_DELAY_MS);
  }

  async sync() {
    window.clearTimeout(this.syncTimer);
    if (STATIC_COPY) return;
    // A new visitor gets the CSRF cookie with the first pull: a change made on a short page
    // before it lands (every section read at once) waits for it rather than being refused.
    await this.firstPull;
    await this.push();
  }

  async push() {
    try {
      const sent = this.state;
      const merged = readState(await requestJSON("PUT", this.url(), sent));
      this.adopt(merged);
      this.setSyncStatus(sameState(merge(merged, this.state), merged) ? "synced" : "pending");
      if (this.syncStatus === "pending") this.scheduleSync();
    } catch {
      this.setSyncStatus("offline");
    }
  }

  url() {
    return `/api/progress/${encodeURIComponent(this.slug)}`;
  }

  summary() {
    const read = this.sections.filter((id) => this.isRead(id)).length;
    const explored = this.widgets.filter((name) => name in this.state.widgets).length;
    const right = this.questions.filter((id) => this.state.answers[id]?.credited_at > 0).length;
    const total = this.sections.length + this.widgets.length + this.questions.length;
    return { read, explored, right, done: read + explored + right, total };
  }
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function describe(progress) {
  const { read, explored, right } = progress.summary();
  const parts = [`${read} of ${plural(progress.sections.length, "section")} read`];
  if (progress.widgets.length === 1) {
    parts.push(explored ? "the widget tried" : "the widget not tried yet");
  } else if (progress.widgets.length > 1) {
    parts.push(`${explored} of ${progress.widgets.length} widgets tried`);
  }
  if (progress.questions.length) {
    parts.push(`${right} of ${plural(progress.questions.length, "question")} right`);
  }
  return parts.join(" · ");
}

const SYNC_TEXT = {
  local: "Saved in this browser.",
  synced: "Saved in this browser and on the server.",
  pending: "Saved in this browser; sending it to the server…",
  offline: "Saved in this browser. The server cannot be reached; it will catch up later.",
};

// The visible side of progress: the bar and sentence in the sidebar, ticks in the outline, the
// reset with its confirmation and undo, and the clocks that count a section as read once it has
// been on screen for a while (section-reading.js).
export function mountProgressPanel(progress, document) {
  const panel = document.querySelector("[data-progress]");
  const bar = panel.querySelector("[data-progress-bar]");
  const text = panel.querySelector("[data-progress-text]");
  const syncNote = panel.querySelector("[data-progress-sync]");
  panel.hidden = false;
  // Export and import move what the server keeps; a static copy keeps nothing there.
  if (STATIC_COPY) {
    for (const control of panel.querySelectorAll("[data-progress-export], [data-progress-import]")) control.hidden = true;
  }
  mountReset(progress, panel);
  progress.onSync((status) => (syncNote.textContent = SYNC_TEXT[status]));

  progress.onChange(() => {
    const { done, total } = progress.summary();
    bar.max = total;
    bar.value = done;
    text.textContent = describe(progress);
    for (const item of document.querySelectorAll("[data-toc]")) {
      const read = progress.isRead(item.dataset.toc);
      item.classList.toggle("is-read", read);
      item.querySelector(".toc-done").hidden = !read;
    }
  });

  watchReading([...document.querySelectorAll("section[data-section]")], (id) => progress.markSection(id));
}
