"""The reflection being typed, saved as it is typed and offered again after a crash, a close, or a
failed save. One draft per screen that writes text; it is cleared once the text is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from valuesapp.services.context import Context
from valuesapp.store.drafts import DraftBox, drafts_folder

REFLECTION = "reflection"


@dataclass(frozen=True)
class Draft:
    text: str
    day: date | None
    rating: int | None
    saved_at: datetime


class DraftsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.box = DraftBox(drafts_folder(ctx.store))

    def keep(self, text: str, *, day: date | None = None, rating: int | None = None, key: str = REFLECTION) -> bool:
        """Save what is typed so far; an empty text clears the draft. False if even a draft cannot be written."""
        if not text.strip():
            self.box.clear(key)
            return True
        return self.box.save(key, {
            "text": text, "day": day.isoformat() if day else None, "rating": rating,
            "saved_at": self.ctx.now().isoformat(),
        })

    def pending(self, key: str = REFLECTION) -> Draft | None:
        data = self.box.load(key)
        if not data or not isinstance(data.get("text"), str) or not data["text"].strip():
            return None
        try:
            return Draft(
                text=data["text"],
                day=date.fromisoformat(data["day"]) if data.get("day") else None,
                rating=data["rating"] if isinstance(data.get("rating"), int) else None,
                saved_at=datetime.fromisoformat(data["saved_at"]),
            )
        except (TypeError, ValueError, KeyError):
            return None

    def discard(self, key: str = REFLECTION) -> None:
        self.box.clear(key)
