"""How the slope-nudge widget writes its numbers, in the same words as its ES module does
(`formatValue` and `formatError` in js/widgets/slope-nudge.js), so the table the server renders
and the one the browser rewrites read alike."""

from __future__ import annotations

import math

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
# Below this a value is shown as 0: far under anything six figures of the plot's numbers show.
ZERO = 1e-12


def _minus(text: str) -> str:
    # A true minus sign, which screen readers say as "minus".
    return text.replace("-", "\u2212")


def power_of_ten(value: float) -> str:
    """Three figures times a power of ten: 0.1 is "1.00 × 10⁻¹"."""
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{_minus(mantissa)} × 10{str(int(exponent)).translate(_SUPERSCRIPTS)}"


def six_figures(value: float) -> str:
    """Six significant figures without trailing zeros: −3.9, 4.61, −3.9999."""
    if not math.isfinite(value):
        return "undefined"
    if abs(value) < ZERO:
        return "0"
    if not 1e-4 <= abs(value) < 1e6:
        return power_of_ten(value)
    return _minus(f"{value:.6g}")


def error_text(value: float) -> str:
    """An error of the difference quotient, on the scale of powers of ten the plot uses."""
    if not math.isfinite(value):
        return "undefined"
    if abs(value) < ZERO:
        return "0"
    return power_of_ten(value)
