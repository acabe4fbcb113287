"""valuesapp: one value a day, reflections on it, repairs owed and friends' feedback."""

__version__ = "0.1.0"
