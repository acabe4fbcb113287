"""``valuesapp push ...``: the phones and browsers that get reminders by Web Push.

A device is added from the served app's ``/reminders`` page on the device itself (its browser makes the
subscription); here it can be listed, sent a test notification and removed. ``test`` exits 1 when any
device's push service did not accept the notification (or there is no device), so a script can tell.
"""

from __future__ import annotations

import typer

from valuesapp.cli.output import echo, emit, emit_json
from valuesapp.cli.shared import JsonFlag, services

group = typer.Typer(help="Phones that get reminders by Web Push.", no_args_is_help=True)

NO_DEVICES = "No device gets reminders yet. Turn them on from the served app's /reminders page on the phone."


def _when(instant) -> str:
    return f"{instant:%Y-%m-%d %H:%M}" if instant is not None else "never"


def _device_json(d) -> dict:
    return {"id": d.id, "label": d.label, "push_service": d.host, "added": d.added_at.isoformat(),
            "last_sent": d.last_sent_at.isoformat() if d.last_sent_at else None, "last_result": d.last_result}


def _device_line(d) -> str:
    result = f" ({d.last_result})" if d.last_result else ""
    return (f"{d.id:>4}  {d.label} via {d.host}, added {_when(d.added_at)}, "
            f"last sent {_when(d.last_sent_at)}{result}")


@group.command("list")
def push_list(as_json: JsonFlag = False) -> None:
    """List the devices: their push service, when added, when last sent to, and how that went (UTC)."""
    found = services().push.devices()
    emit([_device_json(d) for d in found], as_json, map(_device_line, found), empty=NO_DEVICES)


@group.command("test")
def push_test(as_json: JsonFlag = False) -> None:
    """Send every device a test notification now; exit 1 if any was not accepted, or there is none."""
    results = services().push.send_test()
    if as_json:
        emit_json([{"id": r.device_id, "label": r.label, "push_service": r.host, "accepted": r.accepted,
                    "result": r.result, "removed": r.removed} for r in results])
    elif not results:
        echo(NO_DEVICES)
    for r in results if not as_json else ():
        echo(f"{r.device_id:>4}  {r.label} via {r.host}: {r.result}")
    if not results or not all(r.accepted for r in results):
        raise typer.Exit(1)


@group.command("remove")
def push_remove(device_id: int) -> None:
    """Stop sending reminders to a device (turn them on again from its /reminders page)."""
    services().push.remove(device_id)
    echo(f"Device {device_id} no longer gets reminders.", err=True)
