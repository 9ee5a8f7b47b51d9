"""`steepest serve`: run the app under uvicorn, in one process or several sharing the port."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from steepest.lessons import SHIPPED_LESSONS
from steepest.lessons.course_folder import check_listed_files, read_course_folder
from steepest.web.app import create_app
from steepest.web.settings import Settings


def serve(
    host: str | None = None,
    port: int | None = None,
    database: str | None = None,
    processes: int | None = None,
    lesson_dir: Path | None = None,
    reload: bool | None = None,
) -> None:
    """Serve until interrupted. Settings come from `STEEPEST_*` variables; each argument given
    (a command-line option) beats its variable. SettingsError when they contradict each other
    (`reload` with several processes), LessonFormatError for a broken course file."""
    given = {
        "host": host,
        "port": port,
        "database": database,
        "processes": processes,
        "lesson_dir": lesson_dir,
        "reload": reload,
    }
    settings = Settings.from_env(None, **{k: v for k, v in given.items() if v is not None})
    # A broken course file stops the start with its `course.yaml:LINE: message` (a
    # LessonFormatError); the lessons themselves load in the background (course/library.py).
    check_listed_files(read_course_folder(settings.lesson_dir or SHIPPED_LESSONS))
    # uvicorn believes X-Forwarded-For/-Proto from the addresses in FORWARDED_ALLOW_IPS
    # (127.0.0.1 unless set), so behind a local proxy the client address is the learner's.
    host, port = settings.host, settings.port
    if settings.processes == 1:
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level="info", server_header=False
        )
        return
    # Several processes: uvicorn starts each afresh, and each builds its app from the
    # environment, so the command line's choices go there. They must also sign practice
    # problems with one key, or a problem handed out by one would be refused by another.
    os.environ["STEEPEST_SECRET"] = settings.secret or secrets.token_urlsafe(32)
    if settings.database is not None:
        os.environ["STEEPEST_DATABASE_URL"] = settings.database
    if settings.lesson_dir is not None:
        os.environ["STEEPEST_LESSON_DIR"] = str(settings.lesson_dir)
    uvicorn.run(
        "steepest.web.server:app_from_environment",
        factory=True,
        workers=settings.processes,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
    )


def app_from_environment() -> FastAPI:
    return create_app(Settings.from_env())
