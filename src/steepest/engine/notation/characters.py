"""What each non-ASCII character of typed math means, in ASCII: the one table the lexer reads.

Learners paste from word processors, phones and PDFs, which substitute their own minus signs,
brackets and stars. Each such character stands for exactly one ASCII character, so the lexer
can swap it in place and every column still points at what was typed. Superscripts are an
exponent written small (`x⁵⁺³` is x^(5+3)), subscript digits an index (`w₁` is w1), and a
vulgar fraction a quotient in brackets (`½x` is (1/2)·x).
"""

from __future__ import annotations

# One character for one: the lexer replaces each before it reads the text.
ASCII_MEANING = str.maketrans(
    {
        # minus signs and dashes (U+2212 minus, hyphens, figure and en dash, small and fullwidth)
        "−": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "﹣": "-",
        "－": "-",
        # plus
        "＋": "+",
        "﹢": "+",
        # times
        "·": "*",
        "⋅": "*",
        "∙": "*",
        "×": "*",
        "∗": "*",
        "＊": "*",
        "✕": "*",
        "✖": "*",
        "⨉": "*",
        "⨯": "*",
        # division and fraction slashes
        "÷": "/",
        "⁄": "/",
        "∕": "/",
        "／": "/",
        # carets: the modifier circumflex and the fullwidth one
        "ˆ": "^",
        "＾": "^",
        # round brackets: fullwidth, small and ornamental
        "（": "(",
        "）": ")",
        "﹙": "(",
        "﹚": ")",
        "❨": "(",
        "❩": ")",
        "❪": "(",
        "❫": ")",
        "⟮": "(",
        "⟯": ")",
        # other brackets, read as their ASCII twins (which have rules of their own)
        "［": "[",
        "］": "]",
        "｛": "{",
        "｝": "}",
        # the fullwidth comma and full stop
        "，": ",",
        "．": ".",
    }
)

SUPERSCRIPT_MEANING = {
    **dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)),
    "⁺": "+",
    "⁻": "-",
    "⁽": "(",
    "⁾": ")",
    "ⁿ": "n",
    "ⁱ": "i",
    **dict(zip("ᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghjklmoprstuvwxyz", strict=True)),
    **dict(zip("ᵅᵝᵞᵟᶿᵠᵡ", "αβγδθφχ", strict=True)),
}
SUBSCRIPT_DIGITS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
# Subscripts that are not digits: an index is digits only (w₁), so these are refused by name.
OTHER_SUBSCRIPTS = frozenset("₊₋₌₍₎ₐₑₒₓₔₕₖₗₘₙₚₛₜ")

VULGAR_FRACTIONS = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅐": (1, 7),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
    "⅑": (1, 9),
    "⅒": (1, 10),
}
