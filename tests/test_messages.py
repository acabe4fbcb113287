"""Refusals come from one home (core.messages), carry the field they are about, and never name the CLI.

A form puts a refusal beside its field by ``UserError.field``; these tests hold each field-level check to
giving one, the screens' mapping to reading it (not the wording), and the app-facing words to plain language.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from valuesapp.core import access, limits, settings, states
from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.messages import Msg
from valuesapp.ui.shared import field_for


def _refusal(call, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)
    return caught.value


FIELD_CHECKS = [
    ("note", limits.clean_text, (7,), {"field": "note", "max_len": 10}),
    ("note", limits.clean_text, ("a\x1bb",), {"field": "note", "max_len": 10}),
    ("reason", limits.clean_text, ("  ",), {"field": "reason", "max_len": 10, "required": True}),
    ("reason", limits.clean_text, ("x" * 11,), {"field": "reason", "max_len": 10}),
    ("title", limits.clean_title, ("",), {}),
    ("title", limits.clean_title, ("two\nlines",), {}),
    ("title", limits.clean_title, ("x" * (limits.TITLE_MAX + 1),), {}),
    ("person", limits.clean_name, ("x" * (limits.NAME_MAX + 1),), {"field": "person"}),
    ("rating", limits.check_rating, (9,), {}),
    ("date", limits.parse_date, ("soon",), {}),
    ("end", limits.check_range, (date(2026, 5, 2), date(2026, 5, 1)), {"what": "pause"}),
    ("number of days", limits.check_positive_days, (0,), {}),
    ("Day starts at", limits.parse_hhmm, ("25:00",), {"field": "Day starts at"}),
    ("kind", states.check_choice, ("rant", states.FEEDBACK_KINDS), {"field": "kind"}),
    ("passphrase", access.check_passphrase, ("",), {}),
    ("passphrase", access.check_passphrase, ("short",), {}),
    ("passphrase", access.check_passphrase, ("x" * (limits.PASSPHRASE_MAX + 1),), {}),
    ("passphrase", access.check_passphrase, ("a long enough\npassphrase",), {}),
    ("days", access.check_link_days, (0,), {}),
    ("note", access.clean_link_note, ("  ",), {}),
    ("note", access.clean_link_note, ("x" * (limits.LINK_NOTE_MAX + 1),), {}),
] + [(key, settings.parse, (key, "two\nlines" if key == "display_name" else "nonsense"), {}) for key in settings.KEYS]


@pytest.mark.parametrize(("field", "call", "args", "kwargs"), FIELD_CHECKS,
                         ids=[f"{c.__name__}-{f}-{i}" for i, (f, c, _a, _k) in enumerate(FIELD_CHECKS)])
def test_every_field_level_refusal_carries_its_field(field, call, args, kwargs):
    assert _refusal(call, *args, **kwargs).field == field


def test_a_refusal_reads_as_its_template_filled_in():
    exc = _refusal(limits.clean_text, "x" * 10_001, field="note", max_len=10_000)
    assert exc.message == str(exc) == "The note is 10,001 characters long; the limit is 10,000."
    assert _refusal(settings.parse, "theme", "neon").message == "Theme: 'neon' is not one of system, light or dark."
    assert _refusal(settings.parse, "colour", "x").field is None
    assert NotFound("value", 7).message == "There is no value with id 7." and NotFound("value", 7).field is None
    assert UserError("plain words").field is None


class _Field:
    error: str | None = None


def test_the_forms_place_a_refusal_by_its_field_not_its_words():
    title, note = _Field(), _Field()
    fields = {"title": title, "note": note}
    # Words that name the note, but a refusal about the title: the field decides.
    assert field_for(UserError("The note and the title clash.", field="title"), fields) is title
    assert field_for(UserError("The title is wrong.", field="note"), fields) is note
    assert field_for(UserError("The title is wrong."), fields) is title  # no field: the form's first
    assert field_for(UserError("x", field="reason"), fields) is title
    assert field_for(_refusal(limits.clean_text, "x" * 11, field="note", max_len=10), fields) is note


def test_the_screens_no_longer_guess_a_field_from_the_wording():
    from pathlib import Path

    ui = Path(limits.__file__).parents[1] / "ui"
    for path in ui.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert ".message.lower()" not in text and 'startswith(f"the' not in text, path


def test_no_message_shown_in_the_app_names_a_command_or_an_option():
    import typer.main

    from valuesapp.cli import app

    commands = "|".join(sorted(typer.main.get_command(app).commands))
    # A command as typed ("valuesapp restore", "`valuesapp passphrase set`") or an option ("--db"); "a
    # valuesapp export" is the file's kind, not the command.
    cli_syntax = re.compile(rf"`|(?<!a )valuesapp (?:{commands})\b|(?<![\w-])--[a-z]")
    assert cli_syntax.search("restore it with: valuesapp restore x") and cli_syntax.search("give --db")
    for msg in Msg:
        assert not cli_syntax.search(msg.text), msg


def test_the_services_refusals_name_the_field_a_form_shows_them_by(app):
    """The pause form puts a refusal under the reason or the end; the value forms under the title or the note."""
    start = date(2026, 3, 2)
    assert _refusal(app.practice.pause, start, start, "x" * (limits.REASON_MAX + 1)).field == "reason"
    assert _refusal(app.practice.pause, start, date(2026, 3, 1)).field == "end"
    assert _refusal(app.practice.pause, start, date(2028, 3, 1)).field == "end"
    app.values.add("Honesty")
    assert _refusal(app.values.add, "honesty").field == "title"
    assert _refusal(app.values.add, "Courage", "x" * (limits.NOTE_MAX + 1)).field == "note"
