"""Stories about overdue repairs: a repair is overdue once the day it was due by, or the day it was planned
for, has passed and it is still not done or released. One rule in the core decides it for the list,
the counts, the reminders, the screens and the command line."""

from __future__ import annotations

from datetime import date, timedelta

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)  # the conftest clock's practice day


def test_the_rule_passed_by_date_or_passed_planned_day_while_still_open():
    from valuesapp.core.states import overdue_since

    yesterday, today, tomorrow = MARCH_2 - DAY, MARCH_2, MARCH_2 + DAY
    assert overdue_since("planned", None, yesterday, today) == yesterday
    assert overdue_since("planned", None, today, today) is None  # today is still the planned day
    assert overdue_since("owed", yesterday, None, today) == yesterday
    assert overdue_since("planned", tomorrow, yesterday, today) == yesterday
    assert overdue_since("planned", yesterday - DAY, yesterday, today) == yesterday - DAY  # the first missed day
    assert overdue_since("owed", None, None, today) is None
    for closed in ("done", "released"):
        assert overdue_since(closed, yesterday, yesterday, today) is None


def test_a_repair_planned_for_yesterday_and_not_done_is_overdue_today(app, clock):
    # Given a repair planned for tomorrow, with no date it is due by
    repair = app.repairs.add("Sam", "Missed the call.")
    app.repairs.plan(repair.id, MARCH_2 + DAY)
    assert not app.repairs.get(repair.id).overdue
    # When the planned day comes, it is not yet overdue; when the day after comes and it is still not done
    clock.advance(DAY)
    assert not app.repairs.get(repair.id).overdue
    clock.advance(DAY)
    # Then it is overdue: on the list, since its planned day, first among the open ones, and in the counts
    listed = app.repairs.list("open")
    (shown,) = [r for r in listed if r.id == repair.id]
    assert shown.overdue and shown.overdue_since == MARCH_2 + DAY
    assert app.overview.counts().overdue_repairs == 1
    overview = app.overview.today()
    assert overview.counts.overdue_repairs == 1 and overview.open_repairs[0].id == repair.id
    # and the weekly nudge names it
    nudge = app.reminders.weekly(clock.now())
    assert nudge is not None and "1 repair overdue" in nudge.title and "Sam" in nudge.body


def test_done_it_is_no_longer_overdue(app, clock):
    repair = app.repairs.add("Sam", "Missed the call.")
    app.repairs.plan(repair.id, MARCH_2)
    clock.advance(DAY)
    assert app.repairs.get(repair.id).overdue
    assert not app.repairs.done(repair.id).overdue
    assert app.overview.counts().overdue_repairs == 0


def test_the_command_line_marks_it_overdue(cli):  # noqa: F811
    repair = cli.new_id("repairs", "add", "Sam", "Missed the call.")
    cli.ok("repairs", "plan", repair, "--on", str(MARCH_2))
    cli.clock.advance(DAY)
    assert f"[{repair}] planned OVERDUE  Sam" in cli.ok("repairs", "list")
    (listed,) = cli.json("repairs", "list")
    assert listed["overdue"] is True and listed["overdue_since"] == str(MARCH_2)


def test_the_screens_say_since_when_it_is_overdue(app, clock):
    from valuesapp.ui.presenters.repairs import overdue_words

    repair = app.repairs.add("Sam", "Missed the call.")
    app.repairs.plan(repair.id, MARCH_2)
    clock.advance(2 * DAY)
    assert overdue_words(app.repairs.get(repair.id), MARCH_2 + 2 * DAY) == "Overdue 2 days"
    assert overdue_words(app.repairs.add("Jo", "Fresh."), MARCH_2 + 2 * DAY) is None
