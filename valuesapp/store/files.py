"""What kind of thing a path is, told without opening it: opening a named pipe for reading blocks until
someone writes to it, and a device such as /dev/zero never ends, so a file to import or restore is
looked at first and only a regular file is read."""

from __future__ import annotations

import stat


def kind_of(mode: int) -> str | None:
    """None for a regular file; otherwise what it is, in words ("a named pipe", "a folder", ...)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"
