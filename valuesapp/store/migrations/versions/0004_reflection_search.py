"""reflection search: an FTS5 trigram index over reflection text, kept in sync by triggers (SQLite only)

Searching reflections used to read every reflection into Python to compare case-folded text, so it
slowed down with every year of use. On SQLite this adds an external-content FTS5 table using the
``trigram`` tokenizer (case-insensitive, Unicode case folding, no diacritic removal), which matches
substrings of three or more characters; the journal service uses it to find candidates and still
checks each candidate in Python, so results are exactly what they were. Shorter searches read every
reflection as before.

The index holds no copy of the text (``content='reflection'``); three triggers keep it in step with
inserts, updates of the text and deletes, from any process or tool. A later migration that rebuilds
the ``reflection`` table (Alembic's batch mode on SQLite) drops these triggers with the old table and
must create them again.

On PostgreSQL this migration does nothing: search there keeps working as before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlite3

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TRIGGERS = {
    "reflection_search_insert": (
        "AFTER INSERT ON reflection BEGIN "
        "INSERT INTO reflection_search(rowid, text) VALUES (new.id, new.text); END"
    ),
    "reflection_search_delete": (
        "AFTER DELETE ON reflection BEGIN "
        "INSERT INTO reflection_search(reflection_search, rowid, text) VALUES ('delete', old.id, old.text); END"
    ),
    "reflection_search_update": (
        "AFTER UPDATE OF id, text ON reflection BEGIN "
        "INSERT INTO reflection_search(reflection_search, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO reflection_search(rowid, text) VALUES (new.id, new.text); END"
    ),
}


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def trigram_available() -> bool:
    """FTS5 with the trigram tokenizer (SQLite 3.34+, almost every build); without it search stays as it was."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
        return True
    except sqlite3.Error:
        return False
    finally:
        probe.close()


def upgrade() -> None:
    if not _sqlite() or not trigram_available():
        return
    op.execute(
        "CREATE VIRTUAL TABLE reflection_search USING fts5("
        "text, content='reflection', content_rowid='id', tokenize='trigram case_sensitive 0')"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO reflection_search(reflection_search) VALUES ('rebuild')")


def downgrade() -> None:
    if not _sqlite():
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS reflection_search")
