"""The progress store as the web app reaches it: opened in the background, called from threads.

Opening the store imports SQLAlchemy and runs the migrations, which takes far longer than the
server needs to answer its first request; so the lifespan starts the opening in a thread and
only the routes that touch learners' data wait for it. `steepest.store` is imported inside the
thread, never at the top of a web module, for the same reason.

`call(function, *args)` runs `function(store, *args)` in a worker thread (the store is
synchronous); a `StoreError` it raises reaches the handlers of `web/http/errors.py`, which map
it to HTTP like any other `SteepestError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from steepest.errors import SteepestError

if TYPE_CHECKING:
    from steepest.store import Store

logger = logging.getLogger(__name__)
T = TypeVar("T")


class StoreHandle:
    def __init__(self, database: str | None) -> None:
        self._database = database
        self._opening: asyncio.Task[Store] | None = None

    def start(self) -> None:
        """Begin opening the store; call from the running event loop (the app's lifespan)."""
        self._opening = asyncio.create_task(asyncio.to_thread(self._open))

    def _open(self) -> Store:
        from steepest.store import Store, StoreUnavailable, database_url, display_url

        try:
            url = database_url(self._database)
            store = Store.open(url)
        except Exception as error:
            # Any failure (a bad URL, a database that is down, a failed migration) leaves the
            # lessons usable; only saving progress on the server is off, and each such request
            # says why.
            logger.exception("the progress store could not be opened")
            if isinstance(error, SteepestError):
                message = error.message
            else:
                message = "the database could not be opened"
            raise StoreUnavailable(f"progress cannot be saved on the server: {message}") from error
        logger.info("progress is kept in %s", display_url(url))
        return store

    async def store(self) -> Store:
        if self._opening is None:
            raise RuntimeError("StoreHandle.start() was not called")
        # shield: a request that is cancelled must not cancel the opening for everyone else.
        return await asyncio.shield(self._opening)

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        store = await self.store()
        return await asyncio.to_thread(function, store, *args)

    async def close(self) -> None:
        if self._opening is None:
            return
        try:
            store = await self._opening
        except SteepestError:
            return  # it never opened (a StoreUnavailable, logged already): nothing to close
        await asyncio.to_thread(store.close)
