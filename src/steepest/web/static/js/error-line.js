// One error message in the house style: a "!" badge for the eye (hidden from screen readers,
// which read the words), the engine's message, and the column it points at.

// The one place a column is put into words: the engine's messages never name it, the API gives
// it apart (`column`), and every box that shows a message shows it so.
export function withColumn(message, column) {
  return column ? `${message} (column ${column})` : message;
}

export function errorLine(message, column) {
  const line = document.createElement("p");
  line.className = "error-text";
  const icon = document.createElement("span");
  icon.className = "error-icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = "!";
  line.append(icon, ` ${withColumn(message, column)}`);
  return line;
}
