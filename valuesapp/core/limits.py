"""Field limits and the checks that enforce them, shared by every way text gets in (UI, CLI, import).

Every number a person can run into (a field's length, a rating's stars, a pause's or a link's days) is
written here once; screens, commands and messages read it from here, so a limit changed here changes
everywhere it is shown or enforced.
"""

from __future__ import annotations

import re
from datetime import date, time

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg

TITLE_MAX = 120
NOTE_MAX = 10_000
NAME_MAX = 200
REASON_MAX = 2_000
PROMPT_MAX = 500
RATING_MIN, RATING_MAX = 1, 5
FOCUS_DAYS_MAX = 366
PAUSE_DAYS_MAX = 366
LINK_DAYS_MAX = 366
LINK_NOTE_MAX = 5_000  # a friend's note through a link
PASSPHRASE_MIN = 12
PASSPHRASE_MAX = 1_024  # long passphrases are welcome; this only stops a megabyte being hashed per attempt
_LENGTH_CHECKED_BELOW = 2**63  # for fields whose length is checked after trimming

# Control characters other than tab and newline never belong in a person's words, nor do the bidi
# controls that reorder what follows them on screen (U+202A-U+202E, U+2066-U+2069: a note could then
# show other words than it holds, in the app and in a terminal). Everything else (emoji, right-to-left
# text and its LRM/RLM marks, markup) is kept exactly as typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, and the carriage return (printed, it overwrites the line), all shown as escapes when printed.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """Text from someone who cannot be asked to fix it (a friend's note): the same characters the owner's
    own input refuses, dropped, and line breaks made plain newlines."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def printable(text: str) -> str:
    """Text safe to print to a terminal: each control character shown as its escape (``\\u001b``), so
    stored text (a friend's note from before notes were cleaned) can neither steer the terminal nor hide.

    Newlines and tabs stay. The escapes are JSON's own, so printed JSON stays valid and means the same.
    """
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def clean_text(text: str | None, *, field: str, max_len: int, required: bool = False) -> str:
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise UserError.of(Msg.NOT_TEXT, field=field)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise UserError.of(Msg.CONTROL_CHARACTERS, field=field)
    if required and not text.strip():
        raise UserError.of(Msg.EMPTY, field=field)
    if len(text) > max_len:
        raise UserError.of(Msg.TOO_LONG, field=field, length=len(text), limit=max_len)
    return text


def clean_title(title: str | None) -> str:
    # The length is checked after trimming, so the message names the real limit (never TITLE_MAX + slack).
    title = clean_text(title, field="title", max_len=_LENGTH_CHECKED_BELOW, required=True).strip()
    if "\n" in title:
        raise UserError.of(Msg.TITLE_ONE_LINE)
    if len(title) > TITLE_MAX:
        raise UserError.of(Msg.LINE_TOO_LONG, field="title", length=len(title), limit=TITLE_MAX)
    return title


def clean_name(name: str | None, *, field: str = "name") -> str:
    name = clean_text(name, field=field, max_len=_LENGTH_CHECKED_BELOW, required=True).strip()
    if len(name) > NAME_MAX:
        raise UserError.of(Msg.LINE_TOO_LONG, field=field, length=len(name), limit=NAME_MAX)
    return name


def check_rating(rating: int | None) -> int | None:
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise UserError.of(Msg.RATING_OUT_OF_RANGE, low=RATING_MIN, high=RATING_MAX, rating=rating)
    return rating


def parse_date(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise UserError.of(Msg.NOT_A_DATE, field=field, text=text) from None


def ends_before_it_starts(start: date | None, end: date | None) -> bool:
    """A range with both ends given whose last day comes before its first. An open end is never wrong,
    and a range of one day (start == end) is a day, not a mistake."""
    return start is not None and end is not None and end < start


def check_range(start: date | None, end: date | None, *, what: str = "range") -> None:
    """Refuse a range that ends before it starts, naming both days (``what``: "range", "pause")."""
    if ends_before_it_starts(start, end):
        raise UserError.of(Msg.RANGE_BACKWARDS, what=what, end=end, start=start)


def parse_hhmm(text: str, *, field: str, example: str = "04:00", key: str | None = None) -> time:
    """``field``: the setting's label as the screen shows it ("Day starts at"), which the refusal leads with;
    ``key``: the setting it is for, which the refusal carries as its field (else the label)."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip()) if isinstance(text, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UserError.of(Msg.NOT_A_TIME, field=key or field, label=field, text=text, example=example)
    return time(int(match[1]), int(match[2]))


def check_positive_days(days: int, *, field: str = "number of days", maximum: int = FOCUS_DAYS_MAX) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= maximum:
        raise UserError.of(Msg.DAYS_OUT_OF_RANGE, field=field, maximum=maximum, days=days)
    return days
