"""Repairs as the screens show them: how long each has been owed, and whether it is overdue."""

from __future__ import annotations

from datetime import date

from valuesapp.services.views.read_model import ReadModel
from valuesapp.store.tables import RepairBase


class RepairView(ReadModel, RepairBase):
    leaves_out = ("updated_at",)
    id: int
    value_title: str | None
    age_days: int
    overdue: bool
    overdue_since: date | None = None  # the by-date or planned day that passed (core.states.overdue_since)
