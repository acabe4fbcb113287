"""What each screen shows, computed from services' read models without Flet.

A presenter takes what the services return (and the day) and gives back frozen dataclasses: the texts,
which parts are visible, what each button says. The screen module only draws that and forwards the
person's taps, so every decision a screen makes can be checked in a plain test, without a browser.
Presenters import the core and services' read models, never Flet (the import-linter contract in
pyproject.toml holds them to it) and never a view.
"""
