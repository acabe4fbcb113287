"""The command line: every use case, scriptable, with ``--json`` on every list.

Every problem a person can cause ends here as one line on stderr and exit code 2; nothing else in the
program prints errors.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

try:  # recent Typer vendors its own Click; its usage errors are of that Click's classes
    from typer._click import exceptions as click_errors
    from typer.exceptions import Abort
except ImportError:  # pragma: no cover - older Typer on the public Click
    from click import exceptions as click_errors
    from click.exceptions import Abort

from valuesapp.cli_output import echo, emit_json, feedback_line, repair_line, value_line
from valuesapp.core.access import LINK_DAYS_DEFAULT, check_passphrase
from valuesapp.core.errors import UserError
from valuesapp.core.limits import parse_date
from valuesapp.core.words import plural
from valuesapp.services import Services
from valuesapp.services.views import to_jsonable

app = typer.Typer(
    help="valuesapp: one of your values each day, reflections on it, repairs you owe, and friends' feedback.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
values_app = typer.Typer(help="Your ranked list of values.", no_args_is_help=True)
repairs_app = typer.Typer(help="Repair debts: apologies and hard conversations you owe.", no_args_is_help=True)
feedback_app = typer.Typer(help="Friends' feedback notes.", no_args_is_help=True)
settings_app = typer.Typer(help="Show or change settings.", no_args_is_help=True)
reflection_app = typer.Typer(help="Edit or delete a logged reflection.", no_args_is_help=True)
app.add_typer(values_app, name="values")
app.add_typer(repairs_app, name="repairs")
app.add_typer(feedback_app, name="feedback")
app.add_typer(settings_app, name="settings")
app.add_typer(reflection_app, name="reflection")
passphrase_app = typer.Typer(help="The passphrase that guards the served app.", no_args_is_help=True)
links_app = typer.Typer(help="Links friends use to leave you feedback notes.", no_args_is_help=True)
app.add_typer(passphrase_app, name="passphrase")
app.add_typer(links_app, name="links")


class _State:
    db: str | None = None
    services: Services | None = None


def services(*, check: bool = True) -> Services:
    if _State.services is None:
        from valuesapp.app import open_services

        _State.services = open_services(_State.db, check=check)
    return _State.services


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def created(kind: str, obj: Any, as_json: bool, detail: str = "") -> None:
    """A created thing: its id alone on stdout (easy to script), a sentence for the person on stderr."""
    if as_json:
        emit_json(obj)
        return
    echo(obj.id)
    echo(f"Added {kind} {obj.id}{': ' + detail if detail else ''}.", err=True)


def day_option(raw: str | None, field: str = "date") -> date | None:
    return parse_date(raw, field=field) if raw is not None else None


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="Database file or URL (default: VALUESAPP_DB, then your data folder).")] = None,
) -> None:
    _State.db = db
    if ctx.invoked_subcommand is None:
        from valuesapp.ui.run import open_app

        open_app(services())


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 for phones on your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8550,
    public_name: Annotated[list[str] | None, typer.Option(
        "--public-name", envvar="VALUESAPP_PUBLIC_NAME",
        help="The name a reverse proxy serves it under (e.g. values.example.org); other names get 403.")] = None,
) -> None:
    """Serve the app to a browser (a phone on the same network can open it)."""
    from valuesapp.ui.run import serve as serve_app

    serve_app(services(), host=host, port=port, public_names=public_name or ())


# Today


@app.command()
def today(as_json: JsonFlag = False) -> None:
    """Show the day's value (picking it if nobody has yet today)."""
    s = services()
    card = s.practice.card()
    if as_json:
        data = to_jsonable(card)
        data["streak"] = s.practice.streak()
        emit_json(data)
        return
    if card.value is None:
        echo(f"{card.date}: {card.message or card.reason}")
        if card.paused:
            echo(card.reason)
        return
    v = card.value
    echo(f"{card.date}  #{v.rank}  {v.title}")
    if v.description:
        echo(f"  {v.description}")
    echo(f"  Why today: {card.reason}")
    echo(f"  Ask yourself: {card.prompt}")
    echo(f"  Streak: {plural(s.practice.streak(), 'reflected day', 'reflected days')}")


