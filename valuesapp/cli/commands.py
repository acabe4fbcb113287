"""The command table: every command and group by name, in the order ``valuesapp --help`` lists them, each
loaded from its module only when it is asked for.

``valuesapp today`` then imports ``cli/practice.py`` alone and turns only its own function into a Click
command (Typer reads each command's signature and builds its options: for all sixty commands, a good
share of a short command's start-up). ``--help``, the shell's completion and any code that walks the
group (``typer.main.get_command(app).commands``) still see every command: listing them costs nothing,
and a command asked for by name, or by iterating the values, is built from the same Typer calls as
``app.command()`` and ``app.add_typer()`` would make, with the root's settings.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

# name -> (module under valuesapp.cli, attribute, a group made with typer.Typer() rather than a function)
TABLE: dict[str, tuple[str, str, bool]] = {
    "serve": ("serving", "serve", False),
    "today": ("practice", "today", False),
    "focus": ("practice", "focus", False),
    "pause": ("practice", "pause", False),
    "pauses": ("practice", "pauses", False),
    "unpause": ("practice", "unpause", False),
    "reflect": ("practice", "reflect", False),
    "journal": ("practice", "journal", False),
    "schedule": ("settings", "schedule", False),
    "backup": ("data", "backup", False),
    "backups": ("data", "backups", False),
    "restore": ("data", "restore", False),
    "export": ("data", "export", False),
    "move": ("moving", "move", False),
    "import": ("data", "import_", False),
    "reviews": ("reviews", "reviews", False),
    "values": ("values", "group", True),
    "repairs": ("repairs", "group", True),
    "feedback": ("feedback", "group", True),
    "settings": ("settings", "group", True),
    "reflection": ("practice", "reflection_group", True),
    "passphrase": ("serving", "passphrase_group", True),
    "links": ("links", "group", True),
    "review": ("reviews", "group", True),
    "push": ("push", "group", True),
}


def build(name: str) -> Any:
    """The Click command for ``name``, made as registering it on the root Typer app would make it."""
    import typer
    import typer.main

    from valuesapp.cli import app as root

    module, attribute, is_group = TABLE[name]
    target = getattr(importlib.import_module(f"valuesapp.cli.{module}"), attribute)
    holder = typer.Typer()
    if is_group:
        holder.add_typer(target, name=name)
        return typer.main.get_group_from_info(
            holder.registered_groups[0], pretty_exceptions_short=root.pretty_exceptions_short,
            rich_markup_mode=root.rich_markup_mode, suggest_commands=root.suggest_commands)
    holder.command(name)(target)
    return typer.main.get_command_from_info(
        holder.registered_commands[0], pretty_exceptions_short=root.pretty_exceptions_short,
        rich_markup_mode=root.rich_markup_mode)


class Commands(MutableMapping):
    """The root group's commands: every name known at once, each command built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}
        self._names: list[str] = list(TABLE)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:  # Click's add_command
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names
