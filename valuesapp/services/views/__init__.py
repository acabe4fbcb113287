"""Read models: what services hand to the edges. Plain, frozen, and free of database sessions.

An entity's read model is its base (``store.tables``) with what the screens add to it (a value's title
beside its id, how long a repair has been owed), less what they never show (``leaves_out``): a field
added to the base is shown, exported and stored without another word here.

They are grouped in modules as the tables are (``read_model`` holds their shared base), and a name is
looked up here and its module loaded on first use: ``from valuesapp.services.views import TodayCard``
loads the practice read models and the tables they derive from, so ``valuesapp today`` builds none of
the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuesapp.core.lazy import lazy_names

# Each module (in this package) and the names it defines.
MODULES: dict[str, tuple[str, ...]] = {
    "read_model": ("to_jsonable", "ReadModel"),
    "values": ("PromptView", "ValueView", "RevisionView", "FocusView"),
    "practice": ("PauseView", "CardValue", "TodayCard", "ReflectionView"),
    "repairs": ("RepairView",),
    "feedback": ("FeedbackView", "FeedbackLinkView", "NewLink", "FriendForm"),
    "reviews": ("WeekQuestionView", "SavedReviewView", "WeekRepairs", "WeekReview", "ValuesReview"),
    "data": ("SettingView", "ImportSummary"),
    "push": ("PushDeviceView", "PushResult"),
}
__all__, __getattr__, __dir__ = lazy_names(__name__, MODULES, globals())


if TYPE_CHECKING:  # for type checkers and editors: the names as if defined here
    from valuesapp.services.views.data import ImportSummary, SettingView
    from valuesapp.services.views.feedback import FeedbackLinkView, FeedbackView, FriendForm, NewLink
    from valuesapp.services.views.practice import CardValue, PauseView, ReflectionView, TodayCard
    from valuesapp.services.views.push import PushDeviceView, PushResult
    from valuesapp.services.views.read_model import ReadModel, to_jsonable
    from valuesapp.services.views.repairs import RepairView
    from valuesapp.services.views.reviews import SavedReviewView, ValuesReview, WeekQuestionView, WeekRepairs, WeekReview
    from valuesapp.services.views.values import FocusView, PromptView, RevisionView, ValueView
