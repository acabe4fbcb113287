"""The command line: every use case, scriptable, with ``--json`` on every list.

This module is the command table: the root command (``--db``, ``--version``, shell completion, and the
app itself when no command is named) and, in the order ``valuesapp --help`` lists them, the commands
and groups, each written in the module for its part of the app. ``shared`` opens the store and turns a
person's mistake into one line on stderr and exit code 2; ``output`` prints.

Start-up stays quick (``valuesapp today`` is timed, and the shell runs the program on every Tab): the
services are loaded when a command first asks for them, and Flet, APScheduler and the export's models
only by the commands that use them.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli import data, feedback, links, moving, practice, push, repairs, reviews, serving, settings, values
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


for command in (serving.serve, practice.today, practice.focus, practice.pause, practice.pauses, practice.unpause,
                practice.reflect, practice.journal, settings.schedule, data.backup, data.backups, data.restore,
                data.export, moving.move):
    app.command()(command)
app.command("import")(data.import_)
app.command("reviews")(reviews.reviews)

app.add_typer(values.group, name="values")
app.add_typer(repairs.group, name="repairs")
app.add_typer(feedback.group, name="feedback")
app.add_typer(settings.group, name="settings")
app.add_typer(practice.reflection_group, name="reflection")
app.add_typer(serving.passphrase_group, name="passphrase")
app.add_typer(links.group, name="links")
app.add_typer(reviews.group, name="review")
app.add_typer(push.group, name="push")


def run() -> None:
    """The console entry point (``valuesapp``, ``python -m valuesapp``)."""
    _run(app)
