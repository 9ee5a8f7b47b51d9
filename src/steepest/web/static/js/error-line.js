// One error message in the house style: a "!" badge for the eye (hidden from screen readers,
// which read the words), the engine's message, and the column it points at.

export function errorLine(message, column) {
  const line = document.createElement("p");
  line.className = "error-text";
  const icon = document.createElement("span");
  icon.className = "error-icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = "!";
  line.append(icon, ` ${message}${column ? ` (column ${column})` : ""}`);
  return line;
}
