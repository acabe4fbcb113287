"""The formats the whole store can be written in, each a small class registered by its name (``json``,
``markdown``, ``csv``), as ``valuesapp export --format`` and the Settings screen name them.

Every format is written from the JSON document, so each says what the JSON export says: the JSON is
the document itself; Markdown is it for reading (a person's words escaped so they read as written);
CSV is one file per section.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from valuesapp.core import states
from valuesapp.core.words import plural
from valuesapp.services.context import Context
from valuesapp.services.exchange_docs import SECTIONS
from valuesapp.services.links import LinksService
from valuesapp.services.views import FeedbackLinkView


class Exporter(ABC):
    """One format: ``files`` is the export as file names and their text, and a format that is one file
    gives its ``text`` too. ``ctx`` is for what a format shows beyond the document (whether a link still
    works is a matter of the clock)."""

    name: ClassVar[str]

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @abstractmethod
    def files(self, doc: dict[str, Any]) -> dict[str, str]:
        """The export as file names and their text."""


class _OneFile(Exporter):
    extension: ClassVar[str]

    @abstractmethod
    def text(self, doc: dict[str, Any]) -> str:
        """The export as the one file's text."""

    def files(self, doc: dict[str, Any]) -> dict[str, str]:
        return {f"valuesapp.{self.extension}": self.text(doc)}


class JsonExporter(_OneFile):
    """The document as it is, which an import reads back."""

    name, extension = "json", "json"

    def text(self, doc: dict[str, Any]) -> str:
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class MarkdownExporter(_OneFile):
    """The journal for reading: the values, the days, the repairs, friends' notes and links."""

    name, extension = "markdown", "md"

    def text(self, doc: dict[str, Any]) -> str:
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
        out += _review_lines(doc)
        return "\n".join(out).rstrip() + "\n"


class CsvExporter(Exporter):
    """One CSV per section, the settings as key and value; lists and mappings as JSON in their cell."""

    name = "csv"

    def files(self, doc: dict[str, Any]) -> dict[str, str]:
        files = {f"{section}.csv": _csv(doc[section], list(model.model_fields)) for section, _t, model in SECTIONS}
        files["settings.csv"] = _csv([{"key": k, "value": v} for k, v in doc["settings"].items()], ["key", "value"])
        return files

    def write(self, doc: dict[str, Any], out: Path) -> list[Path]:
        """Into a folder, or a .zip file when ``out`` ends in .zip."""
        files = self.files(doc)
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


EXPORTERS: dict[str, type[Exporter]] = {e.name: e for e in (JsonExporter, MarkdownExporter, CsvExporter)}


def _review_lines(doc: dict[str, Any]) -> list[str]:
    """The saved values reviews (their period, gaps, changes and note) and the weeks' questions; nothing
    before the first."""
    if not doc["values_reviews"] and not doc["week_questions"]:
        return []
    out = ["", "## Reviews", ""]
    for r in sorted(doc["values_reviews"], key=lambda r: (r["day"], r["id"])):
        out += [f"### Values review {r['day']} ({r['period_from']} to {r['period_to']})", ""]
        out += [f"- Gap: {_md(g.get('text', ''))}" for g in r["gaps"]]
        out += [f"- Changed: {_md(change)}" for change in r["changes"]]
        if r["note"]:
            out += ["", _md(r["note"])]
        out.append("")
    for q in sorted(doc["week_questions"], key=lambda q: q["week_start"]):
        out.append(f"- Question for the week of {q['week_start']}: {_md(q['text'])}")
    return out


def _link_line(link: FeedbackLinkView) -> str:
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
