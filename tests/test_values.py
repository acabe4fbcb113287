"""Stories about the ranked list of values: adding, editing, moving, reordering, snipping, restoring, history.

Every refusal is a UserError with a one-line message, and leaves every table exactly as it was.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.limits import NOTE_MAX, TITLE_MAX
from valuesapp.services import build_services
from valuesapp.store import tables


def dump(store) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: the store 'exactly as it was'."""
    out = {}
    tables.load_all()  # every table, also of the families this process has not read yet
    with store.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    return out


def titles(app) -> list[str]:
    return [v.title for v in app.values.list()]


def assert_ranks_are_1_to_n(app) -> None:
    assert [v.rank for v in app.values.list()] == list(range(1, len(app.values.list()) + 1))


def refused(app, store, call, *needles: str) -> str:
    """``call`` must raise a UserError naming the problem and change nothing at all."""
    before = dump(store)
    with pytest.raises(UserError) as info:
        call()
    message = str(info.value)
    assert message and "\n" not in message, message
    for needle in needles:
        assert needle.lower() in message.lower(), (needle, message)
    assert dump(store) == before, f"the store changed although {message!r} was refused"
    return message


def test_given_an_empty_list_when_values_are_added_then_they_go_at_the_end_or_at_the_rank_asked(app):
    honesty = app.values.add("Honesty", "Say what is true.")
    app.values.add("Courage")
    app.values.add("Kindness")
    assert titles(app) == ["Honesty", "Courage", "Kindness"]
    assert honesty.rank == 1 and honesty.description == "Say what is true." and not honesty.archived

    patience = app.values.add("Patience", rank=2)
    assert patience.rank == 2
    assert titles(app) == ["Honesty", "Patience", "Courage", "Kindness"]
    app.values.add("Presence", rank=1)
    app.values.add("Curiosity", rank=6)  # one past the end is still "a rank"
    assert titles(app) == ["Presence", "Honesty", "Patience", "Courage", "Kindness", "Curiosity"]
    assert_ranks_are_1_to_n(app)

    last = app.values.history()[-1]
    assert last.action == "add" and last.value_id is not None
    assert "Curiosity" in last.summary and "rank 6" in last.summary
    assert list(last.titles) == titles(app)
    assert "Patience" in app.values.history()[3].summary and "rank 2" in app.values.history()[3].summary

    # Titles are trimmed; everything else is kept exactly as typed.
    v = app.values.add("  Geduld — 忍耐 🌱  ", "Zeile eins\r\nZeile zwei")
    assert v.title == "Geduld — 忍耐 🌱" and v.rank == 7
    assert app.values.get(v.id).description == "Zeile eins\nZeile zwei"


def test_editing_the_title_and_the_note_is_recorded_and_renames_in_the_history(app, clock):
    v = app.values.add("Honesty", "old note")
    app.values.add("Courage")
    clock.advance(timedelta(hours=1))
    edited = app.values.edit(v.id, title="Truthfulness", description="Say what is true, even when it is inconvenient.")
    assert edited.title == "Truthfulness"
    assert edited.description == "Say what is true, even when it is inconvenient."
    assert edited.updated_at == clock.now() and edited.created_at == clock.now() - timedelta(hours=1)
    assert edited.rank == 1
    rev = app.values.history()[-1]
    assert rev.action == "edit" and rev.value_id == v.id and rev.at == clock.now()
    assert "'Honesty'" in rev.summary and "'Truthfulness'" in rev.summary and "note" in rev.summary
    assert rev.titles == ("Truthfulness", "Courage")

    # Only the note; then a change of case of the own title (not a clash with itself).
    app.values.edit(v.id, description="")
    assert app.values.get(v.id).description == "" and app.values.get(v.id).title == "Truthfulness"
    app.values.edit(v.id, title="TRUTHFULNESS")
    assert titles(app) == ["TRUTHFULNESS", "Courage"]

    # Saving without a change records nothing.
    count = len(app.values.history())
    app.values.edit(v.id, title="TRUTHFULNESS", description="")
    app.values.edit(v.id)
    assert len(app.values.history()) == count


