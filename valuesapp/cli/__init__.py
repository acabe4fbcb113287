"""The command line: every use case, scriptable, with ``--json`` on every list.

This module is the root command (``--db``, ``--version``, shell completion, and the app itself when no
command is named); ``commands`` is the table of the commands and groups, each written in the module for
its part of the app and imported only when it runs (or ``--help`` lists them). ``shared`` opens the
store and turns a person's mistake into one line on stderr and exit code 2; ``output`` prints.

Start-up stays quick (``valuesapp today`` is timed, and the shell runs the program on every Tab): the
command's own module is the only one imported, the services are loaded when a command first asks for
them, and Flet, APScheduler and the export's models only by the commands that use them.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli.completion import RootGroup
from valuesapp.cli.shared import _State, services, wiring  # _State: tests and the browser tests point it at their store
from valuesapp.cli.shared import run as _run

app = typer.Typer(
    cls=RootGroup,
    help="valuesapp: one of your values each day, reflections on it, repairs you owe, and friends' feedback.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("valuesapp")  # what is installed, as pip and bug reports know it
        except PackageNotFoundError:  # run from a source tree that was never installed
            from valuesapp import __version__ as number
        typer.echo(f"valuesapp {number}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="Database file or URL (default: VALUESAPP_DB, then your data folder).")] = None,
    version: Annotated[Optional[bool], typer.Option(
        "--version", is_eager=True, callback=_print_version, help="Print the installed version and exit.")] = None,
) -> None:
    _State.db = db
    if ctx.invoked_subcommand is None:
        wiring().open_app(services())


# The commands and groups, in the order ``valuesapp --help`` lists them, are in ``commands.TABLE``: the
# root group (``completion.RootGroup``) loads each from its module only when it is asked for.


def run() -> None:
    """The console entry point (``valuesapp``, ``python -m valuesapp``)."""
    _run(app)
