"""The "Practice more" panel of a lesson: which practice topics it offers, and where it sits.

    practice: [partial, gradient]    # these topics, in this order
    practice: none                   # no panel

Without the field, a lesson with typed questions offers the default topic (every kind a typed
question may ask, as every lesson did before topics) and a lesson without them has no panel.
The topics are the rows of `steepest.engine.problems.topics.TOPICS`. The panel closes the
section holding the lesson's first typed question, or, in a lesson without any, its last section.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.utils import EnvType

from steepest.engine.problems.topics import DEFAULT_TOPIC, TOPICS
from steepest.lessons.errors import error_at
from steepest.lessons.model import Lesson, TypedQuestionBlock
from steepest.lessons.yaml_fields import YamlMapping

NO_PRACTICE = "none"


@dataclass(frozen=True)
class PracticePanel:
    section_id: str
    """The section the panel closes."""
    topics: tuple[str, ...]


def read_practice(fields: YamlMapping, env: EnvType) -> tuple[str, ...] | None:
    """The front matter's `practice`: the topics named, () for `none`, None when not given."""
    if "practice" not in fields.fields():
        return None
    line = fields.line_of("practice")
    value = fields.frozen()["practice"]
    if value == NO_PRACTICE:
        return ()
    example = "such as [partial, gradient], or none"
    if not isinstance(value, tuple) or not all(isinstance(name, str) for name in value):
        raise error_at(env, line, f"'practice' is a list of topics {example}")
    for name in value:
        if name not in TOPICS:
            raise error_at(
                env, line, f"no practice topic '{name}' (the topics: {', '.join(TOPICS)})"
            )
    if len(set(value)) != len(value):
        raise error_at(env, line, "a topic is named twice in 'practice'")
    return tuple(value)


def practice_panel(lesson: Lesson) -> PracticePanel | None:
    """Where the lesson's panel goes and what it offers; None when it has none."""
    typed = [
        section.id
        for section in lesson.sections
        if any(isinstance(block, TypedQuestionBlock) for block in section.blocks)
    ]
    topics = lesson.practice
    if topics is None:
        topics = (DEFAULT_TOPIC,) if typed else ()
    if not topics:
        return None
    return PracticePanel(typed[0] if typed else lesson.sections[-1].id, topics)
