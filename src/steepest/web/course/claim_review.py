"""Under `steepest serve --reload`, each lesson's claims checked as `steepest check` checks them,
so that an author sees a wrong number on the page itself, not only in the terminal.

The engine works out each claim in the compute workers, as the server's own page preparation
does (no client, so no learner's cap applies, but learners' calls take their turns between
these). At most REVIEW_CALLS claims are in flight at once, so a lesson of many claims never
fills the pool's queue. A verdict depends only on the claim's text, so it is kept by the claim's
request: after a save, only the claims that changed go to the engine again. A call that could
not run (a timeout, a busy pool) is reported on the page but not kept, so the next load asks
again.

Without `--reload` nothing here runs: a course is checked by its author before it is deployed.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from steepest.compute import ComputeError, tasks
from steepest.compute.lanes import ComputeLanes
from steepest.compute.tasks.messages import ClaimQuery
from steepest.lessons import Lesson
from steepest.lessons.model import Claim

# As `steepest check` allows each claim by default.
REVIEW_TIMEOUT_S = 10.0
REVIEW_CALLS = 4
# The span the loader puts around a claim's shown text when claims are marked.
_CLAIM_SPAN = re.compile(r'<span data-claim="(\d+)">')


@dataclass(frozen=True)
class FailedClaim:
    """A claim the engine does not confirm, as `steepest check` reports it."""

    location: str
    """`path:line`"""
    message: str
    marker: int | None
    """The claim's `data-claim` span in the page's HTML, if it shows in any."""
    anchor: str | None = None
    """The id of its mark in the page, once marked there."""

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def claim_query(
    claim: Claim, parameters: Sequence[str] = (), variables: Sequence[str] | None = None
) -> ClaimQuery:
    """What the engine is asked about a claim, by `steepest check` and by this review alike;
    the lesson's declared names as tuples, as the query is the key of the review's verdicts."""
    declared = None if variables is None else tuple(variables)
    return ClaimQuery(
        claim.statement, claim.shown, claim.label, claim.holds, declared, tuple(parameters)
    )


class ClaimReview:
    """The failed claims of each lesson, with the engine's verdicts kept by claim."""

    def __init__(self, pool: ComputeLanes) -> None:
        self._pool = pool
        self._verdicts: dict[ClaimQuery, str | None] = {}
        self._turns = asyncio.Semaphore(REVIEW_CALLS)

    async def failures(self, lesson: Lesson) -> tuple[FailedClaim, ...]:
        claims = lesson.claims
        verdicts = await asyncio.gather(
            *(
                self._verdict(claim_query(claim, lesson.parameters, lesson.variables))
                for claim in claims
            )
        )
        return tuple(
            FailedClaim(f"{lesson.source_path}:{claim.line}", message, claim.marker)
            for claim, message in zip(claims, verdicts, strict=True)
            if message is not None
        )

    async def _verdict(self, query: ClaimQuery) -> str | None:
        if query in self._verdicts:
            return self._verdicts[query]
        try:
            async with self._turns:
                verdict = await self._pool.acall(
                    tasks.CLAIM_MISMATCH, query, timeout=REVIEW_TIMEOUT_S
                )
        except ComputeError as error:
            return f'{query.label} "{query.statement}" could not be checked: {error.message}'
        self._verdicts[query] = verdict
        return verdict


class ClaimMarks:
    """Marks each failed claim where the page's HTML shows it: visibly (a class the stylesheet
    draws) and for screen readers (a hidden sentence before the claim's text)."""

    def __init__(self, failures: Iterable[FailedClaim]) -> None:
        self._failures = tuple(failures)
        self._by_marker = {f.marker: f for f in self._failures if f.marker is not None}
        self._marked: set[int] = set()

    def html(self, text: str) -> str:
        return _CLAIM_SPAN.sub(self._mark, text)

    def listed(self) -> tuple[FailedClaim, ...]:
        """The failures, each with the anchor of its mark when one was made."""
        return tuple(
            FailedClaim(f.location, f.message, f.marker, _anchor(f.marker))
            if f.marker in self._marked
            else f
            for f in self._failures
        )

    def _mark(self, span: re.Match[str]) -> str:
        marker = int(span.group(1))
        failure = self._by_marker.get(marker)
        if failure is None:
            return span.group(0)
        self._marked.add(marker)
        return (
            f'<span class="claim-failed" id="{_anchor(marker)}" data-claim="{marker}">'
            f'<span class="visually-hidden">Fails steepest check, {html.escape(failure.message)}: '
            "</span>"
        )


def _anchor(marker: int | None) -> str:
    return f"failed-claim-{marker}"
