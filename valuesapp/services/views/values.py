"""The ranked list as the screens show it: values with their prompts, the list's history, the focus pin."""

from __future__ import annotations

from valuesapp.services.views.read_model import ReadModel
from valuesapp.store.tables import FocusBase, PromptBase, RevisionBase, ValueBase


class PromptView(ReadModel, PromptBase):
    leaves_out = ("created_at",)
    id: int


class ValueView(ReadModel, ValueBase):
    id: int
    prompts: tuple[PromptView, ...]

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class RevisionView(ReadModel, RevisionBase):
    leaves_out = ("detail", "order")  # how to redo it: for replaying the history, not for reading it
    id: int
    titles: tuple[str, ...]


class FocusView(ReadModel, FocusBase):
    """The pin in force: which value, and its days."""

    leaves_out = ("id", "cleared_at", "created_at")
    value_title: str
