"""Reliability through real servers: 30 experts at once, SIGKILL mid-load, two replicas behind nginx on PostgreSQL.

Each expert is a browser-less protocol client (tests/panel/st_client.py)
answering the questionnaire exactly as a browser does; the figures (p95 from
"Save" to "Saved") are printed at the end of the run.
"""

from __future__ import annotations

import sqlite3
import urllib.request

import pytest

from anp_core import load_model
from anp_core.aggregation_model import CRITERIA_KEY
from dashboard.panel_views import option_label
from dashboard.text import plain
from panel.db import database_url
from panel.scale import SCALE_VALUES
from panel.store import ExpertSpec, PanelStore, get_store, integrity_problems
from tests.conftest import MODEL_PATH, count
from tests.panel.servers import apps, nginx, p95, panel_load, postgres, start_app, stop

pytestmark = pytest.mark.slow
N_EXPERTS = 30


def make_panel(store: PanelStore, key=CRITERIA_KEY):
    model = load_model(MODEL_PATH)
    experts = [ExpertSpec(f"Expert {k:02d}", 1.0 + (k % 3)) for k in range(N_EXPERTS)]
    return store.create_panel(model, "Load panel", experts, matrices=[key])


def expected_answers(made, runs, store: PanelStore):
    """Map expert id -> {(i, j): value} of every acknowledged answer, decoded from the slider labels."""
    spec = store.panel_state(made.facilitator_secret).matrices[0].spec
    shown = [
        plain(x) for x in spec.labels
    ]  # the page escapes the names (markdown) in the slider and the alert
    out = {}
    for (eid, _name, token), run in zip(made.expert_tokens, runs, strict=True):
        assert run.token == token
        mine = {}
        for ack in run.acks:
            i, j = shown.index(ack.pair[0]), shown.index(ack.pair[1])
            values = [v for v in SCALE_VALUES if option_label(v, shown[i], shown[j]) == ack.label]
            assert len(values) == 1
            mine[(i, j)] = values[0]
        out[eid] = mine
    return out


def stored_answers(store: PanelStore, secret: str):
    st = store.panel_state(secret)
    return {eid: dict(a.answers) for (eid, _mid), a in st.assignments.items()}, st


def test_thirty_experts_at_once_every_answer_stored_once_and_attributed(tmp_path, capsys):
    env = {"ANP_DATA_DIR": str(tmp_path)}
    store = get_store(f"sqlite:///{tmp_path / 'panels.sqlite3'}")
    made = make_panel(store)
    app = start_app(env, tmp_path / "server.log")
    try:
        runs = panel_load([app.ws], [t for _, _, t in made.expert_tokens], pairs=10)
    finally:
        stop(app.proc)
    assert [r.error for r in runs if r.error] == []
    expected = expected_answers(made, runs, store)
    stored, st = stored_answers(store, made.facilitator_secret)
    assert stored == expected  # nothing lost, nothing extra, nobody's answer under another expert
    assert sum(len(v) for v in stored.values()) == N_EXPERTS * 10
    assert all(a.submitted_at is not None for a in st.assignments.values())
    with sqlite3.connect(tmp_path / "panels.sqlite3") as c:
        assert c.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == N_EXPERTS * 10
    assert integrity_problems(store.engine) == []
    lat = [a.seconds for r in runs for a in r.acks]
    sub = [r.submit_seconds for r in runs if r.submit_seconds is not None]
    count("panel load: answers saved by 30 concurrent experts", len(lat))
    count(f"panel load: p95 save->saved ms ({len(lat)} answers)", round(1000 * p95(lat)))
    count("panel load: p95 submit->submitted ms", round(1000 * p95(sub)))
    assert not any(t for _, _, t in made.expert_tokens if t in app.log.read_text())


