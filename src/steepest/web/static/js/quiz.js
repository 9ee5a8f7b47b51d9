// Multiple-choice questions, scored by the server (POST /api/quiz/{lesson}/{question}) so the
// answer key is not in the page. Answers are kept in progress and re-checked after a reload.

import { apiFetch, failureText } from "./api.js";
import { mountHints } from "./hints.js";

async function check(form, answer, hints) {
  const { lesson, question } = form.dataset;
  const response = await apiFetch(`/api/quiz/${encodeURIComponent(lesson)}/${encodeURIComponent(question)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answer, hints }),
  });
  if (!response.ok) throw new Error(`quiz check failed with ${response.status}`);
  return response.json();
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
  if (verdict.explanation_html) {
    const explanation = document.createElement("div");
    explanation.className = "verdict-explanation";
    explanation.innerHTML = verdict.explanation_html;
    box.append(explanation);
  } else if (!verdict.correct) {
    // The explanation waits while the question has hints to give.
    const next = document.createElement("p");
    next.className = "verdict-next";
    next.textContent = "Try again, or show a hint.";
    box.append(next);
  }
  feedback.replaceChildren(box);
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

  async function answerWith(value, save) {
    try {
      const verdict = await check(form, value, hints.shown());
      showVerdict(feedback, verdict);
      if (save) progress.recordAnswer(questionId, value, verdict.correct);
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
    answerWith(chosen.value, true);
  });

  // The saved answer, from this browser or, once it arrives, from the server's copy.
  progress.onChange(() => {
    const saved = progress.answerTo(questionId);
    if (!saved || form.querySelector('input[name="answer"]:checked')) return;
    const radio = [...form.querySelectorAll('input[name="answer"]')].find((r) => r.value === saved.answer);
    if (radio) {
      radio.checked = true;
      answerWith(saved.answer, false);
    }
  });

  progress.onReset(() => {
    for (const radio of form.querySelectorAll('input[name="answer"]')) radio.checked = false;
    feedback.replaceChildren();
    hints.reset();
  });
}
