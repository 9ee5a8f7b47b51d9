// Renders the engine's steps (the `steps` of /api/gradient) with the page's own <template>
// markup, the same markup the server renders for the author's worked example.
// `mathml` and `html` fields are produced by the engine from parsed input, never echoed text.

function fromTemplate(form, name) {
  return form.querySelector(`template[data-template="${name}"]`).content.firstElementChild.cloneNode(true);
}

function ruleItem(form, rule) {
  const item = fromTemplate(form, "rule");
  item.querySelector(".rule-name").textContent = `${rule.rule} rule`;
  item.querySelector(".rule-math").innerHTML = rule.mathml;
  const text = item.querySelector(".rule-text");
  if (rule.html !== undefined) text.innerHTML = rule.html;
  else text.textContent = rule.text;
  if (rule.substeps?.length) {
    const list = item.querySelector(".rule-list");
    list.hidden = false;
    for (const sub of rule.substeps) list.append(ruleItem(form, sub));
  }
  return item;
}

function stepItem(form, step) {
  const item = fromTemplate(form, "step");
  item.classList.add(`step-${step.kind}`);
  item.querySelector(".step-title").textContent = step.title;
  if (step.frozen?.length) {
    const frozen = item.querySelector(".step-frozen");
    frozen.hidden = false;
    const list = frozen.querySelector(".frozen-list");
    step.frozen.forEach((name, index) => {
      if (index) list.append(", ");
      const chip = document.createElement("span");
      chip.className = "frozen-var";
      chip.textContent = name;
      list.append(chip);
    });
  }
  const text = item.querySelector(".step-text");
  if (step.html !== undefined) text.innerHTML = step.html;
  else text.textContent = step.text;
  item.querySelector(".step-math").innerHTML = step.mathml;
  if (step.rules) {
    const rules = item.querySelector(".rules");
    rules.hidden = false;
    rules.querySelector(".rule-list").append(ruleItem(form, step.rules));
  }
  return item;
}

export function renderSteps(form, container, expression, report) {
  const task = document.createElement("p");
  task.className = "example-task";
  task.append("Your function: ");
  const code = document.createElement("code");
  code.textContent = expression;
  task.append(code);
  const list = document.createElement("ol");
  list.className = "steps";
  for (const step of report.steps) list.append(stepItem(form, step));
  container.replaceChildren(task, list);
}
