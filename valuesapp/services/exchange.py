"""Export (JSON, Markdown, CSV) and import (JSON, validated first, all or nothing).

The JSON document is versioned and carries every table with its ids (what it holds, and what stays out
and why: exchange_docs), so exporting, importing into an empty store and exporting again gives the same
text. Into a store that already holds data, an import merges: values with the same active title are the
same value, a link with the same token is the same link, exact duplicates are skipped, and every id is
renumbered (a note's link follows its link).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import text
from sqlmodel import Session, col, select

from valuesapp.core import history, states
from valuesapp.core import settings as setting_rules
from valuesapp.core.errors import UserError
from valuesapp.core.words import plural
from valuesapp.services import exchange_files
from valuesapp.services.context import Context
from valuesapp.services.exchange_docs import (  # noqa: F401 - FORMAT, VERSION, NOT_EXPORTED are read from here too
    FORMAT,
    NOT_EXPORTED,
    SECTIONS,
    VERSION,
    ExportDoc,
    check_references,
    first_error,
    upgrade,
)
from valuesapp.services.links import LinksService
from valuesapp.services.lookups import active_order, active_values
from valuesapp.services.views import ImportSummary
from valuesapp.store.tables import (
    DailyPick,
    Feedback,
    FeedbackLink,
    Focus,
    Pause,
    Reflection,
    Repair,
    Revision,
    Setting,
    Value,
    ValuePrompt,
)


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
            doc["settings"] = {row.key: row.value for row in session.exec(select(Setting).order_by(col(Setting.key)))}
            for section, table, model in SECTIONS:
                rows = session.exec(select(table).order_by(col(table.id)))
                doc[section] = [{name: _iso(getattr(row, name)) for name in model.model_fields} for row in rows]
            return doc

    def export_json(self) -> str:
        return json.dumps(self.export_document(), ensure_ascii=False, indent=2) + "\n"

    def export_markdown(self) -> str:
        doc = self.export_document()
        titles = {v["id"]: v["title"] for v in doc["values"]}
        out = ["# My values journal", ""]
        active = sorted((v for v in doc["values"] if v["archived_at"] is None), key=lambda v: v["rank"])
        out += ["## Values", ""]
        for v in active:
            out.append(f"{v['rank']}. **{_md(v['title'])}**" + (f": {_md(v['description'])}" if v["description"] else ""))
        archived = [v for v in doc["values"] if v["archived_at"] is not None]
        if archived:
            out += ["", "### Snipped", ""]
            for v in archived:
                out.append(f"- **{_md(v['title'])}** (snipped {v['archived_at'][:10]}): {_md(v['archive_reason'] or '')}")
        out += ["", "## Journal", ""]
        for r in sorted(doc["reflections"], key=lambda r: (r["day"], r["id"])):
            head = f"### {r['day']}"
            if r["value_id"]:
                head += f": {_md(titles.get(r['value_id'], ''))}"
            out += [head, ""]
            if r["rating"]:
                out += [f"*Lived it: {r['rating']}/5*", ""]
            out += [_md(r["text"]), ""]
        out += ["## Repairs", ""]
        for r in doc["repairs"]:
            box = "x" if r["state"] == states.DONE else ("-" if r["state"] == states.RELEASED else " ")
            line = f"- [{box}] {_md(r['person'])} ({r['kind']}, {r['state']}): {_md(r['what'])}"
            if r["outcome_note"]:
                line += f"; how it went: {_md(r['outcome_note'])}"
            if r["release_reason"]:
                line += f"; released: {_md(r['release_reason'])}"
            out.append(line)
        out += ["", "## Feedback from friends", ""]
        for f in sorted(doc["feedback"], key=lambda f: (f["received_on"], f["id"])):
            about = f" about {_md(titles[f['value_id']])}" if f["value_id"] in titles else ""
            via = ", sent through your link" if f["via_link"] else ""
            out.append(f"- {f['received_on']}, {_md(f['friend'])} ({f['kind']}{about}, {f['state'].replace('_', ' ')}{via}): "
                       f"{_md(f['note'])}")
        out += ["", "## Friends' links", ""]
        out += [_link_line(link) for link in LinksService(self.ctx).list()]
        return "\n".join(out).rstrip() + "\n"

    def export_csv(self, out: Path) -> list[Path]:
        """One CSV per table; into a folder, or a .zip file when ``out`` ends in .zip."""
        doc = self.export_document()
        files = {f"{section}.csv": _csv(doc[section], list(model.model_fields)) for section, _t, model in SECTIONS}
        files["settings.csv"] = _csv([{"key": k, "value": v} for k, v in doc["settings"].items()], ["key", "value"])
        if out.suffix.lower() == ".zip":
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, content in files.items():
                    archive.writestr(name, content)
            return [out]
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in files.items():
            (out / name).write_text(content, encoding="utf-8", newline="")
            written.append(out / name)
        return written

    # Import

    def parse(self, raw: str | bytes) -> ExportDoc:
        """Check a JSON export completely before anything is written; one line says what is wrong."""
        if len(raw) > exchange_files.MAX_IMPORT_BYTES:
            raise exchange_files.too_large()
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise UserError(f"The import file is not valid JSON ({_short(exc)}).") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise UserError("The import file is not a valuesapp export (its \"format\" is not \"valuesapp\").")
        if isinstance(data.get("version"), bool) or data.get("version") not in range(1, VERSION + 1):
            raise UserError(f"The import file is version {data.get('version')!r}; this valuesapp reads version {VERSION} and older.")
        try:
            doc = ExportDoc.model_validate(upgrade(data))
        except ValidationError as exc:
            raise UserError("The import file is invalid: " + first_error(exc)) from None
        except RecursionError:
            raise UserError("The import file is invalid: it is nested too deeply.") from None
        check_references(doc)
        return doc

    def preview(self, raw: str | bytes) -> ImportSummary:
        doc = self.parse(raw)
        with self.ctx.store.session() as session:
            summary = self._apply(session, doc, preview=True)
            session.rollback()
        return summary

    def import_json(self, raw: str | bytes) -> ImportSummary:
        doc = self.parse(raw)
        with self.ctx.store.session() as session:
            return self._apply(session, doc)

    def _apply(self, session: Session, doc: ExportDoc, *, preview: bool = False) -> ImportSummary:
        empty = all(session.exec(select(table.id).limit(1)).first() is None for _s, table, _m in SECTIONS)
        if empty:
            return self._restore_exactly(session, doc, preview=preview)
        return self._merge(session, doc)

    def _restore_exactly(self, session: Session, doc: ExportDoc, *, preview: bool = False) -> ImportSummary:
        for key, raw in doc.settings.items():
            setting_rules.parse(key, raw)
            session.merge(Setting(key=key, value=raw))  # settings may have been chosen before the first import
        for section, table, _model in SECTIONS:
            for item in getattr(doc, section):
                session.add(table(**item.model_dump()))
            session.flush()
        if not preview:
            self._reset_sequences(session)
        return ImportSummary(
            values=len(doc.values), reflections=len(doc.reflections), repairs=len(doc.repairs),
            feedback=len(doc.feedback), picks=len(doc.picks), pauses=len(doc.pauses), links=len(doc.links),
            into_empty_store=True,
        )

    def _merge(self, session: Session, doc: ExportDoc) -> ImportSummary:
        now = self.ctx.now()
        counts = dict(values=0, values_matched=0, reflections=0, repairs=0, feedback=0, picks=0, pauses=0, links=0,
                      skipped_duplicates=0)
        existing_active = {v.title.lower(): v.id for v in active_values(session)}
        same_value = {(v.title.lower(), v.created_at): v.id for v in session.exec(select(Value))}
        order = active_order(session)
        value_ids: dict[int, int] = {}
        for v in sorted(doc.values, key=lambda v: (v.rank is None, v.rank or 0, v.id)):
            if v.archived_at is None and v.title.lower() in existing_active:
                value_ids[v.id] = existing_active[v.title.lower()]
                counts["values_matched"] += 1
                continue
            if (v.title.lower(), v.created_at) in same_value:
                value_ids[v.id] = same_value[(v.title.lower(), v.created_at)]
                counts["values_matched"] += 1
                continue
            row = Value(**v.model_dump(exclude={"id", "rank"}))
            session.add(row)
            session.flush()
            value_ids[v.id] = row.id
            counts["values"] += 1
            if v.archived_at is None:
                order.append(row.id)
                existing_active[v.title.lower()] = row.id
        for position, value_id in enumerate(order, start=1):
            row = session.get(Value, value_id)
            row.rank = position
            session.add(row)
        session.flush()
        if counts["values"]:
            titles = [session.get(Value, i).title for i in order]
            session.add(Revision(at=now, action=history.IMPORT, value_id=None, detail={"order": order}, order=order,
                                 titles=titles, summary=f"Imported {counts['values']} values."))
        have_prompts = {(p.value_id, p.text) for p in session.exec(select(ValuePrompt))}
        for p in doc.value_prompts:
            key = (value_ids[p.value_id], p.text)
            if key not in have_prompts:
                session.add(ValuePrompt(value_id=key[0], text=p.text, created_at=p.created_at))
                have_prompts.add(key)
        picked_days = set(session.exec(select(DailyPick.day)))
        for p in doc.picks:
            if p.day in picked_days:
                counts["skipped_duplicates"] += 1
                continue
            session.add(DailyPick(**p.model_dump(exclude={"id", "value_id"}), value_id=value_ids[p.value_id]))
            counts["picks"] += 1
        have_pauses = {(p.start, p.end) for p in session.exec(select(Pause))}
        for p in doc.pauses:
            if (p.start, p.end) in have_pauses:
                counts["skipped_duplicates"] += 1
                continue
            session.add(Pause(**p.model_dump(exclude={"id"})))
            counts["pauses"] += 1
        have_focuses = {(f.value_id, f.start, f.end) for f in session.exec(select(Focus))}
        for f in doc.focuses:
            if (value_ids[f.value_id], f.start, f.end) in have_focuses:
                counts["skipped_duplicates"] += 1
                continue
            session.add(Focus(**f.model_dump(exclude={"id", "value_id"}), value_id=value_ids[f.value_id]))
        have_reflections = {(r.day, r.text) for r in session.exec(select(Reflection))}
        for r in doc.reflections:
            if (r.day, r.text) in have_reflections:
                counts["skipped_duplicates"] += 1
                continue
            session.add(Reflection(**r.model_dump(exclude={"id", "value_id"}), value_id=_mapped(value_ids, r.value_id)))
            counts["reflections"] += 1
        link_ids = self._merge_links(session, doc, counts)
        feedback_ids: dict[int, int] = {}
        have_feedback = {(f.friend, f.received_on, f.note): f.id for f in session.exec(select(Feedback))}
        for f in doc.feedback:
            key = (f.friend, f.received_on, f.note)
            if key in have_feedback:
                feedback_ids[f.id] = have_feedback[key]
                counts["skipped_duplicates"] += 1
                continue
            row = Feedback(**f.model_dump(exclude={"id", "value_id", "link_id"}), value_id=_mapped(value_ids, f.value_id),
                           link_id=_mapped(link_ids, f.link_id))
            session.add(row)
            session.flush()
            feedback_ids[f.id] = row.id
            counts["feedback"] += 1
        have_repairs = {(r.person, r.what, r.created_at) for r in session.exec(select(Repair))}
        for r in doc.repairs:
            if (r.person, r.what, r.created_at) in have_repairs:
                counts["skipped_duplicates"] += 1
                continue
            session.add(Repair(**r.model_dump(exclude={"id", "value_id", "feedback_id"}),
                               value_id=_mapped(value_ids, r.value_id), feedback_id=_mapped(feedback_ids, r.feedback_id)))
            counts["repairs"] += 1
        session.flush()
        return ImportSummary(**counts, into_empty_store=False)

    def _merge_links(self, session: Session, doc: ExportDoc, counts: dict[str, int]) -> dict[int, int]:
        """A link with the same token is the same link (the friend has one address); the rest are added."""
        have = {link.token_sha256: link.id for link in session.exec(select(FeedbackLink))}
        ids: dict[int, int] = {}
        for link in doc.links:
            if link.token_sha256 in have:
                ids[link.id] = have[link.token_sha256]
                counts["skipped_duplicates"] += 1
                continue
            row = FeedbackLink(**link.model_dump(exclude={"id"}))
            session.add(row)
            session.flush()
            ids[link.id] = have[link.token_sha256] = row.id
            counts["links"] += 1
        return ids

    def _reset_sequences(self, session: Session) -> None:
        """PostgreSQL's id sequences must move past ids that were inserted explicitly."""
        if session.get_bind().dialect.name != "postgresql":
            return
        for _section, table, _model in SECTIONS:
            name = table.__tablename__
            session.exec(text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            ))


