"""What the tests ask of compiled expression trees (`steepest.engine.evaluate.tree`).

Import it as `from expression_trees import functions_in`: `tests/` is on `sys.path` during a run.
"""

from __future__ import annotations


def functions_in(tree: dict[str, object]) -> set[str]:
    """The function names the tree's `{"fn": …}` nodes apply, at any depth."""
    found: set[str] = set()
    for key, value in tree.items():
        if key == "fn":
            found.add(str(value))
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, dict):
                found |= functions_in(child)
    return found
