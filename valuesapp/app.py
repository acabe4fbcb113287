"""Wiring: the concrete pieces behind every edge, and the running app that joins the edges together.

Here, and only here: the clock, random source, time zone and store behind the services (the same for
the command line, the screens and the scheduler); and, for a running app, the one scheduler of the
process, the desktop notifications, the open windows (``ui.live.LiveSessions``) and the web server,
joined so that the scheduler's news reaches every open window. The edges (cli, ui, web, scheduling,
notifications) never import each other (the import-linter contracts in pyproject.toml say so): what
one needs of another is handed over here. The command line reaches this module through
``cli.shared.wiring`` only, to open the store and the app.

Flet, APScheduler and the web server are imported inside the functions that run them, so a command
that only reads the store (``valuesapp today``) loads none of them; the store and the services inside
the functions that open them, so ``serve`` listens first (``serve_store``).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from valuesapp.core.clock import TEST_CLOCK_VARIABLE, Clock, FileClock, SystemClock
from valuesapp.core.errors import UserError
from valuesapp.store.peek import first_look
from valuesapp.ui.assets import assets_folder

if TYPE_CHECKING:
    from valuesapp.scheduling import PlannedJob
    from valuesapp.services import Services
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
    from valuesapp.services import build_services
    from valuesapp.store.engine import open_store
    from valuesapp.store.location import chosen_database

    target = chosen_database(db)
    clock = clock or chosen_clock()
    if check:
        refuse_damaged(target)
    store = open_store(target, migrate=check)
    return build_services(store, clock=clock, rng=rng or random.Random(), system_timezone=system_timezone())


def refuse_damaged(target: str) -> None:
    """A damaged store is never opened for writing (nor migrated): say what is wrong and what to do."""
    from valuesapp.store.backup import backups_beside, check_file, damage
    from valuesapp.store.urls import sqlite_file

    path = sqlite_file(target)  # sqlite:///PATH is checked as much as PATH is
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    problem = damage(path)
    if problem is None:
        return
    good = next((b for b in backups_beside(path) if check_file(b.path).ok), None)
    advice = (
        f"The newest good backup is from {good.taken_at.strftime('%Y-%m-%d %H:%M UTC')}: restore it with: "
        f"valuesapp restore {good.path}"
        if good else "No good backup was found beside it; keep the file and ask for help before changing it."
    )
    raise UserError(f"The store at {path} is damaged ({problem}); nothing was changed. {advice}")


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
        from valuesapp.store.watch import watch
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

    def main(self, *, warm_up_now: bool = False):
        """A session's ``main``; ``warm_up_now``: import the screens now, not while the first one is drawn."""
        from valuesapp.ui.shell import app_main, warm_up

        if warm_up_now:  # serve: the browser is still fetching the client, and the server is idle
            warm_up()

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
    from valuesapp.web.server import build_web_app, run_server

    public_url = parse_setting("public_url", public_url) if public_url else services.settings.get().public_url
    gated = services.access.passphrase_set()
    public, hosts = _allowed(host, public_url, public_names, gated)
    _ready_to_serve(services, host=host, port=port, public=public, hosts=hosts, public_url=public_url, gated=gated)
    with RunningApp(services, desktop=False, signed_in=gated) as running:
        run_server(build_web_app(services, running.main(), assets_dir=ASSETS, gated=gated, allowed_hosts=hosts,
                                 clock=services.context.clock, public_url=public_url or None), host=host, port=port)


def _allowed(host: str, public_url: str, public_names: Sequence[str], gated: bool):
    """The names served and allowed; one line of refusal for an address beyond this machine without a passphrase."""
    from valuesapp.web.hosts import allowed_hosts, public_name
    from valuesapp.web.server import is_loopback

    public = ([public_url] if public_url else []) + list(public_names)
    hosts = allowed_hosts(host, public_names=public)
    if not gated and not is_loopback(host):
        raise UserError(
            f"Serving on {host} would let anyone on the network read your journal: set a passphrase first "
            "with `valuesapp passphrase set`, or serve on 127.0.0.1."
        )
    if not gated and any(not is_loopback(public_name(name)) for name in public):
        raise UserError(f"Serving at {public[0]} would let anyone who reaches it read your journal: set a "
                        "passphrase first with `valuesapp passphrase set`.")
    return public, hosts


