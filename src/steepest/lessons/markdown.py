"""The Markdown dialect lessons are written in: CommonMark plus tables, footnotes, front matter,
math, sections, boxes, claims, data directives, images and figures, and links between lessons.
Built once; markdown-it parsers are reusable."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from steepest.lessons.boxes import box_plugin
from steepest.lessons.claims import claim_plugin
from steepest.lessons.containers import container_checks_plugin
from steepest.lessons.directives import directive_plugin
from steepest.lessons.figures import figure_plugin
from steepest.lessons.footnotes import lesson_footnote_plugin
from steepest.lessons.images import image_plugin
from steepest.lessons.links import lesson_link_plugin
from steepest.lessons.math import mathml_plugin
from steepest.lessons.sections import section_plugin
from steepest.lessons.tables import table_plugin


@cache
def lesson_markdown() -> MarkdownIt:
    """The shared parser for the lesson dialect. Its rules keep no state between documents
    (all state travels in `env`), so one instance serves every lesson.

    Raw HTML is escaped, not passed through: lesson pages run under a strict Content Security
    Policy and a stray `<script>` or inline `style=` should show up as text, not break the page.
    The typographer turns straight quotes and `--` into their typeset forms.
    """
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.use(front_matter_plugin)
    md.use(mathml_plugin)
    md.use(claim_plugin)
    md.use(section_plugin)
    md.use(box_plugin)
    # After every container, so it sees only the `:::` lines none of them claimed.
    md.use(container_checks_plugin)
    md.use(directive_plugin)
    md.use(lesson_footnote_plugin)
    md.use(table_plugin)
    md.use(image_plugin)
    md.use(lesson_link_plugin)
    md.use(figure_plugin)
    return md
