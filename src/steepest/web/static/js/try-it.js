// The "differentiate your own" form: posts to /api/gradient and shows the steps, or shows the
// engine's error beside the box it concerns, pointing at the column. Without JavaScript the same
// form is a plain GET of the lesson page and the server renders the same result.

import { apiFetch, failureText } from "./api.js";
import { errorLine } from "./error-line.js";
import { PointSyntaxError, readPointText } from "./point-text.js";
import { renderSteps } from "./steps.js";

function showError(input, errorBox, message, column) {
  input.setAttribute("aria-invalid", "true");
  const parts = [errorLine(message, column)];
  // Columns count characters (code points), as the engine and point-text.js do, not UTF-16 units.
  const typed = Array.from(input.value);
  if (column && column <= typed.length + 1) {
    const before = typed.slice(0, column - 1).join("");
    const at = typed[column - 1] ?? " ";
    const where = document.createElement("p");
    where.className = "error-where";
    const code = document.createElement("code");
    const mark = document.createElement("mark");
    mark.textContent = at;
    code.append(before, mark, typed.slice(column).join(""));
    where.append(code);
    parts.push(where);
    input.setSelectionRange?.(before.length, before.length + at.length);
  }
  errorBox.replaceChildren(...parts);
}

function clearError(input, errorBox) {
  input.removeAttribute("aria-invalid");
  errorBox.replaceChildren();
}

// `onRendered` runs after new steps are in the page (to re-measure wide formulas).
export function mountTryIt(form, onRendered) {
  const expression = form.querySelector('input[name="expression"]');
  const at = form.querySelector('input[name="at"]');
  const expressionError = document.getElementById(`${expression.id}-error`);
  const atError = document.getElementById(`${at.id}-error`);
  const status = form.querySelector("[data-try-status]");
  const result = form.querySelector("[data-try-result]");
  const button = form.querySelector('button[type="submit"]');

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(expression, expressionError);
    clearError(at, atError);
    if (!expression.value.trim()) {
      showError(expression, expressionError, "type a function first, such as w1^2 + 3w2^2", null);
      return;
    }
    let point;
    try {
      point = readPointText(at.value);
    } catch (error) {
      if (!(error instanceof PointSyntaxError)) throw error;
      showError(at, atError, error.message, error.column);
      return;
    }
    status.textContent = "Working it out…";
    button.disabled = true;
    try {
      const response = await apiFetch("/api/gradient", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ expression: expression.value, at: point }),
      });
      const body = await response.json();
      if (response.ok) {
        renderSteps(form, result, expression.value, body);
        onRendered();
        status.textContent = `Done: ${body.steps.length} steps below.`;
        return;
      }
      const { message, column } = body.error;
      // Same rule as the server: an error with no column, given a point, is about the point.
      const aboutPoint = point !== null && column === null;
      showError(aboutPoint ? at : expression, aboutPoint ? atError : expressionError, message, column);
      const retry = response.headers.get("Retry-After");
      status.textContent = retry ? `The server is busy; try again in ${retry} s.` : "";
    } catch (error) {
      status.textContent = failureText(error, "Could not reach the server. Check the connection and try again.");
    } finally {
      button.disabled = false;
    }
  });
}
