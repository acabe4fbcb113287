"""Every snackbar goes away by itself and can be closed: one with an Undo button waits long enough to reach
it, and then goes (Flutter keeps a snackbar with an action until it is tapped unless told otherwise,
and the Undo after a snip covered the last card for good)."""

from __future__ import annotations

from valuesapp.ui.shared import TOAST_SECONDS, TOAST_WITH_ACTION_SECONDS, snackbar


def test_a_snackbar_with_undo_times_out_and_has_a_close_button():
    undone = []
    bar = snackbar("Snipped Courage.", action="Undo", on_action=lambda: undone.append(True))
    assert bar.persist is False
    assert bar.show_close_icon
    assert bar.duration.seconds == TOAST_WITH_ACTION_SECONDS >= 6  # time enough to read it and reach Undo
    bar.on_action(None)
    assert undone == [True]


def test_a_plain_snackbar_times_out_sooner_and_can_be_closed_too():
    bar = snackbar("Reflection updated.")
    assert bar.persist is False and bar.show_close_icon
    assert bar.duration.seconds == TOAST_SECONDS < TOAST_WITH_ACTION_SECONDS
