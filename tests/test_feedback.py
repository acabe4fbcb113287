"""Stories about friends' feedback notes: new, acknowledged, acted on, and turned into repairs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from valuesapp.core.errors import UserError
from tests.conftest import dump
from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)


def test_a_friends_note_is_kept_with_who_when_what_kind_and_value(app, clock):
    kindness = app.values.add("Kindness").id
    f = app.feedback.add("  Priya ", "You cut me off twice at dinner.", value_id=kindness)
    assert (f.friend, f.note, f.kind, f.state, f.received_on) == (
        "Priya", "You cut me off twice at dinner.", "concern", "new", MARCH_2
    )
    assert (f.value_id, f.value_title, f.via_link, f.repair_ids) == (kindness, "Kindness", False, ())
    assert f.created_at == clock.now()
    praise = app.feedback.add("Tom", "You were patient with my kids.", kind="appreciation", received_on=MARCH_2 - 3 * DAY)
    idea = app.feedback.add("Tom", "Try a walk before hard talks.", kind="suggestion", via_link=True)
    assert (praise.kind, praise.received_on, praise.value_id) == ("appreciation", MARCH_2 - 3 * DAY, None)
    assert idea.via_link and idea.kind == "suggestion"
    assert app.feedback.get(f.id) == f
    # Newest first by the day it arrived, then by id.
    assert [x.id for x in app.feedback.list()] == [idea.id, f.id, praise.id]
    assert [x.id for x in app.feedback.list(value_id=kindness)] == [f.id]


def test_bad_notes_are_refused_clearly_and_change_nothing(app, store):
    f = app.feedback.add("Priya", "A note.")
    app.feedback.acted(f.id)
    before = dump(store)
    for call, needle in [
        (lambda: app.feedback.add("", "note"), "friend's name cannot be empty"),
        (lambda: app.feedback.add("Priya", ""), "note cannot be empty"),
        (lambda: app.feedback.add("Priya", "n", kind="complaint"), "concern, appreciation, suggestion"),
        (lambda: app.feedback.add("Priya", "n", value_id=999), "no value with id 999"),
        (lambda: app.feedback.add("Priya", "n", received_on=MARCH_2 + DAY), "future"),
        (lambda: app.feedback.ack(999), "no feedback note with id 999"),
        (lambda: app.feedback.to_repair(999), "no feedback note with id 999"),
        (lambda: app.feedback.to_repair(f.id, kind="bribe"), "kind 'bribe'"),
        (lambda: app.feedback.ack(f.id), f"Feedback {f.id} is already acted on; it cannot be acknowledged."),
        (lambda: app.feedback.acted(f.id), f"Feedback {f.id} is already acted on; it cannot be marked acted on."),
        (lambda: app.feedback.list("ignored"), "all, new, acknowledged, acted_on"),
    ]:
        with pytest.raises(UserError, match=needle):
            call()
        assert dump(store) == before


def test_new_then_acknowledged_then_acted_on(app, clock):
    f = app.feedback.add("Priya", "You cut me off.")
    g = app.feedback.add("Tom", "You were late again.")
    assert app.feedback.ack(f.id).state == "acknowledged"
    with pytest.raises(UserError, match="already acknowledged; it cannot be acknowledged"):
        app.feedback.ack(f.id)
    assert app.feedback.acted(f.id).state == "acted_on"
    assert app.feedback.acted(g.id).state == "acted_on"  # acting on a new note acknowledges it too
    h = app.feedback.add("Sam", "Thanks for listening.", kind="appreciation")
    assert [x.id for x in app.feedback.list("new")] == [h.id]
    assert [x.id for x in app.feedback.list("acted_on")] == [g.id, f.id]
    assert app.feedback.list("acknowledged") == []


def test_turning_a_note_into_a_repair_links_the_two(app, clock):
    honesty = app.values.add("Honesty").id
    f = app.feedback.add("Priya", "You told me the report was done when it was not.", value_id=honesty)
    repair = app.feedback.to_repair(f.id, target_date=MARCH_2 + 7 * DAY)
    assert (repair.person, repair.what, repair.kind, repair.value_id, repair.state) == (
        "Priya", "You told me the report was done when it was not.", "conversation", honesty, "owed"
    )
    assert repair.feedback_id == f.id and repair.target_date == MARCH_2 + 7 * DAY
    linked = app.feedback.get(f.id)
    assert linked.repair_ids == (repair.id,) and linked.state == "acknowledged"
    assert app.repairs.get(repair.id).feedback_id == f.id
    assert [r.id for r in app.repairs.list()] == [repair.id]

    # A second repair from the same note, worded differently; an acted-on note stays acted on.
    app.feedback.acted(f.id)
    second = app.feedback.to_repair(f.id, kind="apology", what="Apologise for the report.")
    assert (second.kind, second.what, second.person) == ("apology", "Apologise for the report.", "Priya")
    assert app.feedback.get(f.id).repair_ids == (repair.id, second.id)
    assert app.feedback.get(f.id).state == "acted_on"
    # The link survives the repair moving on.
    app.repairs.done(repair.id, "Talked it through.")
    assert app.repairs.get(repair.id).feedback_id == f.id
    assert app.feedback.get(f.id).repair_ids == (repair.id, second.id)
    # Feedback added from a repair's side is linked the same way.
    other = app.feedback.add("Tom", "You forgot my birthday.")
    third = app.repairs.add("Tom", "Birthday.", kind="amends", feedback_id=other.id)
    assert app.feedback.get(other.id).repair_ids == (third.id,)


def test_given_a_duplicate_note_with_repairs_when_deleted_then_undone_it_is_back_exactly_with_its_links(app, store, clock):
    kindness = app.values.add("Kindness").id
    f = app.feedback.add("Priya", "You cut me off twice at dinner.", value_id=kindness)
    duplicate = app.feedback.add("Priya", "You cut me off twice at dinner.", value_id=kindness)
    app.feedback.ack(duplicate.id)
    repair = app.feedback.to_repair(duplicate.id)
    before = dump(store)

    gone = app.feedback.delete(duplicate.id)
    assert [n.id for n in app.feedback.list()] == [f.id]
    assert app.repairs.get(repair.id).feedback_id is None, "the repair stays, no longer linked"
    assert gone.repair_ids == (repair.id,) and gone.friend == "Priya"
    with pytest.raises(UserError, match=f"no feedback note with id {duplicate.id}"):
        app.feedback.get(duplicate.id)

    back = app.feedback.put_back(gone)
    assert back.id == duplicate.id and back.repair_ids == (repair.id,) and back.state == "acknowledged"
    assert dump(store) == before, "every column of the note and of its repair as it was"


def test_acknowledging_or_marking_acted_on_is_undone_exactly(app, store, clock):
    f = app.feedback.add("Priya", "You cut me off.")
    before = dump(store)
    was = app.feedback.as_it_is(f.id)
    clock.advance(timedelta(minutes=5))
    app.feedback.ack(f.id)
    app.feedback.acted(f.id)
    assert app.feedback.put_back(was).state == "new"
    assert dump(store) == before


def test_deleting_a_note_that_is_not_there_is_one_clear_line_and_changes_nothing(app, store):
    app.feedback.add("Priya", "A note.")
    before = dump(store)
    with pytest.raises(UserError, match="no feedback note with id 99"):
        app.feedback.delete(99)
    assert dump(store) == before


def test_the_cli_deletes_a_note_and_refuses_a_bad_id_with_exit_2(cli):  # noqa: F811
    cli.ok("feedback", "add", "Priya", "Twice the same note.")
    cli.ok("feedback", "add", "Priya", "Twice the same note.")
    cli.ok("feedback", "to-repair", "2")
    assert cli.ok("feedback", "delete", "2") == "Deleted feedback note 2 from Priya; repair 1 stays, unlinked.\n"
    assert [n["id"] for n in cli.json("feedback", "list")] == [1]
    assert cli.json("repairs", "list")[0]["feedback_id"] is None
    missing = cli.run("feedback", "delete", "2")
    assert missing.code == 2 and "no feedback note with id 2" in missing.err
    assert cli.run("feedback", "delete", "two").code == 2
