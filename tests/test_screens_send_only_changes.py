"""A refresh sends only what changed: checked without a browser, through Flet 1.0's own differ and encoder.

Given a screen drawn once, when it is refreshed with nothing new, then (almost) nothing would go over the
websocket and every row is the same object as before; given one new reflection or one edited value,
only that row is new. ``Wire`` measures what Flet's session would send for a control tree: the whole
tree once, then each update's patch, encoded as Flet encodes it.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import flet as ft
import msgpack
import pytest
from flet.controls.base_control import BaseControl
from flet.controls.object_patch import ObjectPatch
from flet.messaging.protocol import configure_encode_object_for_msgpack

from tests.test_values_view import StubPage
from valuesapp.ui.journal import JournalScreen
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters.journal import PAGE_SIZE
from valuesapp.ui.shared import Shared
from valuesapp.ui.today import TodayScreen
from valuesapp.ui.values import ValuesScreen

ENCODE = configure_encode_object_for_msgpack(BaseControl)
NOTHING = 64  # bytes: an update that changes nothing is a few bytes of framing


class Wire:
    """What Flet would send for ``control``: all of it once, then the patch of each update."""

    def __init__(self, control):
        self.root = ft.Column()  # the control is added to a page that is already there, as a screen is
        msgpack.packb(self.root, default=ENCODE)
        self.root.controls.append(control)
        self.first = self.update()

    def update(self) -> int:
        patch, self.added, _removed = ObjectPatch.from_diff(self.root, self.root, control_cls=BaseControl)
        return len(msgpack.packb(patch.to_message(), default=ENCODE))


def page(width: int = 412) -> StubPage:
    p = StubPage(width=width)
    p.theme_mode, p.platform_brightness = None, None
    return p


# The rule itself


def test_given_the_same_rows_the_same_controls_come_back_and_only_a_new_or_changed_one_is_built():
    kept, built = Kept("row"), []

    def build(text):
        built.append(text)
        return SimpleNamespace(text=text)

    first = kept.rows([(1, "a"), (2, "b")], build)
    assert [r.key for r in first] == ["row-1", "row-2"]
    again = kept.rows([(1, "a"), (2, "b")], build)
    assert all(x is y for x, y in zip(first, again)) and built == ["a", "b"]

    grown = kept.rows([(3, "new"), (1, "a"), (2, "b changed")], build)
    assert grown[1] is first[0]  # unchanged, moved down
    assert grown[0].key == "row-3" and grown[2] is not first[1]
    assert grown[2].key == "row-2-v1"  # a new key: Flet drops the old row and adds this one whole
    assert built == ["a", "b", "new", "b changed"]

    shrunk = kept.rows([(1, "a")], build)
    assert shrunk == [first[0]]
    assert kept.rows([(2, "b changed")], build)[0] is not grown[2]  # a dropped row is forgotten


# The screens


def seed_journal(app, days: int) -> None:
    app.values.add_many([("Honesty", ""), ("Patience", ""), ("Courage", "")])
    today = app.practice.today()
    for n in range(days, 0, -1):
        app.journal.reflect(f"Day {n}: kept a small promise.", rating=1 + n % 5, day=today - timedelta(days=n))


def test_given_a_journal_drawn_once_a_refresh_with_nothing_new_sends_nothing_and_a_new_reflection_only_itself(app):
    seed_journal(app, 80)
    screen = JournalScreen(Shared(page(), app))
    screen.refresh()
    wire = Wire(screen.control)
    rows = list(screen.rows)
    assert wire.first > 20_000  # the whole screen: a heatmap and a page of reflections

    screen.refresh()
    assert wire.update() <= NOTHING
    assert all(a is b for a, b in zip(rows, screen.rows))

    saved = app.journal.reflect("Told Sam the truth about the delay.", rating=4)
    screen.refresh()
    sent = wire.update()
    new, *others = screen.rows
    assert new.key == f"reflection-{saved.id}"
    assert others[: PAGE_SIZE - 1] == rows[: PAGE_SIZE - 1] and all(
        a is b for a, b in zip(others, rows[: PAGE_SIZE - 1]))
    assert sent < 4096, sent  # the new card, today's cell in the calendar and the counts


def test_scrolling_near_the_end_of_the_journal_loads_the_next_page_and_far_from_it_does_not(app):
    seed_journal(app, 3 * PAGE_SIZE + 5)
    screen = JournalScreen(Shared(page(), app))
    screen.update = lambda: None  # no page to send to
    screen.refresh()
    first_page = list(screen.rows)
    assert len(first_page) == PAGE_SIZE + 1 and first_page[-1].key == "journal-more-0"

    screen._scrolled(SimpleNamespace(pixels=100, max_scroll_extent=5000))
    assert len(screen.rows) == PAGE_SIZE + 1

    screen._scrolled(SimpleNamespace(pixels=4600, max_scroll_extent=5000))
    grown = screen.rows
    assert len(grown) == 2 * PAGE_SIZE + 1 and all(a is b for a, b in zip(first_page[:PAGE_SIZE], grown))

    for _ in range(3):  # to the very end: the rest, then nothing more to load
        screen._scrolled(SimpleNamespace(pixels=9000, max_scroll_extent=9000))
    assert [c.key for c in screen.rows][-1] != "journal-more-0"
    assert len(screen.rows) == 3 * PAGE_SIZE + 5


def test_given_values_drawn_once_a_refresh_sends_nothing_and_an_edit_sends_only_that_card(app):
    for title in ("Honesty", "Patience", "Courage", "Care", "Focus"):
        app.values.add(title)
    screen = ValuesScreen(Shared(page(), app))
    screen.refresh()
    wire = Wire(screen.control)
    cards = list(screen.ranked_list.controls)

    screen.refresh()
    assert wire.update() <= NOTHING

    patience = next(v for v in app.values.list() if v.title == "Patience")
    app.values.edit(patience.id, title="Patience with people")
    screen.refresh()
    sent = wire.update()
    after = screen.ranked_list.controls
    changed = [i for i, (a, b) in enumerate(zip(cards, after)) if a is not b]
    assert changed == [1] and after[1].key.startswith(f"value-{patience.id}")
    assert sent < 4096, sent


@pytest.mark.parametrize("width", [412, 1280])
def test_given_today_drawn_once_a_refresh_sends_nothing_and_a_saved_reflection_little(app, width):
    app.values.add_many([("Honesty", ""), ("Patience", "")])
    app.repairs.add("Sam", "Snapped at Sam about the release.")
    screen = TodayScreen(Shared(page(width), app))
    screen.refresh()
    wire = Wire(screen.control)
    parts = list(screen.practice_view.controls)

    screen.refresh()
    assert wire.update() <= NOTHING
    assert all(a is b for a, b in zip(parts, screen.practice_view.controls))

    app.journal.reflect("Owned the missed deadline.", rating=3)
    screen.refresh()
    assert wire.update() < 4096
    repairs_part = parts[2]
    assert repairs_part in screen.practice_view.controls  # the repairs did not change, so they are not sent
