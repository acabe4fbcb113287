"""Today, as data: a reflection saved today is listed with an edit button that names it, the edit goes
through the Journal's own checks, and the card and counters speak in words people read."""

from __future__ import annotations

import pytest

from valuesapp.core.errors import UserError
from valuesapp.core.prompts import prompt_for
from valuesapp.ui.presenters.today import Box, counter, edit_label, present_today, reflection_updated


def today(app):
    return present_today(app.overview.today(), values_ever=len(app.values.list(include_archived=True)),
                         box=Box(), pending=app.drafts.pending())


def test_given_a_reflection_saved_today_when_it_is_edited_then_today_and_the_journal_show_the_new_words(app):
    app.values.add("Honesty")
    saved = app.journal.reflect("Said no to the extra project.", rating=4)
    (row,) = today(app).reflect.reflected_today
    assert row.id == saved.id and row.edit_label == "Edit reflection: Said no to the extra project."

    # An empty edit is refused with the same words as anywhere else, and nothing changes.
    with pytest.raises(UserError) as refused:
        app.journal.edit(row.id, text="   ", rating=4)
    assert refused.value.message == "The reflection cannot be empty."
    assert today(app).reflect.reflected_today[0].text == "Said no to the extra project."

    edited = app.journal.edit(row.id, text="Said no to the extra project, kindly.", rating=5)
    assert reflection_updated(edited.rating) == "Reflection updated. Rated 5 of 5."
    (row,) = today(app).reflect.reflected_today
    assert (row.text, row.rating) == ("Said no to the extra project, kindly.", 5)
    assert [r.text for r in app.journal.list()] == ["Said no to the extra project, kindly."]


def test_an_edit_buttons_name_is_short_enough_to_be_read_aloud():
    long = "word " * 30
    assert edit_label(long).startswith("Edit reflection: word word") and edit_label(long).endswith("\u2026")
    assert len(edit_label(long)) <= len("Edit reflection: ") + 40


def test_the_card_shows_the_rank_as_a_rank_and_counters_group_thousands(app):
    app.values.add("Honesty")
    assert today(app).card.rank == "Rank 1"
    assert counter("") == "0/10,000" and counter("x" * 1234) == "1,234/10,000"


def test_values_side_by_side_are_not_all_asked_the_same_question_on_one_day(app):
    """The general question depends on the value as well as the day (before, every value got the day's one)."""
    ids = [app.values.add(t).id for t in ("Honesty", "Courage", "Kindness")]
    day = app.practice.today()
    asked = {prompt_for(day, value_id, []) for value_id in ids}
    assert len(asked) == 3
    card = app.practice.card()
    assert card.prompt == prompt_for(day, card.value.id, [])
