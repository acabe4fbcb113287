"""What the Values screen says about rank is true for the way the day's value is picked in force, and the
screen speaks of snipping in one word. Rank only changes how often a value comes up under weighted."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import flet as ft
import pytest

from valuesapp.core.picking import RANDOM, ROTATION, WEIGHTED, Candidate, pick
from valuesapp.ui.presenters.values import empty_text, list_subtitle, quoted, rank_label, snipped_title, what_rank_does
from valuesapp.ui.shared import Shared
from valuesapp.ui.values import ValuesScreen
from tests.test_values_view import StubPage, texts


def test_under_rotation_and_random_nothing_says_rank_changes_how_often():
    for strategy in (ROTATION, RANDOM):
        said = " ".join([what_rank_does(strategy), empty_text(strategy), list_subtitle(3)])
        assert "more often" not in said and "most important" not in said and "whatever its rank" in said
    assert what_rank_does(ROTATION) == "Rotation: every value comes up once a round, in random order, whatever its rank."
    assert what_rank_does(RANDOM).startswith("Random: every value is as likely as any other")
    assert "every value gets its turn" in empty_text(ROTATION)
    assert "chosen at random" in empty_text(RANDOM)


def test_under_weighted_the_higher_rank_comes_up_more_often_and_growth_edge_is_named():
    assert what_rank_does(WEIGHTED) == "Weighted: the higher a value's rank, the more often it comes up."
    assert "Growth edge" in what_rank_does(WEIGHTED, growth_edge=True)
    assert "the higher a value, the more often it comes up" in empty_text(WEIGHTED)


def test_what_the_words_promise_is_what_the_picker_does():
    """Rotation: each value once a round, whatever its rank. Weighted: rank 1 of 3 more often than rank 3."""
    candidates = [Candidate(value_id=i, rank=i) for i in (1, 2, 3)]
    rng = random.Random(7)
    counts = {1: 0, 2: 0, 3: 0}
    for n in range(3000):
        counts[pick(day=date(2026, 1, 1), strategy=WEIGHTED, candidates=candidates, rng=rng).value_id] += 1
    assert counts[1] > counts[2] > counts[3]
    # One round of rotation shows each value once, and over many rounds no rank comes up first more often.
    firsts = {1: 0, 2: 0, 3: 0}
    for _ in range(900):
        firsts[pick(day=date(2026, 1, 1), strategy=ROTATION, candidates=candidates, rng=rng).value_id] += 1
    assert all(250 < n < 350 for n in firsts.values())


def test_the_rank_is_a_rank_in_words_and_titles_are_quoted_typographically():
    assert rank_label(4) == "Rank 4" and rank_label(None) == "Snipped"
    assert snipped_title(2) == "Snipped (2)"
    assert quoted("Be good") == "\u2018Be good\u2019"
    assert list_subtitle(0) == "Your ranked list is empty."
    assert list_subtitle(6).startswith("6 values, in the order you rank them.")


def screen_at(app, width: int) -> ValuesScreen:
    screen = ValuesScreen(Shared(StubPage(width=width), app))
    screen.refresh()
    return screen


def controls(control, kind, seen=None):
    """Every control of ``kind`` under ``control``."""
    seen = seen if seen is not None else set()
    if id(control) in seen:
        return []
    seen.add(id(control))
    found = [control] if isinstance(control, kind) else []
    for spec in dataclasses.fields(control):
        if spec.name.startswith("_"):
            continue
        child = getattr(control, spec.name, None)
        for item in child if isinstance(child, list) else [child]:
            if isinstance(item, ft.Control):
                found += controls(item, kind, seen)
    return found


@pytest.mark.parametrize("strategy", [ROTATION, WEIGHTED, RANDOM])
def test_given_a_strategy_the_values_screen_says_what_rank_does_under_it(app, strategy):
    app.settings.set("pick_strategy", strategy)
    empty = "\n".join(texts(screen_at(app, 412).control))
    assert empty_text(strategy) in empty and what_rank_does(strategy) in empty
    app.values.add("Honesty")
    listed = "\n".join(texts(screen_at(app, 412).control))
    assert what_rank_does(strategy) in listed and "most important first" not in listed


def test_the_empty_screen_has_one_add_button(app):
    screen = screen_at(app, 412)
    adds = [b for b in controls(screen.control, ft.FilledButton) if "Add" in str(b.content)]
    assert len(adds) == 1


def test_given_a_phone_the_arrows_move_into_each_values_menu_and_the_title_has_the_width(app):
    for title in ("Honesty", "Courage", "Kindness"):
        app.values.add(title)
    phone = screen_at(app, 360)
    assert controls(phone.control, ft.IconButton) == []
    menus = controls(phone.control, ft.PopupMenuButton)
    assert [m.icon.semantics_label for m in menus] == ["More for Honesty", "More for Courage", "More for Kindness"]
    items = [[i.content for i in m.items] for m in menus]
    assert items[0] == ["Move down", "Edit", "Reflection prompts", "Focus for N days", "Snip"]
    assert items[1][:2] == ["Move up", "Move down"] and items[2][0] == "Move up" and "Move down" not in items[2]
    next(i for i in menus[2].items if i.content == "Move up").on_click(None)
    assert [v.title for v in app.values.list()] == ["Honesty", "Kindness", "Courage"]

    desktop = screen_at(app, 1280)
    names = [b.icon.semantics_label for b in controls(desktop.control, ft.IconButton)]
    assert "Move Kindness up" in names and "Move Kindness down" in names
    assert all("Move" not in i.content for m in controls(desktop.control, ft.PopupMenuButton) for i in m.items)


def test_snipped_values_are_called_snipped_everywhere_on_the_screen(app):
    v = app.values.add("Be good")
    app.values.add("Honesty")
    app.values.archive(v.id, "Too vague.")
    text = "\n".join(texts(screen_at(app, 412).control))
    assert "Snipped (1)" in text and "rchiv" not in text
