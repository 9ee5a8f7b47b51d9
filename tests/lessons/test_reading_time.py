"""Reading time comes from the words a learner reads, at WORDS_PER_MINUTE, rounded up."""

from __future__ import annotations

import math

from lesson_files import WriteLesson, section

from steepest.lessons import load_lesson
from steepest.lessons.math import latex_to_mathml
from steepest.lessons.reading_time import WORDS_PER_MINUTE, count_words, reading_minutes

WIDGET = "```{widget} best-box\nsheet: 6\n```\n\n"
QUESTION = """\
```{question}
id: q
prompt: Prompt words here.
options:
  - {id: a, text: First option}
  - {id: b, text: Second option, feedback: Wrong because reasons.}
answer: a
explanation: Explained in five words.
```
"""


def minutes_for(write_lesson: WriteLesson, body: str) -> int:
    return load_lesson(write_lesson(section(body))).reading_minutes


def test_prose_words_are_counted_without_markup() -> None:
    assert count_words("<p>Don’t <em>stop</em>: the x-axis &amp; the y-axis.</p>") == 6


def test_a_formula_counts_one_word_per_symbol() -> None:
    # w, 1, +, w, 2: read aloud, "w one plus w two".
    assert count_words(latex_to_mathml("w_1 + w_2", display=False)) == 5


def test_minutes_round_up_and_never_reach_zero() -> None:
    assert reading_minutes(0) == 1
    assert reading_minutes(WORDS_PER_MINUTE) == 1
    assert reading_minutes(WORDS_PER_MINUTE + 1) == 2


def test_each_extra_minute_of_words_adds_a_minute(write_lesson: WriteLesson) -> None:
    base = "Some opening words. " * 37
    extra = "word " * WORDS_PER_MINUTE
    assert minutes_for(write_lesson, base + "\n\n" + extra) == minutes_for(write_lesson, base) + 1


def test_widgets_add_no_reading_time(write_lesson: WriteLesson) -> None:
    prose = "word " * (WORDS_PER_MINUTE - 10) + "\n\n"
    assert minutes_for(write_lesson, prose + WIDGET * 30) == minutes_for(write_lesson, prose)


def test_question_text_is_read_too(write_lesson: WriteLesson) -> None:
    # Words outside the body: the summary (3 words + 1 symbol) and the heading "Title of s".
    fixed = 4 + 3
    question_words = 3 + 2 + 2 + 3 + 4  # prompt, options, feedback, explanation
    prose_words = WORDS_PER_MINUTE - fixed - question_words + 1
    prose = "word " * prose_words + "\n\n"
    assert minutes_for(write_lesson, prose) == 1
    assert minutes_for(write_lesson, prose + QUESTION) == math.ceil(
        (fixed + prose_words + question_words) / WORDS_PER_MINUTE
    )
    assert minutes_for(write_lesson, prose + QUESTION) == 2
