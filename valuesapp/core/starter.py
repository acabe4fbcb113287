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
