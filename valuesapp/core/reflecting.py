"""Which day a reflection belongs to while it is being typed, and whether a draft may come back.

A reflection is about the day whose card it was typed under. Someone who starts writing about Tuesday's
value at 03:55 and saves at 04:10 wrote about Tuesday, even though the practice day turned to Wednesday
while they typed; saving it under Wednesday would put their words under a value they never saw.
"""

from __future__ import annotations

from datetime import date


def begun(text: str) -> bool:
    """A reflection has begun once it holds more than spaces and line breaks."""
    return bool(text.strip())


def reflection_day(text: str, begun_on: date | None, card_day: date) -> date:
    """The day a reflection in the box is saved for: the day it was begun on while it holds words,
    else the day of the card on screen (an empty box belongs to whatever day is showing)."""
    return begun_on if begun(text) and begun_on is not None else card_day


def carried_over(text: str, begun_on: date | None, card_day: date) -> bool:
    """True when the day turned under a half-typed reflection: it will be saved for its own day, which
    is no longer the day on the card, and the person should be told so."""
    return reflection_day(text, begun_on, card_day) != card_day


def may_restore_draft(text: str) -> bool:
    """A kept draft comes back only into an empty box: it never replaces words being typed now."""
    return not begun(text)
