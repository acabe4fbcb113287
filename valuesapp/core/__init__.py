"""The rules of the practice, in plain Python.

Nothing here knows about a database, a screen or a scheduler: that keeps every rule testable with
a given clock and a seeded random source, and lets the UI, the CLI and the scheduler share one truth.
"""
