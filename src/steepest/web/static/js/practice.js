// "Practice more": a fresh problem of the chosen topic from POST /api/practice/problems, checked
// by POST /api/practice/attempts, which answers with the diagnosis, the worked solution and the
// learner's mastery of that topic (3 right in a row at a level masters it; each topic on its own).

import { failureText, newAttemptId, requestJSON } from "./api.js";
import { mountPreview, showFeedback, showNote } from "./answer-box.js";

// How each shape of answer is typed (engine/problems/problem_types.py, AnswerShape).
const PLACEHOLDERS = { scalar: "", vector: "(a, b)", matrix: "[a, b; c, d]" };

function showMastery(element, mastery) {
  element.textContent = mastery.message;
}

export function renderSolution(container, solution) {
  const heading = document.createElement("h4");
  heading.textContent = "Worked solution";
  const answer = document.createElement("p");
  answer.className = "solution-answer";
  answer.append("Answer: ");
  const math = document.createElement("span");
  math.innerHTML = solution.answer_mathml; // MathML built by the engine
  answer.append(math);
  const steps = document.createElement("ol");
  steps.className = "solution-steps";
  for (const step of solution.steps) {
    const item = document.createElement("li");
    const title = document.createElement("p");
    title.className = "solution-step-title";
    title.textContent = step.title;
    const text = document.createElement("p");
    text.innerHTML = step.html ?? ""; // text and MathML from the engine
    const formula = document.createElement("div");
    formula.className = "solution-formula";
    formula.innerHTML = step.mathml ?? "";
    item.append(title, text, formula);
    steps.append(item);
  }
  container.replaceChildren(heading, answer, steps);
  container.hidden = false;
}

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
  const functionLine = root.querySelector("[data-practice-function]");
  const input = form.querySelector("[data-answer-input]");
  const box = form.querySelector("[data-feedback]");
  const solution = root.querySelector("[data-practice-solution]");
  const typed = form.querySelector("[data-practice-typed]");
  const choiceSet = form.querySelector("[data-practice-choices]");
  const options = form.querySelector("[data-practice-options]");
  const resetPreview = mountPreview(form);
  let problem = null;
  let asked = 0; // the latest mastery request, so a slow answer for another topic is dropped
  stage.hidden = false;

  function loadMastery() {
    const topic = chosenTopic(topics);
    const mine = ++asked;
    requestJSON("GET", `/api/practice/mastery?topic=${encodeURIComponent(topic.name)}`)
      .then((mastery) => {
        if (mine !== asked) return;
        showMastery(masteryLine, mastery);
        level.value = String(mastery.recommended_level);
      })
      .catch(() => (masteryLine.textContent = "Get 3 right in a row at a level to master it."));
  }

  if (topics.tagName === "SELECT") {
    topics.addEventListener("change", () => {
      const topic = chosenTopic(topics);
      for (const [index, option] of [...level.options].entries()) {
        option.textContent = `${index + 1} · ${topic.levels[index]}`;
      }
      // A problem of the other topic would count for that topic: put it away.
      problem = null;
      form.hidden = true;
      loadMastery();
    });
  }
  loadMastery();

  newButton.addEventListener("click", async () => {
    newButton.disabled = true;
    try {
      const body = { topic: chosenTopic(topics).name, level: Number(level.value) };
      const fresh = await requestJSON("POST", "/api/practice/problems", body);
      problem = fresh.problem;
      prompt.textContent = fresh.question.prompt;
      functionLine.innerHTML = fresh.question.function_mathml; // MathML built by the engine
      input.placeholder = PLACEHOLDERS[fresh.question.shape] ?? "";
      input.value = "";
      showChoices(fresh.question.choices);
      resetPreview();
      box.replaceChildren();
      solution.hidden = true;
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
    try {
      const result = await requestJSON("POST", "/api/practice/attempts", { problem, answer, id: newAttemptId() });
      showFeedback(box, result.feedback);
      if (result.solution) renderSolution(solution, result.solution);
      if (result.mastery.topic === chosenTopic(topics).name) showMastery(masteryLine, result.mastery);
    } catch (error) {
      showNote(box, failureText(error, `Could not check the answer just now (${error.message}).`));
    }
  });
}
