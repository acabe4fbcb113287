"""Stories about correcting a repair, deleting one and putting it back: every field can be corrected (checked
as adding checks it), a friend's note becomes a repair owed to whoever the person names, and Undo restores a
deleted or reopened repair exactly, its link to the note included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import dump
from valuesapp.core.errors import UserError

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)


def test_every_field_of_a_repair_can_be_corrected_and_the_rest_stays(app):
    honesty = app.values.add("Honesty").id
    r = app.repairs.add("Alex", "Let Mara down at the party.", kind="apology", target_date=MARCH_2 + 3 * DAY)
    edited = app.repairs.edit(r.id, person="  Mara ", what="Left her party early after promising to stay.",
                              kind="conversation", value_id=honesty, target_date=MARCH_2 + 9 * DAY)
    assert (edited.person, edited.what, edited.kind, edited.value_title, edited.target_date) == (
        "Mara", "Left her party early after promising to stay.", "conversation", "Honesty", MARCH_2 + 9 * DAY)
    assert (edited.id, edited.state, edited.created_at) == (r.id, r.state, r.created_at)

    only_kind = app.repairs.edit(r.id, kind="amends")
    assert (only_kind.person, only_kind.value_id, only_kind.target_date) == ("Mara", honesty, MARCH_2 + 9 * DAY)
    cleared = app.repairs.edit(r.id, value_id=None, target_date=None)
    assert cleared.value_id is None and cleared.target_date is None and cleared.kind == "amends"


def test_a_bad_correction_is_refused_like_a_bad_repair_and_changes_nothing(app, store):
    r = app.repairs.add("Sam", "Snapped.")
    before = dump(store)
    for call, needle, field in [
        (lambda: app.repairs.edit(r.id, person=" "), "person cannot be empty", "person"),
        (lambda: app.repairs.edit(r.id, what=""), "cannot be empty", "description of what happened"),
        (lambda: app.repairs.edit(r.id, kind="bribe"), "kind 'bribe' is not one of", "kind"),
        (lambda: app.repairs.edit(r.id, value_id=999), "no value with id 999", None),
        (lambda: app.repairs.edit(999, person="Kim"), "no repair with id 999", None),
    ]:
        with pytest.raises(UserError, match=needle) as caught:
            call()
        if field is not None:
            assert caught.value.field == field
        assert dump(store) == before


def test_a_note_becomes_a_repair_owed_to_the_person_named_with_the_value_chosen(app):
    honesty, care = app.values.add("Honesty").id, app.values.add("Care").id
    note = app.feedback.add("Alex", "You let Mara down at the party.", value_id=honesty)
    repair = app.feedback.to_repair(note.id, person="Mara", what="Left Mara's party early.", kind="apology",
                                    value_id=care, target_date=MARCH_2 + 2 * DAY)
    assert (repair.person, repair.what, repair.kind, repair.value_id, repair.feedback_id, repair.target_date) == (
        "Mara", "Left Mara's party early.", "apology", care, note.id, MARCH_2 + 2 * DAY)
    assert app.feedback.get(note.id).state == "acknowledged"
    assert app.feedback.get(note.id).repair_ids == (repair.id,)
    # Left out, the person is the friend and the value the note's, as before.
    assert (app.feedback.to_repair(note.id).person, app.feedback.to_repair(note.id).value_id) == ("Alex", honesty)
    assert app.feedback.to_repair(note.id, value_id=None).value_id is None
    with pytest.raises(UserError, match="person cannot be empty"):
        app.feedback.to_repair(note.id, person="")


def test_a_deleted_repair_comes_back_exactly_with_its_link_to_the_note(app, store, clock):
    note = app.feedback.add("Jo", "You told Ana the report was done.")
    r = app.feedback.to_repair(note.id, person="Ana")
    app.repairs.plan(r.id, MARCH_2 + DAY)
    done = app.repairs.done(r.id, "Said sorry.")
    before = dump(store)

    kept = app.repairs.delete(r.id)
    assert app.repairs.list("all") == [] and app.feedback.get(note.id).repair_ids == ()
    with pytest.raises(UserError, match=f"no repair with id {r.id}"):
        app.repairs.delete(r.id)

    clock.advance(DAY)
    back = app.repairs.restore(kept)
    assert back.id == r.id and back.outcome_note == "Said sorry." and back.feedback_id == note.id
    assert back.done_at == done.done_at and back.planned_for == MARCH_2 + DAY
    assert dump(store) == before
    assert app.feedback.get(note.id).repair_ids == (r.id,)


def test_undoing_a_reopen_puts_the_outcome_back(app, store):
    r = app.repairs.add("Sam", "Snapped.")
    app.repairs.release(r.id, "He asked me to let it go.")
    before = dump(store)
    kept = app.repairs.copy(r.id)
    assert app.repairs.reopen(r.id).release_reason is None
    again = app.repairs.restore(kept)
    assert (again.state, again.release_reason) == ("released", "He asked me to let it go.")
    assert dump(store) == before


def test_a_repair_whose_note_was_deleted_comes_back_unlinked(app):
    note = app.feedback.add("Jo", "A note.")
    kept = app.repairs.delete(app.feedback.to_repair(note.id).id)
    from valuesapp.store.tables import Feedback  # the note deleted meanwhile (another screen deletes notes)

    with app.context.store.session() as session:
        session.delete(session.get(Feedback, note.id))
    assert app.repairs.restore(kept).feedback_id is None


@pytest.fixture
def cli(app, clock):
    from tests.test_cli import Cli
    from valuesapp.cli import _State

    _State.services, _State.db = app, None
    yield Cli(app, clock)
    _State.services, _State.db = None, None


def test_cli_edit_corrects_a_repair_and_refuses_bad_input_with_one_line(cli):
    cli.ok("repairs", "add", "Alex", "Let Mara down.")
    fixed = cli.json("repairs", "edit", "1", "--person", "Mara", "--kind", "conversation", "--target-date", "2027-01-02")
    assert {k: fixed[k] for k in ("person", "kind", "target_date")} == {
        "person": "Mara", "kind": "conversation", "target_date": "2027-01-02"}
    assert cli.json("repairs", "edit", "1", "--target-date", "none")["target_date"] is None
    for args, says in ((["--kind", "bribe"], "kind 'bribe'"), (["--value", "x"], "give a value's id or 'none'"),
                       (["--target-date", "soon"], "--target-date date"), (["--value", "9"], "no value with id 9")):
        refused = cli.run("repairs", "edit", "1", *args)
        assert refused.code == 2 and says in refused.err.strip().splitlines()[-1], (args, refused.err)
    assert "Deleted repair 1" in cli.ok("repairs", "delete", "1")
    assert cli.run("repairs", "delete", "1").code == 2
