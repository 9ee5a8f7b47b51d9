"""The loop that runs inside each worker process, and the messages it exchanges with the pool.

A request is a pickled `(fn, args, kwargs)`, `fn` a module-level function or a `Task` that names
one; a reply is a pickled `(kind, payload)` tuple. Both are pickled by hand rather than through
`Connection.send`, so that a request that cannot be unpickled or a result that cannot be pickled
becomes a reply instead of killing the loop.
"""

from __future__ import annotations

import gc
import pickle
import resource
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Literal

# The engine package and its errors are SymPy-free: importing them keeps the pool's parent light.
from steepest.engine.errors import EngineError

READY = b"ready"
"""The first message a worker sends, once it can take calls."""

ReplyKind = Literal["ok", "engine_error", "memory_error", "failed"]
Reply = tuple[ReplyKind, Any]
"""`ok` carries the result, `engine_error` the EngineError itself, `memory_error` nothing, and
`failed` a pair (exception type name, formatted traceback) for the parent's log."""


def serve(conn: Connection, memory_limit_mb: int | None) -> None:
    """Answer requests on `conn` one at a time until the pool closes its end.

    The pool sets the worker's CPU priority from outside (see `WorkerProcess`)."""
    # Ctrl-C in a terminal reaches the whole process group; the pool, not the learner's
    # keyboard, decides when a worker stops, and a KeyboardInterrupt here would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_mb is not None:
        limit = memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # The preloaded engine (SymPy included) is some 60,000 objects that live as long as the
    # worker. A full collection walks them all, 35-40 ms landing on whichever call triggers it;
    # frozen, they are never walked again, and collections see only what calls create.
    gc.freeze()
    # Tell the pool that start-up (re-importing the parent's main module included) is over, so
    # that a call's time limit measures the call and nothing else.
    conn.send_bytes(READY)
    while True:
        try:
            request = conn.recv_bytes()
        except EOFError:
            return
        conn.send_bytes(_answer(request))


def pack_request(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> bytes:
    return pickle.dumps((fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)


def load_reply(reply: bytes) -> Reply:
    loaded: Reply = pickle.loads(reply)
    return loaded


def _answer(request: bytes) -> bytes:
    reply: Reply
    try:
        fn, args, kwargs = pickle.loads(request)
        reply = ("ok", fn(*args, **kwargs))
    except EngineError as error:
        reply = ("engine_error", error)
    except MemoryError:
        reply = ("memory_error", None)
    # BaseException too: a SystemExit raised by library code must not end the worker silently.
    except BaseException as error:
        reply = ("failed", _describe(error))
    try:
        return pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps(("memory_error", None))
    except Exception as error:
        return pickle.dumps(("failed", _describe(error)))


def _describe(error: BaseException) -> tuple[str, str]:
    return type(error).__name__, "".join(traceback.format_exception(error))
