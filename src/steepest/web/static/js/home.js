// The course index: each lesson's status (not started, in progress, mastered), brought up to
// date from this browser's progress in localStorage, so an anonymous learner and a static copy
// (`steepest export`) see theirs too. The server rendered the status from its own copy; a
// browser that has not sent everything yet may know more, so the further of the two is shown.

import { storedProgress } from "./progress.js";
import { STATUSES, lessonStatus } from "./lesson-status.js";

const main = document.querySelector("main[data-status-text]");
const statusText = JSON.parse(main.dataset.statusText);
const words = (list) => list.split(" ").filter(Boolean);

function refresh() {
  for (const badge of document.querySelectorAll('[data-role="lesson-progress"]')) {
    badge.dataset.serverStatus ??= badge.dataset.status;
    const goal = { sections: words(badge.dataset.sections), questions: words(badge.dataset.questions) };
    const mine = lessonStatus(storedProgress(badge.dataset.lesson), goal);
    const server = badge.dataset.serverStatus;
    const status = STATUSES.indexOf(mine) > STATUSES.indexOf(server) ? mine : server;
    badge.dataset.status = status;
    badge.textContent = statusText[status];
  }
}

refresh();
// Another tab made progress, or the back button brought this page back from the cache.
window.addEventListener("storage", refresh);
window.addEventListener("pageshow", (event) => event.persisted && refresh());
