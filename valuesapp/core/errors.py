"""One exception for everything a person did wrong, so every edge prints it in exactly one place.

The message is a single line meant for the person, naming the problem and, where it helps, the fix.
"""


class UserError(Exception):
    """A problem with what the person asked for; the store is left exactly as it was."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(UserError):
    """An id that names nothing (or nothing of that kind)."""

    def __init__(self, kind: str, ident: object):
        super().__init__(f"There is no {kind} with id {ident}.")
        self.kind = kind
        self.ident = ident
