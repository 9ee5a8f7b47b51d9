"""Practice problems travel as signed tokens, so the server keeps no table of handed-out problems.

A token is `topic.level.kind.seed.signature`, signed with HMAC-SHA256 under the server's secret:
the engine rebuilds the same problem from (topic, level, kind, seed), and the signature stops a
client from choosing its own seed (say, one whose answer it already knows). Without
`STEEPEST_SECRET` the secret is random for each start, so after a restart an old token is
refused and the page asks for a new problem.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

from steepest.compute.tasks.messages import PracticeKey
from steepest.engine.answer_kinds import PROBLEM_KINDS, ProblemKind
from steepest.engine.problems.deal import next_template, seed_of
from steepest.engine.problems.topics import TOPICS
from steepest.web.http.errors import ProblemTokenError

LEVELS = (1, 2, 3)
_EXPIRED = "this practice problem is no longer known to the server: ask for a new one"


class ProblemSigner:
    def __init__(self, secret: str | None) -> None:
        self._key = (secret or secrets.token_urlsafe(32)).encode()

    def new_key(
        self, topic: str, level: int, kind: ProblemKind, recent: Sequence[int] = ()
    ) -> PracticeKey:
        """A fresh problem of the level, from none of the `recent` templates (deal.py)."""
        count = TOPICS[topic].templates[level - 1]
        template = next_template(count, recent, secrets.randbelow)
        return PracticeKey(topic, level, kind, seed_of(template, count, secrets.randbelow))

    def sign(self, key: PracticeKey) -> str:
        body = f"{key.topic}.{key.level}.{key.kind}.{key.seed}"
        return f"{body}.{self._signature(body)}"

    def read(self, token: str) -> PracticeKey:
        body, _, signature = token.rpartition(".")
        if not body or not hmac.compare_digest(signature, self._signature(body)):
            raise ProblemTokenError(_EXPIRED)
        # A token signed before topics were part of it has one part fewer: refused as expired.
        parts = body.split(".")
        if len(parts) != 4:
            raise ProblemTokenError(_EXPIRED)
        topic, level, kind, seed = parts
        if topic not in TOPICS or int(level) not in LEVELS or kind not in PROBLEM_KINDS:
            raise ProblemTokenError(_EXPIRED)
        found = next(k for k in PROBLEM_KINDS if k == kind)
        return PracticeKey(topic, int(level), found, int(seed))

    def _signature(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()[:32]
