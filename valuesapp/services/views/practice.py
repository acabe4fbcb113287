"""The daily practice as the edges show it: the day's card, pauses, reflections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from valuesapp.services.views.read_model import ReadModel
from valuesapp.store.tables import PauseBase, ReflectionBase


class PauseView(ReadModel, PauseBase):
    leaves_out = ("created_at",)
    id: int


@dataclass(frozen=True)
class CardValue:
    id: int
    title: str
    rank: int | None
    description: str


@dataclass(frozen=True)
class TodayCard:
    """The day's card. ``value`` is None on a paused day or with no active values; ``message`` says why."""

    date: date
    value: CardValue | None
    strategy: str | None
    reason: str
    prompt: str | None
    paused: bool = False
    message: str | None = None


class ReflectionView(ReadModel, ReflectionBase):
    id: int
    value_title: str | None
