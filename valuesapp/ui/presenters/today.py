"""Today, as plain data: the first-run choice, the day's card, the reflection box and what is waiting.

``present_today`` reads one ``TodayOverview`` (and the draft kept on disk) and says what the screen
shows. The box's own state travels in and out as a ``Box``, because a half-typed reflection outlives a
refresh: it may come back from a draft, and it stays with the day it was begun when the day turns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from valuesapp.core.limits import NOTE_MAX, RATING_MAX
from valuesapp.core.reflecting import carried_over, may_restore_draft, reflection_day
from valuesapp.core.settings import STRATEGY_LABELS
from valuesapp.core.starter import STARTER_VALUES, TICKED_AT_FIRST, first_run
from valuesapp.core.words import long_day_label, plural
from valuesapp.ui.presenters.values import rank_label
from valuesapp.services.drafts import Draft
from valuesapp.services.overview import TodayOverview
from valuesapp.services.views import RepairView, TodayCard

REPAIRS_SHOWN = 5  # Today shows the first few; the Repairs screen has them all
NOTHING_TICKED = "Tick at least one value, or start from scratch."


@dataclass(frozen=True)
class Box:
    """What the reflection box holds between refreshes: the words, the stars, the day they are for
    (None until a card has been shown), and when a restored draft was last changed."""

    text: str = ""
    rating: int | None = None
    day: date | None = None
    restored_from: str | None = None


@dataclass(frozen=True)
class Starter:
    title: str
    note: str
    ticked: bool


@dataclass(frozen=True)
class Card:
    """The day's card with a value on it."""

    rank: str  # "Rank 2", or "Snipped" for a value picked before it was snipped
    strategy: str
    date: str
    title: str
    description: str  # empty: no line for it
    why: str
    prompt: str
    streak: str
    question: str = ""  # the question a weekly review set for this week (empty: none)


@dataclass(frozen=True)
class NoCard:
    """A day without a value: paused, or every value snipped."""

    paused: bool
    title: str
    text: str


@dataclass(frozen=True)
class Reflected:
    """A reflection saved today, shown under the box with a button to edit it there."""

    id: int
    text: str
    rating: int | None
    edit_label: str  # the edit button's name: which reflection it edits


@dataclass(frozen=True)
class ReflectBox:
    """The parts of the reflection box that change: the notes above it and what was saved today."""

    notes: tuple[str, ...]
    reflected_today: tuple[Reflected, ...]


@dataclass(frozen=True)
class RepairLine:
    repair: RepairView  # what ticking it off acts on
    title: str
    subtitle: str
    overdue: bool
    done_label: str


@dataclass(frozen=True)
class Repairs:
    summary: str
    lines: tuple[RepairLine, ...]


@dataclass(frozen=True)
class FromFriends:
    """New notes: how many, and the newest one (both None when there are none)."""

    count: str | None
    newest_note: str | None
    newest_about: str | None


@dataclass(frozen=True)
class Remembered:
    text: str
    when: str  # "A year ago · Honesty"
    rating: int | None


@dataclass(frozen=True)
class TodayView:
    first_run: bool
    starters: tuple[Starter, ...]
    box: Box  # the box after a draft came back and its day was settled
    restored: bool  # a draft came back into the box: the screen puts its words and stars there
    card: Card | None
    no_card: NoCard | None
    reflect: ReflectBox | None  # None: no value today, so nothing to reflect on
    repairs: Repairs
    from_friends: FromFriends
    on_this_day: tuple[Remembered, ...]  # empty: the section is not shown
    review_due: bool = False  # offer the Review screen (its day, or a values review is due)
    reminders_offer: bool = False  # push-page: offer to turn reminders on for this device (push_devices.offer_on_today)


def present_today(overview: TodayOverview, *, values_ever: int, box: Box, pending: Draft | None,
                  week_question: str | None = None, review_due: bool = False,
                  reminders_offer: bool = False) -> TodayView:
    """What Today shows. ``values_ever`` counts every value, snipped ones too; ``pending`` is the draft
    kept on disk, offered only to an empty box; ``week_question`` is the week's own question (reviews)."""
    restored = pending is not None and may_restore_draft(box.text)
    if restored:
        box = Box(pending.text, pending.rating, pending.day,
                  f"last changed {pending.saved_at.astimezone():%d %b, %H:%M}")
    card = overview.card
    box = replace(box, day=reflection_day(box.text, box.day, card.date))
    return TodayView(
        first_run=first_run(values_ever),
        starters=tuple(Starter(title, note, title in TICKED_AT_FIRST) for title, note in STARTER_VALUES),
        box=box,
        restored=restored,
        card=_card(card, overview.streak, week_question),
        no_card=_no_card(card),
        reflect=_reflect_box(overview, box),
        repairs=_repairs(overview),
        from_friends=_from_friends(overview),
        on_this_day=tuple(
            Remembered(r.text, f"{label} · {r.value_title or 'no value'}", r.rating)
            for label, items in (("A year ago", overview.year_ago), ("A month ago", overview.month_ago))
            for r in items
        ),
        review_due=review_due,
        reminders_offer=reminders_offer and not first_run(values_ever),  # not before the practice has begun
    )