def test_sigkill_mid_load_keeps_every_acknowledged_answer(tmp_path):
    env = {"ANP_DATA_DIR": str(tmp_path)}
    db = tmp_path / "panels.sqlite3"
    store = get_store(f"sqlite:///{db}")
    made = make_panel(store)
    app = start_app(env, tmp_path / "server.log")
    import threading
    import time

    # kill the server once about half the answers have been written (watched in the database)
    def killer() -> None:
        end = time.monotonic() + 120
        while time.monotonic() < end:
            with sqlite3.connect(db, timeout=30) as c:
                n = c.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
            if n >= N_EXPERTS * 10 // 2:
                app.kill()
                return
            time.sleep(0.05)

    t = threading.Thread(target=killer)
    t.start()
    try:
        runs = panel_load([app.ws], [tok for _, _, tok in made.expert_tokens], pairs=10, submit=False)
    finally:
        t.join()
        stop(app.proc)
    acked = sum(len(r.acks) for r in runs)
    assert 0 < acked < N_EXPERTS * 10, "the kill must land in the middle of the load"
    assert sum(bool(r.error) for r in runs) > 0
    # restart on the same database
    app2 = start_app(env, tmp_path / "server2.log")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{app2.port}/_stcore/health", timeout=5) as r:
            assert r.status == 200
        expected = expected_answers(made, runs, store)
        stored, _ = stored_answers(store, made.facilitator_secret)
        for eid, mine in expected.items():
            for pair, value in mine.items():
                assert stored[eid].get(pair) == value, "an acknowledged answer was lost or changed"
            assert len(stored[eid]) - len(mine) <= 1  # at most the one in flight when the server died
        with sqlite3.connect(db) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert integrity_problems(store.engine) == []
        # the restarted server serves the questionnaire again, answers kept
        again = panel_load([app2.ws], [made.expert_tokens[0][2]], pairs=1, submit=False)
        assert again[0].error == ""
    finally:
        stop(app2.proc)
    count("kill test: answers acknowledged before SIGKILL (all found after restart)", acked)
    count("kill test: stored in flight, not acknowledged", sum(len(v) for v in stored.values()) - acked)


def test_two_replicas_behind_nginx_on_postgresql(tmp_path):
    with postgres() as url:
        env = {"ANP_DATABASE_URL": url}
        store = get_store(database_url({"ANP_DATABASE_URL": url}))
        made = make_panel(store, key=load_model(MODEL_PATH).comparisons[1].key)  # 4 elements, 6 pairs
        logs = [tmp_path / "replica1.log", tmp_path / "replica2.log"]
        with apps(env, logs) as (a1, a2), nginx([a1.port, a2.port], tmp_path / "nginx") as (port, access):
            tokens = [t for _, _, t in made.expert_tokens]
            runs = panel_load([f"ws://127.0.0.1:{port}"], tokens, pairs=6)
            # a browser's first page load: the token in the URL, the cookie that pins the replica
            req = urllib.request.Request(f"http://127.0.0.1:{port}/?panel={tokens[0]}")
            with urllib.request.urlopen(req, timeout=10) as r:
                cookie = r.headers["Set-Cookie"]
                assert r.headers["Referrer-Policy"] == "no-referrer"
            assert cookie.startswith("anp_route=")
            pinned = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/health")
            pinned.add_header("Cookie", cookie.split(";")[0])
            for _ in range(12):
                urllib.request.urlopen(pinned, timeout=5).read()
        assert [r.error for r in runs if r.error] == []
        expected = expected_answers(made, runs, store)
        stored, st = stored_answers(store, made.facilitator_secret)
        assert stored == expected
        assert all(a.submitted_at is not None for a in st.assignments.values())
        assert integrity_problems(store.engine) == []
        lines = access.read_text().splitlines()
        ws_upstreams = {ln.rsplit("upstream=", 1)[1] for ln in lines if "/_stcore/stream" in ln}
        assert len(ws_upstreams) == 2, f"both replicas must serve sessions: {ws_upstreams}"
        pinned_upstreams = {ln.rsplit("upstream=", 1)[1] for ln in lines[-12:]}
        assert len(pinned_upstreams) == 1, "a cookie must keep a browser on one replica"
        for log in [access, tmp_path / "nginx" / "error.log", *logs]:
            text = log.read_text()
            assert not any(t in text for t in tokens), f"a token reached {log.name}"
        lat = [a.seconds for r in runs for a in r.acks]
        count(f"replica test: answers through nginx ({len(ws_upstreams)} replicas)", len(lat))
        count("replica test: p95 save->saved ms", round(1000 * p95(lat)))
