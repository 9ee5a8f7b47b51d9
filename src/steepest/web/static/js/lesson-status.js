// Where a learner stands in a lesson, from its progress document and its mastery goal: the
// sections to read and the questions to answer right, which the course index lists on each
// lesson (`data-sections`, `data-questions`). What mastery asks for is decided in one place,
// steepest/web/course/lesson_status.py; this is the same check as its `lesson_status`.

export const STATUSES = ["not-started", "in-progress", "mastered"];

export function lessonStatus(state, { sections, questions }) {
  const readAll = sections.every((id) => id in state.sections);
  // Right means credited: right without the solution shown, and kept through later slips.
  const rightAll = questions.every((id) => state.answers[id]?.credited_at > 0);
  if (readAll && rightAll) return "mastered";
  const started = [state.sections, state.widgets, state.answers].some((entries) => Object.keys(entries).length);
  return started ? "in-progress" : "not-started";
}
