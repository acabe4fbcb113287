"""Backups on the Settings screen: when the last one was made, make one now, and restore one.

Restoring replaces everything, so it asks first and says that what is there now is backed up before.
"""

from __future__ import annotations

import flet as ft

from valuesapp.ui.shared import Shared, section_title, tagged


def _when(instant) -> str:
    return instant.astimezone().strftime("%d %b %Y, %H:%M")


class BackupPanel:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.status = ft.Text("", size=13)
        self.make_button = ft.FilledTonalButton("Back up now", icon=ft.Icons.BACKUP_OUTLINED, on_click=self.make)
        self.restore_button = ft.OutlinedButton("Restore a backup", icon=ft.Icons.RESTORE, on_click=self.choose)
        self.control = tagged("settings-backups", ft.Card(ft.Container(ft.Column([
            section_title("Backups"),
            ft.Text("A copy is made every day (and at start if the last is over a day old); 14 daily and 8 weekly "
                    "copies are kept, in a folder beside your data.", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
            self.status,
            ft.Row([self.make_button, self.restore_button], wrap=True, spacing=8, run_spacing=8),
        ], spacing=10), padding=16)))

    def refresh(self) -> None:
        backups = self.services.backups
        if not backups.supported:
            self.status.value = "Backups here are for the SQLite store; back up PostgreSQL with pg_dump."
            self.make_button.disabled = self.restore_button.disabled = True
            return
        found = backups.list()
        self.status.value = (
            f"Last backup: {_when(found[0].taken_at)} · {len(found)} kept in {backups.folder()}" if found
            else "No backup yet."
        )
        self.restore_button.disabled = not found

    def make(self, _e=None) -> None:
        made = self.shared.attempt(self.services.backups.make)
        if made is not None:
            self.shared.toast(f"Backed up ({made.size // 1024:,} KB).")
            self.refresh()
            self.shared.page.update()

    def choose(self, _e=None) -> None:
        found = self.services.backups.list()
        tiles = [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.HISTORY),
                title=ft.Text(_when(b.taken_at)),
                subtitle=ft.Text(f"{b.size // 1024:,} KB"),
                trailing=ft.TextButton("Restore", on_click=lambda _e, b=b: self.confirm(b)),
            )
            for b in found[:22]
        ]
        self.shared.page.show_dialog(ft.AlertDialog(
            title=ft.Text("Restore a backup"),
            content=ft.Column(tiles, tight=True, scroll=ft.ScrollMode.AUTO, width=420, height=min(400, 72 * len(tiles))),
            actions=[ft.TextButton("Cancel", on_click=lambda _e: self.shared.page.pop_dialog())],
        ))

    def confirm(self, backup) -> None:
        self.shared.page.pop_dialog()

        def restore() -> None:
            safety = self.shared.attempt(self.services.backups.restore, backup.path)
            if safety is None:
                return
            self.shared.toast(f"Restored the backup from {_when(backup.taken_at)}. What was there before is kept "
                              f"in {safety.path.name}.")
            self.shared.changed()
            self.shared.page.update()

        self.shared.confirm(
            "Restore this backup?",
            f"Everything will be as it was on {_when(backup.taken_at)}. What is there now is backed up first.",
            "Restore", restore,
        )
