"""Which backups to keep: the newest of each of the last 14 days that have one, and the newest of each
of the last 8 weeks that have one. Everything else may go.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

DAILY_KEPT = 14
WEEKLY_KEPT = 8


def backups_to_keep(taken: Iterable[datetime], *, daily: int = DAILY_KEPT, weekly: int = WEEKLY_KEPT) -> set[datetime]:
    newest_first = sorted(set(taken), reverse=True)
    keep: set[datetime] = set()
    for key, limit in ((lambda t: t.date(), daily), (lambda t: t.isocalendar()[:2], weekly)):
        seen = []
        for instant in newest_first:
            period = key(instant)
            if period in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(period)
            keep.add(instant)
    return keep
