"""One exception for everything a person did wrong, so every edge prints it in exactly one place.

The message is a single line meant for the person, naming the problem and, where it helps, the fix. The
field it is about (when it is about one) travels with it, so a form puts it beside that field without
reading the words; the words themselves live in ``core.messages``.
"""

from __future__ import annotations

from valuesapp.core.messages import Msg


class UserError(Exception):
    """A problem with what the person asked for; the store is left exactly as it was."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    @classmethod
    def of(cls, msg: Msg, /, *, field: str | None = None, **values: object) -> UserError:
        """The refusal ``msg`` with its placeholders filled; ``field`` (else the message's own) is kept."""
        field = field if field is not None else msg.field
        return cls(msg.format(field=field, **values), field=field)

    def __str__(self) -> str:
        return self.message


class NotFound(UserError):
    """An id that names nothing (or nothing of that kind)."""

    def __init__(self, kind: str, ident: object):
        super().__init__(Msg.NOT_FOUND.format(kind=kind, ident=ident))
        self.kind = kind
        self.ident = ident
