"""The engine's one cache layer: content-keyed, thread-safe, bounded by bytes.

Every cached value is immutable (read-only arrays, frozen objects), so one
entry can serve every session of a server. Keys are content fingerprints
(a criterion's network key, a matrix's judgments), never object identities:
equal content shares an entry, and an edit misses only what it changed.

The budget is set with :func:`set_budget` (or the environment variable
``ANP_CACHE_MB``, default 256 MB); the least recently used entries go first.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
from numpy.lib.array_utils import byte_bounds

__all__ = ["ContentCache", "array_bytes", "clear", "info", "nbytes", "set_budget"]

T = TypeVar("T")

_DEFAULT_MB = 256


def array_bytes(a: np.ndarray) -> int:
    """Bytes of the buffer ``a`` spans: ``a.nbytes``, except that a broadcast view counts its one copy."""
    low, high = byte_bounds(a)
    return int(high - low)


def nbytes(value: object, _depth: int = 0) -> int:
    """Approximate memory of a cached value: its arrays plus a small overhead per object.

    An array counts the buffer it spans (:func:`array_bytes`); a value that
    knows its size says so with an ``nbytes`` attribute; others are walked a
    few levels deep.
    """
    if isinstance(value, np.ndarray):
        return array_bytes(value) + 112
    own = getattr(value, "nbytes", None)
    if isinstance(own, int):
        return own + 112
    if _depth > 4:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return 64 + sum(nbytes(k, _depth + 1) + nbytes(v, _depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple):
        return 56 + sum(nbytes(v, _depth + 1) for v in value)
    fields = getattr(value, "__dict__", None)
    if fields is not None:
        return 64 + sum(nbytes(v, _depth + 1) for v in fields.values())
    return sys.getsizeof(value)


class ContentCache:
    """A least-recently-used map bounded by the bytes of its values (thread-safe).

    ``get_or_compute(key, compute)`` returns the cached value or stores
    ``compute()``; two threads missing the same key at once may both compute
    (the work is pure), and the first stored value wins.
    """

    def __init__(self, name: str, budget_bytes: int) -> None:
        self.name = name
        self.budget = budget_bytes
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the value for ``key``, computing and storing it on a miss."""
        with self._lock:
            item = self._data.get(key)
            if item is not None:
                self._data.move_to_end(key)
                self.hits += 1
                return item[0]  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()
        size = nbytes(value)
        with self._lock:
            if key in self._data:
                return self._data[key][0]  # type: ignore[no-any-return]
            if size <= self.budget:
                self._data[key] = (value, size)
                self._bytes += size
                while self._bytes > self.budget:
                    _, (_, old) = self._data.popitem(last=False)
                    self._bytes -= old
        return value

    def clear(self) -> None:
        """Drop every entry and reset the counters."""
        with self._lock:
            self._data.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def info(self) -> dict[str, int]:
        """Entries, bytes held, budget, hits and misses."""
        with self._lock:
            return {
                "entries": len(self._data),
                "bytes": self._bytes,
                "budget": self.budget,
                "hits": self.hits,
                "misses": self.misses,
            }


def _budget_from_env() -> int:
    try:
        mb = float(os.environ.get("ANP_CACHE_MB", _DEFAULT_MB))
    except ValueError:
        mb = _DEFAULT_MB
    return int(max(mb, 1.0) * 1024 * 1024)


_total = _budget_from_env()
#: Per-criterion networks (supermatrices and limits): most of the budget.
networks = ContentCache("networks", _total * 7 // 8)
#: Validated pairwise matrices (priorities, consistency) keyed by their judgments.
matrices = ContentCache("matrices", _total // 8)


def set_budget(megabytes: float) -> None:
    """Set the total cache budget (MB), shared 7:1 between networks and matrices."""
    total = int(max(megabytes, 1.0) * 1024 * 1024)
    for cache, share in ((networks, total * 7 // 8), (matrices, total // 8)):
        with cache._lock:
            cache.budget = share
            while cache._bytes > cache.budget and cache._data:
                _, (_, old) = cache._data.popitem(last=False)
                cache._bytes -= old


def clear() -> None:
    """Empty both caches (tests, benchmarks)."""
    networks.clear()
    matrices.clear()


def info() -> dict[str, dict[str, int]]:
    """Counters of both caches."""
    return {"networks": networks.info(), "matrices": matrices.info()}
