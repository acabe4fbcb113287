"""Questions that help a person live the day's value, and which one shows on a given day.

A value's own prompts were written for it, so they come first: while it has any, its days ask them in
turn. A value without prompts of its own gets one of the general questions, chosen by the day and the
value together, so two values never share one fixed question of the day and each value meets every
general question within a week of its days. The choice is arithmetic on what is passed in (no clock,
no randomness): the same day and value always give the same question, in every process.
"""

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
# A step between values that shares no factor with the number of general questions, so value ids
# next to each other start the week's questions at different places.
_VALUE_STEP = 3


def prompt_for(day: date, value_id: int, own_prompts: Sequence[str]) -> str:
    """The question for ``value_id`` on ``day``: its own prompts in turn while it has any, else a general one."""
    if own_prompts:
        return own_prompts[day.toordinal() % len(own_prompts)]
    return GENERAL_PROMPTS[(day.toordinal() + _VALUE_STEP * value_id) % len(GENERAL_PROMPTS)]
