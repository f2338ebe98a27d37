"""Alembic environment: runs on the connection :func:`panel.db.migrate` passes in (or ANP_DATABASE_URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from panel.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # ALTER TABLE through copies on SQLite
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    from panel.db import database_url

    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run(conn)
    else:
        from panel.db import database_url

        with create_engine(database_url()).begin() as c:
            _run(c)
