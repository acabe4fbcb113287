"""The tables, each with the model family it comes from, grouped in modules by what is read together.
Instants are timezone-aware UTC; days (a pick's, a reflection's) are local practice days.

Each entity's fields are declared once, in its base (``RepairBase``), in the order a file lists them:
the table adds only what makes it a table (its name, indexes and constraints), and the read model
(``services.views``) and the export document (``services.exchange_docs``) are derived from the same
base. A new field is one line in a base, and a migration.

Values are never deleted, only archived, so that history, picks and reflections keep their meaning.

A name is looked up here and its family's module loaded on first use (``from valuesapp.store.tables
import Reflection`` loads the practice family and what its foreign keys point to, nothing else): each
table costs a command's start-up its pydantic fields and its SQLAlchemy mapping, and ``valuesapp today``
reads a handful of the tables. What needs every table (the migrations, a move, the tests that hold the
models to the schema) calls ``load_all()`` first; ``SQLModel.metadata`` holds only the families loaded.
A new table goes in its family's module and in ``FAMILIES`` below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from valuesapp.core.lazy import lazy_names

# Each family's module (in this package) and the names it defines.
FAMILIES: dict[str, tuple[str, ...]] = {
    "stored": ("Stored",),
    "values": ("ValueBase", "Value", "PromptBase", "ValuePrompt"),
    "revisions": ("RevisionBase", "Revision"),
    "practice": ("PickBase", "DailyPick", "FocusBase", "Focus", "PauseBase", "Pause", "ReflectionBase", "Reflection"),
    "feedback": ("FeedbackBase", "Feedback"),
    "links": ("LinkBase", "FeedbackLink"),
    "forms": ("UsedFormToken",),
    "repairs": ("RepairBase", "Repair"),
    "reviews": ("ValuesReviewBase", "ValuesReview", "WeekQuestionBase", "WeekQuestion"),
    "settings": ("Setting",),
    "records": ("ReminderLog", "OwnerPassphrase"),
    "push": ("PushDeviceBase", "PushDevice", "PushSent", "VapidKey"),
}
__all__, __getattr__, __dir__ = lazy_names(__name__, FAMILIES, globals())


def load_all() -> None:
    """Every family loaded, so that ``SQLModel.metadata`` holds every table (for the migrations, a
    move, the schema checks)."""
    for family in FAMILIES:
        import_module(f"{__name__}.{family}")


if TYPE_CHECKING:  # for type checkers and editors: the names as if defined here
    from valuesapp.store.tables.feedback import Feedback, FeedbackBase
    from valuesapp.store.tables.forms import UsedFormToken
    from valuesapp.store.tables.links import FeedbackLink, LinkBase
    from valuesapp.store.tables.practice import (
        DailyPick,
        Focus,
        FocusBase,
        Pause,
        PauseBase,
        PickBase,
        Reflection,
        ReflectionBase,
    )
    from valuesapp.store.tables.push import PushDevice, PushDeviceBase, PushSent, VapidKey
    from valuesapp.store.tables.records import OwnerPassphrase, ReminderLog
    from valuesapp.store.tables.repairs import Repair, RepairBase
    from valuesapp.store.tables.reviews import ValuesReview, ValuesReviewBase, WeekQuestion, WeekQuestionBase
    from valuesapp.store.tables.revisions import Revision, RevisionBase
    from valuesapp.store.tables.settings import Setting
    from valuesapp.store.tables.stored import Stored
    from valuesapp.store.tables.values import PromptBase, Value, ValueBase, ValuePrompt
