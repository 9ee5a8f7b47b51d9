// /review: a short mixed session of the due reviews the server lists (GET /api/review), one
// generated problem per topic (POST /api/review/problems), each answer checked by
// POST /api/review/attempts. A wrong first answer gets one more try; a finished review is rated
// and its topic rescheduled by the server, and the learner's cards are kept in localStorage.

import { failureText, newAttemptId, requestJSON } from "./api.js";
import { showFeedback, showNote } from "./answer-box.js";
import { adoptReview, syncReview } from "./review-state.js";

const RATED = {
  good: "Right at the first try: this topic comes back later",
  hard: "Right at the second try: this topic comes back a little sooner",
  again: "Not this time: this topic comes back soon",
};

function note(box, text) {
  const line = document.createElement("p");
  line.className = "verdict-note";
  line.dataset.reviewNote = "";
  line.textContent = text;
  box.append(line);
}

function mountReview(root) {
  const stage = root.querySelector("[data-needs-js]");
  if (!stage) return; // nothing due when the page was made
  const status = root.querySelector("[data-review-progress]");
  const form = root.querySelector("[data-review-form]");
  const topicLine = form.querySelector("[data-review-topic]");
  const prompt = form.querySelector("[data-review-prompt]");
  const typed = form.querySelector("[data-review-typed]");
  const input = form.querySelector("[data-answer-input]");
  const choiceSet = form.querySelector("[data-review-choices]");
  const options = form.querySelector("[data-review-options]");
  const check = form.querySelector("[data-review-check]");
  const next = form.querySelector("[data-review-next]");
  const box = form.querySelector("[data-feedback]");
  const solution = form.querySelector("[data-review-solution]");
  let session = [];
  let index = 0;
  let problem = null;
  stage.hidden = false;

  function showChoices(choices) {
    options.replaceChildren(
      ...(choices ?? []).map((choice) => {
        const label = document.createElement("label");
        const radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "review-choice";
        radio.value = choice;
        label.append(radio, ` ${choice}`);
        return label;
      }),
    );
    choiceSet.hidden = !choices?.length;
    typed.hidden = !choiceSet.hidden;
  }

  async function ask() {
    const item = session[index];
    status.textContent = `Review ${index + 1} of ${session.length}`;
    topicLine.textContent = `${item.title}, level ${item.level}`;
    try {
      const fresh = await requestJSON("POST", "/api/review/problems", { topic: item.topic });
      problem = fresh.problem;
      prompt.innerHTML = fresh.question.prompt_html; // text and MathML built by the engine
      showChoices(fresh.question.choices);
      input.value = "";
      box.replaceChildren();
      solution.hidden = true;
      check.hidden = false;
      next.hidden = true;
      form.hidden = false;
      (choiceSet.hidden ? input : options.querySelector("input"))?.focus();
    } catch (error) {
      form.hidden = false;
      showNote(box, failureText(error, `Could not make a review problem just now (${error.message}).`));
    }
  }

  function markDone(topic) {
    root.querySelector(`[data-review-due] [data-topic="${topic}"]`)?.remove();
    const left = root.querySelectorAll("[data-review-due] [data-topic]").length;
    root.querySelector('[data-role="review-due-count"]').textContent =
      left ? `${left} ${left === 1 ? "review" : "reviews"} due.` : "Nothing is due.";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!problem) return;
    const answer = choiceSet.hidden ? input.value.trim() : choiceSet.querySelector("input:checked")?.value ?? "";
    if (!answer) {
      showNote(box, choiceSet.hidden ? "Type an answer first." : "Choose an answer first.");
      return;
    }
    try {
      const result = await requestJSON("POST", "/api/review/attempts", { problem, answer, id: newAttemptId() });
      showFeedback(box, result.feedback);
      if (!result.finished) {
        if (result.feedback.verdict !== "invalid") note(box, "One more try.");
        return;
      }
      adoptReview(result.review);
      solution.innerHTML = result.solution_html; // rendered by the server from engine output
      solution.hidden = false;
      const due = new Date(result.card.due).toLocaleDateString(undefined, { dateStyle: "medium" });
      note(box, `${RATED[result.rating]} (next due ${due}).`);
      markDone(session[index].topic);
      problem = null;
      check.hidden = true;
      if (index + 1 < session.length) {
        next.hidden = false;
        next.focus();
      } else {
        status.textContent = "Session done. Well reviewed!";
      }
    } catch (error) {
      showNote(box, failureText(error, `Could not check the answer just now (${error.message}).`));
    }
  });

  next.addEventListener("click", () => {
    index += 1;
    ask();
  });

  syncReview()
    .then(() => requestJSON("GET", "/api/review"))
    .then((plan) => {
      session = plan.session.map((topic) => plan.due.find((item) => item.topic === topic));
      if (session.length) ask();
      else status.textContent = "Nothing is due now.";
    })
    .catch((error) => (status.textContent = failureText(error, `Could not load your reviews (${error.message}).`)));
}

for (const root of document.querySelectorAll("[data-review]")) mountReview(root);
