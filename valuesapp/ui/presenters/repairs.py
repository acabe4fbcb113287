"""What the Repairs screen draws: its four lists, their counts, and every word on each card.

Open ones lead with the overdue and then the longest owed, each with its age in days, because a repair
gets harder the longer it waits. Planned ones are ordered by the day they are planned for; done and
released ones stay visible (most recent first). Each card is a frozen ``RepairCard``: the screen keeps
the card it drew for each repair and redraws one only when its ``RepairCard`` differs, so a refresh with
nothing changed sends nothing, and ticking one repair sends that card and the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from valuesapp.core import states
from valuesapp.core.words import day_label, plural
from valuesapp.services.views import RepairView

TABS = ("open", "planned", "done", "released")
TAB_LABELS = {"open": "Open", "planned": "Planned", "done": "Done", "released": "Released"}
KIND_LABELS = {"apology": "Apology", "conversation": "Conversation", "amends": "Amends", "other": "Other"}
PAGE = 30  # closed repairs pile up over the years: show the latest, and more on request

# What a tag on a card is, so the screen colours it: late (error), kind, value, from a note, small print.
LATE, KIND, VALUE, FROM_NOTE, FACTS = "late", "kind", "value", "from_note", "facts"


@dataclass(frozen=True)
class Groups:
    """The four lists the screen shows, each already in the order it is shown in."""

    open: list[RepairView]
    planned: list[RepairView]
    done: list[RepairView]
    released: list[RepairView]

    def of(self, tab: str) -> list[RepairView]:
        return getattr(self, tab)

    def tab_of(self, repair_id: int) -> str | None:
        return next((tab for tab in TABS if any(r.id == repair_id for r in self.of(tab))), None)


def group_repairs(repairs: list[RepairView]) -> Groups:
    """Split all repairs into the screen's lists: open is owed and planned, overdue first then oldest."""
    open_ = states.overdue_first(r for r in repairs if r.state in states.REPAIR_OPEN)
    planned = sorted((r for r in open_ if r.state == states.PLANNED), key=lambda r: (r.planned_for or date.max, r.id))
    done = sorted((r for r in repairs if r.state == states.DONE), key=lambda r: (r.done_at or r.created_at, r.id),
                  reverse=True)
    released = sorted((r for r in repairs if r.state == states.RELEASED),
                      key=lambda r: (r.released_at or r.created_at, r.id), reverse=True)
    return Groups(open_, planned, done, released)


def overdue_words(r: RepairView, today: date) -> str | None:
    """"Overdue 3 days", counted from the target date or planned day that passed; None if it is not overdue."""
    return f"Overdue {plural((today - r.overdue_since).days, 'day')}" if r.overdue_since else None


def age_text(days: int) -> str:
    if days == 0:
        return "added today"
    return f"owed {plural(days, 'day')}"


def tab_label(tab: str, count: int, narrow: bool) -> str:
    """"Open (3)" on a wide screen; on a phone the shorter "Open 3", which fits four tabs in 360 px."""
    if not count:
        return TAB_LABELS[tab]
    return f"{TAB_LABELS[tab]} {count}" if narrow else f"{TAB_LABELS[tab]} ({count})"


def card_facts(r: RepairView, today: date) -> str:
    """The small print under a repair: its age, the planned day and the target date ("by ..."). No id: a
    repair is known by who is owed it and what happened ("#4" is a rank elsewhere in the app)."""
    if r.state not in states.REPAIR_OPEN:
        return ""
    facts = [age_text(r.age_days)]
    if r.planned_for:
        facts.append(f"planned for {day_label(r.planned_for)}")
    if r.target_date:
        facts.append(f"by {day_label(r.target_date)}")
    return " · ".join(facts)


@dataclass(frozen=True)
class RepairCard:
    """One card, as drawn: equal cards draw alike, so an unchanged one is not drawn again."""

    repair: RepairView  # what its buttons act on
    tags: tuple[tuple[str, str], ...]  # (what it is, its words)
    outcome: tuple[str, str] | None  # (done or released, "Done on Tue 1 Dec 2026: it went well.")
    action: str  # the one button on the card: "Mark done" or "Reopen"
    menu: tuple[str, ...]  # the rest, in its menu
    highlighted: bool  # outlined: the repair just changed, or was asked for from a note

    @property
    def identifier(self) -> str:
        return f"repair-{self.repair.id}"


@dataclass(frozen=True)
class RepairsShown:
    tab: str
    labels: tuple[str, ...]  # the four filters' words, with their counts, in TABS order
    summary: str
    cards: tuple[RepairCard, ...]
    more: str | None  # "Show 30 more of 55 older", when a closed list holds more than is shown


def repair_card(r: RepairView, *, today: date, zone: tzinfo, highlighted: bool = False) -> RepairCard:
    tags: list[tuple[str, str]] = []
    late = overdue_words(r, today)
    if late:
        tags.append((LATE, late))
    tags.append((KIND, KIND_LABELS.get(r.kind, r.kind)))
    if r.value_title:
        tags.append((VALUE, r.value_title))
    if r.feedback_id is not None:
        tags.append((FROM_NOTE, "From a friend's note"))
    facts = card_facts(r, today)
    if facts:
        tags.append((FACTS, facts))
    outcome = None
    if r.state == states.DONE:
        head = f"Done {_on_day(r.done_at, zone)}"
        outcome = (states.DONE, head + (f": {r.outcome_note}" if r.outcome_note else "."))
    elif r.state == states.RELEASED:
        outcome = (states.RELEASED, f"Released {_on_day(r.released_at, zone)}: {r.release_reason}")
    still_open = r.state in states.REPAIR_OPEN
    menu = ("Edit", "Plan a day", "Release", "Delete") if still_open else ("Edit", "Delete")
    return RepairCard(r, tuple(tags), outcome, "Mark done" if still_open else "Reopen", menu, highlighted)


def _on_day(at: datetime | None, zone: tzinfo) -> str:
    if at is None:
        return ""
    local = at.astimezone(zone) if at.tzinfo else at
    return f"on {day_label(local.date())}"


def totals(groups: Groups, counts: dict[str, int]) -> dict[str, int]:
    """How many each filter holds: open and planned as listed, done and released from the counts (only
    the latest of those are fetched)."""
    return {"open": len(groups.open), "planned": len(groups.planned),
            "done": counts.get(states.DONE, 0), "released": counts.get(states.RELEASED, 0)}


def summary(tab: str, groups: Groups) -> str:
    if tab == "open" and groups.open:
        overdue = sum(r.overdue for r in groups.open)
        oldest = max(r.age_days for r in groups.open)
        return f"{len(groups.open)} open, the oldest {age_text(oldest)}" + (f"; {overdue} overdue" if overdue else "") + "."
    return ""


def repairs_shown(groups: Groups, counts: dict[str, int], *, tab: str, today: date, zone: tzinfo, narrow: bool,
                  highlight: int | None = None) -> RepairsShown:
    """Everything the screen draws for the filter ``tab``."""
    total = totals(groups, counts)
    shown = groups.of(tab)
    hidden = total[tab] - len(shown)
    return RepairsShown(
        tab=tab,
        labels=tuple(tab_label(t, total[t], narrow) for t in TABS),
        summary=summary(tab, groups),
        cards=tuple(repair_card(r, today=today, zone=zone, highlighted=r.id == highlight) for r in shown),
        more=f"Show {min(hidden, PAGE)} more of {hidden} older" if hidden > 0 else None,
    )
