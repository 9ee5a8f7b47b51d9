// Entry point of a lesson page: progress, the quiz, the try-it form, then each widget's module.

import { Progress, mountProgressPanel } from "./progress.js";
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
for (const form of document.querySelectorAll("form[data-question]")) mountQuestion(form, progress);
const refreshScrollBoxes = watchScrollBoxes();
for (const form of document.querySelectorAll("form[data-try-it]")) mountTryIt(form, refreshScrollBoxes);

for (const element of widgetElements) {
  const name = element.dataset.widget;
  if (!WIDGET_NAME.test(name)) continue;
  import(`./widgets/${name}.js`).then((widget) => widget.mount(element, progress));
}
