"""The Review screen redraws in place and never moves a field being typed in.

Given a Review drawn on a store, with words typed into next week's question, the new value and the
review's note, when the store changes (this tab, another one or the CLI adds a value) and the screen
refreshes, then the three fields are the very controls drawn before and still hold their words, the
cards whose data did not change are kept, and only the list's new value is a new row.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.test_repairs_feedback_in_place import phone_page
from valuesapp.core.clock import FixedClock


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 3, 8, 19, 0, tzinfo=timezone.utc))  # a Sunday evening


def test_a_change_from_elsewhere_keeps_the_reviews_fields_and_words_and_redraws_only_what_changed(app):
    from valuesapp.ui.review import ReviewScreen
    from valuesapp.ui.shared import Shared

    honesty = app.values.add("Honesty")
    app.values.add("Courage")
    screen = ReviewScreen(Shared(phone_page(), app))
    screen.refresh()
    screen.question.value, screen.new_title.value, screen.note.value = "Whom do I owe?", "Pati", "Half a thought"
    fields = (screen.question, screen.new_title, screen.note)
    week_cards = list(screen.week_part.controls)
    rows = {row.key: row for row in screen.list_values.controls}

    screen.refresh()  # nothing changed
    assert list(screen.week_part.controls) == week_cards and all(a is b for a, b in zip(screen.week_part.controls,
                                                                                          week_cards))
    assert all(row is rows[row.key] for row in screen.list_values.controls)

    app.values.add("Kindness")  # from the CLI, another tab or this one
    screen.refresh()
    assert (screen.question, screen.new_title, screen.note) == fields
    assert (screen.question.value, screen.new_title.value, screen.note.value) == ("Whom do I owe?", "Pati",
                                                                               "Half a thought")
    new = [row for row in screen.list_values.controls if row is not rows.get(row.key)]
    assert len(new) == 1 and len(screen.list_values.controls) == 3
    assert rows[f"review-value-{honesty.id}"] in screen.list_values.controls  # Honesty's row: not redrawn
