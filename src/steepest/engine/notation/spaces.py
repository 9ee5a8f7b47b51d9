"""The characters typed math treats as spaces.

Beyond ASCII: the no-break and thin spaces that word processors and math pages put between a
number and its neighbour, so that pasted text reads as it looks. Kept apart from the lexer, which
needs SymPy, so that the point reader (and the web process with it) can share it without.
"""

from __future__ import annotations

SPACES = " \t\n\r\u00a0\u2009\u202f"
