// A question's hints, revealed one at a time on request, from POST /api/hints/{lesson}/{question}:
// the page holds only how many there are. Without JavaScript the same button sends the form with
// `hint=more`, and the page comes back with one more hint (see _hint_button.html). The count
// revealed is sent with each answer, whose attempt records it.
//
// Help in steps (course/help_steps.py): the server decides, from the learner's stored attempts,
// what a wrong answer gets (`hint_html`) and when the solution comes; "Show the solution" asks
// POST /api/solution/{lesson}/{question}, which records that it was shown.

import { failureText, requestJSON } from "./api.js";

export function mountHints(form, questionId, showNote) {
  const button = form.querySelector("[data-hint-button]");
  const count = form.querySelector("[data-hints-shown]");
  const list = form.querySelector("[data-hint-list]");
  if (!button) return { shown: () => 0, reset: () => {} };
  const total = Number(button.dataset.hintTotal);
  const url = `/api/hints/${encodeURIComponent(form.dataset.lesson)}/${encodeURIComponent(questionId)}`;
  let asking = false;

  const shown = () => Number(count.value) || 0;

  function label() {
    const next = shown() + 1;
    button.querySelector("[data-hint-count]").textContent = `(${next} of ${total})`;
    button.hidden = next > total;
  }

  function append(hint) {
    let items = list.querySelector("ol");
    if (!items) {
      items = document.createElement("ol");
      items.className = "hint-list";
      list.append(items);
    }
    const item = document.createElement("li");
    item.className = "hint";
    item.tabIndex = -1;
    const head = document.createElement("p");
    head.className = "hint-label";
    head.textContent = `Hint ${hint.index + 1} of ${hint.total}`;
    item.append(head);
    item.insertAdjacentHTML("beforeend", hint.hint_html); // lesson text, rendered by the server
    items.append(item);
    return item;
  }

  button.addEventListener("click", async (event) => {
    event.preventDefault();
    if (asking) return;
    asking = true;
    try {
      const hint = await requestJSON("POST", url, { index: shown() });
      const item = append(hint);
      count.value = String(hint.index + 1);
      label();
      // The button goes once the last hint is out: focus moves to that hint, not to the page.
      if (button.hidden) item.focus();
    } catch (error) {
      showNote(failureText(error, `Could not fetch a hint just now (${error.message}). Try again in a moment.`));
    } finally {
      asking = false;
    }
  });

  return {
    shown,
    reset() {
      count.value = "0";
      list.replaceChildren();
      label();
    },
  };
}

// The help in steps an answer's verdict carries, after its head and feedback; the same markup
// as _step_help.html.
export function appendHelp(verdict, result, correct) {
  if (result.hint_html) {
    const hint = document.createElement("div");
    hint.className = "verdict-hint";
    hint.dataset.role = "hint";
    const label = document.createElement("p");
    label.className = "hint-label";
    label.textContent = "A hint";
    hint.append(label);
    hint.insertAdjacentHTML("beforeend", result.hint_html); // lesson text, rendered by the server
    verdict.append(hint);
  }
  if (result.after_solution && correct) {
    const note = document.createElement("p");
    note.className = "verdict-after-solution";
    note.dataset.role = "after-solution";
    note.textContent = "Right, after the solution was shown: it does not count toward questions right.";
    verdict.append(note);
  }
  if (!correct && !result.explanation_html) {
    const next = document.createElement("p");
    next.className = "verdict-next";
    next.textContent = "Try again, or show the solution.";
    verdict.append(next);
  }
}

// The worked solution, under the verdict in `box`; as _solution.html renders it.
export function showSolution(box, explanationHtml) {
  box.querySelector('[data-role="solution"]')?.remove();
  if (!explanationHtml) return;
  const solution = document.createElement("div");
  solution.className = "verdict-explanation";
  solution.dataset.role = "solution";
  solution.tabIndex = -1;
  solution.innerHTML = explanationHtml; // lesson text, rendered by the server
  box.append(solution);
  box.closest("form").querySelector('[data-role="show-solution"]').hidden = true;
}

// The "Show the solution" button: the server records the request, and answers from then on do
// not count as right first time.
export function mountSolution(form, questionId, box, showNote) {
  const button = form.querySelector('[data-role="show-solution"]');
  const url = `/api/solution/${encodeURIComponent(form.dataset.lesson)}/${encodeURIComponent(questionId)}`;
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      const { explanation_html: explanation } = await requestJSON("POST", url, {});
      showSolution(box, explanation);
      // The button goes: focus moves to the solution, not to the page.
      box.querySelector('[data-role="solution"]').focus();
    } catch (error) {
      showNote(failureText(error, `Could not fetch the solution just now (${error.message}). Try again in a moment.`));
    }
  });
  return () => {
    button.hidden = false;
  };
}

// A verdict restored from progress: right or not, and whether it came after the solution.
export function savedVerdict(saved) {
  return { correct: saved.correct, after_solution: saved.after_solution, explanation_html: null, hint_html: null, feedback_html: null };
}
