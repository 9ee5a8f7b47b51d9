"""`$…$` and `$$…$$` math, typeset on the server as MathML so pages need no script or CDN.

mdit_py_plugins.dollarmath finds the math; latex2mathml converts it. The converter is lenient
(`\\frac{a}` or `\\foo` come out as broken MathML without complaint), so its output is checked
here and anything malformed becomes a LessonFormatError naming the line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.dollarmath import dollarmath_plugin

from steepest.errors import SteepestError
from steepest.lessons.errors import error_at, report
from steepest.lessons.tokens import line_of, render_token


class LatexError(SteepestError, ValueError):
    """The LaTeX of one formula cannot be typeset; the message says why."""


# How many children each MathML layout element needs: a missing `{…}` argument shows up here.
_ARITY = {
    "mfrac": 2,
    "msub": 2,
    "msup": 2,
    "msubsup": 3,
    "mroot": 2,
    "munder": 2,
    "mover": 2,
    "munderover": 3,
}
_MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"

# TeX sets \partial and \nabla as ordinary symbols, not operators; latex2mathml emits <mo>,
# which browsers space like a binary operator ("∂ L", "∇ L"). As <mi> they sit tight against
# the letter; ∂ keeps the slant TeX gives it, ∇ stays upright as in TeX.
_SYMBOL_FIXES = (
    ("<mo>&#x02202;</mo>", "<mi>&#x02202;</mi>"),
    ("<mo>&#x02207;</mo>", '<mi mathvariant="normal">&#x02207;</mi>'),
)


def latex_to_mathml(latex: str, *, display: bool) -> str:
    """One formula as a `<math>` element; `display=True` gives `display="block"`."""
    _check_braces(latex)
    try:
        mathml = convert(latex, display="block" if display else "inline")
    except Exception as err:  # latex2mathml raises bare Exception subclasses with no message
        raise LatexError(_describe(err)) from err
    _check_structure(mathml)
    for wrong, right in _SYMBOL_FIXES:
        mathml = mathml.replace(wrong, right)
    return mathml


def mathml_plugin(md: MarkdownIt) -> None:
    """Parse dollar math and render it as checked MathML.

    Conversion happens in a core rule, during parsing, so a LaTeX mistake fails the load of the
    lesson with its line instead of surfacing when a page is first rendered.
    """
    # No digits right against the dollars, so "costs $5 and $10" stays text; no labels or
    # blank lines inside $$ (LaTeX itself forbids blank lines in math).
    dollarmath_plugin(md, allow_labels=False, allow_digits=False, allow_blank_lines=False)
    md.core.ruler.after("inline", "math_to_mathml", _convert_all_math)
    # Before text_join, which would merge an escaped `\$` back into the text around it.
    md.core.ruler.after("inline", "unclosed_dollars", _find_unclosed_dollars)
    md.add_render_rule("math_inline", render_token(_math_html))
    md.add_render_rule("math_block", render_token(_math_html))


def _convert_all_math(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "math_block":
            line = line_of(token)
            token.meta["mathml"] = _convert_at(token.content, True, state.env, line)
        elif token.type == "inline" and token.children:
            _convert_inline(token, state.env)


def _convert_inline(inline: Token, env: EnvType) -> None:
    first_line = line_of(inline)
    searched_to = 0
    for child in inline.children or ():
        if child.type != "math_inline":
            continue
        # Children carry no position, so find the formula in the paragraph text to count lines.
        found = inline.content.find(f"${child.content}$", searched_to)
        position = max(found, searched_to)
        searched_to = position + len(child.content)
        line = first_line + inline.content.count("\n", 0, position)
        child.meta["mathml"] = _convert_at(child.content, False, env, line)


def _find_unclosed_dollars(state: StateCore) -> None:
    """A `$` left in the text is a dollar sign, or math whose closing `$` is missing.

    It is a dollar sign when a number or a space follows it or a digit precedes it ("costs $5",
    "5$ each"), or when nothing a formula starts with follows it; otherwise the author meant
    math, and it is an error at its line. Code spans and code blocks hold no text tokens, and an
    escaped `\\$` is a token of its own, so neither is looked at.
    """
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        source = inline.content
        searched_to = 0
        for child in inline.children or ():
            if not child.content:
                continue
            # Children are (mostly) slices of the paragraph's source, in order: find each, so
            # that a `$` is looked at where it stands, not in a formula or code span before it.
            start = max(source.find(child.content, searched_to), searched_to)
            searched_to = start + len(child.content)
            if child.type != "text":
                searched_to += len(child.markup)  # a formula's closing `$`, a code span's '`'
                continue
            if "$" not in child.content:
                continue
            unclosed = _first_math_dollar(source, start, searched_to)
            if unclosed is not None:
                line = line_of(inline) + source.count("\n", 0, unclosed)
                report(state.env, error_at(state.env, line, _unclosed_message(source, unclosed)))


def _first_math_dollar(source: str, start: int, end: int) -> int | None:
    for position in range(start, min(end, len(source))):
        if source[position] != "$":
            continue
        following = source[position + 1 : position + 2]
        before = source[position - 1 : position] if position else ""
        if following == "$" or not (
            following in _NOT_MATH or following.isspace() or following.isdigit() or before.isdigit()
        ):
            return position
    return None


# After a dollar sign, these cannot start a formula: "($)", "US$, …", "$." at a sentence's end.
_NOT_MATH = frozenset(["", ".", ",", ";", ":", "!", "?", ")", "]", "}"])


def _unclosed_message(source: str, position: int) -> str:
    if source.startswith("$$", position):
        return (
            "'$$' here makes no display math: write $$ … $$ on lines of their own, "
            "after a blank line"
        )
    return (
        "this '$' starts math that is never closed: close it with '$' (not right before a "
        "digit), or write \\$ for a dollar sign"
    )


def _convert_at(latex: str, display: bool, env: EnvType, line: int) -> str:
    try:
        return latex_to_mathml(latex.strip(), display=display)
    except LatexError as err:
        report(env, error_at(env, line, f"cannot typeset ${latex.strip()}$: {err}"))
        # Only reached when errors are collected: the lesson is being checked, not shown.
        return ""


def _math_html(token: Token) -> str:
    mathml = str(token.meta["mathml"])
    if token.type == "math_block":
        # The wrapper can scroll sideways on a narrow screen; <math> itself cannot reliably.
        return f'<div class="math-display">{mathml}</div>\n'
    return mathml


def _check_braces(latex: str) -> None:
    depth = 0
    for match in re.finditer(r"\\.|[{}]", latex):
        if match.group() == "{":
            depth += 1
        elif match.group() == "}":
            depth -= 1
            if depth < 0:
                raise LatexError("a '}' closes nothing")
    if depth > 0:
        raise LatexError("a '{' is never closed")


def _check_structure(mathml: str) -> None:
    root = ElementTree.fromstring(mathml)
    for element in root.iter():
        tag = element.tag.removeprefix(_MATHML_NS)
        needed = _ARITY.get(tag)
        if needed is not None and len(element) != needed:
            raise LatexError(f"a command is missing an argument (<{tag}> needs {needed} parts)")
        if element.text and "\\" in element.text:
            raise LatexError(f"unknown command {element.text.strip()}")


def _describe(err: Exception) -> str:
    """latex2mathml's errors are bare classes such as MissingSuperScriptOrSubscriptError."""
    if str(err):
        return str(err)
    name = type(err).__name__.removesuffix("Error")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
