"""The kinds of field the models are made of, each with its limits, declared once for the table, the
read model and the export document of every entity (``store.tables``).

A limit here is checked where a row is validated: a file being imported (``services.exchange_docs``)
and a read model built by hand. The app's own ways in check the same limits earlier, with messages for
people (``core.limits``). The columns stay as the migrations made them: a string's length limit does
not make its column a bounded VARCHAR (SQLModel reads no length from ``StringConstraints``); where a
column has a length, its field says so with ``sa_type``, and the test that compares the models with
the migrated schema holds the two together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Ge, Le
from pydantic import AwareDatetime, StringConstraints
from sqlmodel.sql.sqltypes import AutoString

from valuesapp.core import history, states
from valuesapp.core.limits import NAME_MAX, NOTE_MAX, PROMPT_MAX, RATING_MAX, RATING_MIN, REASON_MAX, TITLE_MAX
from valuesapp.core.picking import FOCUS, STRATEGIES

INT_MAX = 2**31 - 1  # the store's integer columns (PostgreSQL's integer)
CHOICE_MAX = 16  # a stored choice (a state, a kind, a strategy, an action) is a short word

Id = Annotated[int, Ge(1), Le(INT_MAX)]
Count = Annotated[int, Ge(1), Le(INT_MAX)]  # a rank, a rotation's cycle: counted from 1
# Every instant says its offset: a bare "2026-03-02T09:00:00" could be any zone's. Stored in UTC.
Instant = AwareDatetime
Text = Annotated[str, StringConstraints(max_length=NOTE_MAX)]  # a note that may be empty
Words = Annotated[str, StringConstraints(min_length=1, max_length=NOTE_MAX)]  # a note that must say something
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
Reason = Annotated[str, StringConstraints(max_length=REASON_MAX)]
Prompt = Annotated[str, StringConstraints(min_length=1, max_length=PROMPT_MAX)]
Rating = Annotated[int, Ge(RATING_MIN), Le(RATING_MAX)]
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]  # SHA-256 as links.token_digest writes it
# A choice is one of a few words; its column is short text (SQLModel has no column type for a Literal).
RepairKind = Literal[states.REPAIR_KINDS]  # type: ignore[valid-type]
RepairState = Literal[states.REPAIR_STATES]  # type: ignore[valid-type]
FeedbackKind = Literal[states.FEEDBACK_KINDS]  # type: ignore[valid-type]
FeedbackState = Literal[states.FEEDBACK_STATES]  # type: ignore[valid-type]
Strategy = Literal[STRATEGIES + (FOCUS,)]  # type: ignore[valid-type]
Action = Literal[history.ACTIONS]  # type: ignore[valid-type]

# The columns that have a length.
TITLE_COLUMN = AutoString(length=TITLE_MAX)
CHOICE_COLUMN = AutoString(length=CHOICE_MAX)
DIGEST_COLUMN = AutoString(length=64)
