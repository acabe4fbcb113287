"""Shell completion: ``valuesapp --install-completion [SHELL]`` and ``valuesapp --show-completion [SHELL]``.

Typer's own two options serve the shell it detects among the program's parent processes, and take no
shell's name: a person in zsh who wants the bash script, or a program run from no shell at all (a
script under ``sh``, cron, a container), gets the wrong script or none. So the root command reads a
shell named after either option, and without one takes the detected shell if Typer completes it,
else the login shell (``$SHELL``). Typer does the rest: the options' place in ``--help``, the scripts,
their installation, and answering the shell's requests as a person presses Tab.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from valuesapp.cli.shared import click_errors
from valuesapp.core.errors import UserError

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
HELP = {
    "install_completion": "Install completion for the current shell, or for SHELL named after it (bash, zsh, fish, "
                          "powershell, pwsh).",
    "show_completion": "Print the completion script for the current shell, or for SHELL named after it, to copy it or "
                       "install it yourself.",
}


class RootGroup(TyperGroup):
    """The root command, answering the two completion options before Typer's own handling of them, with
    its commands from the command table (``commands``): each loaded only when it is asked for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from valuesapp.cli.commands import Commands

        self.commands = Commands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: a Tab press or a mistyped command loads no module

    def get_params(self, ctx: Any) -> list:
        params = super().get_params(ctx)
        for param in params:
            if param.name in HELP:
                param.help = HELP[param.name]
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:  # resilient: the shell asking what to complete
            _complete_if_asked(self, ctx, args)
        return super().parse_args(ctx, args)


def _complete_if_asked(command: TyperGroup, ctx: Any, args: list[str]) -> None:
    try:
        opts, rest, _order = command.make_parser(ctx).parse_args(list(args))
    except click_errors.UsageError:  # the real parse, next, reports it as it reports every other
        return
    asked = [name for name in HELP if opts.get(name)]
    if not asked:
        return
    shell = rest[0] if rest else current_shell()
    if shell not in SHELLS:
        named = f"{shell!r} is not a shell valuesapp completes for" if rest else "Cannot tell which shell this is"
        raise UserError(f"{named}; name one: valuesapp {'--' + asked[0].replace('_', '-')} "
                        f"{'|'.join(SHELLS)}.")
    from typer import completion

    prog_name = ctx.find_root().info_name or "valuesapp"
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    if asked[0] == "install_completion":
        shell, path = completion.install(shell=shell, prog_name=prog_name, complete_var=complete_var)
        typer.echo(f"{shell} completion installed in {path}")
        typer.echo("Completion will take effect once you restart the terminal.")
    else:
        typer.echo(completion.get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell))
    ctx.exit(0)


def current_shell() -> str:
    """The shell this runs in if Typer completes for it, else the login shell's name ('' if neither)."""
    try:
        import shellingham  # Typer's own dependency, for this

        detected = shellingham.detect_shell()[0]
    except Exception:  # no shell among the parents, or no way to look (shellingham.ShellDetectionFailure)
        detected = ""
    if detected in SHELLS:
        return detected
    return os.path.basename(os.environ.get("SHELL", "")).lower()
