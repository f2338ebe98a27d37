"""dashboard.run_timing: off by default; with ANP_RUN_TIMES set, one line per script run."""

from __future__ import annotations

import importlib
import time


def test_off_unless_the_environment_asks(monkeypatch, tmp_path):
    monkeypatch.delenv("ANP_RUN_TIMES", raising=False)
    import dashboard.run_timing as rt

    rt = importlib.reload(rt)
    assert not rt.enabled()
    rt.record("weights", rt.start())  # writes nothing, raises nothing
    assert list(tmp_path.iterdir()) == []


def test_records_are_read_back_by_the_load_test(monkeypatch, tmp_path):
    path = tmp_path / "runs.tsv"
    monkeypatch.setenv("ANP_RUN_TIMES", str(path))
    import dashboard.run_timing as rt

    rt = importlib.reload(rt)
    since = time.time() - 1
    for page in ("weights", "judgments", "weights"):
        begun = rt.start()
        burn = time.thread_time() + 0.01
        while time.thread_time() < burn:  # 10 ms of this thread's CPU
            pass
        rt.record(page, begun)
    runs = rt.read(path, since)
    assert sorted(runs) == ["judgments", "weights"]
    assert len(runs["weights"]) == 2
    assert all(0.005 < r.wall < 5 and 0.005 < r.cpu <= r.wall + 0.002 for rs in runs.values() for r in rs)
    monkeypatch.delenv("ANP_RUN_TIMES")
    importlib.reload(rt)


def test_a_line_without_cpu_time_reads_as_nan(tmp_path):
    import math

    import dashboard.run_timing as rt

    path = tmp_path / "runs.tsv"
    path.write_text("100.0\tweights\t0.040000\n200.0\tweights\t0.050000\t0.030000\n", encoding="utf-8")
    old, new = rt.read(path)["weights"]
    assert old.wall == 0.04
    assert math.isnan(old.cpu)
    assert new == rt.Run(0.05, 0.03)
    assert rt.read(path, since=150.0) == {"weights": [new]}


def test_a_fragment_is_timed_only_on_its_own_reruns(monkeypatch, tmp_path):
    from types import SimpleNamespace

    import streamlit.runtime.scriptrunner as sr

    path = tmp_path / "runs.tsv"
    monkeypatch.setenv("ANP_RUN_TIMES", str(path))
    import dashboard.run_timing as rt

    rt = importlib.reload(rt)
    for ids in (None, ["f1"]):  # a whole-page run (app.py times it), then the fragment's own rerun
        monkeypatch.setattr(
            sr, "get_script_run_ctx", lambda ids=ids: SimpleNamespace(fragment_ids_this_run=ids)
        )
        with rt.fragment("weights (slider move)"):
            pass
    assert {k: len(v) for k, v in rt.read(path).items()} == {"weights (slider move)": 1}
    monkeypatch.delenv("ANP_RUN_TIMES")
    importlib.reload(rt)
