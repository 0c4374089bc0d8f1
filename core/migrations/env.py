"""Alembic environment: runs on the engine that ``core.db.upgrade`` hands it.

On SQLite, foreign keys are off while migrating: rebuilding a table (how SQLite alters
one) drops the old table, and with foreign keys on that drop deletes, by cascade, every
row that points at it (a post's versions, approvals and comments). They are checked
before the migration commits, and a violation rolls it back.
"""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import core.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
engine = context.config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).all()
                if broken:
                    raise RuntimeError(f"The migration left rows pointing at nothing: {broken[:5]}")
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
