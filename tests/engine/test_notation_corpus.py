"""Every row of tests/engine/corpus/notation.tsv gets its verdict from the checker that
/api/equivalent uses: the notation students and authors type, family by family."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from steepest.engine.answers.typed_check import check_typed_answer

CORPUS = Path(__file__).parent / "corpus" / "notation.tsv"
VERDICTS = {"equivalent": "correct", "different": "incorrect", "invalid": "invalid"}


@dataclass(frozen=True)
class Row:
    family: str
    verdict: str
    variables: list[str]
    domain: dict[str, str]
    expected: str
    answer: str


def read_rows() -> list[Row]:
    rows, family = [], ""
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.startswith("# -- "):
            family = line.removeprefix("# -- ")
        if not line.strip() or line.startswith("#"):
            continue
        verdict, variables, domain, expected, answer = line.split("\t")
        names = [] if variables == "-" else variables.split(",")
        chosen = {} if domain == "-" else dict(part.split(":") for part in domain.split(","))
        rows.append(Row(family, verdict, names, chosen, expected, answer))
    return rows


ROWS = read_rows()


def test_the_corpus_covers_every_family_with_enough_rows() -> None:
    families = {row.family for row in ROWS}
    assert len(ROWS) >= 150
    assert {"Greek letters, by name and by glyph", "vectors, in any brackets"} <= families
    assert all(sum(row.family == f for row in ROWS) >= 5 for f in families)


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.expected} ~ {row.answer}" for row in ROWS])
def test_every_row_gets_its_verdict(row: Row) -> None:
    result = check_typed_answer(row.expected, row.answer, row.variables, row.domain or None)
    assert result["verdict"] == VERDICTS[row.verdict], result["message"]
