"""The Repairs screen's words: one word per thing, counts on every filter, no ids that read like ranks."""

from __future__ import annotations

from datetime import date, datetime, timezone

from valuesapp.services.views import RepairView
from valuesapp.ui.presenters.repairs import card_facts, tab_label

TODAY = date(2026, 3, 2)


def _repair(**changes) -> RepairView:
    fields = dict(id=4, person="Mara", what="Left her party early.", kind="conversation", value_id=None,
                  target_date=None, state="owed", planned_for=None, done_at=None, outcome_note=None,
                  released_at=None, release_reason=None, feedback_id=None,
                  created_at=datetime(2026, 2, 27, 12, tzinfo=timezone.utc), value_title=None, age_days=3,
                  overdue=False, overdue_since=None)
    fields.update(changes)
    return RepairView.model_construct(**fields)


def test_the_filters_count_on_a_phone_too_in_a_shorter_form():
    assert tab_label("open", 3, narrow=False) == "Open (3)"
    assert tab_label("open", 3, narrow=True) == "Open 3"
    assert tab_label("released", 0, narrow=True) == "Released"
    assert tab_label("done", 12, narrow=True) == "Done 12"


def test_a_card_says_by_for_the_target_date_and_never_shows_the_id_as_a_rank():
    planned = _repair(state="planned", planned_for=date(2026, 3, 5), target_date=date(2026, 3, 9))
    facts = card_facts(planned, TODAY)
    assert facts == "owed 3 days · planned for Thu 5 Mar 2026 · by Mon 9 Mar 2026"
    assert "#" not in facts and "4" not in facts.split("·")[0]
    assert card_facts(_repair(state="done"), TODAY) == ""
