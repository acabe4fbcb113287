"""A friend's words cannot steer the owner's terminal: escapes, bells and bidi overrides are cleaned on
the way in, and text stored before that (older data) is printed with them shown as harmless escapes."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.core.errors import UserError
from valuesapp.core.limits import clean_name, clean_text

HOSTILE = "\x1b[31mred\x07\u202e"
RAW = ("\x1b", "\x07", "\u202e", "\x9b", "\r")


def raw_in(output: str) -> list[str]:
    return [repr(c) for c in RAW if c in output]


def test_a_note_through_a_link_is_stored_without_escapes_bells_or_bidi_overrides(app):
    made = app.links.create("Maya")
    assert app.links.send(made.token, f"You talk over people. {HOSTILE}\r\nSecond line\tend")
    (stored,) = app.feedback.list("all")
    assert stored.note == "You talk over people. [31mred\nSecond line\tend"


def test_a_note_of_nothing_but_control_characters_is_empty(app):
    made = app.links.create("Maya")
    with pytest.raises(UserError, match="The note is empty"):
        app.links.send(made.token, "\x1b\x07\u202e \x00")


def test_the_owners_own_words_refuse_the_same_characters():
    for bad in ("\x1b[31m", "\x07", "\u202e", "\u2066", "\x9b"):
        with pytest.raises(UserError, match="control characters"):
            clean_text(f"a{bad}b", field="note", max_len=100)
        with pytest.raises(UserError, match="control characters"):
            clean_name(f"Sam{bad}", field="friend's name")
    # Right-to-left writing and its marks, emoji and markup stay as typed.
    for kept in ("שלום עולם", "abc\u200fdef", "👩‍👩‍👧 <b>", "tab\tand\nnewline"):
        assert clean_text(kept, field="note", max_len=100) == kept


def test_printable_shows_each_control_character_as_an_escape_and_keeps_newlines_and_tabs():
    from valuesapp.core.limits import printable

    assert printable(f"{HOSTILE}\r\n\tok") == "\\u001b[31mred\\u0007\\u202e\\u000d\n\tok"
    assert printable("Grüße, 😀, שלום") == "Grüße, 😀, שלום"


def _older_data(cli):  # noqa: F811
    """A store written before notes were cleaned: the hostile text put straight into its tables."""
    value = cli.new_id("values", "add", "Honesty", "--note", "Say what is true.")
    cli.ok("today")
    cli.ok("reflect", "Told the truth.")
    cli.ok("feedback", "add", "Maya", "You talk over people.")
    cli.ok("repairs", "add", "Sam", "Missed the call.")
    with cli.services.context.store.engine.begin() as conn:
        conn.execute(text("UPDATE feedback SET note = :t, friend = :f"), {"t": f"Note {HOSTILE}", "f": f"Maya{HOSTILE}"})
        conn.execute(text("UPDATE value SET title = :t, description = :t WHERE id = :id"),
                     {"t": f"Honesty{HOSTILE}", "id": value})
        conn.execute(text("UPDATE reflection SET text = :t"), {"t": f"Told {HOSTILE}\r\nthe truth"})
        conn.execute(text("UPDATE repair SET person = :t, what = :t"), {"t": f"Sam{HOSTILE}"})


def test_older_notes_print_with_no_escapes_bells_or_bidi_overrides(cli):  # noqa: F811
    _older_data(cli)
    for command in (["feedback", "list"], ["journal"], ["values", "list"], ["values", "show", "1"], ["today"],
                    ["repairs", "list"], ["feedback", "ack", "1"]):
        out = cli.ok(*command)
        assert not raw_in(out), f"{command} printed {raw_in(out)}: {out!r}"
    listed = cli.ok("feedback", "list")
    assert "Maya\\u001b[31mred\\u0007\\u202e" in listed and "Note \\u001b[31mred" in listed  # shown, not hidden


def test_older_notes_in_json_print_escaped_and_read_back_exactly(cli):  # noqa: F811
    _older_data(cli)
    for command, key in ((["feedback", "list"], "note"), (["journal"], "text"), (["values", "list"], "title")):
        out = cli.ok(*command, "--json")
        assert not raw_in(out), f"{command} --json printed {raw_in(out)}"
        assert HOSTILE in json.loads(out)[0][key]  # the escapes are JSON's own: the data is unchanged


def test_a_multi_line_note_continues_indented_under_its_line(cli):  # noqa: F811
    cli.ok("feedback", "add", "Maya", "First line.\nSecond line.")
    out = cli.ok("feedback", "list")
    assert out.endswith(": First line.\n    Second line.\n"), repr(out)
