"""Revisions of the ranked list, and replaying them.

Each revision records the action with just enough detail to redo it. Replaying all of them from an
empty list must give the current list: that is how we know the history is a faithful record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from valuesapp.core import ranking

ADD, EDIT, MOVE, REORDER, ARCHIVE, RESTORE, IMPORT = "add", "edit", "move", "reorder", "archive", "restore", "import"
ACTIONS = (ADD, EDIT, MOVE, REORDER, ARCHIVE, RESTORE, IMPORT)


def apply(order: Sequence[int], action: str, value_id: int | None, detail: Mapping[str, Any]) -> list[int]:
    if action in (ADD, RESTORE):
        return ranking.insert(order, value_id, detail.get("rank"))
    if action == MOVE:
        return ranking.move(order, value_id, detail["to_rank"])
    if action == ARCHIVE:
        return ranking.remove(order, value_id)
    if action in (REORDER, IMPORT):
        return list(detail["order"])
    return list(order)


def replay(revisions: Iterable[tuple[str, int | None, Mapping[str, Any]]]) -> list[int]:
    order: list[int] = []
    for action, value_id, detail in revisions:
        order = apply(order, action, value_id, detail)
    return order
