"""A store made by the first released schema (0001), with data in every table, migrates to the
current schema with nothing lost, and a copy of the old file is saved beside it first."""

import random
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import HEAD_REVISION, current_revision, open_store

FIXTURE = Path(__file__).parent / "fixtures" / "store-0001.db"


def test_the_first_schema_migrates_with_everything_kept(tmp_path):
    db = tmp_path / "values.db"
    shutil.copy(FIXTURE, db)
    store = open_store(db)
    assert current_revision(store) == HEAD_REVISION
    assert list(tmp_path.glob("values.db.before-migration-0001-*.bak")), "no copy was saved before migrating"
    app = build_services(store, clock=FixedClock(datetime(2026, 1, 6, 12, tzinfo=timezone.utc)),
                         rng=random.Random(1), system_timezone="UTC")

    assert [v.title for v in app.values.list()] == ["Hold every word accountable", "Courage"]
    archived = app.values.archived()
    assert [(v.title, v.archive_reason) for v in archived] == [("Punctuality", "Folded into keeping my word.")]
    assert [p.text for p in app.values.get(1).prompts] == ["What did I promise today?"]
    assert app.values.replay_history() == [1, 2]
    assert len(app.values.history()) == 4
    assert app.practice.card(date(2026, 1, 5)).value.title == "Courage"
    assert app.values.current_focus().value_title == "Hold every word accountable"
    assert [(p.start, p.reason) for p in app.practice.pauses()] == [(date(2026, 2, 1), "Holiday")]
    (reflection,) = app.journal.list()
    assert reflection.text == "Said no to the meeting I did not need. 🙂 שלום" and reflection.rating == 4
    (note,) = app.feedback.list()
    assert (note.friend, note.state, note.repair_ids) == ("Alex", "acknowledged", (1,))
    (repair,) = app.repairs.list("all")
    assert (repair.state, repair.planned_for, repair.feedback_id) == ("planned", date(2026, 1, 10), 1)
    assert app.settings.get().pick_strategy == "weighted"
    assert app.settings.get().day_starts_at.hour == 5
