"""anp_core.cache: content-keyed, thread-safe, bounded by bytes."""

from __future__ import annotations

import threading

import numpy as np

from anp_core.cache import ContentCache, nbytes


def test_hit_returns_the_stored_object_and_counts():
    c = ContentCache("t", 10_000)
    calls = []
    first = c.get_or_compute("k", lambda: calls.append(1) or np.zeros(3))
    again = c.get_or_compute("k", lambda: calls.append(1) or np.ones(3))
    assert again is first
    assert calls == [1]
    assert c.info()["hits"] == 1
    assert c.info()["misses"] == 1


def test_least_recently_used_entries_go_first_when_over_budget():
    c = ContentCache("t", 3 * (800 + 112))
    for k in range(3):
        c.get_or_compute(k, lambda: np.zeros(100))
    c.get_or_compute(0, lambda: np.zeros(100))  # touch 0: 1 is now the oldest
    c.get_or_compute(3, lambda: np.zeros(100))
    calls = []
    c.get_or_compute(1, lambda: calls.append(1) or np.zeros(100))
    assert calls == [1]  # 1 was evicted
    assert c.info()["bytes"] <= c.info()["budget"]


def test_a_value_larger_than_the_budget_is_returned_but_not_kept():
    c = ContentCache("t", 100)
    v = c.get_or_compute("big", lambda: np.zeros(1000))
    assert v.shape == (1000,)
    assert c.info()["entries"] == 0


def test_nbytes_uses_an_objects_own_size_and_walks_containers():
    assert nbytes(np.zeros(10)) == 80 + 112
    assert nbytes({"a": np.zeros(10)}) > 80


def test_a_broadcast_view_counts_the_one_copy_it_holds():
    view = np.broadcast_to(np.zeros(10)[:, None], (10, 10))
    assert view.nbytes == 800
    assert nbytes(view) == 80 + 112


def test_many_threads_never_see_a_key_error():
    c = ContentCache("t", 20 * 912)
    errors = []

    def work(seed: int) -> None:
        rng = np.random.default_rng(seed)
        try:
            for _ in range(2000):
                k = int(rng.integers(0, 60))
                v = c.get_or_compute(k, lambda k=k: np.full(100, float(k)))
                assert v[0] == k
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert c.info()["bytes"] <= c.info()["budget"]
