"""A fixed-seed statistical check of the stated odds.

``weighted`` picks rank r of n with probability (n - r + 1) / (n (n + 1) / 2): rank 1 of 4 four times
as often as rank 4. ``random`` is uniform. The growth edge multiplies a weight by
1 + (5 - average recent rating) / 4 + 0.5 * min(open concerns, 3).

Each frequency must lie within 4.5 standard deviations of its stated probability, so a correct picker
fails with odds far below one in a hundred thousand, while a picker that is off by a couple of percent
(for instance one that gives rank 1 weight n + 1, or picks uniformly) fails for sure.
"""

from __future__ import annotations

import math
import os
import random
import tempfile
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from valuesapp.core import picking
from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store

DAY = date(2026, 3, 2)


def stated(n: int) -> list[float]:
    total = n * (n + 1) / 2
    return [(n - r + 1) / total for r in range(1, n + 1)]


def assert_close(counts: Counter, ids: list[int], expected: list[float], draws: int, sigmas: float = 4.5) -> None:
    for value_id, p in zip(ids, expected):
        freq = counts[value_id] / draws
        sd = math.sqrt(p * (1 - p) / draws)
        assert abs(freq - p) <= sigmas * sd, (value_id, freq, p, sigmas * sd, counts)


def draw(strategy, candidates, draws, seed, **kwargs) -> Counter:
    rng = random.Random(seed)
    return Counter(
        picking.pick(day=DAY, strategy=strategy, candidates=candidates, rng=rng, **kwargs).value_id
        for _ in range(draws)
    )


@pytest.mark.parametrize("n", [2, 3, 5, 10])
def test_weighted_picks_rank_r_of_n_with_probability_n_minus_r_plus_1_over_the_triangle_number(n):
    # Shuffled on purpose: the picker must go by rank, not by the order it was given.
    candidates = [picking.Candidate(100 + r, r) for r in range(1, n + 1)]
    random.Random(n).shuffle(candidates)
    draws = 40_000
    counts = draw("weighted", candidates, draws, seed=20260302 + n)
    ids = [100 + r for r in range(1, n + 1)]
    assert_close(counts, ids, stated(n), draws)
    # And in order: every rank comes up more often than the one below it.
    assert all(counts[a] > counts[b] for a, b in zip(ids, ids[1:]))


def test_the_stated_weights_are_what_the_picker_uses():
    assert stated(4) == [0.4, 0.3, 0.2, 0.1]
    w = picking.weights([picking.Candidate(r, r) for r in range(1, 5)], growth_edge=False)
    assert [x / sum(w) for x in w] == pytest.approx(stated(4))


def test_random_is_uniform():
    candidates = [picking.Candidate(r, r) for r in range(1, 6)]
    draws = 30_000
    counts = draw("random", candidates, draws, seed=7)
    assert_close(counts, [1, 2, 3, 4, 5], [0.2] * 5, draws)


def test_the_growth_edge_multiplies_the_rank_weight_by_the_stated_formula():
    candidates = [
        picking.Candidate(1, 1),  # weight 3
        picking.Candidate(2, 2, recent_ratings=(1, 2), open_concerns=1),  # 2 * (1 + 3.5/4 + 0.5) = 4.75
        picking.Candidate(3, 3, open_concerns=7),  # 1 * (1 + 1.5) = 2.5 (concerns capped at 3)
    ]
    total = 3 + 4.75 + 2.5
    draws = 40_000
    on = draw("weighted", candidates, draws, seed=11, growth_edge=True)
    assert_close(on, [1, 2, 3], [3 / total, 4.75 / total, 2.5 / total], draws)
    off = draw("weighted", candidates, draws, seed=12, growth_edge=False)
    assert_close(off, [1, 2, 3], stated(3), draws)


@pytest.fixture
def app():
    """The services on a store of their own. These checks need hundreds of stored daily picks; the
    statistics do not depend on the database, so they run on SQLite only (on a RAM disk where there is
    one), while the stories in test_daily_pick cover both stores."""
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None) as folder:
        store = open_store(Path(folder) / "odds.db")
        clock = FixedClock(datetime(2026, 3, 2, 12, tzinfo=timezone.utc))
        yield build_services(store, clock=clock, rng=random.Random(1234), system_timezone="Europe/Berlin")
        store.close()


def stored_picks(app, first: date, days: int):
    return [app.practice.ensure_pick(first + timedelta(days=n)) for n in range(days)]


def test_weighted_through_the_service_favours_higher_ranks_in_the_stated_proportions(app):
    """The stored daily picks, made by the practice service day after day, follow the same odds."""
    ids = [app.values.add(t).id for t in ("First", "Second", "Third")]
    app.settings.set("pick_strategy", "weighted")
    days = 180
    start = app.practice.today()
    picks = stored_picks(app, start, days)
    assert {p.strategy for p in picks} == {"weighted"}
    counts = Counter(p.value_id for p in picks)
    # 180 draws: a looser 4 standard deviations, still far from uniform (1/3 each) for rank 1 and 3.
    assert_close(counts, ids, stated(3), days, sigmas=4.0)
    assert counts[ids[0]] > counts[ids[1]] > counts[ids[2]]
    assert counts[ids[0]] > days / 3 + 10 and counts[ids[2]] < days / 3 - 10
    # Stored: asking again for any of those days gives the same value.
    assert [app.practice.ensure_pick(start + timedelta(days=n)).value_id for n in range(0, days, 37)] == [
        picks[n].value_id for n in range(0, days, 37)
    ]


def test_the_growth_edge_through_the_service_shifts_the_odds_as_stated(app):
    top, low = (app.values.add(t).id for t in ("Top", "Struggling"))
    for n in range(3):
        app.feedback.add(f"Friend {n}", "You were short with me.", kind="concern", value_id=low)
    app.settings.set("pick_strategy", "weighted")
    start = app.practice.today()
    days = 120
    # Off: rank 2 of 2 has weight 1 of 3.
    off = Counter(p.value_id for p in stored_picks(app, start, days))
    assert_close(off, [top, low], [2 / 3, 1 / 3], days, sigmas=4.0)
    # On: three open concerns multiply its weight by 1 + 0.5 * 3 = 2.5, so 2.5 / 4.5 of the days.
    app.settings.set("growth_edge", "on")
    on = Counter(p.value_id for p in stored_picks(app, start + timedelta(days=days), days))
    assert_close(on, [top, low], [2 / 4.5, 2.5 / 4.5], days, sigmas=4.0)
    assert on[low] - off[low] >= 15  # expected 27
