// Export and import of everything the server keeps about this learner, next to "reset progress".

import { requestJSON } from "./api.js";
import { syncReview } from "./review-state.js";

export function mountTransfer(progress, document) {
  const panel = document.querySelector("[data-progress]");
  const exportLink = panel.querySelector("[data-progress-export]");
  const importButton = panel.querySelector("[data-progress-import]");
  const fileInput = panel.querySelector("[data-progress-file]");
  const note = panel.querySelector("[data-progress-transfer]");

  // Send this browser's latest state first, so the file holds it too.
  exportLink.addEventListener("click", async (event) => {
    event.preventDefault();
    await Promise.all([progress.sync(), syncReview()]);
    window.location.assign(exportLink.href);
  });

  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    try {
      const summary = await requestJSON("POST", "/api/progress/import", JSON.parse(await file.text()));
      note.textContent = `Imported: ${summary.attempts_added ?? 0} attempts added, progress merged.`;
      await Promise.all([progress.pull(), syncReview()]);
    } catch (error) {
      note.textContent = error instanceof SyntaxError ? "That file is not JSON." : `Could not import: ${error.message}`;
    }
  });
}
