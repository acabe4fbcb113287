"""One screen asking another to bring an item into view ("open this repair"), per browser session.

Screens are built by the shell and only receive ``Shared``; a note left here, keyed by that session's
``Shared``, is picked up by the target screen the next time it refreshes.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from valuesapp.ui.shared import Shared

_requests: WeakKeyDictionary[Shared, dict[str, int]] = WeakKeyDictionary()


def show_item(shared: Shared, route: str, item_id: int) -> None:
    """Open ``route`` with ``item_id`` brought forward."""
    _requests.setdefault(shared, {})[route] = item_id
    shared.navigate(route)


def take(shared: Shared, route: str) -> int | None:
    """The item another screen asked ``route`` to show, once."""
    return _requests.get(shared, {}).pop(route, None)
