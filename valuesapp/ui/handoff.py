"""One screen asking another to bring something into view, per browser session: "show this repair", or
"open the repair form filled with this draft" (a friend's note turned into a repair, to be confirmed).

Screens are built by the shell and only receive ``Shared``; a request left here, keyed by that session's
``Shared``, is picked up by the target screen the next time it refreshes, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from valuesapp.ui.shared import Shared

_items: WeakKeyDictionary[Shared, dict[str, int]] = WeakKeyDictionary()
_drafts: WeakKeyDictionary[Shared, dict[str, RepairDraft]] = WeakKeyDictionary()


@dataclass(frozen=True)
class RepairDraft:
    """A repair as a note suggests it: the person confirms (or corrects) it before anything is saved."""

    feedback_id: int
    friend: str  # who wrote the note: the person field starts here, to be confirmed
    what: str
    value_id: int | None
    kind: str = "conversation"


def show_item(shared: Shared, route: str, item_id: int) -> None:
    """Open ``route`` with ``item_id`` brought forward."""
    _items.setdefault(shared, {})[route] = item_id
    shared.navigate(route)


def prefill(shared: Shared, route: str, draft: RepairDraft) -> None:
    """Open ``route`` with its form filled from ``draft``; nothing is saved until the person saves it."""
    _drafts.setdefault(shared, {})[route] = draft
    shared.navigate(route)


def take(shared: Shared, route: str) -> int | None:
    """The item another screen asked ``route`` to show, once."""
    return _items.get(shared, {}).pop(route, None)


def take_draft(shared: Shared, route: str) -> RepairDraft | None:
    """The draft another screen asked ``route``'s form to open with, once."""
    return _drafts.get(shared, {}).pop(route, None)
