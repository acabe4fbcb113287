"""Stories about repair debts: owed, planned, done or released, reopened; oldest first; overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from valuesapp.core.errors import UserError
from tests.conftest import dump

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)


def test_adding_repairs_of_every_kind(app, clock):
    honesty = app.values.add("Honesty").id
    made = [
        app.repairs.add("Sam", "Snapped at Sam in the meeting.", kind="apology", value_id=honesty),
        app.repairs.add("Mum", "Avoided the talk about moving.", kind="conversation", target_date=MARCH_2 + 7 * DAY),
        app.repairs.add("Alex", "Broke the borrowed bike.", kind="amends"),
        app.repairs.add("  Jo  ", "Something else.", kind="other"),
    ]
    assert [r.kind for r in made] == ["apology", "conversation", "amends", "other"]
    first = made[0]
    assert (first.person, first.what, first.state, first.value_id, first.value_title) == (
        "Sam", "Snapped at Sam in the meeting.", "owed", honesty, "Honesty"
    )
    assert first.created_at == clock.now() and first.age_days == 0 and not first.overdue
    assert first.planned_for is first.done_at is first.released_at is first.feedback_id is None
    assert made[1].target_date == MARCH_2 + 7 * DAY and made[3].person == "Jo"
    assert app.repairs.add("Kim", "default kind").kind == "apology"
    assert app.repairs.get(first.id) == first


def test_bad_repairs_are_refused_clearly_and_change_nothing(app, store):
    r = app.repairs.add("Sam", "Snapped.")
    before = dump(store)
    for call, needle in [
        (lambda: app.repairs.add("Sam", "x", kind="bribe"), "kind 'bribe' is not one of: apology, conversation, amends, other"),
        (lambda: app.repairs.add("", "x"), "person cannot be empty"),
        (lambda: app.repairs.add("Sam", " "), "cannot be empty"),
        (lambda: app.repairs.add("Sam", "x", value_id=999), "no value with id 999"),
        (lambda: app.repairs.add("Sam", "x", feedback_id=999), "no feedback note with id 999"),
        (lambda: app.repairs.plan(999, MARCH_2), "no repair with id 999"),
        (lambda: app.repairs.release(r.id, ""), "reason cannot be empty"),
        (lambda: app.repairs.list("overdue"), "open, all, owed, planned, done, released"),
    ]:
        with pytest.raises(UserError, match=needle):
            call()
        assert dump(store) == before


def test_owed_then_planned_then_done_with_a_note_and_undone(app, clock):
    r = app.repairs.add("Sam", "Snapped at Sam.")
    planned = app.repairs.plan(r.id, MARCH_2 + 2 * DAY)
    assert (planned.state, planned.planned_for) == ("planned", MARCH_2 + 2 * DAY)
    replanned = app.repairs.plan(r.id, MARCH_2 + 5 * DAY)  # plans can move
    assert (replanned.state, replanned.planned_for) == ("planned", MARCH_2 + 5 * DAY)
    clock.advance(5 * DAY)
    done = app.repairs.done(r.id, "  We talked over coffee; it went well.  ")
    assert done.state == "done" and done.done_at == clock.now()
    assert done.outcome_note == "We talked over coffee; it went well."
    assert [x.id for x in app.repairs.list()] == []
    assert [x.id for x in app.repairs.list("done")] == [r.id]

    reopened = app.repairs.reopen(r.id)  # it had a plan: back to planned, with the plan kept
    assert (reopened.state, reopened.planned_for) == ("planned", MARCH_2 + 5 * DAY)
    assert reopened.done_at is None and reopened.outcome_note is None
    assert [x.id for x in app.repairs.list()] == [r.id]
    # Done straight from owed, with no note at all.
    other = app.repairs.add("Alex", "Forgot the birthday.")
    assert app.repairs.done(other.id).outcome_note is None
    assert app.repairs.done(r.id, "").outcome_note is None


def test_released_with_a_reason_and_reopened_as_owed(app, clock):
    r = app.repairs.add("Former colleague", "Took credit for their work.")
    released = app.repairs.release(r.id, "They asked me not to contact them again.")
    assert released.state == "released" and released.released_at == clock.now()
    assert released.release_reason == "They asked me not to contact them again."
    assert [x.id for x in app.repairs.list("released")] == [r.id]
    back = app.repairs.reopen(r.id)
    assert (back.state, back.released_at, back.release_reason, back.planned_for) == ("owed", None, None, None)
    planned = app.repairs.plan(r.id, MARCH_2)
    assert app.repairs.release(planned.id, "Settled another way.").state == "released"


def test_moves_a_repair_cannot_make_are_refused_with_a_clear_message(app, store):
    owed = app.repairs.add("A", "owed")
    planned = app.repairs.plan(app.repairs.add("B", "planned").id, MARCH_2).id
    done = app.repairs.add("C", "done")
    app.repairs.done(done.id)
    released = app.repairs.add("D", "released")
    app.repairs.release(released.id, "no longer owed")
    before = dump(store)
    for call, message in [
        (lambda: app.repairs.reopen(owed.id), f"Repair {owed.id} is owed; it cannot be reopened."),
        (lambda: app.repairs.reopen(planned), f"Repair {planned} is planned; it cannot be reopened."),
        (lambda: app.repairs.plan(done.id, MARCH_2), f"Repair {done.id} is done; it cannot be planned. Reopen it first."),
        (lambda: app.repairs.done(done.id), f"Repair {done.id} is done; it cannot be marked done. Reopen it first."),
        (lambda: app.repairs.release(done.id, "why"), f"Repair {done.id} is done; it cannot be released. Reopen it first."),
        (lambda: app.repairs.plan(released.id, MARCH_2), f"Repair {released.id} is released; it cannot be planned."),
        (lambda: app.repairs.done(released.id, "n"), f"Repair {released.id} is released; it cannot be marked done."),
        (lambda: app.repairs.release(released.id, "again"), f"Repair {released.id} is released; it cannot be released."),
    ]:
        with pytest.raises(UserError) as info:
            call()
        assert str(info.value).startswith(message) and "\n" not in str(info.value)
        assert dump(store) == before


def test_open_repairs_list_oldest_first_with_their_age_and_overdue_marked(app, clock):
    old = app.repairs.add("Sam", "oldest", target_date=MARCH_2 + 3 * DAY)
    clock.advance(2 * DAY)
    middle = app.repairs.add("Alex", "middle", target_date=MARCH_2 + 2 * DAY)
    clock.advance(DAY)
    new = app.repairs.add("Jo", "newest")
    closed = app.repairs.add("Kim", "closed", target_date=MARCH_2)
    app.repairs.done(closed.id)
    app.repairs.plan(middle.id, MARCH_2 + 4 * DAY)

    listed = app.repairs.list()
    assert [r.id for r in listed] == [old.id, middle.id, new.id]
    assert [r.age_days for r in listed] == [3, 1, 0]
    assert [r.overdue for r in listed] == [False, True, False]  # the target date passed yesterday
    assert not app.repairs.get(closed.id).overdue  # done ones are never overdue

    clock.advance(DAY)  # 6 March: the oldest's target (5 March) has passed too
    listed = app.repairs.list()
    assert [(r.age_days, r.overdue) for r in listed] == [(4, True), (2, True), (1, False)]
    assert [r.state for r in listed] == ["owed", "planned", "owed"]
    assert [r.id for r in app.repairs.list("owed")] == [old.id, new.id]
    assert [r.id for r in app.repairs.list("planned")] == [middle.id]
    assert [r.id for r in app.repairs.list("all")] == [old.id, middle.id, new.id, closed.id]


def test_age_counts_practice_days_so_a_repair_logged_after_midnight_belongs_to_the_evening_before(app, clock):
    # 01:30 UTC on 2 March is 02:30 in Berlin: still the practice day of 1 March (days start at 04:00).
    clock.set(datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc))
    r = app.repairs.add("Sam", "Said something harsh at the party.", target_date=date(2026, 3, 1))
    assert app.repairs.get(r.id).age_days == 0 and not app.repairs.get(r.id).overdue
    clock.set(datetime(2026, 3, 2, 3, 30, tzinfo=timezone.utc))  # 04:30 in Berlin: the next practice day
    again = app.repairs.get(r.id)
    assert again.age_days == 1 and again.overdue


def test_years_of_closed_repairs_and_notes_are_read_a_page_at_a_time_with_counts(app, clock):
    """The screens ask for the newest page and the counts, never for everything ever written."""
    from datetime import timedelta

    for i in range(7):
        repair = app.repairs.add(f"Person {i}", "Something happened")
        clock.advance(timedelta(minutes=1))
        if i < 5:
            app.repairs.done(repair.id)
        elif i == 5:
            app.repairs.release(repair.id, "They moved away")
    assert app.repairs.counts() == {"done": 5, "released": 1, "owed": 1}
    newest_done = app.repairs.list("done", limit=2)
    assert [r.person for r in newest_done] == ["Person 4", "Person 3"]
    assert [r.person for r in app.repairs.by_ids([newest_done[0].id, 1, 1])] == ["Person 0", "Person 4"]

    for i in range(4):
        app.feedback.add(f"Friend {i}", f"Note {i}")
        clock.advance(timedelta(minutes=1))
    app.feedback.ack(1)
    assert app.feedback.counts() == {"new": 3, "acknowledged": 1}
    assert [n.friend for n in app.feedback.list("all", limit=2)] == ["Friend 3", "Friend 2"]
