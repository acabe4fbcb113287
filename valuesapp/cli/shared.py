"""What every command shares: the store (opened once, and only by a command that needs it), the
``--json`` flag and date options, and the one place where a person's mistake becomes one line on
stderr and exit code 2 (nothing else in the program prints errors).
"""

from __future__ import annotations

import gc
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

try:  # recent Typer vendors its own Click; its usage errors are of that Click's classes
    from typer._click import exceptions as click_errors
    from typer.exceptions import Abort
except ImportError:  # pragma: no cover - older Typer on the public Click
    from click import exceptions as click_errors
    from click.exceptions import Abort

from valuesapp.cli.output import echo
from valuesapp.core.errors import UserError
from valuesapp.core.limits import parse_date

if TYPE_CHECKING:  # loading the services costs most of a command's start-up: only when one runs
    from types import ModuleType

    from valuesapp.services import Services


class _State:
    """The ``--db`` the person chose, and the services opened on it: one store per process."""

    db: str | None = None
    services: Services | None = None


def wiring() -> ModuleType:
    """The program's wiring (``valuesapp.app``): it opens the store, the app and its schedule for the
    commands that need them. The command line's one way to the other edges (the import-linter contracts
    name this import), loaded only when a command runs."""
    import valuesapp.app

    return valuesapp.app


def services(*, check: bool = True) -> Services:
    if _State.services is None:
        _State.services = wiring().open_services(_State.db, check=check)
        _collect_from_now_on()
    return _State.services


def _collect_from_now_on() -> None:
    """The garbage collector back on once the store is open (``run`` keeps it off while the program
    loads), with what loading made set aside for good: it is the program itself, modules and classes
    that live as long as the process, and a long run (``serve``, the app) never scans it again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def day_option(raw: str | None, field: str = "date") -> date | None:
    return parse_date(raw, field=field) if raw is not None else None


def run(app: typer.Typer) -> None:
    """Run the command line: one line and exit code 2 for anything the person can fix.

    Loading the program (SQLAlchemy, SQLModel, the tables) makes hundreds of thousands of objects that
    all live as long as the process, and the garbage collector, scanning them again and again as they
    come, finds next to nothing to free (a few hundred objects): a good part of a short command's CPU
    time. So it is off until the store is open (``services``), and a command that never opens one
    (``--help``, completion) ends without it."""
    gc.disable()
    try:
        code = app(standalone_mode=False, prog_name="valuesapp")
    except UserError as exc:
        echo(f"valuesapp: {exc.message}", err=True)
        sys.exit(2)
    except click_errors.NoArgsIsHelpError as exc:
        echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(2)
    except click_errors.UsageError as exc:  # a missing option, a word where a number goes, an unknown command
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx else ""
        echo(f"valuesapp: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except Abort:  # Ctrl+C
        echo("", err=True)
        sys.exit(130)
    else:
        sys.exit(code if isinstance(code, int) else 0)
    finally:
        if _State.services is not None:
            _State.services.context.store.close()
        gc.unfreeze()  # as it was, for a caller that runs the command line in its own process (tests)
        gc.enable()
