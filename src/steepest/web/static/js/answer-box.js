// A box for a typed answer: a live preview of how the engine reads it (debounced, from
// POST /api/preview), and the engine's verdict once checked, naming the mistake it recognises.

import { StaticCopyError, failureText, newAttemptId, requestJSON } from "./api.js";
import { withColumn } from "./error-line.js";
import { appendHelp, mountHints, mountSolution, savedVerdict, showSolution } from "./hints.js";

const PREVIEW_DELAY_MS = 250;
const HEADS = {
  correct: ["✓", " Right."],
  incorrect: ["✗", " Not quite."],
  invalid: ["?", " The engine could not read that. It costs you nothing: fix it and try again."],
};

// What the typed text answers, so that the preview reads it as that check will: a lesson's
// question (data-lesson, data-typed-question) or a practice problem (data-problem, set while
// the problem is on the page); with neither, any names are allowed.
function askedBy(form) {
  const { lesson, typedQuestion, problem } = form.dataset;
  if (lesson && typedQuestion) return { lesson, question: typedQuestion };
  if (problem) return { problem };
  return {};
}

export function mountPreview(form) {
  const input = form.querySelector("[data-answer-input]");
  const preview = form.querySelector("[data-preview]");
  const math = form.querySelector("[data-preview-math]");
  let timer = null;
  let latest = 0;

  async function show() {
    const text = input.value;
    const asked = ++latest;
    if (!text.trim()) {
      preview.hidden = true;
      return;
    }
    try {
      const { mathml } = await requestJSON("POST", "/api/preview", { text, ...askedBy(form) });
      if (asked !== latest) return;
      math.innerHTML = mathml; // MathML built by the engine from parsed input, never raw text
      preview.classList.remove("preview-error");
    } catch (error) {
      if (asked !== latest) return;
      math.textContent = withColumn(error.message, error.column);
      // A static copy cannot preview: that is a note, not a mistake in what was typed.
      preview.classList.toggle("preview-error", !(error instanceof StaticCopyError));
    }
    preview.hidden = false;
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(show, PREVIEW_DELAY_MS);
  });
  return () => {
    window.clearTimeout(timer);
    latest++;
    preview.hidden = true;
  };
}

export function showFeedback(box, feedback) {
  const verdict = document.createElement("div");
  const kind = feedback.verdict;
  verdict.className = `verdict ${kind === "correct" ? "verdict-right" : kind === "invalid" ? "verdict-invalid" : "verdict-wrong"}`;
  const head = document.createElement("p");
  head.className = "verdict-head";
  const mark = document.createElement("span");
  mark.setAttribute("aria-hidden", "true");
  mark.textContent = HEADS[kind][0];
  head.append(mark, HEADS[kind][1]);
  verdict.append(head);
  // Before the solution is out a wrong answer's message comes empty: it may hold the answer.
  if (kind !== "correct" && feedback.message) {
    const message = document.createElement("p");
    message.className = "verdict-feedback";
    message.textContent = withColumn(feedback.message, feedback.column);
    verdict.append(message);
  }
  box.replaceChildren(verdict);
}

export function showNote(box, text) {
  const note = document.createElement("p");
  note.className = "verdict-note";
  note.textContent = text;
  box.replaceChildren(note);
}

// A lesson's typed question: checked and recorded by POST /api/answers/{lesson}/{question},
// with help in steps decided by the server from the learner's stored attempts.
export function mountTypedQuestion(form, progress) {
  const { lesson, typedQuestion: questionId } = form.dataset;
  const input = form.querySelector("[data-answer-input]");
  const box = form.querySelector("[data-feedback]");
  const url = `/api/answers/${encodeURIComponent(lesson)}/${encodeURIComponent(questionId)}`;
  mountPreview(form);
  const hints = mountHints(form, questionId, (text) => showNote(box, text));
  const resetSolution = mountSolution(form, questionId, box, (text) => showNote(box, text));

  function showResult(result) {
    showFeedback(box, result.feedback);
    if (result.feedback.verdict !== "invalid") {
      appendHelp(box.querySelector(".verdict"), result, result.feedback.correct);
    }
    showSolution(box, result.explanation_html);
  }

  async function check(answer) {
    try {
      const result = await requestJSON("POST", url, { answer, hints: hints.shown(), id: newAttemptId() });
      showResult(result);
      if (result.feedback.verdict !== "invalid") {
        progress.recordAnswer(questionId, answer, result.feedback.correct, result.after_solution);
      }
    } catch (error) {
      showNote(box, failureText(error, `Could not check the answer just now (${error.message}). Try again in a moment.`));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      showNote(box, "Type an answer first.");
      return;
    }
    check(input.value);
  });

  // The last answer and its verdict, from this browser or (after the first sync) from the
  // server: shown as recorded, not checked again (that would count as another try).
  progress.onChange(() => {
    const saved = progress.answerTo(questionId);
    if (!saved || input.value) return;
    input.value = saved.answer;
    const verdict = saved.correct ? "correct" : "incorrect";
    showResult({ ...savedVerdict(saved), feedback: { verdict, correct: saved.correct, message: "", column: null } });
  });
  progress.onReset(() => {
    input.value = "";
    box.replaceChildren();
    hints.reset();
    resetSolution();
  });
}
