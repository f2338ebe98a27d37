"""The database: its URL, one engine per process, migrations to the latest schema.

``ANP_DATABASE_URL`` chooses the database: unset, an embedded SQLite file
(``var/panels.sqlite3`` in the project, or ``$ANP_DATA_DIR/panels.sqlite3``),
so ``make run`` needs nothing else; ``postgresql://user:pass@host/db`` for
PostgreSQL (driven by psycopg 3). SQLite runs in WAL mode with
``synchronous=FULL`` (a committed answer survives a crash of the process or
the machine), foreign keys on, and writers start with ``BEGIN IMMEDIATE`` so
concurrent sessions wait for each other instead of failing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

__all__ = ["MIGRATIONS_DIR", "database_url", "get_engine", "migrate", "redacted_url"]

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_LOCK = threading.Lock()
_ENGINES: dict[str, Engine] = {}
_PG_MIGRATION_LOCK = 80_413  # pg_advisory_xact_lock id: replicas migrate one at a time


def database_url(env: dict[str, str] | None = None) -> str:
    """Return the SQLAlchemy URL from ``ANP_DATABASE_URL`` (psycopg 3 for PostgreSQL) or the SQLite default."""
    env = dict(os.environ) if env is None else env
    url = env.get("ANP_DATABASE_URL", "").strip()
    if not url:
        data_dir = Path(env.get("ANP_DATA_DIR") or ROOT / "var")
        return f"sqlite:///{data_dir / 'panels.sqlite3'}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redacted_url(url: str) -> str:
    """Return ``url`` with its password hidden (safe to show or log)."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("anp_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def get_engine(url: str | None = None) -> Engine:
    """Return the process-wide engine for ``url`` (default :func:`database_url`), migrated to the latest schema."""
    url = url or database_url()
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                engine = _sqlite_engine(url)
            else:
                engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
            migrate(engine)
            _ENGINES[url] = engine
        return engine


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` with Alembic; safe when several processes start at once.

    PostgreSQL: an advisory lock held for the migration's transaction.
    SQLite: a lock file beside the database file.
    """
    cfg = _alembic_config()
    lock: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if engine.dialect.name == "sqlite":
        db = make_url(str(engine.url)).database
        if db and db != ":memory:":
            lock = _file_lock(Path(db + ".migrate.lock"))
    with lock, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database to ``revision`` (``"base"`` drops every panel table)."""
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
