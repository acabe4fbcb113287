"""How long someone must wait, said in words and in the Retry-After header, never shorter than it is.

A person told "try again in 1 minute" who comes back after 30 seconds was misled the other way, and
one told "1 minute" for a 90-second wait is refused again: so every figure is rounded up.
"""

from __future__ import annotations

import math
from datetime import timedelta

from valuesapp.core.words import plural


def retry_after_seconds(wait: timedelta) -> int:
    """Whole seconds, rounded up, at least 1: the value of an HTTP Retry-After header."""
    return max(1, math.ceil(wait.total_seconds() - 1e-9))


def wait_in_words(wait: timedelta) -> str:
    """"30 seconds", "1 minute", "2 minutes" (for 61 s), "4 hours": the unit a person would use, rounded up.

    Seconds below a minute, minutes up to two hours, hours beyond (no wait in the app is that long today).
    """
    seconds = retry_after_seconds(wait)
    if seconds < 60:
        return plural(seconds, "second")
    minutes = math.ceil(seconds / 60)
    if minutes <= 120:
        return plural(minutes, "minute")
    return plural(math.ceil(minutes / 60), "hour")
