"""The Values screen's logic, checked without a browser: what it shows in each state, and that its
handlers call the right service with the right rank (drag indices are 0-based, ranks 1-based)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from types import SimpleNamespace

import flet as ft
import pytest

from valuesapp.ui.shared import Shared
from valuesapp.ui.value_dialogs import attempt_fields, day_text
from valuesapp.ui.values import ValuesScreen


@dataclass
class StubPage:
    """Just enough of a page for a screen to be built and its handlers run outside a session."""

    width: int = 412
    web: bool = False  # the desktop window, not a browser (Today offers push reminders only in one)
    dialogs: list = field(default_factory=list)
    updates: int = 0

    def show_dialog(self, dialog) -> None:
        self.dialogs.append(dialog)

    def update(self, *_controls) -> None:
        self.updates += 1

    def run_task(self, *_args, **_kwargs) -> None:
        pass


def texts(control, seen=None) -> list[str]:
    """Every piece of text under a control, in order, as a person (or a screen reader) meets it."""
    seen = seen if seen is not None else set()
    if id(control) in seen:
        return []
    seen.add(id(control))
    found = [control.value] if isinstance(control, ft.Text) and control.value else []
    for spec in dataclasses.fields(control):
        if spec.name.startswith("_"):
            continue
        child = getattr(control, spec.name, None)
        children = child if isinstance(child, list) else [child]
        for item in children:
            if isinstance(item, ft.Control):
                found += texts(item, seen)
    return found


@pytest.fixture
def screen(app):
    shared = Shared(StubPage(), app)
    shared.changed_calls = 0

    def count():
        shared.changed_calls += 1

    shared.on_change(count)
    return ValuesScreen(shared)


def shown(screen) -> str:
    screen.refresh()
    return "\n".join(texts(screen.control))


def test_with_no_values_it_explains_and_offers_the_first_step(screen):
    text = shown(screen)
    assert "No values yet" in text and "pick from a short list of common values on Today" in text
    assert "Snipped" not in text


def test_with_every_value_snipped_it_says_so_and_lists_them_to_restore(screen, app):
    v = app.values.add("Honesty")
    app.values.archive(v.id, "Folded into Integrity.")
    text = shown(screen)
    assert "Every value is snipped" in text
    assert "Snipped (1)" in text and "Reason: Folded into Integrity." in text


def test_the_list_shows_ranks_notes_prompts_and_the_focus(screen, app):
    honesty = app.values.add("Honesty", "Say what is true.")
    app.values.add("Courage")
    app.values.add_prompt(honesty.id, "Where did I soften the truth?")
    pin = app.values.focus(honesty.id, 3)
    text = shown(screen)
    for expected in ("Rank 1", "Rank 2", "Courage", "Say what is true.", "Where did I soften the truth?",
                     "Focus: Honesty", f"Focus until {day_text(pin.end)}"):
        assert expected in text


def test_a_pin_on_a_snipped_value_is_not_shown_as_the_focus(screen, app):
    honesty = app.values.add("Honesty")
    app.values.add("Courage")
    app.values.focus(honesty.id, 3)
    app.values.archive(honesty.id, "x")
    assert "Focus: Honesty" not in shown(screen)
    app.values.restore(honesty.id)
    assert "Focus: Honesty" in shown(screen)


def test_a_drag_moves_the_dragged_value_to_the_dropped_rank(screen, app):
    for title in ("Honesty", "Courage", "Kindness"):
        app.values.add(title)
    screen.refresh()
    screen.on_reorder(SimpleNamespace(old_index=2, new_index=0))
    assert [v.title for v in app.values.list()] == ["Kindness", "Honesty", "Courage"]
    screen.on_reorder(SimpleNamespace(old_index=0, new_index=2))
    assert [v.title for v in app.values.list()] == ["Honesty", "Courage", "Kindness"]
    assert screen.shared.changed_calls == 2
    assert "Moved 'Kindness' from rank 1 to 3." == app.values.history()[-1].summary


def test_undoing_a_snip_puts_it_back_at_its_rank_or_the_end_if_the_list_got_shorter(screen, app):
    a, b, c = (app.values.add(t) for t in ("A", "B", "C"))
    screen.refresh()
    app.values.archive(b.id, "x")
    screen.restore(b, rank=2, undoing=True)
    assert [v.title for v in app.values.list()] == ["A", "B", "C"]
    app.values.archive(c.id, "x")
    app.values.archive(b.id, "x")
    screen.restore(c, rank=3, undoing=True)  # only A is left: rank 3 no longer exists
    assert [v.title for v in app.values.list()] == ["A", "C"]


def test_a_form_error_lands_beside_the_field_it_names_and_keeps_the_text(screen, app, monkeypatch):
    monkeypatch.setattr(ft.TextField, "update", lambda self: None)
    title, note = ft.TextField(value="Honesty"), ft.TextField(value="x" * 10_001)
    result = attempt_fields(screen.shared, app.values.add, title.value, note.value,
                            fields={"title": title, "note": note})
    assert result is None
    assert title.error is None and note.error.startswith("The note is 10,001 characters long")
    app.values.add("Honesty")
    attempt_fields(screen.shared, app.values.add, "honesty", "", fields={"title": title, "note": note})
    assert "already have an active value" in title.error and note.error is None
    assert title.value == "Honesty"
