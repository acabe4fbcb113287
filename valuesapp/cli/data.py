"""Your data as files: backups and their restore, export and import. Plain functions, put on the root
command in ``valuesapp.cli``; the export's and import's models are imported only by those commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from valuesapp.cli.output import echo, emit
from valuesapp.cli.shared import JsonFlag, services
from valuesapp.core.errors import UserError
from valuesapp.core.words import plural

FORMATS = ("json", "markdown", "csv")


def backup(
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write it (default: the backups folder).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Back up the store now (SQLite's online backup API: safe while the app is open)."""
    made = services().backups.make(out)
    emit(made, as_json, f"Backed up to {made.path} ({plural(made.size, 'byte')}).")


def backups(as_json: JsonFlag = False) -> None:
    """List backups, newest first (14 daily and 8 weekly are kept)."""
    emit(services().backups.list(), as_json,
         lambda b: f"{b.taken_at:%Y-%m-%d %H:%M} UTC  {plural(b.size, 'byte'):>16}  {b.path}",
         empty="No backups yet. Make one with: valuesapp backup")


def restore(path: Path) -> None:
    """Restore a backup: it is checked first, and the current store is backed up before it is replaced."""
    safety = services(check=False).backups.restore(path)
    echo(f"Restored {path}. What was there before is kept in {safety.path}.")


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
    """All of the export or none of it: a half-written file never stands where the person looks."""
    temp = path.with_name(path.name + ".partial")
    try:
        temp.write_text(text, encoding="utf-8")
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {path}: {exc.strerror}.") from None


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
