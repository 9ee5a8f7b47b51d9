"""Steepest's calculus engine: pure functions on SymPy, with no I/O, clock or web access.

Typed text enters through `notation.parser.parse`, which never hands text to eval, sympify or
parse_expr. The sub-packages are in layers of their own (docs/architecture.md). The modules at
this level need no SymPy, so a process that only names the engine's errors, limits and
vocabularies (the web server, the command's parent) does not pay for importing it.
"""
