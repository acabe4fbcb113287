"""Reading a JSON export: the whole file is checked before anything is written, and what is wrong is
said in one line that starts "The import file".

Field by field, the document's rows check themselves (``exchange_docs``); what no single row can know
is checked here: ids unique in their section, every reference naming a row the file holds (which
fields refer to which section is read from the tables' foreign keys), the ranks of the active values,
and the settings.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from valuesapp.core import settings as setting_rules
from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.services import exchange_files
from valuesapp.services.exchange_docs import FORMAT, REFERENCES, SECTIONS, VERSION, ExportDoc, upgrade


def parse(raw: str | bytes) -> ExportDoc:
    """Check a JSON export completely before anything is written; one line says what is wrong."""
    if len(raw) > exchange_files.MAX_IMPORT_BYTES:
        raise exchange_files.too_large()
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError.of(Msg.IMPORT_NOT_JSON, problem=_short(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError.of(Msg.IMPORT_NOT_OURS)
    if isinstance(data.get("version"), bool) or data.get("version") not in range(1, VERSION + 1):
        raise UserError.of(Msg.IMPORT_TOO_NEW, version=data.get("version"), reads=VERSION)
    try:
        doc = ExportDoc.model_validate(upgrade(data))
    except ValidationError as exc:
        raise UserError.of(Msg.IMPORT_INVALID, problem=first_error(exc)) from None
    except RecursionError:
        raise UserError.of(Msg.IMPORT_TOO_DEEP) from None
    check_references(doc)
    return doc


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{where}: {err['msg']}{more}."[:400]


def check_references(doc: ExportDoc) -> None:
    ids: dict[str, set[int]] = {}
    for section, _table, _doc in SECTIONS:
        seen = ids[section] = set()
        for item in getattr(doc, section):
            if item.id in seen:
                raise UserError.of(Msg.IMPORT_ID_TWICE, section=section, ident=item.id)
            seen.add(item.id)
    for section, fields in REFERENCES.items():
        for item in getattr(doc, section):
            for field, target_section in fields.items():
                target = getattr(item, field)
                if target is not None and target not in ids[target_section]:
                    raise UserError.of(Msg.IMPORT_DANGLING, section=section, ident=item.id, column=field, target=target)
    if len({link.token_sha256 for link in doc.links}) != len(doc.links):
        raise UserError.of(Msg.IMPORT_TOKEN_TWICE)
    for r in doc.revisions:
        unknown = set(r.order) - ids["values"]
        if unknown:
            raise UserError.of(Msg.IMPORT_REVISION_DANGLING, ident=r.id, value_id=min(unknown))
    active = sorted((v for v in doc.values if v.archived_at is None), key=lambda v: v.rank or 0)
    if [v.rank for v in active] != list(range(1, len(active) + 1)):
        raise UserError.of(Msg.IMPORT_RANKS_GAPPED)
    if any(v.rank is not None for v in doc.values if v.archived_at is not None):
        raise UserError.of(Msg.IMPORT_ARCHIVED_RANKED)
    titles = [v.title.lower() for v in active]
    if len(set(titles)) != len(titles):
        raise UserError.of(Msg.IMPORT_TITLE_TWICE)
    if len({p.day for p in doc.picks}) != len(doc.picks):
        raise UserError.of(Msg.IMPORT_DAY_TWICE)
    for key, raw in doc.settings.items():
        try:
            setting_rules.parse(key, raw)
        except UserError as exc:
            raise UserError.of(Msg.IMPORT_INVALID, problem=f"setting {exc}") from None


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200]