def _card(card: TodayCard, streak: int, question: str | None = None) -> Card | None:
    value = card.value
    if value is None:
        return None
    return Card(
        rank=rank_label(value.rank),
        strategy=STRATEGY_LABELS.get(card.strategy or "", card.strategy or ""),
        date=long_day_label(card.date),
        title=value.title,
        description=value.description,
        why=f"Why today: {card.reason}",
        prompt=card.prompt or "",
        streak=streak_text(streak),
        question=question or "",
    )


def _no_card(card: TodayCard) -> NoCard | None:
    if card.value is not None:
        return None
    if card.paused:
        return NoCard(True, "Paused today", card.reason)
    return NoCard(False, "No value to pick", "All your values are snipped. Add or restore one on the Values screen.")


def _reflect_box(overview: TodayOverview, box: Box) -> ReflectBox | None:
    if overview.card.value is None:
        return None
    notes = []
    if carried_over(box.text, box.day, overview.card.date):
        notes.append(f"This reflection will be saved for {long_day_label(box.day, year=False)}, the day you began it.")
    if box.restored_from:
        notes.append(f"Restored the draft you were writing ({box.restored_from}).")
    return ReflectBox(tuple(notes), tuple(Reflected(r.id, r.text, r.rating, edit_label(r.text))
                                          for r in overview.reflections_today))


def edit_label(text: str) -> str:
    """'Edit reflection: Owned the missed…': a name that says which one, short enough to be read aloud."""
    words = " ".join(text.split())
    return "Edit reflection: " + (words if len(words) <= 40 else words[:39].rstrip() + "\u2026")


def counter(text: str, limit: int = NOTE_MAX) -> str:
    """A long field's count as people write numbers: '0/10,000', not '0/10000'."""
    return f"{len(text):,}/{limit:,}"


def _repairs(overview: TodayOverview) -> Repairs:
    repairs = overview.open_repairs  # already overdue first (core.states.overdue_first)
    if not repairs:
        summary = "No repairs owed. Good."
    else:
        overdue = overview.counts.overdue_repairs
        summary = (f"{len(repairs)} open · oldest {plural(overview.oldest_repair_age, 'day')}"
                   + (f" · {overdue} overdue" if overdue else ""))
    return Repairs(summary, tuple(_repair_line(r) for r in repairs[:REPAIRS_SHOWN]))


def _repair_line(repair: RepairView) -> RepairLine:
    subtitle = f"{repair.kind} · {plural(repair.age_days, 'day')}"
    if repair.overdue:
        subtitle += f" · overdue since {repair.overdue_since}"
    return RepairLine(repair, f"{repair.person}: {repair.what}", subtitle, repair.overdue,
                      f"Mark repair with {repair.person} done")


def _from_friends(overview: TodayOverview) -> FromFriends:
    notes = overview.new_feedback
    if not notes:
        return FromFriends(None, None, None)
    newest = notes[0]
    return FromFriends(plural(len(notes), "new note"), newest.note,
                       f"{newest.friend} · {newest.kind} · {newest.received_on}")


def streak_text(days: int) -> str:
    if days == 0:
        return "Reflect today to start a streak."
    return f"{plural(days, 'day')} reflected in a row"


# What the screen says after the person acts


def chosen_starters(ticked: list[bool]) -> list[tuple[str, str]]:
    """The starter values whose boxes are ticked, in the list's order."""
    return [value for value, tick in zip(STARTER_VALUES, ticked) if tick]


def starters_added(count: int) -> str:
    return f"Added {plural(count, 'value')}. Reorder them on the Values screen."


def reflection_saved(rating: int | None) -> str:
    return "Reflection saved." + (f" Rated {rating} of {RATING_MAX}." if rating else "")


def reflection_updated(rating: int | None) -> str:
    return "Reflection updated." + (f" Rated {rating} of {RATING_MAX}." if rating else "")


def repair_done(person: str) -> str:
    return f"Repair with {person} done."
