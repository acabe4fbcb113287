"""Choosing the day's value.

The strategies, in the person's words:

- ``rotation`` (default): every active value comes up once, in random order, before any comes up
  again, and never the same value two days running while two or more are active.
- ``weighted``: random, with weight ``n - rank + 1`` for a list of ``n`` (rank 1 of 5 has weight 5,
  rank 5 has weight 1), so higher-ranked values come up more often.
- ``random``: every active value equally likely.
- A focus pin overrides them all for its days.
- Growth edge (with ``weighted``): each weight is multiplied by
  ``1 + (5 - average recent rating) / 4 + 0.5 * min(open concerns, 3)``,
  so a value lived poorly lately, or one friends have open concerns about, comes up more often.

The pick is made once per day and stored; these functions only decide, they never remember.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

ROTATION, WEIGHTED, RANDOM = "rotation", "weighted", "random"
STRATEGIES = (ROTATION, WEIGHTED, RANDOM)
FOCUS = "focus"

GROWTH_RATING_WINDOW_DAYS = 28
GROWTH_CONCERN_CAP = 3
GROWTH_CONCERN_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    """An active value as the picker sees it."""

    value_id: int
    rank: int
    recent_ratings: tuple[int, ...] = ()
    open_concerns: int = 0


@dataclass(frozen=True)
class Focus:
    value_id: int
    start: date
    end: date  # inclusive

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class RotationState:
    """Where the current round stands: its number and the values it has already shown."""

    cycle: int = 0
    shown: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Pick:
    value_id: int
    strategy: str
    reason: str
    cycle: int | None = None


def rank_weight(rank: int, count: int) -> float:
    return float(count - rank + 1)


def growth_multiplier(candidate: Candidate) -> float:
    low = (5 - sum(candidate.recent_ratings) / len(candidate.recent_ratings)) / 4 if candidate.recent_ratings else 0.0
    concerns = GROWTH_CONCERN_WEIGHT * min(candidate.open_concerns, GROWTH_CONCERN_CAP)
    return 1.0 + low + concerns


def weights(candidates: Sequence[Candidate], *, growth_edge: bool) -> list[float]:
    count = len(candidates)
    result = []
    for c in candidates:
        w = rank_weight(c.rank, count)
        if growth_edge:
            w *= growth_multiplier(c)
        result.append(w)
    return result


def _choose(rng: random.Random, items: Sequence[Candidate], item_weights: Sequence[float]) -> Candidate:
    total = sum(item_weights)
    point = rng.random() * total
    running = 0.0
    for item, w in zip(items, item_weights):
        running += w
        if point < running:
            return item
    return items[-1]


def pick(
    *,
    day: date,
    strategy: str,
    candidates: Sequence[Candidate],
    rng: random.Random,
    focus: Focus | None = None,
    previous_value_id: int | None = None,
    rotation: RotationState = RotationState(),
    growth_edge: bool = False,
) -> Pick | None:
    """The value for ``day``, or None when there is nothing active to pick from."""
    if not candidates:
        return None
    by_id = {c.value_id: c for c in candidates}
    if focus is not None and focus.covers(day) and focus.value_id in by_id:
        return Pick(focus.value_id, FOCUS, f"Pinned focus through {focus.end.isoformat()}.")
    ordered = sorted(candidates, key=lambda c: c.rank)
    if strategy == WEIGHTED:
        chosen = _choose(rng, ordered, weights(ordered, growth_edge=growth_edge))
        why = f"Weighted toward your top values; rank {chosen.rank} of {len(ordered)}."
        if growth_edge and growth_multiplier(chosen) > 1.0:
            why += " Growth edge: it has low recent ratings or open concerns from friends."
        return Pick(chosen.value_id, WEIGHTED, why)
    if strategy == RANDOM:
        chosen = ordered[rng.randrange(len(ordered))]
        return Pick(chosen.value_id, RANDOM, "Chosen at random from your active values.")
    return _rotate(ordered, rng, previous_value_id, rotation)


def _rotate(
    ordered: Sequence[Candidate], rng: random.Random, previous_value_id: int | None, state: RotationState
) -> Pick:
    cycle = state.cycle
    left = [c for c in ordered if c.value_id not in state.shown]
    if not left or state.cycle == 0:
        cycle = state.cycle + 1
        left = list(ordered)
    elif len(ordered) > 1 and [c.value_id for c in left] == [previous_value_id]:
        # The round's last value came up yesterday anyway (a focus pin or another strategy chose it): it
        # has had its turn, so the next round begins, without it today.
        cycle = state.cycle + 1
        left = list(ordered)
    if len(left) > 1 and previous_value_id is not None:
        left = [c for c in left if c.value_id != previous_value_id] or left
    chosen = left[rng.randrange(len(left))]
    if cycle == state.cycle:
        remaining = sum(1 for c in ordered if c.value_id not in state.shown and c.value_id != chosen.value_id)
    else:
        remaining = len(ordered) - 1
    why = f"Rotation: every value comes up once per round; {remaining} left in round {cycle}."
    return Pick(chosen.value_id, ROTATION, why, cycle)
