"""Alembic's migration environment (`env.py`) and revisions (`versions/`), shipped in the wheel
so `steepest.store.migrate.upgrade` runs them without an alembic.ini at the repository root."""
