"""Today, as data: a reflection saved today is listed with an edit button that names it, the edit goes
through the Journal's own checks, and the card and counters speak in words people read."""

from __future__ import annotations

import flet as ft
import pytest

from tests.test_values_view import StubPage
from valuesapp.core.errors import UserError
from valuesapp.core.prompts import prompt_for
from valuesapp.ui.presenters.today import Box, counter, edit_label, present_today, reflection_updated
from valuesapp.ui.shared import Shared
from valuesapp.ui.today import TodayScreen


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


def test_given_the_editor_open_a_refused_save_keeps_the_words_and_a_good_one_updates_today(app, monkeypatch):
    """The screen's own editor, driven without a browser: the same field object across refreshes."""
    monkeypatch.setattr(ft.TextField, "update", lambda self: None)
    monkeypatch.setattr(ft.Row, "update", lambda self: None)
    app.values.add("Honesty")
    saved = app.journal.reflect("Said no.", rating=2)
    screen = TodayScreen(Shared(StubPage(), app))
    screen.refresh()
    (row,) = today(app).reflect.reflected_today
    screen.editor.start(row)
    assert screen.editor.editor in screen.reflected_today.controls
    assert screen.editor.text.value == "Said no." and screen.editor.text.counter == "8/10,000"

    screen.editor.text.value = "Said no \u202e kindly."
    screen.editor.save()
    assert screen.editor.text.error == "The reflection contains control characters; remove them and try again."
    assert screen.editor.text.value == "Said no \u202e kindly."
    screen.refresh()  # a refresh (the day's news, another tab) keeps the editor and its words
    assert screen.editor.editor in screen.reflected_today.controls
    assert screen.editor.text.value == "Said no \u202e kindly."

    screen.editor.text.value = "Said no, kindly."
    screen.editor.rating.set(4)
    screen.editor.save()
    assert screen.editor.editing is None and screen.editor.text.error is None
    assert (app.journal.get(saved.id).text, app.journal.get(saved.id).rating) == ("Said no, kindly.", 4)
