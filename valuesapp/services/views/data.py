"""The settings as listed, and what an import adds."""

from __future__ import annotations

from dataclasses import dataclass

from valuesapp.core.words import plural


@dataclass(frozen=True)
class SettingView:
    key: str
    value: str
    default: str
    description: str


@dataclass(frozen=True)
class ImportSummary:
    """What an import adds (or would add, for a preview)."""

    values: int = 0
    values_matched: int = 0
    reflections: int = 0
    repairs: int = 0
    feedback: int = 0
    picks: int = 0
    pauses: int = 0
    links: int = 0
    skipped_duplicates: int = 0
    into_empty_store: bool = True

    def describe(self) -> str:
        parts = [
            plural(self.values, "value") + (f" (+{self.values_matched:,} matched existing)" if self.values_matched else ""),
            plural(self.reflections, "reflection"),
            plural(self.repairs, "repair"),
            plural(self.feedback, "feedback note"),
            plural(self.picks, "daily pick"),
            plural(self.pauses, "pause"),
            plural(self.links, "friend's link", "friends' links"),
        ]
        text = "Adds " + ", ".join(parts)
        if self.skipped_duplicates:
            text += f"; skips {self.skipped_duplicates} already here"
        return text + "."
