"""Hostile input: broken import files and strange text never crash, never half-write, and always get a
one-line reason; what a person typed round-trips exactly."""

from __future__ import annotations

import copy
import json
import random
import shutil
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from valuesapp.core.clock import FixedClock
from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.store.engine import open_store

STRANGE = [
    "Hold every word accountable 🙂🔥",
    "שלום עולם: right-to-left",
    "مرحبا بالعالم",
    "'; DROP TABLE value; --",
    "<script>alert('x')</script> & <b>bold</b>",
    "Robert'); DELETE FROM reflection WHERE ('1'='1",
    "tab\tand\nnew line",
    "zero\u200bwidth and combining e\u0301",
    "%_ wildcard \\ backslash",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One store with a little of everything, and its export as the base document to mutate."""
    path = tmp_path_factory.mktemp("seed") / "values.db"
    app = build_services(open_store(path), clock=FixedClock(datetime(2026, 4, 2, 9, tzinfo=timezone.utc)),
                         rng=random.Random(5), system_timezone="UTC")
    v = app.values.add("Honesty", "Say what is true.")
    app.values.add("Courage")
    app.journal.reflect("Told the truth.", rating=5)
    f = app.feedback.add("Alex", "You interrupt.", value_id=v.id)
    app.feedback.to_repair(f.id)
    app.practice.pause(datetime(2026, 5, 1).date(), datetime(2026, 5, 3).date(), "Holiday")
    return json.loads(app.exchange.export_json())


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A migrated store holding one value, copied (closed, so a plain copy is safe) for each example."""
    path = tmp_path_factory.mktemp("template") / "values.db"
    app = build_services(open_store(path), system_timezone="UTC")
    app.values.add("Already here")
    app.context.store.close()
    return path


def fresh(tmp_path_factory, template):
    path = tmp_path_factory.mktemp("target") / "values.db"
    shutil.copy(template, path)
    return build_services(open_store(path), clock=FixedClock(datetime(2026, 4, 3, 9, tzinfo=timezone.utc)),
                          rng=random.Random(6), system_timezone="UTC")


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
SECTIONS = ("values", "value_prompts", "revisions", "picks", "focuses", "pauses", "reflections", "feedback", "repairs")


@st.composite
def broken_documents(draw, base):
    doc = copy.deepcopy(base)
    how = draw(st.sampled_from(["field", "drop", "version", "dup", "dangle", "huge", "deep", "section", "garbage"]))
    section = draw(st.sampled_from([s for s in SECTIONS if doc[s]]))
    row = doc[section][0]
    if how == "field":
        row[draw(st.sampled_from(sorted(row)))] = draw(JSONISH)
    elif how == "drop":
        del row[draw(st.sampled_from(sorted(row)))]
    elif how == "version":
        doc["version"] = draw(st.integers(2, 10**6) | st.text(max_size=5) | st.none())
    elif how == "dup":
        doc[section].append(copy.deepcopy(row))
    elif how == "dangle":
        refs = [k for k in ("value_id", "feedback_id") if k in row]
        if not refs:
            row["id"] = -1
        else:
            row[draw(st.sampled_from(refs))] = 10**6
    elif how == "huge":
        texts = [k for k, v in row.items() if isinstance(v, str) and k not in ("created_at", "updated_at")]
        row[draw(st.sampled_from(texts)) if texts else "extra"] = "x" * 20_001
    elif how == "deep":  # written as text: json.dumps itself cannot nest this deep
        depth = draw(st.integers(50, 100_000))
        row["detail" if section == "revisions" else "extra"] = "@@DEEP@@"
        return json.dumps(doc).replace('"@@DEEP@@"', "[" * depth + '"bottom"' + "]" * depth)
    elif how == "section":
        doc[section] = draw(JSONISH)
    else:
        return draw(st.binary(max_size=200))
    return json.dumps(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_broken_import_files_are_refused_with_one_line_and_write_nothing(seeded, template, tmp_path_factory, data):
    app = fresh(tmp_path_factory, template)
    before = app.exchange.export_json()
    raw = data.draw(broken_documents(seeded))
    try:
        app.exchange.import_json(raw)
    except UserError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 600
        assert app.exchange.export_json() == before
    else:
        # Some mutations leave a valid document (a value changed to another valid one): then it imported whole.
        assert app.exchange.export_json() != before or raw == before


@pytest.mark.parametrize("text", STRANGE)
def test_strange_text_round_trips_exactly_through_the_store_and_export(tmp_path, text):
    app = build_services(open_store(tmp_path / "values.db"), clock=FixedClock(datetime(2026, 4, 3, 9, tzinfo=timezone.utc)),
                         rng=random.Random(7), system_timezone="UTC")
    title = text.replace("\n", " ").replace("\t", " ")
    value = app.values.add(title, text)
    assert app.values.get(value.id).title == title and app.values.get(value.id).description == text
    r = app.journal.reflect(text, rating=3)
    assert app.journal.get(r.id).text == text
    assert app.journal.list(search=text[:8])[0].id == r.id
    rep = app.repairs.add(title, text)
    assert app.repairs.get(rep.id).what == text
    exported = app.exchange.export_json()
    other = build_services(open_store(tmp_path / "other.db"), system_timezone="UTC")
    other.exchange.import_json(exported)
    assert other.exchange.export_json() == exported


@pytest.mark.parametrize(
    "action, limit",
    [
        (lambda app: app.values.add("x" * 121), "120"),
        (lambda app: app.values.add("ok", "n" * 10_001), "10,000"),
        (lambda app: app.journal.reflect("r" * 10_001), "10,000"),
        (lambda app: app.repairs.add("p" * 201, "what"), "200"),
        (lambda app: app.feedback.add("Alex", "n" * 10_001), "10,000"),
    ],
)
def test_oversized_fields_are_refused_naming_the_limit(tmp_path, action, limit):
    app = build_services(open_store(tmp_path / "values.db"), system_timezone="UTC")
    app.values.add("Honesty")
    before = app.exchange.export_json()
    with pytest.raises(UserError, match=limit):
        action(app)
    assert app.exchange.export_json() == before


def test_control_characters_are_refused_with_a_reason(tmp_path):
    app = build_services(open_store(tmp_path / "values.db"), system_timezone="UTC")
    with pytest.raises(UserError, match="control characters"):
        app.values.add("bell\x07")
