"""The person's settings: names, defaults and how each is checked.

Stored as text; parsed here so that the CLI's ``settings set``, the UI and an import all agree. Each
setting has a key (what ``settings set`` and the store use) and a label (what the Settings screen
shows); a refusal names the label, so the person reads the words they see, wherever they typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from valuesapp.core.errors import UserError
from valuesapp.core.limits import NAME_MAX, parse_hhmm
from valuesapp.core.messages import Msg
from valuesapp.core.picking import FOCUS, RANDOM, ROTATION, STRATEGIES, WEIGHTED

THEMES = ("system", "light", "dark")

LABELS = {
    "pick_strategy": "How the day's value is picked",
    "growth_edge": "Growth edge",
    "day_starts_at": "Day starts at",
    "timezone": "Time zone",
    "reminder_at": "Morning reminder",
    "evening_prompt_at": "Evening prompt",
    "theme": "Theme",
    "display_name": "Your name",
    "review_day": "Weekly review day",
    "values_review_weeks": "Values review every (weeks)",
    "public_url": "Public address",
    "push_hides_words": "Hide words in phone notifications",
}
# Each way the day's value is picked, as the Settings choices and the card's tag name it. A pinned focus
# is no setting but overrides one, and the card says so.
STRATEGY_LABELS = {ROTATION: "Rotation", WEIGHTED: "Weighted", RANDOM: "Random", FOCUS: "Pinned focus"}


def _one_of(choices: tuple[str, ...]) -> str:
    return ", ".join(choices[:-1]) + " or " + choices[-1]


@dataclass(frozen=True)
class Settings:
    pick_strategy: str = "rotation"
    growth_edge: bool = False
    day_starts_at: time = time(4, 0)
    timezone: str = ""  # empty: the system's
    reminder_at: time | None = time(8, 0)
    evening_prompt_at: time | None = time(21, 0)
    theme: str = "system"
    display_name: str = ""  # how friends' pages name the owner; empty: they name nobody
    review_day: str = "sunday"  # the weekly review is ready on this day, at the evening prompt time
    values_review_weeks: int = 12
    public_url: str = ""  # where the hosted app is reached (https://values.example.org); empty: not hosted
    push_hides_words: bool = False  # a push says only "Today's card is ready", so no words show on a lock screen


def _strategy(raw: str) -> str:
    if raw not in STRATEGIES:
        raise UserError.of(Msg.SETTING_NOT_ONE_OF, field="pick_strategy", label=LABELS["pick_strategy"], raw=raw,
                           choices=_one_of(STRATEGIES))
    return raw


def _on_off(raw: str, key: str = "growth_edge") -> bool:
    lowered = raw.strip().lower()
    if lowered in ("on", "true", "yes", "1"):
        return True
    if lowered in ("off", "false", "no", "0"):
        return False
    raise UserError.of(Msg.SETTING_NOT_ON_OFF, field=key, label=LABELS[key], raw=raw)


def _timezone(raw: str) -> str:
    raw = raw.strip()
    if raw in ("", "system"):
        return ""
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError.of(Msg.SETTING_NOT_A_ZONE, label=LABELS["timezone"], raw=raw) from None
    return raw


def _time_or_off(key: str):
    def parse(raw: str) -> time | None:
        if raw.strip().lower() == "off":
            return None
        return parse_hhmm(raw, field=LABELS[key], example="08:00, or off", key=key)

    return parse


def _theme(raw: str) -> str:
    if raw not in THEMES:
        raise UserError.of(Msg.SETTING_NOT_ONE_OF, field="theme", label=LABELS["theme"], raw=raw, choices=_one_of(THEMES))
    return raw


def _display_name(raw: str) -> str:
    """One line of the owner's own words, shown to friends as typed (the page escapes it)."""
    name = " ".join(raw.split()) if "\n" not in raw and "\r" not in raw else None
    if name is None or len(name) > NAME_MAX or not name.isprintable():
        raise UserError.of(Msg.SETTING_NOT_A_NAME, label=LABELS["display_name"], raw=raw, limit=NAME_MAX)
    return name


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALUES_REVIEW_WEEKS_MAX = 520


def _weekday(raw: str) -> str:
    lowered = raw.strip().lower()
    if lowered not in WEEKDAYS:
        raise UserError.of(Msg.SETTING_NOT_ONE_OF, field="review_day", label=LABELS["review_day"], raw=raw,
                           choices=_one_of(WEEKDAYS))
    return lowered


def _weeks(raw: str) -> int:
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= VALUES_REVIEW_WEEKS_MAX:
        raise UserError.of(Msg.SETTING_NOT_WEEKS, label=LABELS["values_review_weeks"], raw=raw,
                           maximum=VALUES_REVIEW_WEEKS_MAX)
    return int(text)


def _public_url(raw: str) -> str:
    """The hosted app's address as a browser writes it: http(s), a host name (and port), no path beyond ``/``.

    Stored as ``scheme://host[:port]`` in lower case, so the Host and Origin checks and friends' links
    compare and join it as they are; ``off`` or nothing: not hosted."""
    text = raw.strip()
    if text.lower() in ("", "off"):
        return ""
    try:
        parts = urlsplit(text)
        name, port = parts.hostname or "", parts.port
    except ValueError:  # a port that is no number, an unclosed bracket
        name, port, parts = "", None, None
    labels = name.rstrip(".").split(".")
    fine = (parts is not None and parts.scheme.lower() in ("http", "https") and name and parts.path in ("", "/")
            and not (parts.query or parts.fragment or parts.username or parts.password or "\\" in text or " " in text)
            and (":" in name or all(label and all(c.isascii() and (c.isalnum() or c == "-") for c in label)
                                    for label in labels)))
    if not fine:
        raise UserError.of(Msg.SETTING_NOT_A_PUBLIC_URL, label=LABELS["public_url"], raw=raw)
    shown = f"[{name}]" if ":" in name else name.rstrip(".")
    return f"{parts.scheme.lower()}://{shown}" + (f":{port}" if port is not None else "")


PARSERS = {
    "pick_strategy": _strategy,
    "growth_edge": _on_off,
    "day_starts_at": lambda raw: parse_hhmm(raw, field=LABELS["day_starts_at"], key="day_starts_at"),
    "timezone": _timezone,
    "reminder_at": _time_or_off("reminder_at"),
    "evening_prompt_at": _time_or_off("evening_prompt_at"),
    "theme": _theme,
    "display_name": _display_name,
    "review_day": _weekday,
    "values_review_weeks": _weeks,
    "public_url": _public_url,
    "push_hides_words": lambda raw: _on_off(raw, "push_hides_words"),
}
KEYS = tuple(PARSERS)


def parse(key: str, raw: str):
    if key not in PARSERS:
        raise UserError.of(Msg.NO_SUCH_SETTING, key=key, keys=", ".join(KEYS))
    return PARSERS[key](raw)


def render(value) -> str:
    """The stored text form of a parsed value."""
    if value is None:
        return "off"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def from_stored(stored: dict[str, str]) -> Settings:
    values = {key: parse(key, raw) for key, raw in stored.items() if key in PARSERS}
    return Settings(**values)
