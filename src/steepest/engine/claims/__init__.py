"""A lesson's claims: statements read from a tiny grammar, the shown text read as numbers or
formulas, and the verdict the engine reaches on each.
"""
