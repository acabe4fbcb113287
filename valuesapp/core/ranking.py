"""The ranked list as an ordered list of value ids: position 0 is rank 1.

Every operation returns a new order and never mutates its input, so a service can compute the new
ranks, check them, and write them in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg


def _check_rank(rank: int, upper: int) -> None:
    if isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= upper:
        raise UserError.of(Msg.RANK_OUT_OF_RANGE, rank=rank, upper=upper)


def insert(order: Sequence[int], value_id: int, at_rank: int | None = None) -> list[int]:
    """Put a value at ``at_rank`` (1-based), or at the end when no rank is given."""
    if value_id in order:
        raise UserError.of(Msg.ALREADY_RANKED, value_id=value_id)
    new = list(order)
    if at_rank is None:
        new.append(value_id)
    else:
        _check_rank(at_rank, len(new) + 1)
        new.insert(at_rank - 1, value_id)
    return new


def move(order: Sequence[int], value_id: int, to_rank: int) -> list[int]:
    if value_id not in order:
        raise UserError.of(Msg.NOT_RANKED, value_id=value_id)
    _check_rank(to_rank, len(order))
    new = [v for v in order if v != value_id]
    new.insert(to_rank - 1, value_id)
    return new


def remove(order: Sequence[int], value_id: int) -> list[int]:
    if value_id not in order:
        raise UserError.of(Msg.NOT_RANKED_ARCHIVED, value_id=value_id)
    return [v for v in order if v != value_id]


def reorder(order: Sequence[int], new_order: Sequence[int]) -> list[int]:
    """Accept a whole new order only if it names every active value exactly once."""
    if len(set(new_order)) != len(new_order):
        raise UserError.of(Msg.ORDER_REPEATS)
    if set(new_order) != set(order):
        missing = sorted(set(order) - set(new_order))
        extra = sorted(set(new_order) - set(order))
        parts = []
        if missing:
            parts.append("leaves out " + ", ".join(map(str, missing)))
        if extra:
            parts.append("names " + ", ".join(map(str, extra)) + " which are not active")
        raise UserError.of(Msg.ORDER_INCOMPLETE, problems=" and ".join(parts))
    return list(new_order)


def ranks(order: Sequence[int]) -> dict[int, int]:
    """value id -> rank, always exactly 1..n."""
    return {value_id: position for position, value_id in enumerate(order, start=1)}
