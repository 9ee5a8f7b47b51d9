"""Random ids for learners and attempts: URL-safe, unguessable, and checked before use."""

from __future__ import annotations

import re
import secrets

from steepest.store.errors import LearnerIdError

# 24 random bytes are 192 bits, written as 32 URL-safe base64 characters.
LEARNER_ID_BYTES = 24
# Ids a caller brings must carry at least 128 bits: 22 base64 characters.
_LEARNER_ID = re.compile(r"[A-Za-z0-9_-]{22,64}")
ATTEMPT_ID_BYTES = 16
ATTEMPT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def new_learner_id() -> str:
    return secrets.token_urlsafe(LEARNER_ID_BYTES)


def new_attempt_id() -> str:
    return secrets.token_urlsafe(ATTEMPT_ID_BYTES)


def is_learner_id(value: str) -> bool:
    return _LEARNER_ID.fullmatch(value) is not None


def check_learner_id(value: str) -> str:
    if not is_learner_id(value):
        raise LearnerIdError(
            "a learner id is 22 to 64 letters, digits, '-' or '_' (a random token)"
        )
    return value
