"""Every row of tests/engine/corpus/notation.tsv gets its verdict from the task that
/api/equivalent runs: the notation students and authors type, family by family."""

from __future__ import annotations

import pytest

from answer_corpus import Pair, read_corpus
from steepest.compute.tasks.answers import equivalence
from steepest.compute.tasks.messages import EquivalenceQuery

VERDICTS = {"equivalent": "correct", "different": "incorrect", "invalid": "invalid"}


ROWS = read_corpus("notation")


def test_the_corpus_covers_every_family_with_enough_rows() -> None:
    families = {row.family for row in ROWS}
    assert len(ROWS) >= 150
    assert {"Greek letters, by name and by glyph", "vectors, in any brackets"} <= families
    assert all(sum(row.family == f for row in ROWS) >= 5 for f in families)


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.expected} ~ {row.answer}" for row in ROWS])
def test_every_row_gets_its_verdict(row: Pair) -> None:
    query = EquivalenceQuery(
        row.expected, row.answer, row.variables, row.domain, parameters=row.parameters
    )
    result = equivalence(query)
    assert result["verdict"] == VERDICTS[row.verdict], result["message"]
