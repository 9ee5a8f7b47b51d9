"""A per-client limit on engine calls: a token bucket for each client address.

Every engine call costs CPU in a worker for up to STEEPEST_TIMEOUT seconds, so one client must
not be able to keep the pool busy for everyone. Each client earns `per_minute` tokens a minute,
can save up a quarter of a minute's worth for a burst, and each engine request spends one; with
none left the answer is 429 with `Retry-After`, the seconds until the next token.

Clients are told apart by address. Behind a reverse proxy that address is the proxy's unless
uvicorn is told to believe its X-Forwarded-For (see docs/deploy.md). A classroom behind one
address shares one bucket, so it may need a higher limit, or 0 (no limit at all).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request

from steepest.errors import SteepestError

# The buckets of clients seen longest ago are dropped first beyond this: a full bucket and a
# forgotten one behave alike, so forgetting costs nothing but bounds the memory.
MAX_CLIENTS = 50_000


class RateLimited(SteepestError):
    """A client spent its engine calls for now."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many requests from this address: try again in {retry_after} s")


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0  # tokens a second
        self.capacity = max(1.0, per_minute / 4)
        self.clock = clock
        # client -> (tokens, when they were counted), oldest use first
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def charge(self, client: str) -> None:
        """Spend one token of `client`'s, or raise RateLimited when it has none."""
        if not self.enabled:
            return
        now = self.clock()
        tokens, then = self.buckets.pop(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            raise RateLimited(max(1, math.ceil((1 - tokens) / self.rate)))
        self.buckets[client] = (tokens - 1, now)
        while len(self.buckets) > MAX_CLIENTS:
            self.buckets.popitem(last=False)


def client_address(request: Request) -> str:
    # uvicorn has already put a trusted proxy's X-Forwarded-For here (--forwarded-allow-ips).
    return request.client.host if request.client is not None else "unknown"
