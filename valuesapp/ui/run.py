"""Starting the app: a desktop window where one can open, otherwise the same app served to a browser.

Either way one scheduler runs per process, outside any session, and reaches open windows through
``LiveSessions``; it is shut down when the app stops.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import flet as ft

from valuesapp.notifications import DesktopNotifications
from valuesapp.scheduling import PracticeScheduler
from valuesapp.services import Services
from valuesapp.services.reminders import Reminder
from valuesapp.ui.live import LiveSessions
from valuesapp.ui.shell import app_main

ASSETS = Path(__file__).resolve().parents[2] / "assets"
BROWSER_REMINDERS = "Reminders show as a banner in open browser tabs; a closed tab cannot be reminded."


def _assets_dir() -> str | None:
    return str(ASSETS) if ASSETS.is_dir() else None


class RunningApp:
    """The scheduler and the open sessions of one process, wired together."""

    def __init__(self, services: Services, *, desktop: bool):
        self.services = services
        self.live = LiveSessions()
        self.notifications = DesktopNotifications() if desktop else None
        self.scheduler = PracticeScheduler(services, on_new_day=self._new_day, on_reminder=self._remind)
        self.scheduler.notification_status = self.notifications.status if self.notifications else BROWSER_REMINDERS

    def _new_day(self, _card) -> None:
        self.live.broadcast(lambda shell: shell.new_day())

    def _remind(self, reminder: Reminder) -> None:
        if self.notifications is not None:
            self.notifications.send(reminder)
        self.live.broadcast(lambda shell: shell.remind(reminder))

    def main(self):
        return app_main(self.services, self.live, self.scheduler)

    def __enter__(self) -> RunningApp:
        self.scheduler.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.scheduler.shutdown()


def serve(services: Services, *, host: str = "127.0.0.1", port: int = 8550) -> None:
    """Serve the app to browsers (phones on the same network included); everything works offline."""
    os.environ["FLET_FORCE_WEB_SERVER"] = "1"  # never try to open a browser on the serving machine
    shown_host = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    print(f"valuesapp is served at http://{shown_host}:{port}/ (Ctrl+C stops it)", flush=True)
    if shown_host != "localhost":
        print("Anyone who can reach this address can open your journal: serve on a network you trust.", flush=True)
    print(f"Your data lives in {services.context.store.location}", flush=True)
    with RunningApp(services, desktop=False) as running:
        ft.run(
            running.main(),
            view=ft.AppView.WEB_BROWSER,
            host=host,
            port=port,
            assets_dir=_assets_dir(),
            no_cdn=True,
            web_renderer=ft.WebRenderer.CANVAS_KIT,
        )


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
        try:
            with RunningApp(services, desktop=True) as running:
                ft.run(running.main(), view=ft.AppView.FLET_APP, assets_dir=_assets_dir())
            return
        except Exception as exc:  # the desktop client could not be fetched or started (often: offline)
            reason = f"the desktop client could not start ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    print(f"Cannot open a desktop window: {reason}. Serving in the browser instead.", flush=True)
    serve(services, port=port)