def _ready_to_serve(services: Services, *, host: str, port: int, public: list[str], hosts, public_url: str,
                    gated: bool) -> None:
    """Tell the services where they are served, say so to the person, and log sign-ins."""
    from valuesapp.web.server import is_loopback, log_sign_ins

    services.links.served_at(host, port, public)  # friends' links default to an address they can reach
    services.push.served_under(hosts.public_names)  # VAPID's contact claim: the public address, once there is one
    shown_host = "localhost" if is_loopback(host) else host
    print(f"valuesapp is served at http://{shown_host}:{port}/ (Ctrl+C stops it)", flush=True)
    if public_url:
        print(f"Hosted at {public_url}/ through the proxy in front.", flush=True)
    print("Your passphrase is asked for before anything is shown." if gated else
          "No passphrase is set: only this machine can open it.", flush=True)
    _say_where(services)
    store_file = services.context.store.path
    log_sign_ins(store_file.with_name("access.log") if store_file else None)


def serve_store(db: str | None, *, host: str = "127.0.0.1", port: int = 8550, public_url: str | None = None,
                public_names: Sequence[str] = (), opened: Callable[[Services], None] = lambda _services: None,
                opening: Callable[[], None] = lambda: None) -> None:
    """``serve`` on the chosen store, listening before the store's libraries and services are loaded.

    The gate and the refusals are decided first (``first_look``); then it listens, and a thread opens the
    store (checked and migrated as ever), starts the scheduler and makes the sessions' ``main``. The
    websocket and every route that reads the store wait for that (``web.later``); the page and client
    files do not. A failure stops the server and is raised here, as before listening (``served at`` is
    said only once the store is open). ``opened`` gets the services (the CLI closes the store at exit);
    ``opening`` runs first in the thread (tests hold it).
    """
    look = first_look(db)
    if look is None:
        services = open_services(db)
        opened(services)
        serve(services, host=host, port=port, public_url=public_url, public_names=public_names)
        return
    from valuesapp.core.settings import parse as parse_setting
    from valuesapp.web.later import Later
    from valuesapp.web.server import build_web_app, run_server

    raw = public_url or look.public_url
    public_url = parse_setting("public_url", raw) if raw else ""
    public, hosts = _allowed(host, public_url, public_names, look.gated)
    clock = chosen_clock()
    ready: Later[tuple[Services, RunningApp, Callable]] = Later()
    lock, began, finished, done = threading.Lock(), threading.Event(), threading.Event(), threading.Event()
    failed: list[BaseException] = []

    async def main(page) -> None:  # Flet awaits it once per session; the app's main runs as it always has
        (await ready.wait())[2](page)

    def open_meanwhile(stop: Callable[[], None]) -> None:
        with lock:
            if finished.is_set():
                return
            began.set()
        try:
            opening()
            services = open_services(db, clock=clock)
            opened(services)
            if services.access.passphrase_set() != look.gated:  # set or cleared in this very second
                raise UserError("The passphrase was set or cleared while the server started; start it again.")
            _ready_to_serve(services, host=host, port=port, public=public, hosts=hosts, public_url=public_url,
                            gated=look.gated)
            running = RunningApp(services, desktop=False, signed_in=look.gated).__enter__()
            ready.set((services, running, running.main(warm_up_now=True)))
        except BaseException as exc:
            failed.append(exc)
            ready.fail(exc)
            stop()
        finally:
            done.set()

    web_app = build_web_app(ready.then(lambda opened_: opened_[0]), main, assets_dir=ASSETS, gated=look.gated,
                            allowed_hosts=hosts, clock=clock, public_url=public_url or None)
    try:
        run_server(web_app, host=host, port=port, alongside=open_meanwhile)
    finally:
        with lock:
            finished.set()
        if began.is_set():
            done.wait()
        if ready.done and not failed:
            ready.get()[1].__exit__(None, None, None)
    if failed:
        raise failed[0]


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