def test_moving_a_value_to_a_rank_shifts_the_others_and_records_where_from_and_to(app):
    ids = [app.values.add(t).id for t in ("A", "B", "C", "D")]
    after = app.values.move(ids[3], 1)
    assert [v.title for v in after] == ["D", "A", "B", "C"]
    assert [v.rank for v in after] == [1, 2, 3, 4]
    rev = app.values.history()[-1]
    assert rev.action == "move" and "from rank 4 to 1" in rev.summary and rev.titles == ("D", "A", "B", "C")

    app.values.move(ids[3], 4)
    assert titles(app) == ["A", "B", "C", "D"]
    count = len(app.values.history())
    app.values.move(ids[1], 2)  # already there: nothing to record
    assert len(app.values.history()) == count
    assert app.values.replay_history() == [v.id for v in app.values.list()]


def test_reordering_the_whole_list_at_once(app):
    a, b, c = (app.values.add(t).id for t in ("A", "B", "C"))
    after = app.values.reorder([c, a, b])
    assert [v.title for v in after] == ["C", "A", "B"]
    rev = app.values.history()[-1]
    assert rev.action == "reorder" and rev.titles == ("C", "A", "B")
    assert app.values.replay_history() == [c, a, b]


def test_snipping_a_value_takes_away_its_rank_and_keeps_the_reason(app, clock):
    a, b, c = (app.values.add(t).id for t in ("Ambition", "Bravery", "Calm"))
    clock.advance(timedelta(days=3))
    snipped = app.values.archive(a, "  It was pushing me to overwork.  ")
    assert snipped.archived and snipped.rank is None
    assert snipped.archive_reason == "It was pushing me to overwork."
    assert snipped.archived_at == clock.now()
    assert titles(app) == ["Bravery", "Calm"]
    assert_ranks_are_1_to_n(app)
    assert [v.id for v in app.values.archived()] == [a]
    assert [v.title for v in app.values.list(include_archived=True)] == ["Bravery", "Calm", "Ambition"]
    assert app.values.get(a).archive_reason == "It was pushing me to overwork."
    rev = app.values.history()[-1]
    assert rev.action == "archive" and rev.value_id == a
    assert "Ambition" in rev.summary and "overwork" in rev.summary
    assert rev.titles == ("Bravery", "Calm")


def test_restoring_a_snipped_value_at_the_end_or_at_a_rank(app):
    a, b, c, d = (app.values.add(t).id for t in ("A", "B", "C", "D"))
    app.values.archive(a, "not now")
    app.values.archive(c, "not now either")
    back = app.values.restore(a)
    assert not back.archived and back.rank == 3 and back.archive_reason is None
    assert titles(app) == ["B", "D", "A"]
    assert "rank 3" in app.values.history()[-1].summary

    back = app.values.restore(c, rank=1)
    assert back.rank == 1
    assert titles(app) == ["C", "B", "D", "A"]
    assert_ranks_are_1_to_n(app)
    rev = app.values.history()[-1]
    assert rev.action == "restore" and "rank 1" in rev.summary and rev.titles == ("C", "B", "D", "A")
    # The reason it was once snipped stays in the history even though the value is back.
    assert any(r.action == "archive" and "not now either" in r.summary for r in app.values.history())


