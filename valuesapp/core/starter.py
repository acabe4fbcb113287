"""A short list of common values to start from, for a first run that should never be blank."""

STARTER_VALUES = (
    ("Honesty", "Say what is true, even when it is inconvenient."),
    ("Courage", "Do the right thing while afraid."),
    ("Kindness", "Treat people as if their day matters."),
    ("Responsibility", "Own what I did and what it caused."),
    ("Curiosity", "Ask before assuming."),
    ("Patience", "Give things and people the time they need."),
    ("Generosity", "Give time, attention and credit freely."),
    ("Integrity", "Act the same whether or not anyone is watching."),
    ("Gratitude", "Notice what I have been given."),
    ("Presence", "Be where I am, with whom I am."),
)
# Ticked at first, so that one tap on "Start with these" starts the practice with a few common values.
TICKED_AT_FIRST = frozenset({"Honesty", "Courage", "Kindness"})


def first_run(values_ever: int) -> bool:
    """A first run is one with no values at all, archived ones included: someone who archived every
    value has practised before and is shown their (empty) practice, not the starter list again."""
    return values_ever == 0
