"""Pydantic models of the hint route (OpenAPI documented)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from steepest.lessons.directive_blocks import MAX_HINTS


class HintRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"index": 0}]})

    index: int = Field(
        ge=0, lt=MAX_HINTS, description="Which hint, from 0: the number already revealed"
    )


class HintResult(BaseModel):
    index: int = Field(description="The hint's place, from 0")
    total: int = Field(description="How many hints the question has")
    hint_html: str = Field(description="The hint, as the lesson's HTML")
