"""Notation: typed math read into SymPy (lexer, names, parser) and written back out (printing).

Everything a learner or an author types enters here, and nothing here hands text to eval,
sympify or parse_expr. The printers write only what the parser reads back.
"""
