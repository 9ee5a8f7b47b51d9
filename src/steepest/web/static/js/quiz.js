// Multiple-choice questions, scored by the server (POST /api/quiz/{lesson}/{question}) so the
// answer key is not in the page, and recorded for the learner, whose stored attempts decide the
// help in steps a wrong answer gets. Answers are kept in progress and, after a reload, shown
// again with their verdict, without another attempt.

import { failureText, newAttemptId, requestJSON } from "./api.js";
import { appendHelp, mountHints, mountSolution, savedVerdict, showSolution } from "./hints.js";

function check(form, answer, hints) {
  const { lesson, question } = form.dataset;
  const url = `/api/quiz/${encodeURIComponent(lesson)}/${encodeURIComponent(question)}`;
  return requestJSON("POST", url, { answer, hints, id: newAttemptId() });
}

function showVerdict(feedback, verdict) {
  const box = document.createElement("div");
  box.className = `verdict ${verdict.correct ? "verdict-right" : "verdict-wrong"}`;
  const head = document.createElement("p");
  head.className = "verdict-head";
  const mark = document.createElement("span");
  mark.setAttribute("aria-hidden", "true");
  mark.textContent = verdict.correct ? "✓" : "✗";
  head.append(mark, verdict.correct ? " Right." : " Not quite.");
  box.append(head);
  if (verdict.feedback_html && !verdict.correct) {
    const note = document.createElement("p");
    note.className = "verdict-feedback";
    note.innerHTML = verdict.feedback_html; // lesson text, rendered by the server
    box.append(note);
  }
  appendHelp(box, verdict, verdict.correct);
  feedback.replaceChildren(box);
  showSolution(feedback, verdict.explanation_html);
}

function showNote(feedback, text) {
  const note = document.createElement("p");
  note.className = "verdict-note";
  note.textContent = text;
  feedback.replaceChildren(note);
}

export function mountQuestion(form, progress) {
  const feedback = form.querySelector("[data-feedback]");
  const questionId = form.dataset.question;
  const hints = mountHints(form, questionId, (text) => showNote(feedback, text));
  const resetSolution = mountSolution(form, questionId, feedback, (text) => showNote(feedback, text));

  async function answerWith(value) {
    try {
      const verdict = await check(form, value, hints.shown());
      showVerdict(feedback, verdict);
      progress.recordAnswer(questionId, value, verdict.correct, verdict.after_solution);
    } catch (error) {
      showNote(feedback, failureText(error, "Could not check the answer just now. Try again in a moment."));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name="answer"]:checked');
    if (!chosen) {
      showNote(feedback, "Pick one of the options first.");
      return;
    }
    answerWith(chosen.value);
  });

  // The saved answer and its verdict, from this browser or, once it arrives, from the server's
  // copy: shown as recorded, not checked again (that would count as another try).
  progress.onChange(() => {
    const saved = progress.answerTo(questionId);
    if (!saved || form.querySelector('input[name="answer"]:checked')) return;
    const radio = [...form.querySelectorAll('input[name="answer"]')].find((r) => r.value === saved.answer);
    if (radio) {
      radio.checked = true;
      showVerdict(feedback, savedVerdict(saved));
    }
  });

  progress.onReset(() => {
    for (const radio of form.querySelectorAll('input[name="answer"]')) radio.checked = false;
    feedback.replaceChildren();
    hints.reset();
    resetSolution();
  });
}

