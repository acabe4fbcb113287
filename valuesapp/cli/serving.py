"""Serving the app to a browser, and the passphrase that guards it (``valuesapp passphrase ...``).

``serve`` is a plain function, put on the root command in ``valuesapp.cli``; the app is wired (and
Flet imported) by ``valuesapp.app`` only when it runs.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from valuesapp.cli.output import echo
from valuesapp.cli.shared import _State, services, wiring
from valuesapp.core.access import check_passphrase
from valuesapp.core.errors import UserError

passphrase_group = typer.Typer(help="The passphrase that guards the served app.", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 for phones on your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8550,
    public_url: Annotated[str | None, typer.Option(
        "--public-url", envvar="VALUESAPP_PUBLIC_URL",
        help="The address a reverse proxy serves it at (e.g. https://values.example.org): allowed as Host and "
             "Origin, friends' links start with it, https makes the sign-in cookie Secure. "
             "Default: the public_url setting.")] = None,
    public_name: Annotated[list[str] | None, typer.Option(
        "--public-name", envvar="VALUESAPP_PUBLIC_NAME",
        help="Another name the proxy serves it under (values.example.org means https://values.example.org); "
             "the older spelling of --public-url.")] = None,
) -> None:
    """Serve the app to a browser (a phone on the same network can open it)."""

    if _State.services is not None:  # already open (a test's store): serve it as it is
        wiring().serve(services(), host=host, port=port, public_url=public_url, public_names=public_name or ())
        return

    def opened(services_) -> None:  # closed when the command ends, as every command's store is
        _State.services = services_

    # Listens first and opens the store meanwhile (the browser needs it only once the client has started).
    wiring().serve_store(_State.db, host=host, port=port, public_url=public_url, public_names=public_name or (),
                         opened=opened)


def _read_new_passphrase() -> str:
    """At a terminal: asked twice, not echoed. Otherwise: one line from standard input (for scripts)."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("New passphrase (12 or more characters): ")
        check_passphrase(first)
        if getpass.getpass("The same again: ") != first:
            raise UserError("The two passphrases differ; nothing was changed.")
        return first
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


@passphrase_group.command("set")
def passphrase_set() -> None:
    """Set or change the passphrase asked for before the served app shows anything."""
    s = services()
    s.access.set_passphrase(_read_new_passphrase())
    echo("Passphrase set. `valuesapp serve` now asks for it, and may listen beyond this machine.", err=True)


@passphrase_group.command("clear")
def passphrase_clear() -> None:
    """Remove the passphrase (serving is then limited to this machine's own address)."""
    removed = services().access.clear_passphrase()
    echo("Passphrase removed." if removed else "No passphrase was set.", err=True)


@passphrase_group.command("status")
def passphrase_status() -> None:
    """Say whether a passphrase is set."""
    echo("set" if services().access.passphrase_set() else "not set")
