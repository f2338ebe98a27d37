"""Doctests of the panel package; Alembic scripts only run inside Alembic."""

collect_ignore_glob = ["migrations/*"]
