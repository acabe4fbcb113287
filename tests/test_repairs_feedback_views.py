"""The logic under the Repairs and Feedback screens, checked without a browser."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from valuesapp.services.views import RepairView
from valuesapp.ui import handoff
from valuesapp.ui.presenters.feedback import summary
from valuesapp.ui.pickers import picked_day, show_day
from valuesapp.ui.presenters.repairs import age_text, group_repairs

T0 = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)


def repair(id: int, state: str = "owed", *, overdue: bool = False, planned_for: date | None = None,
           created: int = 0, closed: int = 0) -> RepairView:
    at = T0 + timedelta(days=created)
    return RepairView(
        id=id, person=f"P{id}", what="w", kind="apology", value_id=None, value_title=None,
        target_date=date(2026, 1, 1) if overdue else None, state=state, planned_for=planned_for,
        done_at=T0 + timedelta(days=closed) if state == "done" else None, outcome_note=None,
        released_at=T0 + timedelta(days=closed) if state == "released" else None, release_reason=None,
        feedback_id=None, created_at=at, age_days=0, overdue=overdue,
    )


def test_open_lists_overdue_first_then_oldest_and_planned_soonest_first():
    rows = [
        repair(1, created=0),
        repair(2, "planned", planned_for=date(2026, 4, 9), created=1),
        repair(3, overdue=True, created=2),
        repair(4, "planned", planned_for=date(2026, 4, 2), created=3),
        repair(5, "done", closed=1),
        repair(6, "done", closed=5),
        repair(7, "released", closed=2),
    ]
    groups = group_repairs(rows)
    assert [r.id for r in groups.open] == [3, 1, 2, 4]
    assert [r.id for r in groups.planned] == [4, 2]
    assert [r.id for r in groups.done] == [6, 5]
    assert [r.id for r in groups.released] == [7]
    assert groups.tab_of(7) == "released" and groups.tab_of(4) == "open" and groups.tab_of(99) is None


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Auckland", "Europe/Berlin", "UTC",
                                  "America/Los_Angeles", "Pacific/Pago_Pago"])
def test_a_picked_calendar_day_survives_the_browser_zone(zone):
    # The client answers with the tapped day's local midnight, sent as UTC.
    tapped = date(2026, 11, 29)
    midnight = datetime(2026, 11, 29, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)
    assert picked_day(midnight, ZoneInfo(zone)) == tapped
    assert picked_day(tapped, ZoneInfo(zone)) == tapped
    assert picked_day(None, ZoneInfo(zone)) is None


def test_a_browser_a_few_hours_off_the_configured_zone_still_gets_its_day():
    tokyo_midnight = datetime(2026, 11, 29, tzinfo=ZoneInfo("Asia/Tokyo")).astimezone(timezone.utc)
    assert picked_day(tokyo_midnight, ZoneInfo("Europe/Berlin")) == date(2026, 11, 29)


def test_words_for_ages_dates_and_the_feedback_count():
    assert age_text(0) == "added today" and age_text(1) == "owed 1 day" and age_text(12) == "owed 12 days"
    assert show_day(date(2026, 5, 5)) == "Tue 5 May 2026"
    assert summary({"new": 1, "acknowledged": 1}) == "1 new of 2 notes, newest first."
    assert summary({"acknowledged": 1}) == "1 note, newest first. Nothing new."
    assert summary({"new": 3, "acknowledged": 1_497}) == "3 new of 1,500 notes, newest first."


def test_a_handoff_is_taken_once_and_only_by_its_route():
    class FakeShared:
        def __init__(self):
            self.went: list[str] = []

        def navigate(self, route: str) -> None:
            self.went.append(route)

    shared = FakeShared()
    handoff.show_item(shared, "/repairs", 5)
    assert shared.went == ["/repairs"]
    assert handoff.take(shared, "/feedback") is None
    assert handoff.take(shared, "/repairs") == 5
    assert handoff.take(shared, "/repairs") is None
