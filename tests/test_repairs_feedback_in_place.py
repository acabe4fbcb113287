"""Repairs and Feedback redraw in place: a refresh with nothing changed keeps every card it drew (so Flet
sends nothing for it), and a change rebuilds only the card it touched, keyed by what it shows.

Given a screen drawn on a store, when it is refreshed again, then each card is the very control drawn
before; when one repair is ticked done (one note acknowledged) and it refreshes, then only that card is
new, the others are kept, and the counts follow. The presenters are checked the same way, without Flet.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from valuesapp.ui.presenters.feedback import ACKNOWLEDGE, MARK_ACTED_ON, feedback_shown
from valuesapp.ui.presenters.repairs import group_repairs, repairs_shown

TODAY = date(2026, 3, 2)
UTC = ZoneInfo("UTC")


def phone_page():
    """What the screens ask of a page while they draw: its width (a phone's) and a way to run a task."""
    return SimpleNamespace(width=412, theme_mode=None, platform_brightness=None, run_task=lambda *_a: None,
                           update=lambda: None, show_dialog=lambda *_a: None)


@pytest.fixture
def shared(app):
    from valuesapp.ui.shared import Shared

    return Shared(phone_page(), app)


def shown_repairs(app, tab="open"):
    repairs = app.repairs
    groups = group_repairs(repairs.list("open") + repairs.list("done") + repairs.list("released"))
    return repairs_shown(groups, repairs.counts(), tab=tab, today=TODAY, zone=UTC, narrow=True)


def test_the_repairs_presenter_gives_equal_cards_for_unchanged_repairs_and_a_new_one_for_a_ticked_one(app):
    sam = app.repairs.add("Sam", "Snapped at Sam.")
    lee = app.repairs.add("Lee", "Kept the drill.", kind="amends")
    before = shown_repairs(app)
    assert shown_repairs(app) == before
    assert before.labels == ("Open 2", "Planned", "Done", "Released")

    app.repairs.done(sam.id, "We talked it through.")
    after = shown_repairs(app)
    assert [c.repair.id for c in after.cards] == [lee.id]
    assert after.cards[0] == next(c for c in before.cards if c.repair.id == lee.id)  # Lee's card: not redrawn
    assert after.labels == ("Open 1", "Planned", "Done 1", "Released")
    done = shown_repairs(app, "done").cards[0]
    assert (done.action, done.outcome[1]) == ("Reopen", "Done on Mon 2 Mar 2026: We talked it through.")
    assert done.menu == ("Edit", "Delete")


def test_a_repairs_refresh_keeps_every_card_it_drew_and_a_tick_rebuilds_only_that_one(app, shared):
    from valuesapp.ui.repairs import RepairsScreen

    sam = app.repairs.add("Sam", "Snapped at Sam.")
    app.repairs.add("Lee", "Kept the drill.")
    app.repairs.add("Kim", "Forgot her birthday.")
    screen = RepairsScreen(shared)
    screen.refresh()
    drawn = list(screen.rows)
    assert [c.key for c in drawn] == ["repair-1", "repair-2", "repair-3"]  # keyed by the repair they show

    screen.refresh()  # nothing changed: the very same controls, so nothing is sent for them
    assert all(a is b for a, b in zip(drawn, screen.rows, strict=True))

    app.repairs.done(sam.id, None)
    screen.refresh()
    kept = {c.key: c for c in drawn}
    assert [c.key for c in screen.rows] == [k for k in kept if k != f"repair-{sam.id}"]
    assert all(c is kept[c.key] for c in screen.rows)
    assert screen.tabs.segments[0].label.value == "Open 2" and screen.tabs.segments[2].label.value == "Done 1"


def test_the_feedback_presenter_and_screen_redraw_only_the_acknowledged_note(app, shared):
    from valuesapp.ui.feedback import FeedbackScreen

    alex = app.feedback.add("Alex", "You left early.")
    app.feedback.add("Mara", "You listened well.", kind="appreciation")
    notes = app.feedback.list("all")
    before = feedback_shown(notes, app.feedback.counts(), {})
    assert before.summary == "2 new of 2 notes, newest first."
    assert [c.step for c in before.cards] == [ACKNOWLEDGE, ACKNOWLEDGE]

    screen = FeedbackScreen(shared)
    screen.refresh()
    drawn = {c.key: c for c in screen.rows}
    screen.refresh()
    assert all(c is drawn[c.key] for c in screen.rows)

    app.feedback.ack(alex.id)
    after = feedback_shown(app.feedback.list("all"), app.feedback.counts(), {})
    assert after.summary == "1 new of 2 notes, newest first."
    changed = [b for a, b in zip(before.cards, after.cards) if a != b]
    assert [(c.note.id, c.step, c.fresh) for c in changed] == [(alex.id, MARK_ACTED_ON, False)]
    screen.refresh()
    new = [c for c in screen.rows if c is not drawn.get(c.key)]
    assert [c.key for c in new] == [f"feedback-{alex.id}-v1"]  # sent whole, under its next version's key
    assert screen.summary.value == "1 new of 2 notes, newest first."
