"""System notifications on the desktop, where the platform offers them.

In a browser the app shows reminders as an in-app banner instead, and a closed tab is reached by Web Push
on each device that turned reminders on (services.push); where neither works, ``status`` says so, and
the settings screen shows it.
"""

from __future__ import annotations

import logging

from valuesapp.services.reminders import Reminder

log = logging.getLogger(__name__)

BROWSER_REMINDERS = ("Reminders show as a banner in open browser tabs, and as a notification on each device that "
                     "turned reminders on, tab closed or not.")


class DesktopNotifications:
    def __init__(self) -> None:
        self._notifier = None
        self.status = "System notifications are not available here; reminders show as a banner in open windows."
        try:
            from desktop_notifier import DesktopNotifierSync

            self._notifier = DesktopNotifierSync(app_name="valuesapp")
            self.status = "Reminders show as system notifications and as a banner in open windows."
        except Exception as exc:  # no notification service on this platform (e.g. no D-Bus session)
            self.status += f" ({type(exc).__name__})"

    @property
    def available(self) -> bool:
        return self._notifier is not None

    def send(self, reminder: Reminder) -> bool:
        if self._notifier is None:
            return False
        try:
            self._notifier.send(title=reminder.title, message=reminder.body)
            return True
        except Exception as exc:  # the session bus went away, permission refused, ...
            log.warning("system notification failed: %s", exc)
            self._notifier = None
            self.status = f"System notifications stopped working ({type(exc).__name__}); reminders show as a banner."
            return False
