"""Hypothesis properties of the ranked list and the daily pick.

Store-backed properties use a fresh SQLite store per example, copied from one migrated template so
an example costs a file copy rather than a migration.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from valuesapp.core import picking
from valuesapp.core.clock import FixedClock
from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.store.engine import HEAD_REVISION, current_revision, open_store

DAY = timedelta(days=1)
START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
# A RAM disk where there is one: SQLite syncs every commit to disk, which is all cost and no use here.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_store(path).close()
    return path


class FreshStore:
    """A store of its own for one Hypothesis example."""

    def __init__(self, template: Path, seed: int = 0):
        self.dir = tempfile.TemporaryDirectory(dir=SCRATCH)
        path = Path(self.dir.name) / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(template, path)
        self.store = open_store(path)
        assert current_revision(self.store) == HEAD_REVISION  # the copy needed no migration
        self.clock = FixedClock(START)
        self.app = build_services(self.store, clock=self.clock, rng=random.Random(seed), system_timezone="Europe/Berlin")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.store.close()
        self.dir.cleanup()


# After any sequence of list changes: ranks 1..n, history replays to the list, last revision shows it.

TITLES = ["Honesty", "honesty", "Courage", "COURAGE", "Kindness", "Ärger", "ärger", "Patience", "Calm", "calm ",
          "Curiosity", "Presence", "Gratitude", "Integrity", "Value 1"]

# A rank is mostly one that fits (folded into range when used), sometimes 0 or 99, which never fit.
ranks = st.one_of(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12), st.sampled_from([0, 99]))
list_ops = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(TITLES), st.one_of(st.none(), ranks)),
    st.tuples(st.just("move"), st.integers(0, 20), ranks),
    st.tuples(st.just("reorder"), st.randoms(use_true_random=False)),
    st.tuples(st.just("archive"), st.integers(0, 20)),
    st.tuples(st.just("restore"), st.integers(0, 20), st.one_of(st.none(), ranks)),
    st.tuples(st.just("edit"), st.integers(0, 20), st.sampled_from(TITLES)),
)


def fold(rank: int | None, upper: int) -> int | None:
    """A generated rank, folded into 1..upper unless it is None, 0 or 99."""
    return rank if rank in (None, 0, 99) else (rank - 1) % upper + 1


def snapshot(app):
    """The whole list (active by rank, then snipped) and the whole history, read once."""
    everything = app.values.list(include_archived=True)
    active = [v for v in everything if not v.archived]
    return active + sorted((v for v in everything if v.archived), key=lambda v: v.id), app.values.history()


@settings(max_examples=30, deadline=None, suppress_health_check=SLOW_OK)
@given(start=st.integers(0, 6), ops=st.lists(list_ops, max_size=18))
def test_after_any_list_changes_ranks_are_1_to_n_and_the_history_replays_to_the_list(template, start, ops):
    with FreshStore(template) as fresh:
        app = fresh.app
        expected = [app.values.add(f"Value {n}").id for n in range(1, start + 1)]  # a plain model of the order
        everything, history = snapshot(app)
        for op in ops:
            active_ids = [v.id for v in everything if not v.archived]
            archived_ids = sorted(v.id for v in everything if v.archived)
            refused = False
            try:
                if op[0] == "add":
                    rank = fold(op[2], len(active_ids) + 1)
                    v = app.values.add(op[1], rank=rank)
                    expected.insert(len(expected) if rank is None else rank - 1, v.id)
                elif op[0] == "move" and active_ids:
                    value_id = active_ids[op[1] % len(active_ids)]
                    rank = fold(op[2], len(active_ids))
                    app.values.move(value_id, rank)
                    expected.remove(value_id)
                    expected.insert(rank - 1, value_id)
                elif op[0] == "reorder":
                    new = list(active_ids)
                    op[1].shuffle(new)
                    app.values.reorder(new)
                    expected = new
                elif op[0] == "archive" and active_ids:
                    value_id = active_ids[op[1] % len(active_ids)]
                    app.values.archive(value_id, "snipped by a property")
                    expected.remove(value_id)
                elif op[0] == "restore" and archived_ids:
                    value_id = archived_ids[op[1] % len(archived_ids)]
                    rank = fold(op[2], len(active_ids) + 1)
                    app.values.restore(value_id, rank=rank)
                    expected.insert(len(expected) if rank is None else rank - 1, value_id)
                elif op[0] == "edit" and active_ids:
                    app.values.edit(active_ids[op[1] % len(active_ids)], title=op[2])
            except UserError:
                refused = True
            before = (everything, history)
            everything, history = snapshot(app)
            if refused:
                assert (everything, history) == before, op  # refused: nothing changed, not even the history
            active = [v for v in everything if not v.archived]
            assert [v.rank for v in active] == list(range(1, len(active) + 1))
            assert all(v.rank is None for v in everything if v.archived)
            assert [v.id for v in active] == expected
            assert len({v.title.lower() for v in active}) == len(active)
            assert app.values.replay_history() == expected
            if history:
                assert list(history[-1].titles) == [v.title for v in active]
        assert {v.id for v in everything} == {r.value_id for r in history if r.action == "add"}


# Rotation: every active value exactly once per round, never the same value two days running.


def check_rotation(picks: list[tuple[int, int]], ids: set[int]) -> None:
    """``picks`` are (value id, round) in day order, for a list that stayed ``ids`` throughout."""
    rounds: dict[int, list[int]] = {}
    for value_id, cycle in picks:
        rounds.setdefault(cycle, []).append(value_id)
    numbers = sorted(rounds)
    assert numbers == list(range(1, len(numbers) + 1))
    for number in numbers:
        shown = rounds[number]
        assert len(shown) == len(set(shown)), rounds
        if number != numbers[-1]:
            assert set(shown) == ids, rounds  # every finished round showed every value
    if len(ids) >= 2:
        for (yesterday, _), (today, _) in zip(picks, picks[1:]):
            assert yesterday != today, picks


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 8), days=st.integers(1, 40), seed=st.integers(0, 2**32))
def test_rotation_in_the_core_shows_each_value_once_per_round_and_never_twice_running(n, days, seed):
    candidates = [picking.Candidate(100 + i, i) for i in range(1, n + 1)]
    rng = random.Random(seed)
    state, previous, picks = picking.RotationState(), None, []
    for d in range(days):
        p = picking.pick(day=date(2026, 3, 2) + d * DAY, strategy="rotation", candidates=candidates, rng=rng,
                         previous_value_id=previous, rotation=state)
        shown = state.shown if p.cycle == state.cycle else frozenset()
        state, previous = picking.RotationState(p.cycle, shown | {p.value_id}), p.value_id
        picks.append((p.value_id, p.cycle))
    check_rotation(picks, {c.value_id for c in candidates})
    if days >= n:
        assert {v for v, _ in picks[:n]} == {c.value_id for c in candidates}


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_OK)
@given(n=st.integers(1, 6), extra_days=st.integers(0, 8), seed=st.integers(0, 2**16))
def test_rotation_through_the_store_shows_each_value_once_per_round_and_never_twice_running(template, n, extra_days, seed):
    with FreshStore(template, seed) as fresh:
        ids = {fresh.app.values.add(f"Value {i}").id for i in range(n)}
        picks = []
        for _ in range(2 * n + extra_days):
            card = fresh.app.practice.card()
            assert card.strategy == "rotation"
            picks.append((card.value.id, fresh.app.practice.ensure_pick(card.date).cycle))
            fresh.clock.advance(DAY)
        check_rotation(picks, ids)


# The pick for a date never changes once made, whatever happens afterwards.

day_ops = st.one_of(
    st.tuples(st.just("card")),
    st.tuples(st.just("advance"), st.integers(1, 60)),  # hours
    st.tuples(st.just("strategy"), st.sampled_from(picking.STRATEGIES)),
    st.tuples(st.just("growth"), st.sampled_from(["on", "off"])),
    st.tuples(st.just("add")),
    st.tuples(st.just("archive"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(1, 3)),
    st.tuples(st.just("focus"), st.integers(0, 20), st.integers(1, 4)),
    st.tuples(st.just("pause"), st.integers(-2, 3), st.integers(0, 3)),
    st.tuples(st.just("timezone"), st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Tokyo", "system"])),
    st.tuples(st.just("day_starts_at"), st.sampled_from(["00:00", "04:00", "09:30"])),
    st.tuples(st.just("reflect"), st.integers(1, 5)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=SLOW_OK)
@given(ops=st.lists(day_ops, max_size=20), seed=st.integers(0, 2**16))
def test_the_pick_for_a_date_never_changes_once_made(template, ops, seed):
    with FreshStore(template, seed) as fresh:
        app, clock = fresh.app, fresh.clock
        for title in ("A", "B", "C"):
            app.values.add(title)
        seen: dict[date, int] = {}

        def look():
            card = app.practice.card()
            if card.value is not None:
                assert seen.setdefault(card.date, card.value.id) == card.value.id, (card.date, seen)

        for op in ops:
            active = [v.id for v in app.values.list()]
            kind = op[0]
            if kind == "card":
                look()
            elif kind == "advance":
                clock.advance(timedelta(hours=op[1]))
                look()
            elif kind == "strategy":
                app.settings.set("pick_strategy", op[1])
            elif kind == "growth":
                app.settings.set("growth_edge", op[1])
            elif kind == "add":
                app.values.add(f"Value {len(app.values.list(include_archived=True))}")
            elif kind == "archive" and active:
                app.values.archive(active[op[1] % len(active)], "property")
            elif kind == "move" and active:
                app.values.move(active[op[1] % len(active)], min(op[2], len(active)))
            elif kind == "focus" and active:
                app.values.focus(active[op[1] % len(active)], op[2])
            elif kind == "pause":
                today = app.practice.today()
                app.practice.pause(today + op[1] * DAY, today + (op[1] + op[2]) * DAY)
            elif kind == "timezone":
                app.settings.set("timezone", op[1])
            elif kind == "day_starts_at":
                app.settings.set("day_starts_at", op[1])
            elif kind == "reflect":
                app.journal.reflect("a thought", rating=op[1])
        look()
        today = app.practice.today()
        again = build_services(fresh.store, clock=clock, rng=random.Random(seed + 1), system_timezone="Europe/Berlin")
        for day, value_id in seen.items():
            if day <= today:
                assert app.practice.card(day).value.id == value_id
                assert again.practice.card(day).value.id == value_id
            assert again.practice.ensure_pick(day).value_id == value_id


# Guessing the owner's passphrase


@given(st.lists(st.integers(min_value=0, max_value=3 * 3600), max_size=40), st.integers(min_value=0, max_value=4 * 3600))
def test_the_wait_after_failed_sign_ins_is_never_over_15_minutes_and_none_for_under_five(offsets, later):
    from valuesapp.core.access import LONGEST_BACKOFF, backoff

    start = datetime(2026, 11, 27, tzinfo=timezone.utc)
    failures = [start + timedelta(seconds=s) for s in sorted(offsets)]
    now = (failures[-1] if failures else start) + timedelta(seconds=later)
    wait = backoff(failures, now)
    assert timedelta(0) <= wait <= LONGEST_BACKOFF
    recent = [t for t in failures if now - t < timedelta(minutes=15)]
    if len(recent) < 5:
        assert wait == timedelta(0)
    assert backoff(failures, now + timedelta(minutes=15)) == timedelta(0), "the window always ends"
