"""Expert panels: judgments collected from many people, stored in a database.

Modules: :mod:`panel.db` (engine from ``ANP_DATABASE_URL``, SQLite by default),
:mod:`panel.schema` (SQLAlchemy tables), ``panel/migrations`` (Alembic),
:mod:`panel.tokens` (private links), :mod:`panel.store` (every read and write,
one transaction each) with :mod:`panel.access` (who reaches what),
:mod:`panel.creation` (new panels), :mod:`panel.answers` (saving and
submitting judgments), :mod:`panel.export` (the JSON export) and
:mod:`panel.integrity` (table checks); :mod:`panel.records` (what the store
returns) and :mod:`panel.errors`; :mod:`panel.scale` (Saaty's verbal scale),
:mod:`panel.workbook` (offline questionnaires) and :mod:`panel.results`
(group results through :func:`anp_core.aggregate`). No Streamlit here.
"""
