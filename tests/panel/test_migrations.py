"""Alembic migrations create exactly the tables of panel/schema.py, and go down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from panel.db import database_url, downgrade, migrate, redacted_url
from panel.schema import Base


def test_migrations_match_the_models_and_round_trip(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrate(engine)
    assert {"panels", "experts", "answers", "assignments", "panel_matrices"} <= set(
        inspect(engine).get_table_names()
    )


def test_database_url_defaults_to_sqlite_and_uses_psycopg_for_postgresql(tmp_path):
    assert database_url({"ANP_DATA_DIR": str(tmp_path)}) == f"sqlite:///{tmp_path / 'panels.sqlite3'}"
    url = database_url({"ANP_DATABASE_URL": "postgresql://u:secret@db:5432/anp"})
    assert url.startswith("postgresql+psycopg://")
    assert "secret" not in redacted_url(url)
