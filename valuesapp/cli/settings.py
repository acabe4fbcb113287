"""``valuesapp settings ...`` and ``valuesapp schedule``: the settings, and what they make the running
app do next. ``schedule`` is a plain function, put on the root command in ``valuesapp.cli``.
"""

from __future__ import annotations

import typer

from valuesapp.cli.output import echo, emit
from valuesapp.cli.shared import JsonFlag, services, wiring

group = typer.Typer(help="Show or change settings.", no_args_is_help=True)


def _planned_jobs():
    """The jobs a running app would have, with their next fire times (planned, not started).

    APScheduler is imported only here (by the wiring): the other commands start without it.
    """
    return wiring().planned_jobs(services())


@group.command("show")
def settings_show(as_json: JsonFlag = False) -> None:
    """Every setting with its value and default, and where the data lives."""
    s = services()
    items = s.settings.show()
    jobs = _planned_jobs()

    def lines():
        for i in items:
            shown = i.value if i.value or i.key != "timezone" else f"(system: {s.settings.effective_timezone()})"
            yield f"{i.key:<22} {shown:<18} {i.description}"
        yield f"{'data':<22} {s.settings.data_location()}"
        for j in jobs:
            yield f"{'next ' + j.id:<22} {j.next_fire.isoformat() if j.next_fire else 'off'}"

    data = {"settings": {i.key: i.value for i in items}, "timezone_in_effect": s.settings.effective_timezone(),
            "data": s.settings.data_location(), "next": {j.id: j.next_fire for j in jobs}}
    emit(data, as_json, lines())


@group.command("set")
def settings_set(key: str, value: str) -> None:
    """Change a setting, e.g. settings set pick_strategy weighted."""
    item = services().settings.set(key, value)
    echo(f"{item.key} = {item.value or '(system)'}")


def _job_line(j) -> str:
    when = j.next_fire.isoformat() if j.next_fire else "not scheduled"
    return f"{j.id:<18} {when:<27} {j.name}"


def schedule(as_json: JsonFlag = False) -> None:
    """What the running app does next: the day boundary and reminders, with their next times."""
    jobs = _planned_jobs()
    emit([{"id": j.id, "name": j.name, "next_fire": j.next_fire} for j in jobs], as_json, map(_job_line, jobs))
