"""Wiring: the concrete pieces behind every edge, and the running app that joins the edges together.

Here, and only here: the clock, random source, time zone and store behind the services (the same for
the command line, the screens and the scheduler); and, for a running app, the one scheduler of the
process, the desktop notifications, the open windows (``ui.live.LiveSessions``) and the web server,
joined so that the scheduler's news reaches every open window. The edges (cli, ui, web, scheduling,
notifications) never import each other (the import-linter contracts in pyproject.toml say so): what
one needs of another is handed over here. The command line reaches this module through
``cli.shared.wiring`` only, to open the store and the app.

Flet, APScheduler and the web server are imported inside the functions that run them, so a command
that only reads the store (``valuesapp today``) loads none of them.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from valuesapp.core.clock import TEST_CLOCK_VARIABLE, Clock, FileClock, SystemClock
from valuesapp.core.errors import UserError
from valuesapp.services import Services, build_services
from valuesapp.store.backup import backups_beside, check_file, damage
from valuesapp.store.engine import open_store
from valuesapp.store.location import chosen_database
from valuesapp.store.urls import sqlite_file
from valuesapp.store.watch import watch
from valuesapp.ui.assets import assets_folder

if TYPE_CHECKING:
    from valuesapp.scheduling import PlannedJob
    from valuesapp.services.reminders import Reminder
    from valuesapp.ui.shell import Shell

ASSETS = assets_folder()  # our page, manifest and icons, installed or in the checkout


# The services, on the chosen store and the process's clock


def system_timezone() -> str:
    """The machine's IANA zone name (tzlocal knows where each platform keeps it); UTC if none is set."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # an unreadable or odd zone setup must not stop the app; UTC is a safe day
        return "UTC"


def chosen_clock(environ: Mapping[str, str] = os.environ) -> Clock:
    """The system clock; a browser test's ``FileClock`` only where the environment names its file.

    The hook for tests that start the served app on a clock they move (see ``FileClock``): nothing but
    ``VALUESAPP_TEST_CLOCK`` turns it on, and a value that names no file holding an instant stops the
    program with one line instead of running it on another time.
    """
    named = environ.get(TEST_CLOCK_VARIABLE)
    if not named:
        return SystemClock()
    try:
        return FileClock(Path(named))
    except (OSError, ValueError) as exc:
        raise UserError(f"{TEST_CLOCK_VARIABLE} names {named}, which holds no instant to run on ({exc}); "
                        f"it is for tests: unset it to run on the real time.") from None


def open_services(
    db: str | None = None, *, clock: Clock | None = None, rng: random.Random | None = None, check: bool = True
) -> Services:
    """The services on the chosen store, checked and migrated. ``check=False`` opens a store as it is,
    damaged or old, for the one thing that may touch it then: restoring a backup over it."""
    target = chosen_database(db)
    clock = clock or chosen_clock()
    if check:
        refuse_damaged(target)
    store = open_store(target, migrate=check)
    return build_services(store, clock=clock, rng=rng or random.Random(), system_timezone=system_timezone())


def refuse_damaged(target: str) -> None:
    """A damaged store is never opened for writing (nor migrated): say what is wrong and what to do."""
    path = sqlite_file(target)  # sqlite:///PATH is checked as much as PATH is
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    problem = damage(path)
    if problem is None:
        return
    good = next((b for b in backups_beside(path) if check_file(b.path).ok), None)
    advice = (
        f"The newest good backup is from {_when(good)}: restore it with: valuesapp restore {good.path}"
        if good else "No good backup was found beside it; keep the file and ask for help before changing it."
    )
    raise UserError(f"The store at {path} is damaged ({problem}); nothing was changed. {advice}")


def _when(found) -> str:
    return found.taken_at.strftime("%Y-%m-%d %H:%M UTC")


# The running app: one scheduler per process, reaching every open window


class RunningApp:
    """The scheduler and the open sessions of one process, wired together.

    Either way the app runs (a desktop window or served to browsers) one scheduler runs per process,
    outside any session, and reaches open windows through ``LiveSessions``; it is shut down when the
    app stops.
    """

    def __init__(self, services: Services, *, desktop: bool, signed_in: bool = False):
        from valuesapp.notifications import BROWSER_REMINDERS, DesktopNotifications
        from valuesapp.scheduling import PracticeScheduler
        from valuesapp.ui.live import LiveSessions

        self.services = services
        self.signed_in = signed_in
        self.live: LiveSessions[Shell] = LiveSessions()
        self.notifications = DesktopNotifications() if desktop else None
        self.scheduler = PracticeScheduler(services, on_new_day=self._new_day, on_reminder=self._remind)
        self.scheduler.notification_status = self.notifications.status if self.notifications else BROWSER_REMINDERS
        services.context.listeners.append(self._changed)
        # Any commit by anyone (another tab, the CLI, a second server, the scheduler) redraws what open
        # tabs show: the watcher's thread hears it, each session redraws in its own loop.
        self.watcher = watch(services.context.store, self._outside_change)

    def _outside_change(self) -> None:
        self.live.broadcast(lambda shell: shell.outside_change())

    def _changed(self, topic: str) -> None:
        if topic == "feedback":  # a friend's note arrived through a link: open Feedback screens show it
            self.live.broadcast(lambda shell: shell.news())

    def _new_day(self, _card) -> None:
        self.live.broadcast(lambda shell: shell.new_day())

    def _remind(self, reminder: Reminder) -> None:
        self.services.push.send(reminder)  # to every phone that turned reminders on, on the push workers
        if self.notifications is not None:
            self.notifications.send(reminder)
        self.live.broadcast(lambda shell: shell.remind(reminder))

    def main(self):
        from valuesapp.ui.shell import app_main

        return app_main(self.services, self.live, self.scheduler, signed_in=self.signed_in)

    def __enter__(self) -> RunningApp:
        self.scheduler.start()
        self.watcher.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.watcher.stop()
        self.scheduler.shutdown()
        self.services.push.close()
        if self._changed in self.services.context.listeners:
            self.services.context.listeners.remove(self._changed)


