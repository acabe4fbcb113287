"""Export (JSON, Markdown, CSV) and import (JSON, validated first, all or nothing).

The JSON document is versioned and carries every table with its ids (what it holds, and what stays out
and why: ``exchange_docs``), so exporting, importing into an empty store and exporting again gives the
same text. Each format is a small class registered by its name (``exchange_export``); an import is
checked whole before anything is written (``exchange_checks``), then merged section by section
(``exchange_merge``): into a store that already holds data, values with the same active title are the
same value, a link with the same token is the same link, exact duplicates are skipped, and every id is
renumbered (a note's link follows its link).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from valuesapp.services import exchange_merge
from valuesapp.services.context import Context
from valuesapp.services.exchange_checks import parse
from valuesapp.services.exchange_docs import (  # noqa: F401 - FORMAT, VERSION, NOT_EXPORTED are read from here too
    FORMAT,
    NOT_EXPORTED,
    SECTIONS,
    VERSION,
    ExportDoc,
)
from valuesapp.services.exchange_export import EXPORTERS, CsvExporter, Exporter
from valuesapp.services.views import ImportSummary
from valuesapp.store import exchange as stored
from valuesapp.store import settings as stored_settings

FORMATS = tuple(EXPORTERS)


def _iso(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.astimezone(timezone.utc).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


class ExchangeService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    # Export

    def export_document(self) -> dict[str, Any]:
        with self.ctx.store.session() as session:
            doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
            doc["settings"] = stored_settings.read_all(session=session, by_key=True)
            for section, table, model in SECTIONS:
                rows = stored.rows_of(session=session, table=table)
                doc[section] = [{name: _iso(getattr(row, name)) for name in model.model_fields} for row in rows]
            return doc

    def exporter(self, format_: str) -> Exporter:
        """The format named ``format_`` (one of ``FORMATS``)."""
        return EXPORTERS[format_](self.ctx)

    def export_json(self) -> str:
        return self.exporter("json").text(self.export_document())

    def export_markdown(self) -> str:
        return self.exporter("markdown").text(self.export_document())

    def export_csv(self, out: Path) -> list[Path]:
        """One CSV per table; into a folder, or a .zip file when ``out`` ends in .zip."""
        exporter = self.exporter("csv")
        assert isinstance(exporter, CsvExporter)
        return exporter.write(self.export_document(), out)

    # Import

    def parse(self, raw: str | bytes) -> ExportDoc:
        """Check a JSON export completely before anything is written; one line says what is wrong."""
        return parse(raw)

    def preview(self, raw: str | bytes) -> ImportSummary:
        doc = parse(raw)
        with self.ctx.store.session() as session:
            summary = exchange_merge.apply(session, doc, now=self.ctx.now(), preview=True)
            session.rollback()
        return summary

    def import_json(self, raw: str | bytes) -> ImportSummary:
        doc = parse(raw)
        with self.ctx.store.session() as session:
            return exchange_merge.apply(session, doc, now=self.ctx.now())
