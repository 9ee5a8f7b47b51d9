"""A bounded memory of the ids seen lately, each forgotten after a while."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

# Beyond this many ids the ones seen longest ago are dropped: forgetting one costs a query.
MAX_IDS = 100_000


class RecentlySeen:
    def __init__(self, lifetime_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._lifetime_s = lifetime_s
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def saw(self, key: str) -> None:
        with self._lock:
            self._seen[key] = self._clock()
            self._seen.move_to_end(key)
            while len(self._seen) > MAX_IDS:
                self._seen.popitem(last=False)

    def recently_seen(self, key: str) -> bool:
        with self._lock:
            when = self._seen.get(key)
        return when is not None and self._clock() - when < self._lifetime_s
