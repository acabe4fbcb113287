"""Controls drawn from data and kept while their data stays the same, so a refresh sends only what changed.

Flet 1.0's diff matches list children without a ``key`` by Python object identity: a freshly built row is
a new object, so every refresh used to send the whole screen again, although nothing had changed. Here
each part or row is drawn from a value that says everything it shows (usually a presenter's frozen
dataclass): given the same value under the same id, the same control object comes back and Flet sends
nothing for it; given another value, a new control is built under a new ``key`` (the id and a version), so
Flet removes the old row and adds the new one whole: a changed row costs its own size, never the list's.
(Reusing the key would make Flet compare the two trees property by property, which is smaller on the wire,
but its positional diff of unkeyed children, such as a menu's items, is not one to rely on.) A row whose
id is gone is dropped, and one that comes back is built anew.

A drawn part must be built only from its value: a long-lived control (a field being typed in) is never
put inside one, because Flet does not look inside a control it has already matched to itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

C = TypeVar("C")  # a control; kept generic so the rule is tested without a browser
D = TypeVar("D")


class Kept(Generic[C]):
    """One list's (or one slot's) drawn controls by key, with the value each was drawn from."""

    def __init__(self, prefix: str):
        """``prefix`` makes the keys unique on the screen: "reflection" gives "reflection-12"."""
        self.prefix = prefix
        self._drawn: dict[str, tuple[Any, C]] = {}
        self._versions: dict[str, int] = {}

    def rows(self, items: Iterable[tuple[Hashable, D]], build: Callable[[D], C]) -> list[C]:
        """The controls for ``items`` (``(id, value)`` pairs, in order): kept ones where the value is the
        same, new ones (under the same key) where it changed or is new. Forgets rows no longer listed."""
        drawn: dict[str, tuple[Any, C]] = {}
        versions: dict[str, int] = {}
        controls = []
        for ident, value in items:
            name = f"{self.prefix}-{ident}"
            control, versions[name] = self._get(name, value, build)
            drawn[name] = (value, control)
            controls.append(control)
        self._drawn, self._versions = drawn, versions
        return controls

    def one(self, value: D, build: Callable[[D], C], ident: Hashable = "") -> C:
        """A single part (a card, a section): the same control while ``value`` is the same."""
        return self.rows([(ident, value)], build)[0]

    def _get(self, name: str, value: Any, build: Callable[[Any], C]) -> tuple[C, int]:
        old = self._drawn.get(name)
        if old is not None and _same(old[0], value):
            return old[1], self._versions[name]
        version = self._versions[name] + 1 if old is not None else 0
        control = build(value)
        setattr(control, "key", name if version == 0 else f"{name}-v{version}")
        # Flet 1.0 counts a property set after construction as a change to send on the next update (it is
        # sent with the new row anyway): forget it, or the next update would send every new row's key again.
        dirty = getattr(control, "_dirty", None)
        if isinstance(dirty, dict):
            dirty.pop("key", None)
        return control, version

    def forget(self) -> None:
        """Draw everything anew next time (the theme or the width changed what the same value looks like)."""
        self._drawn, self._versions = {}, {}


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # a value that cannot compare is never taken as the same
        return False


def listed(cards: list, *, empty: Any, more: Any, more_words: str | None) -> list:
    """A screen's kept cards as the rows of its list: ``empty`` when there are none, the "Show more"
    button (its words from the presenter) after them when more wait."""
    cards = list(cards) or [empty]
    if more_words:
        more.content = more_words
        cards.append(more)
    return cards
