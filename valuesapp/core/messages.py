"""Every refusal a person can read, in one place, as jrnl keeps its messages: a template with placeholders,
and the field of a form it is about where it is about one.

One home means the wording is reviewed side by side (each names the problem and, where it helps, the fix),
and a screen puts a refusal beside its field by reading ``UserError.field`` instead of guessing from the
words. These are read in the app as much as in a terminal, so none names a command or an option; a hint
that only the CLI can give is the CLI's to add.

Raise one with ``UserError.of(Msg.X, **placeholders)``; ``field=`` there names the field for templates
shared by several (``The {field} cannot be empty.``), and fills the ``{field}`` placeholder too.
"""

from __future__ import annotations

from enum import Enum


class Msg(Enum):
    """A refusal's template and, when fixed, the field it is about (None: the form as a whole, or no form)."""

    def __init__(self, text: str, field: str | None = None):
        self.text = text
        self.field = field

    NOT_FOUND = ("There is no {kind} with id {ident}.",)

    # Text typed into any field: ``field`` is the field's own word ("title", "note", "reason").
    NOT_TEXT = ("The {field} must be text.",)
    CONTROL_CHARACTERS = ("The {field} contains control characters; remove them and try again.",)
    EMPTY = ("The {field} cannot be empty.",)
    TOO_LONG = ("The {field} is {length:,} characters long; the limit is {limit:,}.",)
    LINE_TOO_LONG = ("The {field} is {length} characters long; the limit is {limit}.",)  # a title's, a name's
    TITLE_ONE_LINE = ("The title must be one line.", "title")
    NOT_A_DATE = ("The {field} {text!r} is not a date; use YYYY-MM-DD.",)
    NOT_A_TIME = ("{label}: {text!r} is not a time of day; use HH:MM, such as {example}.",)
    DAYS_OUT_OF_RANGE = ("The {field} must be a whole number from 1 to {maximum}; got {days!r}.",)
    NOT_A_CHOICE = ("The {field} {value!r} is not one of: {choices}.",)
    RATING_OUT_OF_RANGE = ("A rating is a whole number from {low} to {high}; got {rating!r}.", "rating")
    RANGE_BACKWARDS = ("The {what} ends ({end}) before it starts ({start}).", "end")

    # Settings: ``field`` is the setting's key, the message leads with its label.
    SETTING_NOT_ONE_OF = ("{label}: {raw!r} is not one of {choices}.",)
    SETTING_NOT_ON_OFF = ("{label}: {raw!r} is not on or off.", "growth_edge")
    SETTING_NOT_A_ZONE = ("{label}: {raw!r} is not an IANA time zone name such as Europe/Berlin.", "timezone")
    NO_SUCH_SETTING = ("There is no setting {key!r}; settings are: {keys}.",)

    # The passphrase, and a friend's link.
    PASSPHRASE_EMPTY = ("The passphrase cannot be empty.", "passphrase")
    PASSPHRASE_TOO_SHORT = ("The passphrase is {length} long; use at least {minimum}.", "passphrase")
    PASSPHRASE_TOO_LONG = ("The passphrase is {length:,} characters long; the limit is {limit:,}.", "passphrase")
    PASSPHRASE_ONE_LINE = ("The passphrase must be one line.", "passphrase")
    LINK_DAYS = ("A link lasts 1 to {maximum} days; got {days!r}.", "days")
    LINK_NOTE_EMPTY = ("The note is empty: write what you want them to hear.", "note")

    # Where a repair or a feedback note can go.
    REPAIR_CANNOT_MOVE = ("Repair {repair_id} is {state}; it cannot be {moved}.{hint}",)
    REPAIR_REOPEN_FIRST = (" Reopen it first.",)
    FEEDBACK_CANNOT_MOVE = ("Feedback {feedback_id} is already {state}; it cannot be {wanted}.",)

    # The ranked list.
    RANK_OUT_OF_RANGE = ("Rank {rank} is out of range; choose a rank from 1 to {upper}.", "rank")
    ALREADY_RANKED = ("Value {value_id} is already in the ranked list.",)
    NOT_RANKED = ("Value {value_id} is not in the ranked list (is it snipped?).",)
    NOT_RANKED_ARCHIVED = ("Value {value_id} is not in the ranked list (is it snipped already?).",)
    ORDER_REPEATS = ("The new order names a value more than once.",)
    ORDER_INCOMPLETE = ("The new order must list every active value exactly once; it {problems}.",)

    # Values.
    TITLE_TAKEN = ("You already have an active value titled {title!r}; titles must differ.", "title")
    LIST_REPEATS_TITLE = ("The list names {title!r} twice.",)
    ARCHIVED_ALREADY = ("Value {value_id} ({title!r}) is snipped already.",)
    NOT_ARCHIVED = ("Value {value_id} ({title!r}) is not snipped.",)
    ARCHIVED_NO_FOCUS = ("Value {value_id} ({title!r}) is snipped; restore it before focusing on it.",)

    # The day's card, reflections, pauses and what is listed.
    CARD_IN_FUTURE = ("{day} is in the future; the card for a day is picked on that day.", "day")
    REFLECTION_IN_FUTURE = ("{day} is in the future; reflect on today or a past day.", "day")
    FEEDBACK_IN_FUTURE = ("{day} is in the future; when did the note arrive?", "received_on")
    REFLECTION_STILL_HERE = ("Reflection {reflection_id} is still here; nothing to undo.",)
    STORE_BUSY = ("The store is busy; try again in a moment.",)
    PAUSE_TOO_LONG = ("A pause can last at most {maximum} days.", "end")
    NOT_A_VALUE_LISTED = ("Choose one of the values listed, or none.", "value")
    REPAIRS_LISTED_AS = ("Repairs can be listed as one of: {choices}; got {state!r}.", "state")
    FEEDBACK_LISTED_AS = ("Feedback can be listed as one of: {choices}; got {state!r}.", "state")
    TREND_PER = ("A trend is per one of: {choices}; got {per!r}.", "per")

    # Files: importing one, restoring a backup.
    CANNOT_READ = ("Cannot read {path}: {reason}.",)
    NOT_A_REGULAR_FILE = ("Cannot import {path}: it is {kind}, not a regular file.",)
    IMPORT_TOO_LARGE = ("The import file is larger than {megabytes} MB.",)
    IMPORT_NOT_JSON = ("The import file is not valid JSON ({problem}).",)
    IMPORT_NOT_OURS = ('The import file is not a valuesapp export (its "format" is not "valuesapp").',)
    IMPORT_TOO_NEW = ("The import file is version {version!r}; this valuesapp reads version {reads} and older.",)
    IMPORT_INVALID = ("The import file is invalid: {problem}",)
    IMPORT_TOO_DEEP = ("The import file is invalid: it is nested too deeply.",)
    IMPORT_ID_TWICE = ("The import file is invalid: {section} has id {ident} twice.",)
    IMPORT_DANGLING = ("The import file is invalid: {section} {ident} refers to {column} {target}, "
                       "which it does not contain.",)
    IMPORT_TOKEN_TWICE = ("The import file is invalid: two links share a token.",)
    IMPORT_REVISION_DANGLING = ("The import file is invalid: revision {ident} names value {value_id}, "
                                "which it does not contain.",)
    IMPORT_RANKS_GAPPED = ("The import file is invalid: the ranks of its active values are not 1 to n.",)
    IMPORT_ARCHIVED_RANKED = ("The import file is invalid: a snipped value has a rank.",)
    IMPORT_TITLE_TWICE = ("The import file is invalid: two active values share a title.",)
    IMPORT_DAY_TWICE = ("The import file is invalid: two picks share a day.",)
    CANNOT_RESTORE = ("Cannot restore from {path}: {problem}.",)
    BACKUPS_SQLITE_ONLY = ("Backups are for the SQLite store; back up PostgreSQL with pg_dump.",)
    CANNOT_WRITE_BACKUP = ("Cannot write the backup {path}: {problem}.",)

    # Where the store is, and opening it.
    CANNOT_CREATE_FOLDER = ("Cannot create the data folder {path}: {reason}.",)
    CANNOT_OPEN_STORE = ("Cannot open the store at {location}: {problem}.",)
    POSTGRES_URL_UNREADABLE = ("The PostgreSQL URL cannot be read (is its port a number?); give {accepted}.",)
    UNKNOWN_DATABASE = ("{scheme}:// is not a database valuesapp can use; give {accepted}.",)
    DATABASE_PATH_EMPTY = ("The database path is empty; give {accepted}.",)
    NO_HOME_FOLDER = ("Cannot find the home folder in the database path {raw}.",)
    DATABASE_OPTIONS = ("{raw} has options (after ? or #), which valuesapp does not take; give {accepted}.",)
    DATABASE_NOT_ABSOLUTE = ("{raw} names no absolute path (as in sqlite:///home/me/values.db); give {accepted}.",)

    # Friends' feedback: the owner's display name, deleting notes, undoing a change to one.
    SETTING_NOT_A_NAME = ("{label}: {raw!r} is not a name of one line, at most {limit} characters.", "display_name")
    FEEDBACK_NOT_DELETED = ("Feedback note {feedback_id} was not deleted, so there is nothing to bring back.",)

    # Reviews (the weekly review and the values review).
    SETTING_NOT_WEEKS = ("{label}: {raw!r} is not a whole number of weeks from 1 to {maximum}.", "values_review_weeks")

    # Hosting: the public address the hosted app is reached at, and moving the store to the host.
    SETTING_NOT_A_PUBLIC_URL = ("{label}: {raw!r} is not an address such as https://values.example.org "
                                "(http or https, a host name, no path).", "public_url")
    MOVE_TARGET_NOT_EMPTY = ("Nothing was moved: {location} already holds data ({found}); move only into a new, "
                             "empty database.",)
    MOVE_TO_ITSELF = ("Nothing was moved: {location} is the store being moved.",)
    MOVE_COUNTS_DIFFER = ("Nothing was moved: after copying, {location} did not hold the same rows ({counts}).",)
    # Web Push (issue 12): a phone's subscription to reminders, and its devices.
    PUSH_NOT_A_SUBSCRIPTION = ("This is not a push subscription: {problem}.",)
    PUSH_NO_SUCH_DEVICE = ("There is no device with id {ident}; see the list of devices.",)
    PUSH_TOO_MANY_DEVICES = ("{limit} devices already get reminders; remove one you no longer use first.",)

    def format(self, **values: object) -> str:
        return self.text.format(**values)
