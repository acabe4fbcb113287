"""Your data on the Settings screen: where it lives, export through a file picker, and a checked import.

Flet 1.0's FilePicker is a page service. Saving hands it the file's bytes: in a browser that becomes a
download, in a desktop window a save dialog writes them where the person chooses. Importing picks a
file with its contents read by the client (``with_data``), so no upload folder is needed in either mode;
the picker opens from the client inside the click (``ft.PickFiles``), which mobile Safari insists on.
Nothing is imported before the person has seen what it would add.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.services.exchange_files import read_import_file
from valuesapp.services.views import ImportSummary
from valuesapp.ui.shared import Shared, section_title, tagged


@dataclass(frozen=True)
class ExportKind:
    label: str
    extension: str
    icon: ft.IconData


EXPORTS = (
    ExportKind("JSON", "json", ft.Icons.DATA_OBJECT),
    ExportKind("Markdown", "md", ft.Icons.ARTICLE_OUTLINED),
    ExportKind("CSV (.zip)", "zip", ft.Icons.TABLE_CHART_OUTLINED),
)


def one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


class DataPanel:
    def __init__(self, shared: Shared, on_imported: Callable[[], None],
                 reveal: Callable[[], Awaitable[None]] | None = None):
        """``reveal`` scrolls this panel (the screen's last) into view, so a message under it is seen."""
        self.shared = shared
        self.services = shared.services
        self.on_imported = on_imported
        self.reveal = reveal
        self.picker = ft.FilePicker(on_result=self.picked)  # registers itself with this session's page
        self.location = ft.Text("", size=13)
        self.import_error = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)
        self.import_button = ft.FilledTonalButton(
            "Import JSON", icon=ft.Icons.UPLOAD_FILE,
            action=ft.PickFiles(self.picker, dialog_title="Import a valuesapp JSON export", with_data=True,
                                file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["json"]),
        )
        self.control = tagged("settings-data", ft.Card(ft.Container(ft.Column([
            section_title("Your data"),
            ft.Row([ft.Icon(ft.Icons.STORAGE, size=18, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Column([ft.Text("Lives in", size=12, color=ft.Colors.ON_SURFACE_VARIANT), self.location],
                              spacing=0, expand=True)],
                   vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ft.Text("Export", weight=ft.FontWeight.W_500),
            ft.Row([self._export_button(kind) for kind in EXPORTS], wrap=True, spacing=8, run_spacing=8),
            ft.Text("Import", weight=ft.FontWeight.W_500),
            ft.Text("Pick a JSON export. It is checked first, and you see what it would add before anything changes.",
                    size=13, color=ft.Colors.ON_SURFACE_VARIANT),
            self.import_button,
            self.import_error,
        ], spacing=10), padding=16)))

    def refresh(self) -> None:
        self.location.value = self.services.settings.data_location()

    # Export

    def _export_button(self, kind: ExportKind) -> ft.Control:
        async def export(_e):
            await self.export(kind)

        return ft.OutlinedButton(f"Export {kind.label}", icon=kind.icon, on_click=export)

    def _export_bytes(self, kind: ExportKind) -> bytes:
        exchange = self.services.exchange
        if kind.extension == "json":
            return exchange.export_json().encode("utf-8")
        if kind.extension == "md":
            return exchange.export_markdown().encode("utf-8")
        with tempfile.TemporaryDirectory(prefix="valuesapp-export-") as folder:
            archive = Path(folder) / "valuesapp.zip"
            exchange.export_csv(archive)
            return archive.read_bytes()

    async def export(self, kind: ExportKind) -> None:
        name = f"valuesapp-{self.services.practice.today().isoformat()}.{kind.extension}"
        try:
            content = await asyncio.to_thread(self._export_bytes, kind)
            saved = await self.picker.save_file(
                dialog_title=f"Save the {kind.label} export", file_name=name, src_bytes=content,
                file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=[kind.extension],
            )
        except UserError as exc:
            self.shared.error(exc.message)
            return
        except Exception as exc:  # the client could not open a save dialog (e.g. no zenity on Linux)
            self.shared.error(f"Could not save the export: {one_line(exc)}")
            return
        if self.shared.page.web:
            self.shared.toast(f"Downloading {name}.")
        elif saved:
            self._write_if_missing(Path(saved), content)

    def _write_if_missing(self, path: Path, content: bytes) -> None:
        """Desktop clients write the bytes themselves; make sure the file is there all the same."""
        try:
            if not path.exists():
                path.write_bytes(content)
        except OSError as exc:
            self.shared.error(f"Could not save {path.name}: {exc.strerror or one_line(exc)}.")
            return
        self.shared.toast(f"Saved to {path}.")

    # Import

    async def picked(self, e: ft.FilePickerResultEvent) -> None:
        if not e.files:
            return  # the person cancelled
        chosen = e.files[0]
        try:  # a picked path is read as the CLI reads one: a regular file, never past the size cap
            raw = chosen.bytes if chosen.bytes is not None else read_import_file(Path(chosen.path or ""))
        except UserError as exc:
            self._show_import_error(exc.message)
            raw = None
        summary = None if raw is None else await self._checked(self.services.exchange.preview, raw, chosen.name)
        if summary is None:
            if self.reveal is not None:
                await self.reveal()
            return
        self._show_import_error("")
        self.shared.confirm(
            f"Import {chosen.name}?", summary.describe(), "Import",
            lambda: self.shared.page.run_task(self.run_import, raw, chosen.name),
            extra=ft.Text(_what_happens(summary), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        )
        self.import_error.update()

    async def run_import(self, raw: bytes, name: str) -> None:
        summary = await self._checked(self.services.exchange.import_json, raw, name)
        if summary is None:
            if self.reveal is not None:
                await self.reveal()
            return
        self.on_imported()
        self.shared.toast(f"Imported {name}. " + summary.describe().replace("Adds", "Added", 1))
        self.shared.changed()
        self.shared.page.update()

    async def _checked(self, action: Callable[[bytes], ImportSummary], raw: bytes, name: str) -> ImportSummary | None:
        """Checking a large file takes a moment: off the event loop, so other windows stay responsive."""
        try:
            return await asyncio.to_thread(action, raw)
        except UserError as exc:
            self._show_import_error(f"{name}: {exc.message}")
            return None

    def _show_import_error(self, message: str) -> None:
        self.import_error.value = message
        self.import_error.visible = bool(message)
        self.import_error.update()


def _what_happens(summary: ImportSummary) -> str:
    if summary.into_empty_store:
        return "This store is empty: everything comes back exactly as it was exported, settings included."
    return ("It is merged with what is here: a value with the same title is the same value, "
            "and anything already here is skipped.")
