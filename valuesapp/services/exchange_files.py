"""Reading a file to import: only a regular file, and never more of it than the size cap.

A named pipe blocks the moment it is opened for reading (``valuesapp import`` hung forever), and a
device such as ``/dev/zero`` never ends (reading it all ended in a MemoryError). So the kind of file is
looked at before it is opened, looked at again on what was opened (it could have been swapped in
between, and opening without blocking makes that harmless), and at most cap + 1 bytes are read.
"""

from __future__ import annotations

import os
from pathlib import Path

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.store.files import kind_of

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def too_large() -> UserError:
    return UserError.of(Msg.IMPORT_TOO_LARGE, megabytes=MAX_IMPORT_BYTES // (1024 * 1024))


def read_import_file(path: Path) -> bytes:
    """The file's bytes, or a one-line UserError: not there, not a regular file, unreadable, too large."""
    try:
        _check_kind(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UserError.of(Msg.CANNOT_READ, path=path, reason=exc.strerror) from None
    try:
        with os.fdopen(fd, "rb") as file:
            _check_kind(path, os.fstat(file.fileno()).st_mode)
            raw = file.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise UserError.of(Msg.CANNOT_READ, path=path, reason=exc.strerror) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise too_large()
    return raw


def _check_kind(path: Path, mode: int) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise UserError.of(Msg.NOT_A_REGULAR_FILE, path=path, kind=kind)
