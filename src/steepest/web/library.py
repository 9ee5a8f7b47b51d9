"""The lessons this server offers and their prepared pages, loaded in the background at start-up.

Start-up must answer requests fast, so nothing here blocks it: the catalogue is parsed in a
thread and each lesson's page is prepared (its engine results computed in the pool) as a task
that the first request for it simply awaits. A page that failed to prepare is forgotten, so the
next request tries again instead of serving the error forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from steepest.compute import ComputePool
from steepest.lessons import Catalogue, Lesson, load_catalogue
from steepest.web.errors import UnknownLesson
from steepest.web.lesson_page import LessonPage, prepare_lesson_page

logger = logging.getLogger(__name__)


class LessonLibrary:
    def __init__(self, lesson_dir: Path | None, pool: ComputePool) -> None:
        self._lesson_dir = lesson_dir
        self._pool = pool
        self._catalogue: asyncio.Task[Catalogue] | None = None
        self._pages: dict[str, asyncio.Task[LessonPage]] = {}
        self._warm_up: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin loading the catalogue and preparing every page; returns at once."""
        self._catalogue = asyncio.create_task(
            asyncio.to_thread(load_catalogue, self._lesson_dir), name="load-catalogue"
        )
        self._warm_up = asyncio.create_task(self._prepare_all(), name="prepare-pages")

    async def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self.start()
        assert self._catalogue is not None
        return await asyncio.shield(self._catalogue)

    async def lesson(self, slug: str) -> Lesson:
        lesson = (await self.catalogue()).get(slug)
        if lesson is None:
            raise UnknownLesson(f"there is no lesson called {slug!r}")
        return lesson

    async def page(self, slug: str) -> LessonPage:
        lesson = await self.lesson(slug)
        task = self._pages.get(slug)
        if task is None:
            task = asyncio.create_task(self._prepare(lesson), name=f"prepare-{slug}")
            self._pages[slug] = task
        return await asyncio.shield(task)

    async def close(self) -> None:
        tasks: list[asyncio.Task[Any]] = [
            t for t in (self._warm_up, self._catalogue, *self._pages.values()) if t is not None
        ]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task

    async def _prepare(self, lesson: Lesson) -> LessonPage:
        try:
            return await prepare_lesson_page(lesson, await self.catalogue(), self._pool)
        except BaseException:
            self._pages.pop(lesson.slug, None)
            raise

    async def _prepare_all(self) -> None:
        try:
            for lesson in await self.catalogue():
                await self.page(lesson.slug)
        except Exception:
            # A request for the page will hit the same error and report it; log it here too.
            logger.exception("could not prepare the lesson pages at start-up")
