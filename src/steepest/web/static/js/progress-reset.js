// "Reset progress" in the progress panel: it asks first, inline (a group with its question and
// two buttons, focus on the one that keeps everything; Escape keeps it too), and once done it
// offers "Undo the reset" for UNDO_MS. Each outcome is said in the panel's status line, and
// focus always lands on a control that is there: the undo button after a reset, the reset
// button after an undo, a cancel, or when the undo is withdrawn under it.

export const UNDO_MS = 60_000;

export function mountReset(progress, panel) {
  const resetButton = panel.querySelector("[data-progress-reset]");
  const confirm = panel.querySelector("[data-progress-confirm]");
  const undo = panel.querySelector("[data-progress-undo]");
  const undoButton = undo.querySelector("button");
  const status = panel.querySelector("[data-progress-status]");
  let removed = null;
  let undoTimer = null;

  function ask(open) {
    confirm.hidden = !open;
    resetButton.setAttribute("aria-expanded", String(open));
    (open ? confirm.querySelector("[data-progress-keep]") : resetButton).focus();
  }

  function withdrawUndo() {
    window.clearTimeout(undoTimer);
    const hadFocus = undo.contains(document.activeElement);
    undo.hidden = true;
    removed = null;
    if (hadFocus) resetButton.focus();
  }

  function keep() {
    ask(false);
    status.textContent = "Nothing was reset.";
  }

  resetButton.addEventListener("click", () => ask(confirm.hidden));
  confirm.querySelector("[data-progress-keep]").addEventListener("click", keep);
  confirm.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    keep();
  });
  confirm.querySelector("[data-progress-confirm-reset]").addEventListener("click", () => {
    confirm.hidden = true;
    resetButton.setAttribute("aria-expanded", "false");
    // Its listeners withdraw an older undo first, so this one is set after.
    removed = progress.reset();
    undo.hidden = false;
    undoButton.focus();
    status.textContent = "Progress reset. Undo brings it back for a minute.";
    undoTimer = window.setTimeout(withdrawUndo, UNDO_MS);
  });
  undoButton.addEventListener("click", () => {
    progress.restore(removed);
    withdrawUndo();
    resetButton.focus();
    status.textContent = "Progress restored.";
  });
  // A reset from another tab, or one the server brings: an undo offered here would now bring
  // back entries that reset removed too, so it is withdrawn.
  progress.onReset(withdrawUndo);
}
