"""Private links: unguessable tokens, stored only as hashes.

An expert's token and the facilitator's secret come from
:func:`secrets.token_urlsafe` (192 and 256 random bits). The database keeps
``sha256(purpose + ":" + token)``, so a copy of the database gives no working
link, and an expert token can never act as a facilitator secret. Tokens are
high-entropy, so a fast hash is enough (no password stretching needed).
Nothing in this project logs a token.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Literal

__all__ = ["EXPERT_BYTES", "FACILITATOR_BYTES", "looks_like_token", "new_token", "token_hash"]

EXPERT_BYTES = 24
FACILITATOR_BYTES = 32
Purpose = Literal["expert", "facilitator"]
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_token(purpose: Purpose) -> str:
    """Return a fresh URL-safe token for an expert link or a facilitator secret."""
    return secrets.token_urlsafe(EXPERT_BYTES if purpose == "expert" else FACILITATOR_BYTES)


def token_hash(purpose: Purpose, token: str) -> str:
    """Return the hex SHA-256 stored for ``token`` (64 characters)."""
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def looks_like_token(text: object) -> bool:
    """Return whether ``text`` has the shape of a token (checked before any lookup).

    Examples
    --------
    >>> looks_like_token("abc"), looks_like_token("x" * 32), looks_like_token("<script>" * 4)
    (False, True, False)
    """
    return isinstance(text, str) and bool(_TOKEN.match(text))