def _say_where(services: Services) -> None:
    print(f"Your data lives in {services.settings.data_location()}", flush=True)
    clock = services.context.clock
    if isinstance(clock, FileClock):
        print(f"Running on the test clock in {clock.path} ({TEST_CLOCK_VARIABLE}), not on the real time.", flush=True)


def serve(services: Services, *, host: str = "127.0.0.1", port: int = 8550, public_url: str | None = None,
          public_names: Sequence[str] = ()) -> None:
    """Serve the app to browsers (phones on the same network included); everything works offline.

    Off this machine's loopback address the owner's passphrase is required, so that nobody else on
    the network can open the journal; with one set, it is asked for on loopback too. Only the names
    this server is reached by get an answer: its own, and the public address a proxy in front serves
    it at (``public_url``, else the ``public_url`` setting; ``public_names``: more names, the older
    ``--public-name``). That address is hosted, so it needs a passphrase wherever it listens.
    """
    from valuesapp.core.settings import parse as parse_setting
    from valuesapp.web.hosts import allowed_hosts, public_name
    from valuesapp.web.server import build_web_app, is_loopback, log_sign_ins, run_server

    public_url = parse_setting("public_url", public_url) if public_url else services.settings.get().public_url
    public = ([public_url] if public_url else []) + list(public_names)
    hosts = allowed_hosts(host, public_names=public)
    services.links.served_at(host, port, public)  # friends' links default to an address they can reach
    services.push.served_under(hosts.public_names)  # VAPID's contact claim: the public address, once there is one
    gated = services.access.passphrase_set()
    if not gated and not is_loopback(host):
        raise UserError(
            f"Serving on {host} would let anyone on the network read your journal: set a passphrase first "
            "with `valuesapp passphrase set`, or serve on 127.0.0.1."
        )
    if not gated and any(not is_loopback(public_name(name)) for name in public):
        raise UserError(f"Serving at {public[0]} would let anyone who reaches it read your journal: set a "
                        "passphrase first with `valuesapp passphrase set`.")
    shown_host = "localhost" if is_loopback(host) else host
    print(f"valuesapp is served at http://{shown_host}:{port}/ (Ctrl+C stops it)", flush=True)
    if public_url:
        print(f"Hosted at {public_url}/ through the proxy in front.", flush=True)
    print("Your passphrase is asked for before anything is shown." if gated else
          "No passphrase is set: only this machine can open it.", flush=True)
    _say_where(services)
    store_file = services.context.store.path
    log_sign_ins(store_file.with_name("access.log") if store_file else None)
    with RunningApp(services, desktop=False, signed_in=gated) as running:
        run_server(build_web_app(services, running.main(), assets_dir=ASSETS, gated=gated, allowed_hosts=hosts,
                                 clock=services.context.clock, public_url=public_url or None), host=host, port=port)


def desktop_unavailable_reason() -> str | None:
    """Why a desktop window cannot open here, or None if it can be tried."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display is available"
    try:
        import flet_desktop  # noqa: F401
    except ImportError:
        return "the flet-desktop package is not installed"
    return None


def open_app(services: Services, *, port: int = 8550) -> None:
    """A desktop window if possible; otherwise say why in one line and serve to the browser instead."""
    reason = desktop_unavailable_reason()
    if reason is None:
        import flet as ft

        _say_where(services)
        # Flet's Ctrl+C and SIGTERM handlers outlive ft.run, pointing at its closed event loop: put back the old.
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            with RunningApp(services, desktop=True) as running:
                ft.run(running.main(), view=ft.AppView.FLET_APP, assets_dir=str(ASSETS) if ASSETS else None)
            return
        except Exception as exc:  # the desktop client could not be fetched or started (often: offline)
            reason = f"the desktop client could not start ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
    print(f"Cannot open a desktop window: {reason}. Serving in the browser instead.", flush=True)
    serve(services, port=port)


def planned_jobs(services: Services) -> list[PlannedJob]:
    """The jobs a running app would have, with their next fire times (planned, not started), for
    ``valuesapp schedule`` and ``settings show``."""
    from valuesapp.scheduling import PracticeScheduler

    scheduler = PracticeScheduler(services)
    scheduler.plan()
    return scheduler.jobs()