def test_the_history_says_when_what_and_the_ordered_titles_after_each_change(app, store, clock):
    start = clock.now()
    steps = []
    a = app.values.add("Honesty").id
    steps.append(("add", ("Honesty",)))
    clock.advance(timedelta(minutes=5))
    b = app.values.add("Courage", rank=1).id
    steps.append(("add", ("Courage", "Honesty")))
    clock.advance(timedelta(days=1))
    app.values.edit(a, title="Truth")
    steps.append(("edit", ("Courage", "Truth")))
    clock.advance(timedelta(days=1))
    app.values.move(a, 1)
    steps.append(("move", ("Truth", "Courage")))
    clock.advance(timedelta(days=1))
    app.values.archive(b, "outgrown")
    steps.append(("archive", ("Truth",)))
    clock.advance(timedelta(days=1))
    app.values.restore(b, rank=1)
    steps.append(("restore", ("Courage", "Truth")))
    clock.advance(timedelta(days=1))
    app.values.reorder([a, b])
    steps.append(("reorder", ("Truth", "Courage")))

    history = app.values.history()
    assert [(r.action, r.titles) for r in history] == steps
    assert [r.at for r in history] == [
        start, start + timedelta(minutes=5), *(start + timedelta(minutes=5, days=n) for n in range(1, 6))
    ]
    assert all(r.summary.strip() for r in history)
    assert [r.id for r in history] == sorted(r.id for r in history)
    assert app.values.replay_history() == [v.id for v in app.values.list()] == [a, b]

    # Another Services object on the same store (another process, say) sees the same list and history.
    other = build_services(store, clock=clock, system_timezone="UTC")
    assert [v.title for v in other.values.list()] == ["Truth", "Courage"]
    assert other.values.history() == history


def test_active_titles_are_unique_ignoring_case_but_snipped_ones_may_repeat(app, store):
    honesty = app.values.add("Honesty")
    courage = app.values.add("Courage")
    msg = refused(app, store, lambda: app.values.add("honesty"), "Honesty", "already")
    assert "titles must differ" in msg
    refused(app, store, lambda: app.values.add("  HONESTY "), "already")
    refused(app, store, lambda: app.values.edit(courage.id, title="HoNeStY"), "already")

    app.values.archive(honesty.id, "renaming it")
    again = app.values.add("HONESTY")  # the snipped one does not block the title
    assert titles(app) == ["Courage", "HONESTY"]
    app.values.archive(again.id, "changed my mind")
    third = app.values.add("honesty")
    # Two snipped "Honesty"s side by side are fine; bringing one back while an active one exists is not.
    msg = refused(app, store, lambda: app.values.restore(honesty.id), "honesty")
    assert "already" in msg
    refused(app, store, lambda: app.values.restore(again.id, rank=1), "already")
    app.values.edit(again.id, title="Honesty (2019)")  # a snipped value may be renamed freely ...
    app.values.edit(again.id, title="Courage")  # ... even to an active title, since it is not active
    refused(app, store, lambda: app.values.restore(again.id), "Courage")
    app.values.archive(third.id, "one more time")
    assert app.values.restore(honesty.id).rank == 2
    assert titles(app) == ["Courage", "Honesty"]
    # Case is ignored beyond ASCII too.
    app.values.add("ÄRGERFREI")
    app.values.add("Über-Mut")
    refused(app, store, lambda: app.values.add("ÄRGERFREI"), "already")
    refused(app, store, lambda: app.values.add("ärgerfrei"), "already")
    refused(app, store, lambda: app.values.add("über-mut"), "already")
    refused(app, store, lambda: app.values.add("ÜBER-MUT"), "already")


def test_title_and_note_limits(app, store):
    app.values.add("x" * TITLE_MAX, "n" * NOTE_MAX)
    msg = refused(app, store, lambda: app.values.add("y" * (TITLE_MAX + 1)), "title", "121", "limit is 120")
    assert "1,120" not in msg
    refused(app, store, lambda: app.values.add("z" * 5000), "title", "limit is 120")
    refused(app, store, lambda: app.values.add(""), "title", "empty")
    refused(app, store, lambda: app.values.add("   \n "), "title", "empty")
    refused(app, store, lambda: app.values.add("two\nlines"), "title", "one line")
    refused(app, store, lambda: app.values.add("bell\x07"), "title", "control")
    refused(app, store, lambda: app.values.add("ok", "n" * (NOTE_MAX + 1)), "note", "10,001", "10,000")
    v = app.values.list()[0]
    refused(app, store, lambda: app.values.edit(v.id, description="n" * (NOTE_MAX + 1)), "note", "10,000")
    refused(app, store, lambda: app.values.edit(v.id, title=""), "title")
    refused(app, store, lambda: app.values.edit(v.id, title="t" * (TITLE_MAX + 1)), "limit is 120")