def _mapped(ids: dict[int, int], old: int | None) -> int | None:
    return None if old is None else ids[old]


def _link_line(link) -> str:
    """A link as its owner reads it: whose, whether it still works, and what came through it (never its token)."""
    until = f"until {link.expires_at:%Y-%m-%d}" if link.expires_at else "no end date"
    when = f"revoked {link.revoked_at:%Y-%m-%d}" if link.revoked_at else until
    values = ", may say which value a note is about" if link.allow_values else ""
    return f"- {_md(link.friend)}: {link.state}, made {link.created_at:%Y-%m-%d}, {when}, {plural(link.notes, 'note')}{values}"


_MD_INLINE = "\\`*_{}[]<>#|~&"
# What makes a line a list item, a rule or a heading underline when it starts the line.
_MD_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def _md(text: str) -> str:
    """Markdown-escape a person's words so they read as written, never as markup.

    Each line is escaped on its own: characters that mean something anywhere, then what would make
    the line a list item, a rule or a heading. Lines end in a hard break, so the words keep their
    lines; an empty line is a bare backslash break, so it cannot end a paragraph or a list item.
    """
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        body = "".join("\\" + ch if ch in _MD_INLINE else ch for ch in line[indent:])
        body = _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], body, count=1)
        lines.append("&nbsp;" * len(line[:indent].expandtabs(4)) + body)  # indentation is not a code block
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "".join(("\\\n" if not line else line + "  \n") for line in lines[:-1]) + (lines[-1] if lines else "")


def _csv(rows: Iterable[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return buffer.getvalue()


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200]
