// A question's hints, revealed one at a time on request, from POST /api/hints/{lesson}/{question}:
// the page holds only how many there are. Without JavaScript the same button sends the form with
// `hint=more`, and the page comes back with one more hint (see _hint_button.html). The count
// revealed is sent with each answer: the explanation waits until every hint is out, and a typed
// answer's attempt records it.

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
