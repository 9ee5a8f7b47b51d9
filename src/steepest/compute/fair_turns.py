"""Fair turns: which waiting call gets the next free worker, and how much one client may hold.

Served first come, first served, one client that sends many expensive calls at once pushes
everyone else behind them: 24 calls that each run to a 2 s limit on two workers keep a newcomer
waiting some 24 s. So a pool keeps, for each client (an opaque key; the web passes the client's
address), the calls it has admitted and those running, and:

- **caps what one client may have admitted**, running or waiting, at `per_client` calls; one
  more is refused at once with ClientBusy (the web's 429 with Retry-After), so a single client
  cannot fill the pool's queue and leave everyone else only "busy" answers;
- **caps what one client may have running** at its `share` of the workers, half of them rounded
  up: with two workers or more, a client flooding the pool always leaves a worker for others,
  so their calls start at once instead of waiting up to a time limit for a worker to free;
- **gives a free worker to the waiting client with the fewest calls running**, the one served
  longest ago among equals, each client's own calls in the order they came: a newcomer goes
  ahead of every queued call of a client that already has one running.

Why both caps and the order? A cap alone leaves a newcomer behind every admitted call; an order
alone lets one client fill the queue; neither alone keeps a worker free. Why count calls rather
than the time they take (weighted fair queueing)? Every call is bounded by the time limit, and
a count needs no guess at what a call will cost before it runs. The price of keeping a worker
free: on an idle pool a lone client still runs at most `share` calls at once, its others wait;
a learner's page makes one or two engine calls at a time, so that costs little.

Calls made for no client (None: the server preparing its lesson pages, the command line) count
as one client of their own in the order, but neither cap applies to them: their number is
bounded by the lesson files, not by anyone's requests. A client with nothing admitted is
forgotten, so the memory kept is bounded by the pool's own limit on calls in flight.

Not thread-safe: the pool calls it under its own lock.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from dataclasses import dataclass, field

from steepest.compute.errors import ClientBusy


@dataclass
class _Client:
    admitted: int = 0  # running or waiting
    running: int = 0
    waiting: deque[int] = field(default_factory=deque)  # tickets, oldest first
    last_served: int = 0  # the turn of its latest start; 0 for none yet


class FairTurns:
    """One ticket per admitted call: waiting for a worker from `admit`, running from `start`,
    gone at `finish`."""

    def __init__(self, workers: int, per_client: int | None, retry_after: int) -> None:
        """`per_client` None: no caps at all (any client may use every worker)."""
        self.per_client = per_client
        self.share = workers if per_client is None else math.ceil(workers / 2)
        self.retry_after = retry_after
        self._clients: dict[str | None, _Client] = {}
        self._owners: dict[int, str | None] = {}  # every ticket admitted and not finished
        self._numbers = itertools.count(1)

    def admit(self, client: str | None) -> int:
        """A ticket for a new call of `client`'s; ClientBusy when it has its fill already."""
        state = self._clients.setdefault(client, _Client())
        limit = None if client is None else self.per_client
        if limit is not None and state.admitted >= limit:
            raise ClientBusy(limit, self.retry_after)
        ticket = next(self._numbers)
        state.admitted += 1
        state.waiting.append(ticket)
        self._owners[ticket] = client
        return ticket

    def next_ticket(self) -> int | None:
        """The waiting ticket whose turn it is when a worker frees; None if none may start."""
        best: tuple[int, int] | None = None
        chosen: _Client | None = None
        for client, state in self._clients.items():
            if not state.waiting or (client is not None and state.running >= self.share):
                continue
            rank = (state.running, state.last_served)
            if best is None or rank < best:
                best, chosen = rank, state
        return None if chosen is None else chosen.waiting[0]

    def start(self, ticket: int) -> None:
        """The call holding `ticket` got a worker."""
        state = self._clients[self._owners[ticket]]
        state.waiting.remove(ticket)
        state.running += 1
        state.last_served = next(self._numbers)

    def finish(self, ticket: int) -> None:
        """The call holding `ticket` is over, whether it ran or never got a worker."""
        client = self._owners.pop(ticket)
        state = self._clients[client]
        if ticket in state.waiting:
            state.waiting.remove(ticket)
        else:
            state.running -= 1
        state.admitted -= 1
        if state.admitted == 0:
            del self._clients[client]
