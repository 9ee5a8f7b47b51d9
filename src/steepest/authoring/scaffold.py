"""`steepest new`: a lesson file to start from, which already passes `steepest check`.

The template shows each part of the format once (front matter, sections, every box, every
directive, a claim) with prose that says what goes there, so an author edits instead of
looking the syntax up. docs/authoring.md is the full guide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from steepest.errors import SteepestError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""The slug rule of the front matter (`steepest.lessons.front_matter`)."""


class ScaffoldError(SteepestError, ValueError):
    """The lesson cannot be created: a bad slug, or the file exists already."""


_TEMPLATE = """\
---
slug: @slug@
title: @title@
course: Math for ML
unit: My unit
number: @number@
difficulty: Easy
summary: >-
  One or two sentences that open the lesson and say what the learner will be able to do,
  with math such as $L(w_1, w_2)$ where it helps.
---

:::: section intuition
## Build the intuition

Start from something the learner already knows, in plain words. Claims about numbers are
checked by `steepest check`: the slope of $2x^2 + 4x$ at $x = 1$ is
[$8$]{claim="slope 2x^2 + 4x wrt x at x = 1"}.

::: concept
### One idea per concept box

State the idea this lesson rests on, with a formula: $\\frac{\\partial L}{\\partial w_1}$.
:::

::: note
An aside the main line of thought can skip.
:::

```{widget} best-box
sheet: 6
default: 0.35
```
::::

:::: section worked-example
## A worked example

The engine differentiates the expression below and writes every step.

```{worked-example}
expression: w1^2 + 3w2^2
at: {w1: 1, w2: 1}
```
::::

:::: section misconceptions
## Common mistakes

::: misconception
The mistaken belief, in the learner's own words, goes in the first paragraph.

The correction goes in the paragraphs after it.
:::
::::

:::: section check-yourself
## Check yourself

```{question}
id: partial-w2
prompt: For $L = w_1^2 + 3w_2^2$, what is $\\frac{\\partial L}{\\partial w_2}$?
options:
  - id: a
    text: $6w_2$
  - id: b
    text: $3w_2$
    feedback: The power rule brings the exponent 2 down as a factor.
answer: a
explanation: Hold $w_1$ still; the derivative of $3w_2^2$ is $6w_2$.
check: {derivative_of: w1^2 + 3w2^2, variable: w2, equals: 6w2}
```

```{answer}
id: typed-partial-w1
prompt: For $L = w_1^2 + 3w_2^2$, type $\\frac{\\partial L}{\\partial w_1}$.
kind: partial
function: w1^2 + 3w2^2
respect: w1
explanation: Hold $w_2$ still; the derivative of $w_1^2$ is $2w_1$.
```
::::

:::: section recap
## Recap

::: recap
- The first thing to remember.
- The second thing to remember.
:::
::::
"""


def lesson_template(slug: str, title: str, number: int) -> str:
    """The text of a new lesson; `title` may hold any characters (it is written as YAML)."""
    # JSON strings are YAML double-quoted scalars, so any title survives the front matter.
    return (
        _TEMPLATE.replace("@slug@", slug)
        .replace("@title@", json.dumps(title, ensure_ascii=False))
        .replace("@number@", str(number))
    )


def create_lesson(folder: Path, slug: str, title: str | None = None) -> Path:
    """Write `folder/slug.md` from the template and return its path; never overwrites.

    Its number follows the lessons already in `folder`, so that two new lessons in the same
    (placeholder) unit do not clash in the catalogue.
    """
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"{slug!r} is not a slug: use lowercase words and digits joined by '-',"
            " such as chain-rule"
        )
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; pick another slug or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    number = len(list(folder.glob("*.md"))) + 1
    text = lesson_template(slug, title or slug.replace("-", " ").capitalize(), number)
    # "x": fails if the file appeared since the check above, rather than overwriting it.
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    return path
