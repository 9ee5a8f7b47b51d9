"""The lessons this server offers and their prepared pages, loaded in the background at start-up.

Start-up must answer requests fast, so nothing here blocks it: the catalogue is parsed in a
thread and each lesson's page is prepared (its engine results computed in the pool) as a task
that the first request for it simply awaits. A page that failed to prepare is forgotten, so the
next request tries again instead of serving the error forever.

A lesson file that fails to load breaks only itself: the index and every other page work, its
error goes to the server's log once per load, and its own address answers 503, with the error
as "file:line: message" under `--reload` and without a word of the file otherwise (a learner
has no use for a path on the server).

With `reload` on (`steepest serve --reload`, for authors), each request first compares the
names and modification times of the lesson files (and of the files in their image folders,
and of the course file) with those the catalogue was loaded from; when one changed, the
catalogue is loaded again and every page is prepared afresh on its next request (a lesson's
title or `next` shows on other pages too). A `stat` per file per request is cheap next to
rendering; the compute pool and the store stay as they are. Each page is then prepared with its
claims checked as `steepest check` checks them (see `claim_review`), and the ones the engine
does not confirm are marked on it. A mistake of the course file breaks the whole site (see
`load_catalogue`); under `--reload` every page is a 500 that shows it as "course.yaml:LINE:
message" until it is fixed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException

from steepest.compute.lanes import ComputeLanes
from steepest.lessons import SHIPPED_LESSONS, Catalogue, Lesson, LessonFormatError, load_catalogue
from steepest.lessons.course_file import COURSE_FILE
from steepest.lessons.images import SHARED_FOLDER
from steepest.web.course.claim_review import ClaimReview
from steepest.web.course.lesson_page import LessonPage, prepare_lesson_page, with_failed_claims
from steepest.web.http.errors import LessonUnavailable, UnknownLesson

logger = logging.getLogger(__name__)

# What the lesson folder held when the catalogue was read: each file's path, mtime (ns) and
# size; the size catches two saves within one tick of a coarse file-system clock.
FolderState = frozenset[tuple[str, int, int]]

UNAVAILABLE = "this lesson is not available at the moment; please try again later"


class BrokenCourseFile(HTTPException):
    """Under `--reload`, a mistake of the course file (see `load_catalogue`): every page is a
    500 that names the file and the line, so the author sees what to fix."""

    def __init__(self, error: LessonFormatError) -> None:
        super().__init__(status_code=500, detail=str(error))


class LessonLibrary:
    def __init__(
        self, lesson_dir: Path | None, pool: ComputeLanes, *, reload: bool = False
    ) -> None:
        self._lesson_dir = lesson_dir
        self._pool = pool
        self._reload = reload
        self._folder_state: FolderState | None = None
        self._catalogue: asyncio.Task[Catalogue] | None = None
        self._pages: dict[str, asyncio.Task[LessonPage]] = {}
        # Pages still being prepared from a catalogue that a reload replaced.
        self._retired: list[asyncio.Task[LessonPage]] = []
        self._warm_up: asyncio.Task[None] | None = None
        self._review = ClaimReview(pool) if reload else None

    def start(self) -> None:
        """Begin loading the catalogue and preparing every page; returns at once."""
        self._load()
        self._warm_up = asyncio.create_task(self._prepare_all(), name="prepare-pages")

    async def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self.start()
        elif self._reload and self._folder_changed():
            self._load()
        assert self._catalogue is not None
        try:
            return await asyncio.shield(self._catalogue)
        except LessonFormatError as error:
            if self._reload:
                raise BrokenCourseFile(error) from error
            raise

    async def lesson(self, slug: str) -> Lesson:
        catalogue = await self.catalogue()
        lesson = catalogue.get(slug)
        if lesson is not None:
            return lesson
        broken = catalogue.broken_lesson(slug)
        if broken is not None:
            raise LessonUnavailable(str(broken.error) if self._reload else UNAVAILABLE)
        raise UnknownLesson(f"there is no lesson called {slug!r}")

    async def page(self, slug: str) -> LessonPage:
        lesson = await self.lesson(slug)
        task = self._pages.get(slug)
        if task is None:
            task = asyncio.create_task(self._prepare(lesson), name=f"prepare-{slug}")
            self._pages[slug] = task
        return await asyncio.shield(task)

    def ready_page(self, slug: str) -> LessonPage | None:
        """The page when it is prepared and nothing must be checked first; None when only
        awaiting `page()` can tell (not prepared yet, failed, unknown, or `reload` is on)."""
        task = None if self._reload else self._pages.get(slug)
        if task is None or not task.done() or task.cancelled() or task.exception() is not None:
            return None
        return task.result()

    async def close(self) -> None:
        tasks: list[asyncio.Task[Any]] = [
            t
            for t in (self._warm_up, self._catalogue, *self._pages.values(), *self._retired)
            if t is not None
        ]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task

    def _load(self) -> None:
        """(Re)load the catalogue in a thread; pages prepared from an older one are dropped."""
        if self._reload:
            self._folder_state = self._read_folder_state()
        # Not cancelled: a request may be awaiting one. They finish unseen (or at close).
        self._retired = [t for t in (*self._retired, *self._pages.values()) if not t.done()]
        self._pages.clear()
        self._catalogue = asyncio.create_task(
            asyncio.to_thread(self._read_catalogue), name="load-catalogue"
        )

    def _read_catalogue(self) -> Catalogue:
        catalogue = load_catalogue(self._lesson_dir, mark_claims=self._reload)
        for broken in catalogue.broken:
            logger.error("%s (the lesson is left out until this is fixed)", broken.error)
        return catalogue

    def _folder_changed(self) -> bool:
        return self._read_folder_state() != self._folder_state

    def _read_folder_state(self) -> FolderState:
        """The lesson files, and the files in the folders their images may come from: a
        lesson that failed for a missing image loads again once the image is there."""
        folder = SHIPPED_LESSONS if self._lesson_dir is None else self._lesson_dir
        lesson_files = list(folder.glob("*.md"))
        image_folders = {folder / path.stem for path in lesson_files} | {folder / SHARED_FOLDER}
        images = (path for place in image_folders if place.is_dir() for path in place.rglob("*"))
        state = set()
        for path in (*lesson_files, *images, folder / COURSE_FILE):
            # A file deleted between the listing and the stat is simply not there any more.
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                state.add((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
        return frozenset(state)

    async def _prepare(self, lesson: Lesson) -> LessonPage:
        try:
            catalogue = await self.catalogue()
            if self._review is None:
                return await prepare_lesson_page(lesson, catalogue, self._pool)
            page, failures = await asyncio.gather(
                prepare_lesson_page(lesson, catalogue, self._pool), self._review.failures(lesson)
            )
            return with_failed_claims(page, failures)
        except BaseException:
            # Only this task's own entry: under reload a newer one may have replaced it.
            if self._pages.get(lesson.slug) is asyncio.current_task():
                del self._pages[lesson.slug]
            raise

    async def _prepare_all(self) -> None:
        try:
            for lesson in await self.catalogue():
                await self.page(lesson.slug)
        except Exception:
            # A request for the page will hit the same error and report it; log it here too.
            logger.exception("could not prepare the lesson pages at start-up")
