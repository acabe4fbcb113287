"""Friends' notes, and the links they come through."""

from __future__ import annotations

from dataclasses import dataclass

from valuesapp.services.views.read_model import ReadModel
from valuesapp.store.tables import FeedbackBase, LinkBase


class FeedbackView(ReadModel, FeedbackBase):
    leaves_out = ("link_id", "updated_at")
    id: int
    value_title: str | None
    repair_ids: tuple[int, ...]


class FeedbackLinkView(ReadModel, LinkBase):
    leaves_out = ("token_sha256",)  # the owner is shown whose link it is and what came through it, never its key
    id: int
    open: bool
    notes: int

    @property
    def state(self) -> str:
        """revoked, expired or open: what the owner is told about a link."""
        return "revoked" if self.revoked_at is not None else ("open" if self.open else "expired")


@dataclass(frozen=True)
class NewLink:
    """A link just made: the token exists only here, for the owner to pass on."""

    link: FeedbackLinkView
    token: str


@dataclass(frozen=True)
class FriendForm:
    """All a friend's page may know: whose link it is, value titles only if the owner allowed it, and the
    owner's display name if they set one (empty: the page names nobody)."""

    friend: str
    values: tuple[tuple[int, str], ...]
    owner: str = ""