def test_every_bad_request_is_a_clear_error_and_leaves_the_store_exactly_as_it_was(app, store):
    a, b, c = (app.values.add(t, "note").id for t in ("A", "B", "C"))
    gone = app.values.add("Gone").id
    app.values.archive(gone, "no longer mine")
    app.values.add_prompt(a, "What did A ask of me?")
    assert titles(app) == ["A", "B", "C"]

    refused(app, store, lambda: app.values.add("D", rank=0), "rank 0", "1 to 4")
    refused(app, store, lambda: app.values.add("D", rank=5), "rank 5", "1 to 4")
    refused(app, store, lambda: app.values.add("D", rank=True), "rank")
    refused(app, store, lambda: app.values.move(a, 0), "rank 0", "1 to 3")
    refused(app, store, lambda: app.values.move(a, 4), "rank 4", "1 to 3")
    refused(app, store, lambda: app.values.move(gone, 1), "snipped")
    refused(app, store, lambda: app.values.move(999, 1), "no value", "999")
    refused(app, store, lambda: app.values.edit(999, title="X"), "no value", "999")
    refused(app, store, lambda: app.values.get(999), "999")
    refused(app, store, lambda: app.values.reorder([a, b]), "every active value", "leaves out", str(c))
    refused(app, store, lambda: app.values.reorder([a, b, b, c]), "more than once")
    refused(app, store, lambda: app.values.reorder([a, b, c, gone]), "not active", str(gone))
    refused(app, store, lambda: app.values.reorder([a, b, c, 999]), "999")
    refused(app, store, lambda: app.values.archive(gone, "again"), "snipped already")
    refused(app, store, lambda: app.values.archive(a, ""), "reason", "empty")
    refused(app, store, lambda: app.values.archive(a, "   "), "reason", "empty")
    refused(app, store, lambda: app.values.archive(999, "why"), "999")
    refused(app, store, lambda: app.values.restore(a), "not snipped")
    refused(app, store, lambda: app.values.restore(gone, rank=5), "rank 5", "1 to 4")
    refused(app, store, lambda: app.values.restore(gone, rank=0), "rank 0")
    refused(app, store, lambda: app.values.add_many([("E", ""), ("F", ""), ("e", "")]), "twice")
    refused(app, store, lambda: app.values.add_many([("E", ""), ("B", "")]), "already")
    refused(app, store, lambda: app.values.add_many([("E", ""), ("", "")]), "empty")
    refused(app, store, lambda: app.values.focus(gone, 3), "snipped", "restore")
    refused(app, store, lambda: app.values.focus(a, 0), "1 to 366")
    refused(app, store, lambda: app.values.focus(a, 367), "1 to 366")
    refused(app, store, lambda: app.values.focus(999, 3), "999")
    refused(app, store, lambda: app.values.add_prompt(a, "  "), "prompt", "empty")
    refused(app, store, lambda: app.values.add_prompt(a, "p" * 501), "prompt", "500")
    refused(app, store, lambda: app.values.add_prompt(999, "why?"), "999")
    refused(app, store, lambda: app.values.remove_prompt(999), "prompt", "999")
    with pytest.raises(NotFound):
        app.values.get(12345)
    assert titles(app) == ["A", "B", "C"]


def test_a_starter_list_is_added_all_at_once_in_order(app):
    added = app.values.add_many([("Honesty", "true"), ("Courage", ""), ("Kindness", "kind")])
    assert [v.rank for v in added] == [1, 2, 3]
    assert titles(app) == ["Honesty", "Courage", "Kindness"]
    assert [r.action for r in app.values.history()] == ["add", "add", "add"]
    assert app.values.history()[-1].titles == ("Honesty", "Courage", "Kindness")
    assert app.values.replay_history() == [v.id for v in app.values.list()]
