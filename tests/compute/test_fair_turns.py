"""Fair turns, on their own: the per-client cap, the share of the workers, and who goes next."""

from __future__ import annotations

import pytest

from steepest.compute import ClientBusy
from steepest.compute.fair_turns import FairTurns


def test_a_client_beyond_its_calls_is_refused_and_others_are_not() -> None:
    turns = FairTurns(workers=2, per_client=3, retry_after=2)
    for _ in range(3):
        turns.admit("flooder")
    with pytest.raises(ClientBusy) as refused:
        turns.admit("flooder")
    assert (refused.value.limit, refused.value.retry_after) == (3, 2)
    turns.admit("other")
    # The server's own calls (no client) are never capped.
    for _ in range(10):
        turns.admit(None)


def test_a_finished_call_frees_its_place_and_a_client_with_none_is_forgotten() -> None:
    turns = FairTurns(workers=2, per_client=1, retry_after=1)
    ticket = turns.admit("a")
    turns.start(ticket)
    turns.finish(ticket)
    waiting = turns.admit("a")
    turns.finish(waiting)  # never got a worker
    assert turns.next_ticket() is None
    assert not turns._clients


def test_a_client_runs_at_most_half_the_workers_while_its_other_calls_wait() -> None:
    turns = FairTurns(workers=4, per_client=10, retry_after=1)
    tickets = [turns.admit("flooder") for _ in range(5)]
    for ticket in tickets[:2]:
        assert turns.next_ticket() == ticket
        turns.start(ticket)
    # Two of four workers: its share. Its other calls wait even with workers free...
    assert turns.next_ticket() is None
    # ...but another client's call goes at once, and the server's own are never held back.
    other = turns.admit("other")
    assert turns.next_ticket() == other
    turns.start(other)
    server = turns.admit(None)
    assert turns.next_ticket() == server
    turns.start(server)
    turns.finish(tickets[0])
    assert turns.next_ticket() == tickets[2]


def test_without_a_cap_a_client_may_use_every_worker() -> None:
    turns = FairTurns(workers=2, per_client=None, retry_after=1)
    tickets = [turns.admit("a") for _ in range(50)]
    turns.start(tickets[0])
    assert turns.next_ticket() == tickets[1]


def test_a_free_worker_goes_to_the_client_with_fewest_calls_running() -> None:
    turns = FairTurns(workers=8, per_client=10, retry_after=1)
    busy = [turns.admit("busy") for _ in range(4)]
    turns.start(busy[0])
    turns.start(busy[1])
    light = [turns.admit("light") for _ in range(3)]
    turns.start(light[0])
    newcomer = turns.admit("newcomer")
    # The newcomer came last and runs nothing: it goes first, then "light" (one running).
    assert turns.next_ticket() == newcomer
    turns.start(newcomer)
    assert turns.next_ticket() == light[1]
    turns.start(light[1])
    # Two running each now: the one served longest ago goes first, its calls in the order they
    # came, and then the other.
    assert turns.next_ticket() == busy[2]
    turns.start(busy[2])
    assert turns.next_ticket() == light[2]
