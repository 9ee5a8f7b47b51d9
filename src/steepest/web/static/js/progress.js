// Progress through one lesson, kept in this browser's localStorage: which sections were read,
// which widgets were explored, and the last answer to each question with whether it was right.

const KEY_PREFIX = "steepest:progress:";

function emptyRecord() {
  return { sections: [], widgets: [], answers: {} };
}

export class Progress {
  constructor(slug, { sections, widgets, questions }) {
    this.key = KEY_PREFIX + slug;
    this.sections = sections;
    this.widgets = widgets;
    this.questions = questions;
    this.listeners = [];
    this.resetListeners = [];
    this.record = this.load();
  }

  load() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(this.key) ?? "null");
      if (stored && Array.isArray(stored.sections) && Array.isArray(stored.widgets)) {
        return { ...emptyRecord(), ...stored };
      }
    } catch {
      // Storage can be disabled or hold junk; then progress lasts for this visit only.
    }
    return emptyRecord();
  }

  save() {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.record));
    } catch {
      // See load(): without storage, keep going in memory.
    }
    for (const listener of this.listeners) listener(this);
  }

  onChange(listener) {
    this.listeners.push(listener);
    listener(this);
  }

  onReset(listener) {
    this.resetListeners.push(listener);
  }

  markSection(id) {
    if (!this.record.sections.includes(id)) {
      this.record.sections.push(id);
      this.save();
    }
  }

  markWidget(name) {
    if (!this.record.widgets.includes(name)) {
      this.record.widgets.push(name);
      this.save();
    }
  }

  recordAnswer(questionId, answer, correct) {
    this.record.answers[questionId] = { answer, correct };
    this.save();
  }

  isRead(id) {
    return this.record.sections.includes(id);
  }

  answerTo(questionId) {
    return this.record.answers[questionId] ?? null;
  }

  reset() {
    this.record = emptyRecord();
    try {
      window.localStorage.removeItem(this.key);
    } catch {
      // Nothing stored, nothing to remove.
    }
    for (const listener of this.resetListeners) listener(this);
    for (const listener of this.listeners) listener(this);
  }

  summary() {
    const read = this.sections.filter((id) => this.record.sections.includes(id)).length;
    const explored = this.widgets.filter((name) => this.record.widgets.includes(name)).length;
    const right = this.questions.filter((id) => this.record.answers[id]?.correct).length;
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

// The visible side of progress: the bar and sentence in the sidebar, ticks in the outline,
// and an IntersectionObserver that counts a section as read once its end has been on screen.
export function mountProgressPanel(progress, document) {
  const panel = document.querySelector("[data-progress]");
  const bar = panel.querySelector("[data-progress-bar]");
  const text = panel.querySelector("[data-progress-text]");
  panel.hidden = false;
  panel.querySelector("[data-progress-reset]").addEventListener("click", () => progress.reset());

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

  if (!("IntersectionObserver" in window)) return;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) progress.markSection(entry.target.dataset.sectionEnd);
    }
  });
  for (const section of document.querySelectorAll("section[data-section]")) {
    const end = document.createElement("span");
    end.className = "section-end";
    end.dataset.sectionEnd = section.id;
    section.append(end);
    observer.observe(end);
  }
}
