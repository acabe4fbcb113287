"""Bringing a checked document into a store: exactly as it was into an empty one, merged into one that
holds data of its own.

Into an empty store every row goes in with its id, so exporting again gives the same text. Into a store
with data, values with the same active title are the same value, and every other section follows its
line in ``MERGES``: a row that is ``same`` as one already here is skipped, the rest are added with new
ids, and what a row refers to (its value, its note, its link: the tables' foreign keys) is renumbered
to match.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from valuesapp.core import history, ranking
from valuesapp.core import settings as setting_rules
from valuesapp.services.exchange_docs import REFERENCES, SECTIONS, ExportDoc
from valuesapp.services.views import ImportSummary
from valuesapp.store import exchange as stored
from valuesapp.store import settings as stored_settings
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Revision, Value


@dataclass(frozen=True)
class Merge:
    """How one section's rows join a store that has rows of its own."""

    section: str
    same: tuple[str, ...]  # the fields that make a row the one already here (its references renumbered)
    counted_as: str | None  # the summary's count that an added row adds to (None: not counted)
    skip_counted: bool = True  # a row already here is counted as skipped
    once: bool = False  # a row repeated within the file goes in once


# In import order (referenced rows first). Values have a rule of their own (_merge_values); revisions are
# not merged: the merge writes one revision of its own, for the list it leaves.
MERGES: tuple[Merge, ...] = (
    Merge("value_prompts", same=("value_id", "text"), counted_as=None, skip_counted=False, once=True),
    Merge("picks", same=("day",), counted_as="picks"),  # a day's pick already here is never replaced
    Merge("focuses", same=("value_id", "start", "end"), counted_as=None),
    Merge("pauses", same=("start", "end"), counted_as="pauses"),
    Merge("reflections", same=("day", "text"), counted_as="reflections"),
    Merge("links", same=("token_sha256",), counted_as="links"),  # the friend has one address
    Merge("feedback", same=("friend", "received_on", "note"), counted_as="feedback"),
    Merge("repairs", same=("person", "what", "created_at"), counted_as="repairs"),
    Merge("values_reviews", same=("created_at",), counted_as=None),  # saved once, at its instant
    Merge("week_questions", same=("week_start",), counted_as=None),  # a week's question already here is kept
)
_TABLES = {section: table for section, table, _doc in SECTIONS}
_REFERENCED = {target for fields in REFERENCES.values() for target in fields.values()}


def apply(session: Session, doc: ExportDoc, *, now: datetime, preview: bool = False) -> ImportSummary:
    if stored.all_empty(session=session, tables=_TABLES.values()):
        return restore_exactly(session, doc, preview=preview)
    return merge(session, doc, now=now)


def restore_exactly(session: Session, doc: ExportDoc, *, preview: bool = False) -> ImportSummary:
    for key, raw in doc.settings.items():
        setting_rules.parse(key, raw)
        # Put in place of what is stored: settings may have been chosen before the first import.
        stored_settings.put(session=session, key=key, value=raw)
    for section, table, _doc in SECTIONS:
        stored.add_all(session=session, rows=(table(**item.model_dump()) for item in getattr(doc, section)))
    if not preview:
        stored.reset_sequences(session=session, tables=_TABLES.values())
    counts = {rule.counted_as: len(getattr(doc, rule.section)) for rule in MERGES if rule.counted_as}
    return ImportSummary(values=len(doc.values), **counts, into_empty_store=True)


def merge(session: Session, doc: ExportDoc, *, now: datetime) -> ImportSummary:
    counts: Counter[str] = Counter()
    ids = {"values": _merge_values(session, doc, now=now, counts=counts)}
    for rule in MERGES:
        table, refers = _TABLES[rule.section], REFERENCES[rule.section]
        here = stored.ids_by_key(session=session, table=table, names=rule.same)
        new_ids = ids[rule.section] = {}
        for item in getattr(doc, rule.section):
            fields = item.model_dump(exclude={"id"})
            for name, target in refers.items():
                fields[name] = None if fields[name] is None else ids[target][fields[name]]
            key = tuple(fields[name] for name in rule.same)
            if key in here:
                new_ids[item.id] = here[key]
                counts["skipped_duplicates"] += rule.skip_counted
                continue
            row = table(**fields)
            session.add(row)
            if rule.section in _REFERENCED:
                session.flush()
                new_ids[item.id] = row.id
            if rule.once:
                here[key] = row.id
            if rule.counted_as:
                counts[rule.counted_as] += 1
    session.flush()
    return ImportSummary(**counts, into_empty_store=False)


def _merge_values(session: Session, doc: ExportDoc, *, now: datetime, counts: Counter[str]) -> dict[int, int]:
    """A value with the same active title is the same value, and so is one with the same title made at the
    same instant (an archived one imported before); the rest join the end of the list, in their order."""
    active = stored_values.list_active(session=session)
    existing_active = {v.title.lower(): v.id for v in active}
    same_value = {(v.title.lower(), v.created_at): v.id for v in stored_values.list_all(session=session)}
    order = [v.id for v in active]
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
        row = save(session=session, row=Value(**v.model_dump(exclude={"id", "rank"})))
        value_ids[v.id] = row.id
        counts["values"] += 1
        if v.archived_at is None:
            order.append(row.id)
            existing_active[v.title.lower()] = row.id
    stored_values.set_ranks(session=session, ranks=ranking.ranks(order))
    if counts["values"]:
        titles = stored_values.titles_by_id(session=session, ids=order)
        save(session=session, row=Revision(
            at=now, action=history.IMPORT, value_id=None, detail={"order": order}, order=order,
            titles=[titles[i] for i in order], summary=f"Imported {counts['values']} values.",
        ))
    return value_ids
