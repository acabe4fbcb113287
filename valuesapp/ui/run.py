"""Starting the app: a desktop window where one can open, otherwise the same app served to a browser.

Either way one scheduler runs per process, outside any session, and reaches open windows through
``LiveSessions``; it is shut down when the app stops.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.notifications import DesktopNotifications
from valuesapp.scheduling import PracticeScheduler
from valuesapp.services import Services
from valuesapp.services.reminders import Reminder
from valuesapp.ui.assets import assets_folder
from valuesapp.ui.live import LiveSessions
from valuesapp.ui.shell import app_main

ASSETS = assets_folder()  # our page, manifest and icons, installed or in the checkout
BROWSER_REMINDERS = "Reminders show as a banner in open browser tabs; a closed tab cannot be reminded."


def _assets_dir() -> str | None:
    return str(ASSETS) if ASSETS else None


class RunningApp:
    """The scheduler and the open sessions of one process, wired together."""

    def __init__(self, services: Services, *, desktop: bool, signed_in: bool = False):
        self.services = services
        self.signed_in = signed_in
        self.live = LiveSessions()
        self.notifications = DesktopNotifications() if desktop else None
        self.scheduler = PracticeScheduler(services, on_new_day=self._new_day, on_reminder=self._remind)
        self.scheduler.notification_status = self.notifications.status if self.notifications else BROWSER_REMINDERS
        services.context.listeners.append(self._changed)

    def _changed(self, topic: str) -> None:
        if topic == "feedback":  # a friend's note arrived through a link: open Feedback screens show it
            self.live.broadcast(lambda shell: shell.news())

    def _new_day(self, _card) -> None:
        self.live.broadcast(lambda shell: shell.new_day())

    def _remind(self, reminder: Reminder) -> None:
        if self.notifications is not None:
            self.notifications.send(reminder)
        self.live.broadcast(lambda shell: shell.remind(reminder))

    def main(self):
        return app_main(self.services, self.live, self.scheduler, signed_in=self.signed_in)

    def __enter__(self) -> RunningApp:
        self.scheduler.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.scheduler.shutdown()
        if self._changed in self.services.context.listeners:
            self.services.context.listeners.remove(self._changed)


def serve(services: Services, *, host: str = "127.0.0.1", port: int = 8550, public_names: Sequence[str] = ()) -> None:
    """Serve the app to browsers (phones on the same network included); everything works offline.

    Off this machine's loopback address the owner's passphrase is required, so that nobody else on
    the network can open the journal; with one set, it is asked for on loopback too. Only the names
    this server is reached by get an answer (``public_names``: those a proxy in front serves it under).
    """
    from valuesapp.web.hosts import allowed_hosts
    from valuesapp.web.server import build_web_app, is_loopback, log_sign_ins, run_server

    hosts = allowed_hosts(host, public_names=public_names)
    gated = services.access.passphrase_set()
    if not gated and not is_loopback(host):
        raise UserError(
            f"Serving on {host} would let anyone on the network read your journal: set a passphrase first "
            "with `valuesapp passphrase set`, or serve on 127.0.0.1."
        )
    shown_host = "localhost" if is_loopback(host) else host
    print(f"valuesapp is served at http://{shown_host}:{port}/ (Ctrl+C stops it)", flush=True)
    print("Your passphrase is asked for before anything is shown." if gated else
          "No passphrase is set: only this machine can open it.", flush=True)
    print(f"Your data lives in {services.context.store.location}", flush=True)
    store_file = services.context.store.path
    log_sign_ins(store_file.with_name("access.log") if store_file else None)
    with RunningApp(services, desktop=False, signed_in=gated) as running:
        run_server(build_web_app(services, running.main(), assets_dir=ASSETS,
                                 gated=gated, allowed_hosts=hosts), host=host, port=port)


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
        print(f"Your data lives in {services.context.store.location}", flush=True)
        # Flet's Ctrl+C and SIGTERM handlers outlive ft.run, pointing at its closed event loop: put back the old.
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            with RunningApp(services, desktop=True) as running:
                ft.run(running.main(), view=ft.AppView.FLET_APP, assets_dir=_assets_dir())
            return
        except Exception as exc:  # the desktop client could not be fetched or started (often: offline)
            reason = f"the desktop client could not start ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
    print(f"Cannot open a desktop window: {reason}. Serving in the browser instead.", flush=True)
    serve(services, port=port)
