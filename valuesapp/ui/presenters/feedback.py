"""What the Feedback screen draws: the summary line, every word on each note's card, and the links' rows.

Notes come newest first; new ones stand out until they are acknowledged. Each card is a frozen
``NoteCard`` (and each link row a ``FeedbackLinkView``): the screen keeps what it drew for each and
redraws one only when it differs, so a refresh with nothing changed sends nothing, and acknowledging a
note sends that card and the summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from valuesapp.core import states
from valuesapp.core.words import day_label, plural
from valuesapp.services.views import FeedbackView, RepairView

KIND_LABELS = {"concern": "Concern", "appreciation": "Appreciation", "suggestion": "Suggestion"}
STATE_LABELS = {states.NEW: "New", states.ACKNOWLEDGED: "Acknowledged", states.ACTED_ON: "Acted on"}
PAGE = 30  # years of notes: the newest first, more on request

# The one next step a card shows (the rest are in its menu).
ACKNOWLEDGE, MARK_ACTED_ON = "Acknowledge", "Mark acted on"


def summary(counts: dict[str, int]) -> str:
    fresh, notes = counts.get(states.NEW, 0), sum(counts.values())
    total = plural(notes, "note")
    return f"{fresh} new of {total}, newest first." if fresh else f"{total}, newest first. Nothing new."


@dataclass(frozen=True)
class NoteCard:
    """One note's card, as drawn: equal cards draw alike, so an unchanged one is not drawn again."""

    note: FeedbackView  # what its buttons act on
    fresh: bool  # new: stands out until acknowledged
    kind: str  # "Concern"
    facts: str  # "received Tue 1 Dec 2026 · sent through your link · acknowledged"
    repairs: tuple[tuple[int, str, str], ...]  # each linked repair: (id, "Repair with Mara · owed", its button)
    step: str | None  # the next step on the card: Acknowledge, Mark acted on, or none once acted on
    to_repair: str  # "Turn into a repair", or "Add another repair" once it has one
    menu: tuple[str, ...]
    highlighted: bool

    @property
    def identifier(self) -> str:
        return f"feedback-{self.note.id}"


@dataclass(frozen=True)
class FeedbackShown:
    summary: str  # empty when there are no notes (the empty state explains the screen instead)
    cards: tuple[NoteCard, ...]
    more: str | None  # "Show 30 more of 1470 older"


def note_card(n: FeedbackView, repairs: dict[int, RepairView], *, highlighted: bool = False) -> NoteCard:
    facts = [f"received {day_label(n.received_on)}"]  # no "#3": a number on a card reads as a rank
    if n.via_link:
        facts.append("sent through your link")
    if n.state != states.NEW:
        facts.append(STATE_LABELS.get(n.state, n.state).lower())
    linked = tuple(
        (rid,
         f"Repair with {repairs[rid].person} · {repairs[rid].state}" if rid in repairs else "A repair",
         f"Open the repair with {repairs[rid].person}" if rid in repairs else "Open the repair")
        for rid in n.repair_ids
    )
    step = {states.NEW: ACKNOWLEDGE, states.ACKNOWLEDGED: MARK_ACTED_ON}.get(n.state)
    menu = (MARK_ACTED_ON, "Delete note") if n.state == states.NEW else ("Delete note",)
    return NoteCard(n, n.state == states.NEW, KIND_LABELS.get(n.kind, n.kind), " · ".join(facts), linked, step,
                    "Add another repair" if n.repair_ids else "Turn into a repair", menu, highlighted)


def feedback_shown(notes: list[FeedbackView], counts: dict[str, int], repairs: dict[int, RepairView], *,
                   highlight: int | None = None) -> FeedbackShown:
    hidden = sum(counts.values()) - len(notes)
    return FeedbackShown(
        summary=summary(counts) if notes else "",
        cards=tuple(note_card(n, repairs, highlighted=n.id == highlight) for n in notes),
        more=f"Show {min(hidden, PAGE)} more of {hidden} older" if notes and hidden > 0 else None,
    )
