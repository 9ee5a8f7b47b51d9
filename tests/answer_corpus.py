"""The answer corpora of tests/engine/corpus/*.tsv, read one way for every test that uses them.

Columns (tab-separated): verdict, variables, domain, expected, answer; see each file's header.
The variables column may end in `|` and parameters: `w1,w2|eta`. A `# -- family: description`
line names the family of the rows below it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, cast

from steepest.engine.answer_kinds import DOMAIN_KINDS, DomainKind

CORPORA = Path(__file__).parent / "engine" / "corpus"


class Pair(NamedTuple):
    family: str
    verdict: str
    variables: list[str]
    domain: dict[str, DomainKind] | None
    expected: str
    answer: str
    parameters: list[str]


def read_corpus(name: str) -> list[Pair]:
    """Every row of `tests/engine/corpus/{name}.tsv`, in order."""
    pairs, family = [], ""
    for line in (CORPORA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# -- "):
            family = line.removeprefix("# -- ").split(":")[0]
        if not line.strip() or line.startswith("#"):
            continue
        verdict, declared, domain, expected, answer = line.split("\t")
        variables, _, constants = declared.partition("|")
        names = [] if variables == "-" else variables.split(",")
        parameters = constants.split(",") if constants else []
        chosen: dict[str, str] | None
        if domain == "-":
            chosen = None
        elif ":" in domain:
            chosen = dict(part.split(":") for part in domain.split(","))
        else:
            chosen = dict.fromkeys(names, domain)
        if chosen is not None and not set(chosen.values()) <= set(DOMAIN_KINDS):
            raise ValueError(f"{name}.tsv: unknown domain in {line!r}")
        domains = cast("dict[str, DomainKind] | None", chosen)
        pairs.append(Pair(family, verdict, names, domains, expected, answer, parameters))
    return pairs
