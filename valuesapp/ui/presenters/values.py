"""What the Values screen says about rank, for the way the day's value is picked in force.

Rank means something different under each strategy: under weighted a higher rank comes up more often,
under rotation and random it orders the list and changes nothing about which value comes up. Every
sentence the screen says about rank comes from here, given the strategy, so none can promise what the
setting in force does not do. Also the small words of a value's card (its rank, a snipped section's title).
"""

from __future__ import annotations

from valuesapp.core.picking import RANDOM, WEIGHTED
from valuesapp.core.words import plural

REORDER_HINT = "Drag the handle, or use Move up and Move down, to reorder."


def what_rank_does(strategy: str, *, growth_edge: bool = False) -> str:
    """One line: how the day's value is picked now, and what rank has to do with it."""
    if strategy == WEIGHTED:
        line = "Weighted: the higher a value's rank, the more often it comes up."
        if growth_edge:
            line += " Growth edge also favours values lived poorly lately or with open concerns."
        return line
    if strategy == RANDOM:
        return "Random: every value is as likely as any other each day, whatever its rank."
    return "Rotation: every value comes up once a round, in random order, whatever its rank."


def list_subtitle(count: int) -> str:
    """Above the list: how many, in whose order, and how to change it (true under every strategy)."""
    if not count:
        return "Your ranked list is empty."
    return f"{plural(count, 'value')}, in the order you rank them. {REORDER_HINT}"


def empty_text(strategy: str) -> str:
    """The empty screen's invitation, saying what ranking will do under the strategy in force."""
    if strategy == WEIGHTED:
        how = "then put them in order: the higher a value, the more often it comes up on Today."
    elif strategy == RANDOM:
        how = "and put them in order. Each day Today shows one of them, chosen at random."
    else:
        how = "and put them in order. Each day Today shows one of them, and every value gets its turn."
    return (f"Write down the values you want to live by, {how} Start with one, or pick from a short list "
            "of common values on Today.")


def rank_label(rank: int | None) -> str:
    """A value's place in the list, in words (never '#4', which reads as an id)."""
    return f"Rank {rank}" if rank else "Snipped"


def snipped_title(count: int) -> str:
    return f"Snipped ({count})"


def quoted(title: str) -> str:
    """A title inside a sentence or a dialog's title, in typographic quotes: ‘Be good’."""
    return f"\u2018{title}\u2019"
