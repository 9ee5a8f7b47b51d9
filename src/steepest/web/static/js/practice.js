// "Practice more": a fresh problem of the chosen topic from POST /api/practice/problems, checked
// by POST /api/practice/attempts, which answers with the diagnosis, the worked solution once no
// try is left (a wrong first answer earns a second try) and the learner's mastery of that topic
// (3 right first answers in a row at a level master it; each topic on its own).

import { ApiError, failureText, newAttemptId, requestJSON } from "./api.js";
import { mountPreview, showFeedback, showNote } from "./answer-box.js";

// How each shape of answer is typed (engine/problems/problem_types.py, AnswerShape).
const PLACEHOLDERS = { scalar: "", vector: "(a, b)", matrix: "[a, b; c, d]" };
// Templates the server keeps out of the next problem of a level (engine/problems/deal.py).
const KEEP_RECENT = 7;
const SECOND_TRY =
  "Not yet. You have one more try: change your answer and check it again. " +
  "A second try is recorded, but only a right first answer counts towards mastery.";
const NO_TRY_LEFT = "You have used your tries at this problem. Ask for a new problem.";

// The chosen topic: a menu's selected option when the lesson offers several, else the one
// element naming it. Each carries its name and what its levels hold.
function chosenTopic(control) {
  const chosen = control.tagName === "SELECT" ? control.selectedOptions[0] : control;
  return { name: chosen.dataset.topic, levels: chosen.dataset.levels.split("|") };
}

export function mountPractice(root) {
  const stage = root.querySelector("[data-needs-js]");
  const masteryLine = root.querySelector("[data-mastery]");
  const topics = root.querySelector("[data-practice-topics]");
  const level = root.querySelector("[data-practice-level]");
  const newButton = root.querySelector("[data-practice-new]");
  const form = root.querySelector("[data-practice-form]");
  const prompt = root.querySelector("[data-practice-prompt]");
  const check = form.querySelector("[data-practice-check]");
  const input = form.querySelector("[data-answer-input]");
  const box = form.querySelector("[data-feedback]");
  const solution = root.querySelector("[data-practice-solution]");
  const typed = form.querySelector("[data-practice-typed]");
  const choiceSet = form.querySelector("[data-practice-choices]");
  const options = form.querySelector("[data-practice-options]");
  const resetPreview = mountPreview(form);
  let problem = null;
  let mastery = null; // the chosen topic's, as the server last counted it
  const recent = new Map(); // "topic level" -> templates of the latest problems, oldest first
  let asked = 0; // the latest mastery request, so a slow answer for another topic is dropped
  stage.hidden = false;

  // The mastery line speaks of the level being practised, not of the lowest one left.
  function showMastery() {
    const progress = mastery?.levels.find((entry) => entry.level === Number(level.value));
    masteryLine.textContent = progress?.message ?? "Get 3 right in a row at a level to master it.";
  }

  function loadMastery() {
    const topic = chosenTopic(topics);
    const mine = ++asked;
    requestJSON("GET", `/api/practice/mastery?topic=${encodeURIComponent(topic.name)}`)
      .then((counted) => {
        if (mine !== asked) return;
        mastery = counted;
        level.value = String(counted.recommended_level);
        showMastery();
      })
      .catch(() => {
        mastery = null;
        showMastery();
      });
  }

  level.addEventListener("change", showMastery);

  if (topics.tagName === "SELECT") {
    topics.addEventListener("change", () => {
      const topic = chosenTopic(topics);
      for (const [index, option] of [...level.options].entries()) {
        option.textContent = `${index + 1} · ${topic.levels[index]}`;
      }
      // A problem of the other topic would count for that topic: put it away.
      problem = null;
      delete form.dataset.problem;
      form.hidden = true;
      loadMastery();
    });
  }
  loadMastery();

  newButton.addEventListener("click", async () => {
    newButton.disabled = true;
    try {
      const topic = chosenTopic(topics).name;
      const drawn = `${topic} ${level.value}`;
      const seen = recent.get(drawn) ?? [];
      const body = { topic, level: Number(level.value), recent: seen };
      const fresh = await requestJSON("POST", "/api/practice/problems", body);
      recent.set(drawn, [...seen, fresh.template].slice(-KEEP_RECENT));
      problem = fresh.problem;
      // The preview reads the answer as this problem's check will (answer-box.js).
      form.dataset.problem = problem;
      prompt.innerHTML = fresh.question.prompt_html; // text and MathML built by the engine
      input.placeholder = PLACEHOLDERS[fresh.question.shape] ?? "";
      input.value = "";
      showChoices(fresh.question.choices);
      resetPreview();
      box.replaceChildren();
      solution.replaceChildren();
      solution.hidden = true;
      check.disabled = false;
      form.hidden = false;
      (choiceSet.hidden ? input : options.querySelector("input"))?.focus();
    } catch (error) {
      showNote(box, failureText(error, `Could not make a problem just now (${error.message}).`));
      form.hidden = false;
    } finally {
      newButton.disabled = false;
    }
  });

  // A problem with choices (minimum, maximum, saddle) is answered by picking one, not typing.
  function showChoices(choices) {
    const buttons = (choices ?? []).map((choice) => {
      const option = document.createElement("div");
      option.className = "option";
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "practice-choice";
      radio.value = choice;
      radio.id = `practice-choice-${choice}`;
      const label = document.createElement("label");
      label.htmlFor = radio.id;
      label.textContent = choice;
      option.append(radio, label);
      return option;
    });
    options.replaceChildren(...buttons);
    choiceSet.hidden = buttons.length === 0;
    typed.hidden = buttons.length > 0;
  }

  function answerGiven() {
    if (!choiceSet.hidden) return choiceSet.querySelector("input:checked")?.value ?? "";
    return input.value.trim() ? input.value : "";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!problem) return;
    const answer = answerGiven();
    if (!answer) {
      showNote(box, choiceSet.hidden ? "Type an answer first." : "Choose an answer first.");
      return;
    }
    check.disabled = true;
    let done = false;
    try {
      const result = await requestJSON("POST", "/api/practice/attempts", { problem, answer, id: newAttemptId() });
      showFeedback(box, result.feedback);
      if (result.can_retry && result.feedback.verdict === "incorrect") box.append(noteOf(SECOND_TRY));
      done = !result.can_retry;
      if (result.solution_html) {
        solution.innerHTML = result.solution_html; // rendered by the server from engine output
        solution.hidden = false;
      }
      if (result.mastery.topic === chosenTopic(topics).name) {
        mastery = result.mastery;
        showMastery();
      }
    } catch (error) {
      done = error instanceof ApiError && error.status === 409;
      showNote(box, failureText(error, refusal(error) ?? `Could not check the answer just now (${error.message}).`));
    } finally {
      check.disabled = done;
    }
    if (done) newButton.focus();
    else if (choiceSet.hidden) input.focus();
  });
}

// What to say when the server refused the attempt for a reason of the learner's (no try left,
// a problem it no longer knows, an answer too long), rather than failed: null when it failed.
function refusal(error) {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409) return NO_TRY_LEFT;
  if (error.status !== 422) return null;
  return `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
}

function noteOf(text) {
  const note = document.createElement("p");
  note.className = "verdict-note";
  note.textContent = text;
  return note;
}
