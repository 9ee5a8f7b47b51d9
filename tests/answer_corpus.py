"""The answer corpora of tests/engine/corpus/*.tsv, read one way for every test that uses them.

Columns (tab-separated): verdict, variables, domain, expected, answer; see each file's header.
A `# -- family: description` line names the family of the rows below it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

CORPORA = Path(__file__).parent / "engine" / "corpus"


class Pair(NamedTuple):
    family: str
    verdict: str
    variables: list[str]
    domain: dict[str, str] | None
    expected: str
    answer: str


def read_corpus(name: str) -> list[Pair]:
    """Every row of `tests/engine/corpus/{name}.tsv`, in order."""
    pairs, family = [], ""
    for line in (CORPORA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# -- "):
            family = line.removeprefix("# -- ").split(":")[0]
        if not line.strip() or line.startswith("#"):
            continue
        verdict, variables, domain, expected, answer = line.split("\t")
        names = [] if variables == "-" else variables.split(",")
        chosen: dict[str, str] | None
        if domain == "-":
            chosen = None
        elif ":" in domain:
            chosen = dict(part.split(":") for part in domain.split(","))
        else:
            chosen = dict.fromkeys(names, domain)
        pairs.append(Pair(family, verdict, names, chosen, expected, answer))
    return pairs
