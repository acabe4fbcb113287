"""The list's history as the Values screen shows it: every revision, and beside them each values review
the person saved (a review is when the list was looked at whole, so it belongs in the list's story).

Newest first; a review's line says its period, the gaps it showed and how many changes came of it, then
the person's note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from valuesapp.core.words import day_label, plural
from valuesapp.services.views import RevisionView, SavedReviewView


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    summary: str
    detail: str
    review: bool = False


def history_entries(revisions: list[RevisionView], reviews: list[SavedReviewView]) -> list[HistoryEntry]:
    """Revisions and saved values reviews together, newest first (a review saved in the same instant as
    a revision comes after it: the change was made from the review, then the review was kept)."""
    entries = [
        HistoryEntry(r.at, r.summary,
                     "After: " + (" · ".join(f"{n}. {t}" for n, t in enumerate(r.titles, start=1)) or "the list was empty."))
        for r in revisions
    ]
    for saved in reviews:
        detail = (f"{day_label(saved.period_from)} to {day_label(saved.period_to)}: {plural(len(saved.gaps), 'gap')} "
                  f"seen, {plural(len(saved.changes), 'change')} made")
        entries.append(HistoryEntry(saved.created_at, "Values review saved",
                                    detail + (f". Note: {saved.note}" if saved.note else "."), review=True))
    return sorted(entries, key=lambda e: (e.at, e.review), reverse=True)