# Values


@values_app.command("list")
def values_list(
    archived: Annotated[bool, typer.Option("--archived", help="Include snipped values.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Your values by rank."""
    items = services().values.list(include_archived=archived)
    if as_json:
        return emit_json(items)
    if not items:
        echo('No values yet. Add one with: valuesapp values add "Honesty" --note "Say what is true."')
    for v in items:
        echo(value_line(v))


@values_app.command("show")
def values_show(value_id: int, as_json: JsonFlag = False) -> None:
    """One value with its note and your own prompts."""
    v = services().values.get(value_id)
    if as_json:
        return emit_json(v)
    echo(value_line(v))
    if v.description:
        echo(f"  {v.description}")
    for p in v.prompts:
        echo(f"  prompt {p.id}: {p.text}")


@values_app.command("add")
def values_add(
    title: str,
    note: Annotated[str, typer.Option("--note", help="What this value means to you.")] = "",
    rank: Annotated[Optional[int], typer.Option("--rank", help="Insert at this rank (default: at the end).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a value, at the end or at a rank."""
    v = services().values.add(title, note, rank=rank)
    created("value", v, as_json, f"{v.title!r} at rank {v.rank}")


@values_app.command("edit")
def values_edit(
    value_id: int,
    title: Annotated[Optional[str], typer.Option("--title")] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Reword a value's title or its note."""
    if title is None and note is None:
        raise UserError("Say what to change: --title TEXT and/or --note TEXT.")
    v = services().values.edit(value_id, title=title, description=note)
    if as_json:
        return emit_json(v)
    echo(f"Edited value {v.id}: {v.title}")


@values_app.command("move")
def values_move(value_id: int, rank: int, as_json: JsonFlag = False) -> None:
    """Move a value to a rank."""
    items = services().values.move(value_id, rank)
    if as_json:
        return emit_json(items)
    for v in items:
        echo(value_line(v))


@values_app.command("reorder")
def values_reorder(value_ids: list[int], as_json: JsonFlag = False) -> None:
    """Give the whole order at once: every active value's id, top first."""
    items = services().values.reorder(value_ids)
    if as_json:
        return emit_json(items)
    for v in items:
        echo(value_line(v))


@values_app.command("archive")
def values_archive(
    value_id: int,
    reason: Annotated[str, typer.Option("--reason", help="Why you are snipping it (kept in the history).")],
    as_json: JsonFlag = False,
) -> None:
    """Snip a value from the active list, keeping the reason."""
    v = services().values.archive(value_id, reason)
    if as_json:
        return emit_json(v)
    echo(f"Snipped value {v.id}: {v.title}")


@values_app.command("restore")
def values_restore(
    value_id: int,
    rank: Annotated[Optional[int], typer.Option("--rank", help="Restore at this rank (default: at the end).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Bring a snipped value back."""
    v = services().values.restore(value_id, rank=rank)
    if as_json:
        return emit_json(v)
    echo(f"Restored value {v.id} at rank {v.rank}: {v.title}")


@values_app.command("history")
def values_history(as_json: JsonFlag = False) -> None:
    """How your list changed, oldest first."""
    items = services().values.history()
    if as_json:
        return emit_json(items)
    if not items:
        echo("No changes yet.")
    for r in items:
        echo(f"{r.at:%Y-%m-%d %H:%M}  {r.summary}")
        echo(f"                  -> {', '.join(r.titles) if r.titles else '(empty list)'}")


@values_app.command("prompt-add")
def values_prompt_add(value_id: int, text: str, as_json: JsonFlag = False) -> None:
    """Add a reflection prompt of your own to a value."""
    p = services().values.add_prompt(value_id, text)
    created("prompt", p, as_json)


@values_app.command("prompt-remove")
def values_prompt_remove(prompt_id: int) -> None:
    """Remove one of your own prompts."""
    p = services().values.remove_prompt(prompt_id)
    echo(f"Removed prompt {p.id}.")


@app.command()
def focus(
    value_id: Annotated[Optional[int], typer.Argument(help="The value to focus on.")] = None,
    days: Annotated[int, typer.Option("--days", help="How many days, starting today (tomorrow if today's value is already picked).")] = 7,
    clear: Annotated[bool, typer.Option("--clear", help="End the current focus.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Focus on one value for the next N days (it overrides the pick strategy)."""
    s = services()
    if clear:
        ended = s.values.clear_focus()
        echo(f"Focus on {ended.value_title} ended." if ended else "There was no focus to end.")
        return
    if value_id is None:
        raise UserError("Name the value to focus on (valuesapp focus VALUE_ID --days N), or use --clear.")
    pin = s.values.focus(value_id, days)
    if as_json:
        return emit_json(pin)
    echo(f"Focusing on {pin.value_title} from {pin.start} through {pin.end}.")


# Pauses


@app.command()
def pause(
    from_: Annotated[str, typer.Option("--from", help="First paused day, YYYY-MM-DD.")],
    to: Annotated[str, typer.Option("--to", help="Last paused day, YYYY-MM-DD.")],
    reason: Annotated[str, typer.Option("--reason")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Pause the practice for a date range: no picks, and the streak holds."""
    p = services().practice.pause(parse_date(from_, field="--from date"), parse_date(to, field="--to date"), reason)
    created("pause", p, as_json, f"{p.start} to {p.end}")


@app.command()
def pauses(as_json: JsonFlag = False) -> None:
    """List pauses, latest first."""
    items = services().practice.pauses()
    if as_json:
        return emit_json(items)
    for p in items:
        echo(f"{p.id:>4}  {p.start} to {p.end}  {p.reason}")


@app.command()
def unpause(pause_id: int) -> None:
    """Remove a pause."""
    p = services().practice.remove_pause(pause_id)
    echo(f"Removed the pause from {p.start} to {p.end}.")


# Reflections


@app.command()
def reflect(
    text: str,
    rating: Annotated[Optional[int], typer.Option("--rating", help="How well you lived the value, 1-5.")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="A past day, YYYY-MM-DD (default: today).")] = None,
    value: Annotated[Optional[int], typer.Option("--value", help="Reflect on this value instead of the day's.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a reflection on the day's value."""
    r = services().journal.reflect(text, rating=rating, day=day_option(date_), value_id=value)
    created("reflection", r, as_json, f"{r.day}" + (f" on {r.value_title}" if r.value_title else ""))


@app.command()
def journal(
    value: Annotated[Optional[int], typer.Option("--value", help="Only this value's reflections.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this day, YYYY-MM-DD.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", help="Text to look for.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many, newest first.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Your reflections, newest first."""
    items = services().journal.list(
        value_id=value, since=day_option(since, "--since date"), until=day_option(until, "--until date"),
        search=search, limit=limit,
    )
    if as_json:
        return emit_json(items)
    if not items:
        echo("No reflections match.")
    for r in items:
        stars = f"  {r.rating}/5" if r.rating else ""
        echo(f"[{r.id}] {r.day}  {r.value_title or '(no value)'}{stars}")
        for line in r.text.splitlines() or [""]:
            echo(f"    {line}")


@reflection_app.command("edit")
def reflection_edit(
    reflection_id: int,
    text: Annotated[Optional[str], typer.Option("--text")] = None,
    rating: Annotated[Optional[int], typer.Option("--rating", help="1-5.")] = None,
    clear_rating: Annotated[bool, typer.Option("--clear-rating")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Change a reflection's text or rating."""
    if text is None and rating is None and not clear_rating:
        raise UserError("Say what to change: --text TEXT, --rating N or --clear-rating.")
    kwargs: dict[str, Any] = {"text": text}
    if rating is not None or clear_rating:
        kwargs["rating"] = None if clear_rating else rating
    r = services().journal.edit(reflection_id, **kwargs)
    if as_json:
        return emit_json(r)
    echo(f"Edited reflection {r.id}.")


@reflection_app.command("delete")
def reflection_delete(reflection_id: int) -> None:
    """Delete a reflection."""
    r = services().journal.delete(reflection_id)
    echo(f"Deleted reflection {r.id} of {r.day}.")


# Repairs


@repairs_app.command("list")
def repairs_list(
    state: Annotated[str, typer.Option("--state", help="open, owed, planned, done, released or all.")] = "open",
    as_json: JsonFlag = False,
) -> None:
    """Repairs you owe; open ones oldest first."""
    items = services().repairs.list(state)
    if as_json:
        return emit_json(items)
    if not items:
        echo("Nothing here." if state != "open" else "No open repairs.")
    for r in items:
        echo(repair_line(r))


@repairs_app.command("add")
def repairs_add(
    person: str,
    what: str,
    kind: Annotated[str, typer.Option("--kind", help="apology, conversation, amends or other.")] = "apology",
    value: Annotated[Optional[int], typer.Option("--value", help="The value it touches.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Target date, YYYY-MM-DD.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Note a repair you owe someone."""
    r = services().repairs.add(person, what, kind=kind, value_id=value, target_date=day_option(by, "--by date"))
    created("repair", r, as_json, f"{r.kind} owed to {r.person}")


def _repair_result(r, as_json: bool) -> None:
    if as_json:
        return emit_json(r)
    echo(repair_line(r))


@repairs_app.command("plan")
def repairs_plan(
    repair_id: int,
    on: Annotated[str, typer.Option("--on", help="When you plan to do it, YYYY-MM-DD.")],
    as_json: JsonFlag = False,
) -> None:
    """Plan a repair for a day."""
    _repair_result(services().repairs.plan(repair_id, parse_date(on, field="--on date")), as_json)


@repairs_app.command("done")
def repairs_done(
    repair_id: int,
    note: Annotated[Optional[str], typer.Option("--note", help="How it went.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Tick a repair off."""
    _repair_result(services().repairs.done(repair_id, note), as_json)


@repairs_app.command("release")
def repairs_release(
    repair_id: int,
    reason: Annotated[str, typer.Option("--reason", help="Why it is no longer owed.")],
    as_json: JsonFlag = False,
) -> None:
    """Release a repair that is no longer owed."""
    _repair_result(services().repairs.release(repair_id, reason), as_json)


@repairs_app.command("reopen")
def repairs_reopen(repair_id: int, as_json: JsonFlag = False) -> None:
    """Undo done or released."""
    _repair_result(services().repairs.reopen(repair_id), as_json)


# Feedback


@feedback_app.command("list")
def feedback_list(
    state: Annotated[str, typer.Option("--state", help="new, acknowledged, acted_on or all.")] = "all",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many, newest first.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Notes from friends, newest first."""
    items = services().feedback.list(state, limit=limit)
    if as_json:
        return emit_json(items)
    if not items:
        echo("No feedback notes.")
    for f in items:
        echo(feedback_line(f))


@feedback_app.command("add")
def feedback_add(
    friend: str,
    note: str,
    kind: Annotated[str, typer.Option("--kind", help="concern, appreciation or suggestion.")] = "concern",
    value: Annotated[Optional[int], typer.Option("--value", help="The value it is about.")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="When it arrived, YYYY-MM-DD (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a note a friend gave you."""
    f = services().feedback.add(friend, note, kind=kind, value_id=value, received_on=day_option(date_))
    created("feedback note", f, as_json, f"from {f.friend}")


@feedback_app.command("ack")
def feedback_ack(feedback_id: int, as_json: JsonFlag = False) -> None:
    """Acknowledge a note."""
    f = services().feedback.ack(feedback_id)
    echo(feedback_line(f)) if not as_json else emit_json(f)


@feedback_app.command("acted")
def feedback_acted(feedback_id: int, as_json: JsonFlag = False) -> None:
    """Mark a note as acted on."""
    f = services().feedback.acted(feedback_id)
    echo(feedback_line(f)) if not as_json else emit_json(f)


@feedback_app.command("to-repair")
def feedback_to_repair(
    feedback_id: int,
    kind: Annotated[str, typer.Option("--kind", help="apology, conversation, amends or other.")] = "conversation",
    what: Annotated[Optional[str], typer.Option("--what", help="What the repair is about (default: the note).")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Target date, YYYY-MM-DD.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Turn a note into a repair owed to that friend (the two stay linked)."""
    r = services().feedback.to_repair(feedback_id, kind=kind, what=what, target_date=day_option(by, "--by date"))
    created("repair", r, as_json, f"{r.kind} owed to {r.person}, from feedback {feedback_id}")


# Settings


@settings_app.command("show")
def settings_show(as_json: JsonFlag = False) -> None:
    """Every setting with its value and default, and where the data lives."""
    s = services()
    items = s.settings.show()
    if as_json:
        return emit_json({"settings": {i.key: i.value for i in items}, "timezone_in_effect": s.settings.effective_timezone(),
                          "data": s.context.store.location,
                          "next": {j.id: j.next_fire for j in _planned_jobs()}})
    for i in items:
        shown = i.value if i.value or i.key != "timezone" else f"(system: {s.settings.effective_timezone()})"
        echo(f"{i.key:<22} {shown:<18} {i.description}")
    echo(f"{'data':<22} {s.context.store.location}")
    for j in _planned_jobs():
        echo(f"{'next ' + j.id:<22} {j.next_fire.isoformat() if j.next_fire else 'off'}")


@settings_app.command("set")
def settings_set(key: str, value: str) -> None:
    """Change a setting, e.g. settings set pick_strategy weighted."""
    item = services().settings.set(key, value)
    echo(f"{item.key} = {item.value or '(system)'}")


# The schedule


def _planned_jobs():
    """The jobs a running app would have, with their next fire times (planned, not started)."""
    from valuesapp.scheduling import PracticeScheduler

    scheduler = PracticeScheduler(services())
    scheduler.plan()
    return scheduler.jobs()


@app.command()
def schedule(as_json: JsonFlag = False) -> None:
    """What the running app does next: the day boundary and reminders, with their next times."""
    jobs = _planned_jobs()
    if as_json:
        return emit_json([{"id": j.id, "name": j.name, "next_fire": j.next_fire} for j in jobs])
    for j in jobs:
        when = j.next_fire.isoformat() if j.next_fire else "not scheduled"
        echo(f"{j.id:<18} {when:<27} {j.name}")


# The served app's passphrase


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


@passphrase_app.command("set")
def passphrase_set() -> None:
    """Set or change the passphrase asked for before the served app shows anything."""
    s = services()
    s.access.set_passphrase(_read_new_passphrase())
    echo("Passphrase set. `valuesapp serve` now asks for it, and may listen beyond this machine.", err=True)


@passphrase_app.command("clear")
def passphrase_clear() -> None:
    """Remove the passphrase (serving is then limited to this machine's own address)."""
    removed = services().access.clear_passphrase()
    echo("Passphrase removed." if removed else "No passphrase was set.", err=True)


@passphrase_app.command("status")
def passphrase_status() -> None:
    """Say whether a passphrase is set."""
    echo("set" if services().access.passphrase_set() else "not set")


# Friends' feedback links


def _link_json(link, url: str | None = None) -> dict:
    data = {"id": link.id, "name": link.friend, "expires": link.expires_at.isoformat() if link.expires_at else None,
            "allow_values": link.allow_values, "open": link.open, "revoked": link.revoked_at is not None,
            "notes": link.notes}
    if url is not None:
        data["url"] = url
    return data


@links_app.command("create")
def links_create(
    name: Annotated[str, typer.Argument(help="The friend's name, as their notes will show it.")],
    days: Annotated[int, typer.Option("--days", help="Days until the link stops working (1-366).")] = LINK_DAYS_DEFAULT,
    allow_values: Annotated[bool, typer.Option("--allow-values", help="Let them pick which of your values a note touches.")] = False,
    base_url: Annotated[str, typer.Option("--base-url", help="The address friends reach your served app at.")] = "http://localhost:8550",
    as_json: JsonFlag = False,
) -> None:
    """Make a link for a friend to leave you notes; it is shown once, so pass it on now."""
    from valuesapp.services.links import link_url

    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"--base-url must start with http:// or https://; got {base_url!r}.")
    made = services().links.create(name, days=days, allow_values=allow_values)
    url = link_url(base_url, made.token)
    if as_json:
        return emit_json(_link_json(made.link, url))
    echo(url)
    until = f"until {made.link.expires_at:%Y-%m-%d}" if made.link.expires_at else "with no end date"
    echo(f"Link {made.link.id} for {made.link.friend} works {until}. Only now is it shown: send it to them.",
               err=True)


@links_app.command("list")
def links_list(as_json: JsonFlag = False) -> None:
    """List links: who, until when, and how many notes came through each."""
    found = services().links.list()
    if as_json:
        return emit_json([_link_json(link) for link in found])
    if not found:
        echo("No links yet. Make one with: valuesapp links create NAME")
    for link in found:
        until = f"{link.expires_at:%Y-%m-%d}" if link.expires_at else "no end"
        echo(f"{link.id:>4}  {link.state:<8} until {until:<10}  {plural(link.notes, 'note'):>9}  {link.friend}")


@links_app.command("revoke")
def links_revoke(link_id: int) -> None:
    """Stop a link working at once."""
    link = services().links.revoke(link_id)
    echo(f"Link {link.id} for {link.friend} no longer works.", err=True)


# Backups


@app.command()
def backup(
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write it (default: the backups folder).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Back up the store now (SQLite's online backup API: safe while the app is open)."""
    made = services().backups.make(out)
    if as_json:
        return emit_json(made)
    echo(f"Backed up to {made.path} ({plural(made.size, 'byte')}).")


@app.command()
def backups(as_json: JsonFlag = False) -> None:
    """List backups, newest first (14 daily and 8 weekly are kept)."""
    found = services().backups.list()
    if as_json:
        return emit_json(found)
    if not found:
        echo("No backups yet. Make one with: valuesapp backup")
    for b in found:
        echo(f"{b.taken_at:%Y-%m-%d %H:%M} UTC  {plural(b.size, 'byte'):>16}  {b.path}")


@app.command()
def restore(path: Path) -> None:
    """Restore a backup: it is checked first, and the current store is backed up before it is replaced."""
    safety = services(check=False).backups.restore(path)
    echo(f"Restored {path}. What was there before is kept in {safety.path}.")


# Export and import

FORMATS = ("json", "markdown", "csv")


@app.command("export")
def export(
    format_: Annotated[str, typer.Option("--format", help="json, markdown or csv.")] = "json",
    out: Annotated[Optional[Path], typer.Option("--out", help="File to write (csv: a folder, or a .zip file).")] = None,
) -> None:
    """Export everything."""
    exchange = services().exchange
    if format_ not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}; got {format_!r}.")
    if format_ == "csv":
        if out is None:
            raise UserError("CSV export writes one file per table: give --out FOLDER or --out FILE.zip.")
        written = exchange.export_csv(out)
        echo(f"Wrote {plural(len(written), 'file')} to {out}.", err=True)
        return
    text = exchange.export_json() if format_ == "json" else exchange.export_markdown()
    if out is None:
        sys.stdout.write(text)
        return
    _write_atomically(out, text)
    echo(f"Wrote {out}.", err=True)


def _write_atomically(path: Path, text: str) -> None:
    temp = path.with_name(path.name + ".partial")
    try:
        temp.write_text(text, encoding="utf-8")
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {path}: {exc.strerror}.") from None


@app.command("import")
def import_(
    path: Path,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and say what it would add.")] = False,
) -> None:
    """Import a JSON export: checked first, then all of it or nothing."""
    from valuesapp.services.exchange_files import read_import_file

    raw = read_import_file(path)  # a regular file only, at most the cap: before the store is opened
    exchange = services().exchange
    summary = exchange.preview(raw) if dry_run else exchange.import_json(raw)
    echo(("Would import. " if dry_run else "Imported. ") + summary.describe())


def run() -> None:
    """The console entry point: one line and exit code 2 for anything the person can fix."""
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
