"""``valuesapp links ...``: the private links friends use to leave you notes.

A link's JSON names its friend ``friend``, as a feedback note's does. The link itself (its token) is
printed once, when it is made: only its hash is kept, so ``list`` cannot show it again.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli.output import echo, emit, emit_json
from valuesapp.cli.shared import JsonFlag, services
from valuesapp.core.access import LINK_DAYS_DEFAULT
from valuesapp.core.errors import UserError
from valuesapp.core.limits import LINK_DAYS_MAX
from valuesapp.core.words import plural

group = typer.Typer(help="Links friends use to leave you feedback notes.", no_args_is_help=True)


def _link_json(link, url: str | None = None) -> dict:
    data = {"id": link.id, "friend": link.friend, "expires": link.expires_at.isoformat() if link.expires_at else None,
            "allow_values": link.allow_values, "open": link.open, "revoked": link.revoked_at is not None,
            "notes": link.notes}
    if url is not None:
        data["url"] = url
    return data


def _link_line(link) -> str:
    until = f"{link.expires_at:%Y-%m-%d}" if link.expires_at else "no end"
    return f"{link.id:>4}  {link.state:<8} until {until:<10}  {plural(link.notes, 'note'):>9}  {link.friend}"


@group.command("create")
def links_create(
    name: Annotated[str, typer.Argument(help="The friend's name, as their notes will show it.")],
    days: Annotated[int, typer.Option("--days", help=f"Days until the link stops working (1-{LINK_DAYS_MAX}).")] = LINK_DAYS_DEFAULT,
    allow_values: Annotated[bool, typer.Option("--allow-values", help="Let them pick which of your values a note touches.")] = False,
    base_url: Annotated[Optional[str], typer.Option(
        "--base-url", help="The address friends reach your served app at (default: from --public-name, else the "
                           "public_url setting, else --host).")] = None,
    host: Annotated[str, typer.Option("--host", help="The address `valuesapp serve` listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port `valuesapp serve` listens on.")] = 8550,
    public_name: Annotated[Optional[str], typer.Option(
        "--public-name", envvar="VALUESAPP_PUBLIC_NAME", help="The name a reverse proxy serves it under.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Make a link for a friend to leave you notes; it is shown once, so pass it on now.

    Without --base-url it starts as the served app does: --public-name (https), else the public_url
    setting (`valuesapp settings set public_url https://...`), else this machine's
    network address when served on 0.0.0.0; on 127.0.0.1 only this computer can open it, and it says so.
    """
    from valuesapp.services.link_address import ONLY_THIS_COMPUTER, Serving, only_this_computer
    from valuesapp.services.links import link_url

    if base_url is None:
        serving = Serving(host, port, (public_name,) if public_name else ())
        base_url = services().links.friends_address(serving).base_url
    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"--base-url must start with http:// or https://; got {base_url!r}.")
    made = services().links.create(name, days=days, allow_values=allow_values)
    url = link_url(base_url, made.token)
    if only_this_computer(url):
        echo(f"Warning: {ONLY_THIS_COMPUTER}", err=True)
    if as_json:
        return emit_json(_link_json(made.link, url))
    echo(url)  # alone on stdout, to pipe on; the sentence for the person goes to stderr
    until = f"until {made.link.expires_at:%Y-%m-%d}" if made.link.expires_at else "with no end date"
    echo(f"Link {made.link.id} for {made.link.friend} works {until}. Only now is it shown: send it to them.", err=True)


@group.command("list")
def links_list(as_json: JsonFlag = False) -> None:
    """List links: who, until when, and how many notes came through each."""
    found = services().links.list()
    emit([_link_json(link) for link in found], as_json, map(_link_line, found),
         empty="No links yet. Make one with: valuesapp links create NAME")


@group.command("revoke")
def links_revoke(link_id: int) -> None:
    """Stop a link working at once."""
    link = services().links.revoke(link_id)
    echo(f"Link {link.id} for {link.friend} no longer works.", err=True)
