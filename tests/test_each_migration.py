"""Each migration, from the revision before it, on a store holding what that release wrote.

For every step of Alembic's chain (base -> 0001, 0001 -> 0002, ...), found by walking the script folder so
that a new migration is picked up by itself: a store is built release by release up to the earlier
revision, each release adding the rows it would have written (plain SQL, at exactly that release's schema);
it is upgraded to the later revision; then

* every row of every table is still there, every column byte for byte as the database returns it;
* the schema changed exactly as the migration says (new tables, columns, indexes, triggers: nothing more,
  nothing dropped), and what the migration promises holds (defaults of new columns, constraints, the
  search index finding the reflections already written, ...);
* downgrading back gives the earlier schema and the very same rows, and upgrading again the later ones.

ROWS_AT says what a store at each revision holds, CHECKS_AFTER what is true after upgrading to it. A new
migration fails here until it has an entry in both.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from hashlib import sha256

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError, SAWarning
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from valuesapp.store import tables
from valuesapp.store.engine import Store, current_revision, open_store
from valuesapp.store.migrations.run import alembic_config

BASE = "base"


# The chain, as Alembic has it


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _chain() -> list[str]:
    """The revisions oldest first; one straight line, as migrate_to_head assumes."""
    script = _script()
    assert len(script.get_heads()) == 1, f"the migrations have several heads: {script.get_heads()}"
    chain = [r.revision for r in reversed(list(script.walk_revisions(BASE, "heads")))]
    for earlier, later in zip([None, *chain], chain):
        assert script.get_revision(later).down_revision == earlier, f"{later} does not follow {earlier}"
    return chain


CHAIN = _chain()
PAIRS = list(zip([BASE, *CHAIN[:-1]], CHAIN))


def _migrate(store: Store, direction: str, revision: str) -> None:
    """As migrate_to_head does: on a connection of the app's own engine (SQLite's foreign keys on)."""
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, direction)(config, revision)


# Writing rows as a release wrote them: plain SQL, values bound as the app's column types bind them


_TYPES = {bool: sa.Boolean(), dict: sa.JSON(), list: sa.JSON(), datetime: UTCDateTime(), date: sa.Date()}


def put(conn: Connection, table: str, **row) -> None:
    """INSERT one row, naming its columns, so it is valid at the schema of the release writing it."""
    names = list(row)
    statement = text(
        f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)}) '
        f'VALUES ({", ".join(f":{n}" for n in names)})'
    )
    typed = [bindparam(n, type_=_TYPES[type(v)]) for n, v in row.items() if type(v) in _TYPES]
    conn.execute(statement.bindparams(*typed), row)


def at(day: str, clock: str = "08:00:00.000000") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=timezone.utc)


def d(day: str) -> date:
    return date.fromisoformat(day)


def token_hash(token: str) -> str:
    return sha256(token.encode()).hexdigest()


WEEK = [f"2026-01-{n:02d}" for n in range(5, 12)]

TITLES = {
    1: "Ehrlichkeit — zu meinem Wort stehen",
    2: "Courage 勇気",
    3: "Geduld 🌱",
    4: "Punctuality",
    5: "geduld 🌱",  # archived: may repeat an active title, ignoring case
    6: "Großzügigkeit",
}

ARCHIVE_REASONS = {4: "Folded into keeping my word.", 5: "Kept the other one — same thing, ‘schöner’."}

REFLECTIONS_0001 = {
    1: (WEEK[0], 2, "Said no to the meeting I did not need. 🙂 שלום", 4),
    2: (WEEK[1], 1, "Habe die Zusage an Jörg eingehalten, obwohl es spät wurde.", 5),
    3: (WEEK[2], 3, "Ungeduldig mit den Kindern beim Frühstück. Morgen: erst atmen.", 2),
    4: (WEEK[3], 2, "勇気を出して、上司に本当のことを言った。", 4),
    5: (WEEK[4], 1, 'Told Sam "I was wrong" — first time in months.\nIt helped.', 5),
    6: (WEEK[5], 3, "Café, crème brûlée, naïve façade: do the accents survive?", 3),
    7: (WEEK[6], 1, "Kept the promise, again. " * 120, 4),
    8: (WEEK[6], None, "Nothing to do with any value today; just a note: ÆØÅ ß İ", None),
}


def rows_at_0001(conn: Connection) -> None:
    """The first release: three active values and two archived, their prompts and history, a week of
    picks and reflections, friends' notes, repairs in every state, a focus, pauses and settings."""
    t0 = at("2026-01-01")
    for vid, rank in ((1, 1), (2, 2), (3, 3), (4, None), (5, None)):
        archived = at("2026-01-03", "19:45:12.250000") if rank is None else None
        put(conn, "value", id=vid, title=TITLES[vid], description="Was ich sage, dazu stehe ich." if vid == 1 else "",
            rank=rank, archived_at=archived,
            archive_reason=ARCHIVE_REASONS.get(vid),
            created_at=t0 + timedelta(minutes=vid), updated_at=archived or t0 + timedelta(minutes=vid))
    for pid, vid, prompt in ((1, 1, "What did I promise today?"), (2, 1, "Wem habe ich heute etwas zugesagt?"),
                             (3, 2, "Where did fear make the call? 🤔")):
        put(conn, "value_prompt", id=pid, value_id=vid, text=prompt, created_at=t0)
    order: list[int] = []
    history = [("add", 1), ("add", 2), ("add", 3), ("add", 4), ("archive", 4), ("add", 5), ("archive", 5)]
    for rid, (action, vid) in enumerate(history, start=1):
        order = [*order, vid] if action == "add" else [v for v in order if v != vid]
        detail = {"rank": None} if action == "add" else {"reason": f"Snipped ‘{TITLES[vid]}’"}
        put(conn, "revision", id=rid, at=t0 + timedelta(minutes=rid), action=action, value_id=vid,
            summary=f"{action.title()} '{TITLES[vid]}'.", detail=detail, order_ids=order,
            titles=[TITLES[v] for v in order])
    for pid, day in enumerate(WEEK, start=1):
        weighted = pid > 5
        put(conn, "daily_pick", id=pid, day=d(day), value_id=(pid - 1) % 3 + 1,
            strategy="weighted" if weighted else "rotation",
            reason="Weighted: lower-rated values come up more often." if weighted else f"Rotation: round {1 + pid // 4}.",
            cycle=None if weighted else 1 + pid // 4, created_at=at(day, "04:00:00.000001"))
    put(conn, "focus", id=1, value_id=1, start=d("2026-01-06"), end=d("2026-01-08"), cleared_at=None, created_at=t0)
    put(conn, "focus", id=2, value_id=2, start=d("2025-12-01"), end=d("2025-12-07"),
        cleared_at=at("2025-12-03", "21:00:00.000000"), created_at=at("2025-11-30"))
    put(conn, "pause", id=1, start=d("2026-02-01"), end=d("2026-02-07"), reason="Urlaub 🏖", created_at=t0)
    put(conn, "pause", id=2, start=d("2025-12-24"), end=d("2025-12-26"), reason="", created_at=at("2025-12-20"))
    for rid, (day, vid, words, rating) in REFLECTIONS_0001.items():
        put(conn, "reflection", id=rid, day=d(day), value_id=vid, text=words, rating=rating,
            created_at=at(day, "21:30:00.000000"), updated_at=at(day, "21:31:05.123456"))
    notes = [
        (1, "Alex", WEEK[0], "You promise more than you deliver.", "concern", 1, "acknowledged", False),
        (2, "Mira", WEEK[2], "Danke, dass du zugehört hast ❤️", "appreciation", None, "new", False),
        (3, "Sam (work)", WEEK[4], "Maybe say no earlier — it would help the team.", "suggestion", 2, "acted_on", True),
    ]
    for fid, friend, day, note, kind, vid, state, via_link in notes:
        put(conn, "feedback", id=fid, friend=friend, received_on=d(day), note=note, kind=kind, value_id=vid,
            state=state, via_link=via_link, created_at=at(day, "12:00:00.000000"), updated_at=at(day, "18:00:00.000000"))
    put(conn, "repair", id=1, person="Alex", what="Talk about the missed deadlines", kind="conversation", value_id=1,
        target_date=d("2026-01-20"), state="planned", planned_for=d("2026-01-10"), feedback_id=1,
        created_at=at(WEEK[0], "12:05:00.000000"), updated_at=at(WEEK[1]))
    put(conn, "repair", id=2, person="Jörg", what="Entschuldigung für den vergessenen Geburtstag", kind="apology",
        value_id=1, state="owed", created_at=at(WEEK[1]), updated_at=at(WEEK[1]))
    put(conn, "repair", id=3, person="Sam (work)", what="Own the late report in the stand-up", kind="amends",
        value_id=2, target_date=d("2026-01-12"), state="done", done_at=at(WEEK[5], "09:15:00.000000"),
        outcome_note="Said it plainly; Sam nodded. 👍", feedback_id=3, created_at=at(WEEK[4]), updated_at=at(WEEK[5]))
    put(conn, "repair", id=4, person="Mira", what="Return the borrowed book", kind="other", state="released",
        released_at=at(WEEK[6]), release_reason="She said to keep it.", created_at=at(WEEK[2]), updated_at=at(WEEK[6]))
    for key, value in (("pick_strategy", "weighted"), ("day_starts_at", "05:00"), ("timezone", "Europe/Berlin"),
                       ("reminder_at", "off"), ("evening_prompt_at", "21:30"), ("theme", "dark"), ("growth_edge", "on")):
        put(conn, "setting", key=key, value=value)


def rows_at_0002(conn: Connection) -> None:
    """The release with reminders: the scheduler's log of what went out, and another day of use."""
    for lid, (kind, day, clock) in enumerate(
        (("morning", WEEK[0], "07:00:00.000000"), ("evening", WEEK[0], "20:30:00.000000"),
         ("morning", WEEK[1], "07:00:02.500000"), ("weekly", WEEK[6], "17:00:00.000000")), start=1):
        put(conn, "reminder_log", id=lid, kind=kind, day=d(day), fired_at=at(day, clock))
    put(conn, "daily_pick", id=8, day=d("2026-01-12"), value_id=1, strategy="weighted", reason="Weighted.", cycle=None,
        created_at=at("2026-01-12", "04:00:00.000000"))
    put(conn, "reflection", id=9, day=d("2026-01-12"), value_id=1, text="Erinnerung kam um sieben — gut so.", rating=3,
        created_at=at("2026-01-12", "21:00:00.000000"), updated_at=at("2026-01-12", "21:00:00.000000"))


def rows_at_0003(conn: Connection) -> None:
    """The release with friends' links: three links (one revoked, one expiring), the owner's passphrase,
    and notes that came through links."""
    links = [
        (1, "Sam (work)", True, None, None),
        (2, "Oma Ilse", False, at("2026-03-01"), None),
        (3, "Alex", True, None, at("2026-01-20", "10:00:00.000000")),
    ]
    for lid, friend, allow_values, expires, revoked in links:
        put(conn, "feedback_link", id=lid, friend=friend, token_sha256=token_hash(f"token-{lid}"),
            allow_values=allow_values, created_at=at("2026-01-13"), expires_at=expires, revoked_at=revoked)
    put(conn, "owner_passphrase", id=1, set_at=at("2026-01-13", "07:59:59.999999"),
        argon2_hash="$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eA")
    put(conn, "feedback", id=4, friend="Sam (work)", received_on=d("2026-01-14"), note="Thanks for owning the report.",
        kind="appreciation", value_id=2, state="new", via_link=True, link_id=1,
        created_at=at("2026-01-14"), updated_at=at("2026-01-14"))
    put(conn, "feedback", id=5, friend="Oma Ilse", received_on=d("2026-01-15"), note="Ruf öfter an, mein Schatz! 📞",
        kind="suggestion", value_id=None, state="new", via_link=True, link_id=2,
        created_at=at("2026-01-15"), updated_at=at("2026-01-15"))


def rows_at_0004(conn: Connection) -> None:
    """The release with reflection search: reflections written, one edited and one deleted with the
    index in place (its triggers follow each)."""
    for rid, day, vid, words, rating in (
        (10, "2026-01-16", 1, "Zugesagt, eingehalten: Jörg bekam das Buch zurück.", 5),
        (11, "2026-01-17", 2, "Searched for courage, found it in a phone call.", 3),
    ):
        put(conn, "reflection", id=rid, day=d(day), value_id=vid, text=words, rating=rating,
            created_at=at(day, "22:00:00.000000"), updated_at=at(day, "22:00:00.000000"))
    conn.execute(text("UPDATE reflection SET text = :t, updated_at = updated_at WHERE id = 6"),
                 {"t": "Café, crème brûlée, naïve façade — edited later."})
    conn.execute(text("DELETE FROM reflection WHERE id = 8"))


def rows_at_0005(conn: Connection) -> None:
    """The release with paged Feedback and Repairs: more notes, closed repairs, a new value."""
    put(conn, "value", id=6, title=TITLES[6], description="Teilen, ohne zu zählen.", rank=4, archived_at=None,
        archive_reason=None, created_at=at("2026-01-18"), updated_at=at("2026-01-18"))
    put(conn, "revision", id=8, at=at("2026-01-18"), action="add", value_id=6, summary=f"Add '{TITLES[6]}'.",
        detail={"rank": None}, order_ids=[1, 2, 3, 6], titles=[TITLES[v] for v in (1, 2, 3, 6)])
    put(conn, "feedback", id=6, friend="Mira", received_on=d("2026-01-19"), note="Schön, dass du da warst.",
        kind="appreciation", value_id=6, state="acknowledged", via_link=False, link_id=None,
        created_at=at("2026-01-19"), updated_at=at("2026-01-19"))
    put(conn, "repair", id=5, person="Oma Ilse", what="Sonntags anrufen", kind="amends", value_id=1, state="done",
        done_at=at("2026-01-19", "17:00:00.000000"), outcome_note="Eine Stunde geredet ☎️", feedback_id=5,
        created_at=at("2026-01-15"), updated_at=at("2026-01-19", "17:00:00.000000"))


def rows_at_0006(conn: Connection) -> None:
    """The release where a friend's form sends one note: a note through Maya's link, and its used form."""
    put(conn, "feedback", id=7, friend="Maya", received_on=d("2026-01-20"), note="Du hörst gut zu.",
        kind="appreciation", value_id=None, state="new", via_link=True, link_id=1,
        created_at=at("2026-01-20"), updated_at=at("2026-01-20"))
    put(conn, "used_form_token", digest="ab" * 32, used_at=at("2026-01-20"))


def rows_at_0007(conn: Connection) -> None:
    """The release with reviews: a saved values review, and the question set for a week."""
    put(conn, "values_review", id=1, day=d("2026-01-19"), period_from=d("2025-10-28"), period_to=d("2026-01-19"),
        gaps=[{"kind": "never_reflected", "value_id": 2, "feedback_ids": [], "text": "Never reflected on."}],
        changes=["Add 'Großzügigkeit'."], note="Mehr teilen.", created_at=at("2026-01-19"))
    put(conn, "week_question", id=1, week_start=d("2026-01-19"), text="Wen rufe ich diese Woche an?",
        created_at=at("2026-01-18"), updated_at=at("2026-01-18"))


def rows_at_0008(conn: Connection) -> None:
    """The release with Web Push: the server's key pair, a phone subscribed, and the morning card it was sent."""
    put(conn, "vapid_key", id=1, private_pem="-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG\n-----END PRIVATE KEY-----\n",
        public_key="B" + "A" * 86, created_at=at("2026-01-20"))
    put(conn, "push_device", id=1, endpoint="https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b", p256dh="B" + "A" * 86,
        auth="AAAAAAAAAAAAAAAAAAAAAA", user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
        added_at=at("2026-01-20"), last_sent_at=at("2026-01-21", "07:00:01.000000"), last_result="accepted (201)")
    put(conn, "push_sent", id=1, device_id=1, kind="morning", day=d("2026-01-21"), sent_at=at("2026-01-21", "07:00:00.000000"))


ROWS_AT: dict[str, Callable[[Connection], None]] = {
    "0001": rows_at_0001,
    "0002": rows_at_0002,
    "0003": rows_at_0003,
    "0004": rows_at_0004,
    "0005": rows_at_0005,
    "0006": rows_at_0006,
    "0007": rows_at_0007,
    "0008": rows_at_0008,
}


# Reading a store back: its shape and its rows


def _tables(conn: Connection) -> list[str]:
    return sorted(t for t in inspect(conn).get_table_names() if t != "alembic_version")


def _triggers(conn: Connection) -> set[str]:
    if conn.dialect.name != "sqlite":
        return set()
    return {name for (name,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}


def _indexes(conn: Connection, look, table: str) -> dict[str, object]:
    """By name: SQLite's own CREATE INDEX text (expression and partial indexes included), PostgreSQL's reflection."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                                  "AND sql IS NOT NULL"), {"t": table})
        return dict(found.all())
    return {i["name"]: (i["column_names"], i.get("expressions"), bool(i["unique"]),
                        sorted((k, str(v)) for k, v in i.get("dialect_options", {}).items()))
            for i in look.get_indexes(table)}


def _shape(conn: Connection) -> dict:
    """Tables with their columns, keys, indexes and unique constraints; SQLite's triggers."""
    with warnings.catch_warnings():  # SQLAlchemy cannot reflect SQLite's expression index; _indexes reads it
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index", SAWarning)
        return _shape_of(conn, inspect(conn))


def _shape_of(conn: Connection, look) -> dict:
    shape: dict = {"triggers": sorted(_triggers(conn))}
    for table in _tables(conn):
        shape[table] = {
            "columns": {c["name"]: (str(c["type"]), c["nullable"], str(c.get("default")))
                        for c in look.get_columns(table)},
            "primary key": look.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted((f["constrained_columns"], f["referred_table"], f["referred_columns"])
                                   for f in look.get_foreign_keys(table)),
            "indexes": _indexes(conn, look, table),
            "unique": sorted((u["name"] or "", u["column_names"]) for u in look.get_unique_constraints(table)),
        }
    return shape


def _rows(conn: Connection, shape: dict) -> dict[str, list[dict]]:
    """Every row of every table, as the driver returns it (no type conversion), in key order."""
    rows = {}
    for table in _tables(conn):
        columns = list(shape[table]["columns"])
        order = shape[table]["primary key"] or columns
        quoted = ", ".join(f'"{c}"' for c in columns)
        by = ", ".join(f'"{c}"' for c in order)
        result = conn.exec_driver_sql(f'SELECT {quoted} FROM "{table}" ORDER BY {by}')
        rows[table] = [dict(zip(columns, r)) for r in result]
    return rows


@dataclass
class Snapshot:
    shape: dict
    rows: dict[str, list[dict]]


def snapshot(store: Store) -> Snapshot:
    with store.engine.connect() as conn:
        shape = _shape(conn)
        return Snapshot(shape, _rows(conn, shape))


# What each migration promises


@dataclass
class Probe:
    """What a check after an upgrade may look at: the store as migrated, and the rows it held before."""

    store: Store
    before: Snapshot
    after: Snapshot

    @property
    def sqlite(self) -> bool:
        return self.store.is_sqlite

    def rows(self, sql: str, **params) -> list[tuple]:
        with self.store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]

    @contextmanager
    def trying(self) -> Iterator[Connection]:
        """A connection whose writes are all rolled back: checks leave the migrated store as it was."""
        with self.store.engine.connect() as conn:
            conn.begin()
            try:
                yield conn
            finally:
                conn.rollback()

    def refused(self, *statements: str) -> None:
        """The last statement breaks a constraint, after the ones before it went in."""
        with self.trying() as conn:
            for sql in statements[:-1]:
                conn.execute(text(sql))
            with pytest.raises(IntegrityError):
                conn.execute(text(statements[-1]))

    def indexes(self, table: str) -> dict[str, list]:
        return {i["name"]: i["column_names"] for i in inspect(self.store.engine).get_indexes(table)}


@dataclass(frozen=True)
class Then:
    """After upgrading to a revision: what it says, how the schema changes, and what else must hold."""

    says: str
    check: Callable[[Probe], None]
    new_tables: frozenset[str] = frozenset()
    new_columns: dict[str, set[str]] = field(default_factory=dict)  # on tables that were there before
    new_indexes: dict[str, set[str]] = field(default_factory=dict)  # on tables that were there before
    sqlite_new_tables: Callable[[], set[str]] = set
    sqlite_new_triggers: Callable[[], set[str]] = set


FIRST_TABLES = frozenset({"value", "value_prompt", "revision", "daily_pick", "focus", "pause", "reflection",
                          "feedback", "repair", "setting"})


def _insert_value(vid: int, title: str, archived: bool = False) -> str:
    when = "'2026-01-01 00:00:00'"
    return (f"INSERT INTO value (id, title, description, rank, archived_at, created_at, updated_at) "
            f"VALUES ({vid}, '{title}', '', NULL, {when if archived else 'NULL'}, {when}, {when})")


def after_0001(p: Probe) -> None:
    for table in FIRST_TABLES:
        assert p.after.rows[table] == [], f"a brand-new {table} table holds rows"
    with p.trying() as conn:  # an archived value may repeat an active title
        conn.execute(text(_insert_value(100, "Courage")))
        conn.execute(text(_insert_value(101, "courage", archived=True)))
    p.refused(_insert_value(100, "Courage"), _insert_value(101, "COURAGE"))


def after_0002(p: Probe) -> None:
    assert p.after.rows["reminder_log"] == []
    fired = "INSERT INTO reminder_log (id, kind, day, fired_at) VALUES ({}, 'morning', '{}', '2026-01-13 07:00:00')"
    with p.trying() as conn:
        conn.execute(text(fired.format(100, "2026-01-13")))
        conn.execute(text(fired.format(101, "2026-01-14")))
    p.refused(fired.format(100, "2026-01-13"), fired.format(101, "2026-01-13"))


def after_0003(p: Probe) -> None:
    assert p.after.rows["feedback_link"] == [] and p.after.rows["owner_passphrase"] == []
    links = [(n["id"], n["link_id"]) for n in p.after.rows["feedback"]]
    assert links == [(n["id"], None) for n in p.before.rows["feedback"]], "notes from before links came through none"
    fks = inspect(p.store.engine).get_foreign_keys("feedback")
    assert ["link_id"] in [f["constrained_columns"] for f in fks if f["referred_table"] == "feedback_link"]
    assert p.indexes("feedback")["ix_feedback_link_id"] == ["link_id"]
    true = "1" if p.sqlite else "true"
    link = ("INSERT INTO feedback_link (id, friend, token_sha256, allow_values, created_at) "
            f"VALUES ({{}}, 'Sam', '{token_hash('t')}', {true}, '2026-01-13 08:00:00')")
    with p.trying() as conn:  # a note can now name the link it came through
        conn.execute(text(link.format(1)))
        conn.execute(text("UPDATE feedback SET link_id = 1 WHERE id = 3"))
        joined = conn.execute(text("SELECT f.friend, l.friend FROM feedback f JOIN feedback_link l ON l.id = f.link_id"))
        assert joined.all() == [("Sam (work)", "Sam")]
    p.refused("UPDATE feedback SET link_id = 999 WHERE id = 1")  # but no link that is not there
    p.refused(link.format(1), link.format(2))  # a token's hash is one link's only


def _trigram_available() -> bool:
    return _script().get_revision("0004").module.trigram_available()


def _search(conn_or_probe, phrase: str) -> set[int]:
    query = "SELECT rowid FROM reflection_search WHERE reflection_search MATCH :q"
    quoted = '"' + phrase.replace('"', '""') + '"'
    if isinstance(conn_or_probe, Probe):
        return {r[0] for r in conn_or_probe.rows(query, q=quoted)}
    return {r[0] for r in conn_or_probe.execute(text(query), {"q": quoted})}


def after_0004(p: Probe) -> None:
    if not (p.sqlite and _trigram_available()):
        return  # on PostgreSQL (or SQLite without trigram) the migration changes nothing: the shape checks say so
    reflections = p.after.rows["reflection"]
    for r in reflections:  # each reflection already written is found by a piece of its text
        piece = r["text"][3:15]
        assert r["id"] in _search(p, piece), f"reflection {r['id']} is not found by {piece!r}"
    assert _search(p, "MEETING") == {1} and _search(p, "jörg") == {2}, "search ignores case"
    assert _search(p, "勇気を出し") == {4}
    assert _search(p, "no such words here") == set()
    with p.trying() as conn:  # the triggers keep the index in step with what is written from now on
        conn.execute(text("INSERT INTO reflection (id, day, text, created_at, updated_at) "
                          "VALUES (100, '2026-01-13', 'Fresh words: Zebrastreifen', '2026-01-13', '2026-01-13')"))
        assert _search(conn, "zebrastreifen") == {100}
        conn.execute(text("UPDATE reflection SET text = 'Changed to Xylophon' WHERE id = 100"))
        assert _search(conn, "zebrastreifen") == set() and _search(conn, "xylophon") == {100}
        conn.execute(text("DELETE FROM reflection WHERE id = 100"))
        assert _search(conn, "xylophon") == set()


def after_0005(p: Probe) -> None:
    assert p.indexes("feedback")["ix_feedback_received"] == ["received_on", "id"]
    assert p.indexes("repair")["ix_repair_state_updated"] == ["state", "updated_at"]
    if p.sqlite:  # the pages of the Feedback and Repairs screens read the new indexes instead of sorting
        newest_notes = p.rows("EXPLAIN QUERY PLAN SELECT * FROM feedback ORDER BY received_on DESC, id DESC LIMIT 30")
        assert "ix_feedback_received" in str(newest_notes), newest_notes
        latest_done = p.rows("EXPLAIN QUERY PLAN SELECT * FROM repair WHERE state = 'done' "
                             "ORDER BY updated_at DESC, id DESC LIMIT 30")
        assert "ix_repair_state_updated" in str(latest_done), latest_done


def after_0006(p: Probe) -> None:
    assert p.after.rows["used_form_token"] == [], "no form has been used yet"
    used = "INSERT INTO used_form_token (digest, used_at) VALUES ('{}', '2026-01-20 10:00:00')"
    with p.trying() as conn:
        conn.execute(text(used.format("ab" * 32)))
        conn.execute(text(used.format("cd" * 32)))
    p.refused(used.format("ab" * 32), used.format("ab" * 32))  # a used form is there once


def after_0007(p: Probe) -> None:
    assert p.after.rows["values_review"] == [] and p.after.rows["week_question"] == []
    asked = ("INSERT INTO week_question (id, week_start, text, created_at, updated_at) "
             "VALUES ({}, '2026-01-19', 'What now?', '2026-01-18 10:00:00', '2026-01-18 10:00:00')")
    with p.trying() as conn:
        conn.execute(text(asked.format(100)))
    p.refused(asked.format(100), asked.format(101))


def after_0008(p: Probe) -> None:
    for table in ("push_device", "push_sent", "vapid_key"):
        assert p.after.rows[table] == [], f"a brand-new {table} table holds rows"
    device = ("INSERT INTO push_device (id, endpoint, p256dh, auth, added_at) "
              "VALUES ({}, 'https://push.example/{}', 'k', 'a', '2026-01-20 10:00:00')")
    sent = "INSERT INTO push_sent (id, device_id, kind, day, sent_at) VALUES ({}, {}, 'morning', '2026-01-21', '2026-01-21')"
    with p.trying() as conn:  # a reminder goes to each device once a day
        conn.execute(text(device.format(1, "a")))
        conn.execute(text(device.format(2, "b")))
        conn.execute(text(sent.format(1, 1)))
        conn.execute(text(sent.format(2, 2)))
    p.refused(device.format(1, "a"), device.format(2, "a"))  # one device per endpoint
    p.refused(device.format(1, "a"), sent.format(1, 1), sent.format(2, 1))  # and one morning push per day to it
    p.refused(sent.format(1, 99))  # only to a device that is there


def _search_tables() -> set[str]:
    if not _trigram_available():
        return set()
    return {"reflection_search", *(f"reflection_search_{s}" for s in ("data", "idx", "docsize", "config"))}


def _search_triggers() -> set[str]:
    if not _trigram_available():
        return set()
    return set(_script().get_revision("0004").module.TRIGGERS)


CHECKS_AFTER: dict[str, Then] = {
    "0001": Then("the first release's tables are there, empty, and an active value's title is unique ignoring case",
                 after_0001, new_tables=FIRST_TABLES),
    "0002": Then("the reminder log is there, empty, and takes one reminder of a kind per day",
                 after_0002, new_tables=frozenset({"reminder_log"})),
    "0003": Then("links and the passphrase have tables, and every note has a link_id, empty, that must name a link",
                 after_0003, new_tables=frozenset({"feedback_link", "owner_passphrase"}),
                 new_columns={"feedback": {"link_id"}}, new_indexes={"feedback": {"ix_feedback_link_id"}}),
    "0004": Then("on SQLite, searching finds the reflections already written, and the ones written from then on",
                 after_0004, sqlite_new_tables=_search_tables, sqlite_new_triggers=_search_triggers),
    "0005": Then("the newest notes and the latest closed repairs have their indexes, used by the paged screens",
                 after_0005, new_indexes={"feedback": {"ix_feedback_received"}, "repair": {"ix_repair_state_updated"}}),
    "0006": Then("a friend's form that sent its note is kept by the digest of its token, once",
                 after_0006, new_tables=frozenset({"used_form_token"})),
    "0007": Then("saved values reviews and the weeks' questions have tables, empty, and a week has one question",
                 after_0007, new_tables=frozenset({"values_review", "week_question"})),
    "0008": Then("phones, what was pushed to each (once a device, kind and day) and the VAPID key have tables, empty",
                 after_0008, new_tables=frozenset({"push_device", "push_sent", "vapid_key"})),
}


# The checks every migration gets


def given_a_store_at(store_url: str, revision: str) -> Store:
    """Built release by release: each upgrade, then the rows that release wrote."""
    store = open_store(store_url, migrate=False)
    for rev in CHAIN[: CHAIN.index(revision) + 1] if revision != BASE else []:
        _migrate(store, "upgrade", rev)
        with store.engine.begin() as conn:
            ROWS_AT[rev](conn)
    assert (current_revision(store) or BASE) == revision
    return store


def assert_rows_kept(before: Snapshot, after: Snapshot, when: str) -> None:
    for table, rows in before.rows.items():
        assert table in after.rows, f"{when}: table {table} is gone"
        columns = list(before.shape[table]["columns"])
        missing = [c for c in columns if c not in after.shape[table]["columns"]]
        assert not missing, f"{when}: {table} lost its columns {missing}"
        kept = [{c: row[c] for c in columns} for row in after.rows[table]]
        assert kept == rows, f"{when}: the rows of {table} changed"


def assert_schema_changed_as_said(before: Snapshot, after: Snapshot, then: Then, sqlite: bool) -> None:
    old, new = set(before.rows), set(after.rows)
    expected_tables = set(then.new_tables) | (then.sqlite_new_tables() if sqlite else set())
    assert new - old == expected_tables, "new tables"
    for table in old:
        gained = set(after.shape[table]["columns"]) - set(before.shape[table]["columns"])
        assert gained == then.new_columns.get(table, set()), f"new columns of {table}"
        gained = set(after.shape[table]["indexes"]) - set(before.shape[table]["indexes"])
        lost = set(before.shape[table]["indexes"]) - set(after.shape[table]["indexes"])
        assert (gained, lost) == (then.new_indexes.get(table, set()), set()), f"indexes of {table}"
    triggers_before, triggers_after = set(before.shape["triggers"]), set(after.shape["triggers"])
    assert triggers_before <= triggers_after, f"triggers dropped: {triggers_before - triggers_after}"
    assert triggers_after - triggers_before == (then.sqlite_new_triggers() if sqlite else set()), "new triggers"


def assert_search_index_in_step(store: Store, when: str) -> None:
    """On SQLite, once the search index exists every later migration must leave it matching the reflections."""
    with store.engine.connect() as conn:
        if "reflection_search" not in _tables(conn):
            return
        conn.execute(text("INSERT INTO reflection_search(reflection_search, rank) VALUES ('integrity-check', 1)"))
        indexed = conn.execute(text("SELECT count(*) FROM reflection_search_docsize")).scalar()
        written = conn.execute(text("SELECT count(*) FROM reflection")).scalar()
        assert indexed == written, f"{when}: the search index holds {indexed} reflections of {written}"


def _pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-to-{pair[1]}"


def _has_downgrade(revision: str) -> bool:
    return callable(getattr(_script().get_revision(revision).module, "downgrade", None))


def upgrade_checked(store_url: str, prev: str, next_: str, *,
                    after_upgrade: Callable[[Store], None] | None = None) -> None:
    """The whole story of one migration; after_upgrade lets a test break the migration on purpose."""
    assert next_ in CHECKS_AFTER and prev in [BASE, *ROWS_AT], f"{next_} needs ROWS_AT and CHECKS_AFTER entries"
    then = CHECKS_AFTER[next_]
    store = given_a_store_at(store_url, prev)
    try:
        before = snapshot(store)
        for table, rows in before.rows.items():
            assert rows, f"the store at {prev} holds no {table}: add some to ROWS_AT[{prev!r}]"

        _migrate(store, "upgrade", next_)  # when it is upgraded to next_
        if after_upgrade:
            after_upgrade(store)
        after = snapshot(store)
        assert current_revision(store) == next_
        assert_rows_kept(before, after, f"upgrading {prev} to {next_}")
        assert_schema_changed_as_said(before, after, then, store.is_sqlite)
        try:
            then.check(Probe(store, before, after))
        except AssertionError as exc:
            raise AssertionError(f"after upgrading {prev} to {next_}, {then.says}: {exc}") from exc
        assert_search_index_in_step(store, f"after upgrading to {next_}")
        assert snapshot(store) == after, "the checks left the store as migrated"

        if _has_downgrade(next_):  # back to prev: the earlier shape, with the very same rows
            _migrate(store, "downgrade", prev)
            assert (current_revision(store) or BASE) == prev
            back = snapshot(store)
            assert back.shape == before.shape, f"downgrading {next_} to {prev} left another schema"
            assert back.rows == before.rows, f"downgrading {next_} to {prev} changed rows"
            assert_search_index_in_step(store, f"after downgrading to {prev}")
            _migrate(store, "upgrade", next_)  # and up again
            assert snapshot(store) == after, f"upgrading to {next_} a second time gave another store"
    finally:
        store.close()


# The tests


def test_every_revision_has_rows_and_checks():
    """A new migration needs rows written at its schema (the next one starts from them) and its checks."""
    assert list(ROWS_AT) == CHAIN, "ROWS_AT needs one entry per revision, in order"
    assert list(CHECKS_AFTER) == CHAIN, "CHECKS_AFTER needs one entry per revision, in order"


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_a_store_at_the_previous_revision_upgrades_with_every_row_kept(store_url, pair):
    """Given a store at prev holding what each release up to it wrote, when it is upgraded to next,
    then every row is there as it was, the schema changed as the migration says, CHECKS_AFTER[next]
    holds, and a downgrade gives back prev's schema with the same rows."""
    prev, next_ = pair
    upgrade_checked(store_url, prev, next_)


def test_a_store_built_release_by_release_reads_back_through_the_models(store_url):
    """Given a store upgraded to the newest revision release by release, each writing its rows, then the
    app's tables read every row (every stored date, instant and JSON parses) and no key dangles."""
    store = given_a_store_at(store_url, CHAIN[-1])
    try:
        tables.load_all()  # the models, for reading a store back as the app does
        with store.engine.connect() as conn:
            counts = {t.name: len(conn.execute(sa.select(t)).all()) for t in SQLModel.metadata.sorted_tables}
            if store.is_sqlite:
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            reflection, revision = (SQLModel.metadata.tables[name] for name in ("reflection", "revision"))
            edited = conn.execute(sa.select(reflection.c.text, reflection.c.day).where(reflection.c.id == 6)).one()
            assert tuple(edited) == ("Café, crème brûlée, naïve façade — edited later.", d(WEEK[5]))
            added = conn.execute(sa.select(revision.c.titles, revision.c.at).where(revision.c.id == 8)).one()
            assert tuple(added) == ([TITLES[v] for v in (1, 2, 3, 6)], at("2026-01-18"))
        assert all(counts.values()), f"tables no release wrote rows to: {[t for t, n in counts.items() if not n]}"
        assert counts["reflection"] == len(REFLECTIONS_0001) + 1 + 2 - 1
        assert_search_index_in_step(store, "at the newest revision")
    finally:
        store.close()


def _lose_a_reflection(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM reflection WHERE id = 3"))


def _garble_a_title(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE value SET title = :t WHERE id = 2"), {"t": json.dumps(TITLES[2])})


@pytest.mark.parametrize("damage", [_lose_a_reflection, _garble_a_title], ids=["loses-a-row", "garbles-a-title"])
def test_a_migration_that_damaged_rows_would_fail_here(tmp_path, damage):
    """The checks have teeth: the newest migration, followed by a loss or a change, is caught."""
    prev, next_ = PAIRS[-1]
    with pytest.raises(AssertionError, match="the rows of"):
        upgrade_checked(str(tmp_path / "values.db"), prev, next_, after_upgrade=damage)
