"""Reading time, computed from the words a learner actually reads.

200 words per minute. Adults read ordinary non-fiction silently at about 240 wpm (Brysbaert,
2019, a meta-analysis of 190 studies), but a lesson is studied, not skimmed: readers are often
teenagers, and every paragraph asks them to picture a surface or follow a formula. 200 wpm is
a common figure for technical text, and rounding up means the estimate errs long, not short.

A formula counts as one word per symbol in it (each MathML <mi>, <mn>, <mo>): read aloud,
$\\frac{\\partial L}{\\partial w_1}$ is about as many words ("partial L over partial w one").
Widgets and worked examples count nothing here: the time spent playing is not reading.
"""

from __future__ import annotations

import html
import math
import re

WORDS_PER_MINUTE = 200

_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_MATH_SYMBOL = re.compile(r"<m[ino]\b")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(fragment: str) -> int:
    """Words in an HTML fragment, with each formula counted by its symbols."""
    symbols = sum(len(_MATH_SYMBOL.findall(formula)) for formula in _MATH.findall(fragment))
    prose = html.unescape(_TAG.sub(" ", _MATH.sub(" ", fragment)))
    return symbols + len(_WORD.findall(prose))


def reading_minutes(word_count: int) -> int:
    """Whole minutes, rounded up, and never 0: a lesson always takes some time."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
