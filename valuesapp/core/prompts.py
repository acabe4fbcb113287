"""Questions that help a person live the day's value, and which one shows on a given day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

GENERAL_PROMPTS = (
    "Where could this value show up in what you do today?",
    "When did you live this value today, and what did it cost you?",
    "Where could you have been truer to it today?",
    "Who would notice if you lived this value fully today?",
    "What would this value ask of you in your hardest conversation today?",
    "What small act today would make this value visible?",
    "When did you feel pulled away from it, and what pulled you?",
)


def prompt_for(day: date, own_prompts: Sequence[str]) -> str:
    """A person's own prompts come first in the rotation, then the general ones; stable for a day."""
    pool = list(own_prompts) + list(GENERAL_PROMPTS)
    return pool[day.toordinal() % len(pool)]
