"""The bodies of the spaced-review API (views/review.py)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from steepest.engine.problems.topics import TOPICS
from steepest.web.schemas.answers import Feedback


class ReviewDocument(BaseModel):
    """A learner's review cards; see `steepest.store.review_state` for the fields and merge."""

    model_config = ConfigDict(extra="allow")

    cards: dict[str, dict[str, Any]] = Field(default_factory=dict)


class ReviewItem(BaseModel):
    topic: str = Field(description="The practice topic")
    title: str
    level: int = Field(description="The highest level mastered: what its reviews ask")
    due: int = Field(description="When it is due, in milliseconds since the epoch")
    due_at: str = Field(description="The same time in ISO 8601")
    reviewed: bool = Field(description="False until the first review")


class ReviewPlan(BaseModel):
    due: list[ReviewItem] = Field(description="Due now, most overdue first")
    upcoming: list[ReviewItem] = Field(description="Due later, soonest first")
    session: list[str] = Field(description="The topics of this session: the first few due")
    review: ReviewDocument


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(max_length=32, description=f"A mastered practice topic: {', '.join(TOPICS)}")


class ReviewResult(BaseModel):
    feedback: Feedback
    finished: bool = Field(description="Whether the review is rated: right, or wrong twice")
    rating: Literal["again", "hard", "good"] | None = Field(
        description="good: right at the first try; hard: at the second; again: wrong twice"
    )
    tries_left: int
    solution: dict[str, Any] | None = Field(description="The worked solution, once finished")
    solution_html: str | None = Field(
        description="The worked solution with its rule-by-rule steps, rendered as practice shows it"
    )
    card: dict[str, Any] | None = Field(default=None, description="The topic's card, rescheduled")
    review: ReviewDocument | None = Field(
        default=None, description="All the learner's cards after the review, to adopt"
    )
