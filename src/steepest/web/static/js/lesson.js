// Entry point of a lesson page: progress, the quiz, typed answers, practice, the try-it form,
// then each widget's module.

import { mountTypedQuestion } from "./answer-box.js";
import { mountPractice } from "./practice.js";
import { Progress, mountProgressPanel } from "./progress.js";
import { mountTransfer } from "./progress-transfer.js";
import { mountQuestion } from "./quiz.js";
import { watchScrollBoxes } from "./scroll-boxes.js";
import { mountTryIt } from "./try-it.js";

const WIDGET_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const main = document.querySelector("main[data-lesson]");
const widgetElements = [...document.querySelectorAll("[data-widget]")];
const progress = new Progress(main.dataset.lesson, {
  sections: [...document.querySelectorAll("section[data-section]")].map((s) => s.id),
  widgets: widgetElements.map((w) => w.dataset.widget),
  questions: main.dataset.questions.split(" ").filter(Boolean),
});

mountProgressPanel(progress, document);
mountTransfer(progress, document);
for (const form of document.querySelectorAll("form[data-question]")) mountQuestion(form, progress);
for (const form of document.querySelectorAll("form[data-typed-question]")) mountTypedQuestion(form, progress);
// The server's copy of progress, and the cookies that later requests need, arrive first.
const started = progress.start();
for (const element of document.querySelectorAll("[data-practice]")) started.then(() => mountPractice(element));
const refreshScrollBoxes = watchScrollBoxes();
for (const form of document.querySelectorAll("form[data-try-it]")) mountTryIt(form, refreshScrollBoxes);

for (const element of widgetElements) {
  const name = element.dataset.widget;
  if (!WIDGET_NAME.test(name)) continue;
  import(`./widgets/${name}.js`).then((widget) => widget.mount(element, progress));
}
