"""Feedback: what friends see, written down so it is not argued with in the moment and then forgotten.

Notes come newest first; new ones stand out until they are acknowledged. A note can be marked acted on,
or turned into a repair in one step (linked both ways), since a concern often means someone is owed one.
"""

from __future__ import annotations

import flet as ft

from valuesapp.core import states
from valuesapp.core.words import plural
from valuesapp.services.views import FeedbackView, RepairView
from valuesapp.ui import handoff
from valuesapp.ui.feedback_form import KIND_LABELS, TALL, FeedbackForm
from valuesapp.ui.feedback_links import LinksPanel
from valuesapp.ui.pickers import show_day
from valuesapp.ui.shared import Shared, empty_state, screen_column, tagged
from valuesapp.ui.widgets import pill

KIND_ICONS = {
    "concern": ft.Icons.REPORT_OUTLINED,
    "appreciation": ft.Icons.THUMB_UP_OUTLINED,
    "suggestion": ft.Icons.TIPS_AND_UPDATES_OUTLINED,
}
STATE_LABELS = {states.NEW: "New", states.ACKNOWLEDGED: "Acknowledged", states.ACTED_ON: "Acted on"}
WHY_ASK = (
    "Friends see what we miss: where we live up to the values we name, and where we fall short of them. "
    "Ask two or three people you trust for blunt notes, write their words down here, then acknowledge "
    "them and act on them. A concern can become a repair in one step."
)


PAGE = 30  # years of notes: the newest first, more on request


def summary(counts: dict[str, int]) -> str:
    fresh, notes = counts.get(states.NEW, 0), sum(counts.values())
    total = plural(notes, "note")
    return f"{fresh} new of {total}, newest first." if fresh else f"{total}, newest first. Nothing new."


class FeedbackScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.highlight: int | None = None  # outlined in the next refresh: the note just changed
        self.shown = PAGE
        self.form = FeedbackForm(shared, on_saved=self._added, on_cancel=self._close_form)
        self.summary = ft.Text(color=ft.Colors.ON_SURFACE_VARIANT, size=13)
        self.items = ft.Column(spacing=8)
        self.links = LinksPanel(shared)
        self.control = screen_column(
            [
                ft.Row([ft.Text("Feedback", theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600),
                        ft.FilledButton("Add note", icon=ft.Icons.ADD, on_click=self._open_form, style=TALL)],
                       alignment=ft.MainAxisAlignment.SPACE_BETWEEN, wrap=True),
                self.form.control,
                self.summary,
                tagged("feedback-list", self.items),
                self.links.control,
            ]
        )

    def refresh(self) -> None:
        counts = self.services.feedback.counts()
        # The newest notes, a page at a time, and never fewer than there are new ones.
        notes = self.services.feedback.list("all", limit=max(self.shown, counts.get(states.NEW, 0)))
        repairs = {r.id: r for r in self.services.repairs.by_ids(i for n in notes for i in n.repair_ids)}
        self.summary.value = summary(counts) if notes else ""
        self.summary.visible = bool(notes)
        if notes:
            self.items.controls = [self._card(n, repairs) for n in notes]
            hidden = sum(counts.values()) - len(notes)
            if hidden > 0:
                self.items.controls.append(ft.TextButton(f"Show {min(hidden, PAGE)} more of {hidden} older",
                                                         icon=ft.Icons.EXPAND_MORE, on_click=self._show_more))
        else:
            self.items.controls = [tagged("feedback-empty", empty_state(  # "Add note" above is the one add button
                ft.Icons.FORUM_OUTLINED, "No notes from friends yet", WHY_ASK))]
        self.highlight = None  # the outline marks what just changed, only until the next refresh
        self.links.refresh()

    def _show_more(self, _e=None) -> None:
        self.shown += PAGE
        self.refresh()
        self.control.update()

    # One note

    def _card(self, n: FeedbackView, repairs: dict[int, RepairView]) -> ft.Control:
        fresh = n.state == states.NEW
        head: list[ft.Control] = [
            ft.Icon(KIND_ICONS.get(n.kind, ft.Icons.FORUM_OUTLINED), color=ft.Colors.PRIMARY),
            ft.Text(n.friend, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600, expand=True),
        ]
        if fresh:
            head.append(pill("New", color=ft.Colors.PRIMARY, text_color=ft.Colors.ON_PRIMARY))
        head.append(self._menu(n))
        parts: list[ft.Control] = [
            ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ft.Text(n.note),
            ft.Row(self._tags(n), wrap=True, spacing=6, run_spacing=6),
            *[self._link(rid, repairs.get(rid)) for rid in n.repair_ids],
            ft.Row(self._actions(n, repairs), wrap=True, spacing=8, run_spacing=4),
        ]
        highlighted = n.id == self.highlight
        card = ft.Card(
            ft.Container(ft.Column(parts, spacing=8), padding=16, border_radius=12,
                         border=ft.Border.all(2, ft.Colors.PRIMARY) if fresh or highlighted else None),
            bgcolor=ft.Colors.PRIMARY_CONTAINER if fresh else None,
            elevation=3 if fresh else 1,
        )
        return tagged(f"feedback-{n.id}", card)

    def _tags(self, n: FeedbackView) -> list[ft.Control]:
        tags: list[ft.Control] = [pill(KIND_LABELS.get(n.kind, n.kind))]
        if n.value_title:
            tags.append(pill(n.value_title, color=ft.Colors.TERTIARY_CONTAINER, text_color=ft.Colors.ON_TERTIARY_CONTAINER))
        facts = [f"received {show_day(n.received_on)}"]  # no "#3": a number on a card reads as a rank
        if n.via_link:
            facts.append("sent through your link")
        if n.state != states.NEW:
            facts.append(STATE_LABELS.get(n.state, n.state).lower())
        tags.append(ft.Text(" · ".join(facts), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
        return tags

    def _link(self, repair_id: int, repair: RepairView | None) -> ft.Control:
        text = f"Repair with {repair.person} · {repair.state}" if repair is not None else "A repair"
        return ft.Row(
            [ft.Icon(ft.Icons.LINK, size=18, color=ft.Colors.ON_SURFACE_VARIANT), ft.Text(text, size=13, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )

    def _actions(self, n: FeedbackView, repairs: dict[int, RepairView]) -> list[ft.Control]:
        actions: list[ft.Control] = []
        # One next step shown (acknowledge a new note, mark an acknowledged one acted on); the rest in the menu.
        if n.state == states.NEW:
            actions.append(ft.FilledTonalButton("Acknowledge", icon=ft.Icons.MARK_EMAIL_READ_OUTLINED, style=TALL,
                                                on_click=lambda _e: self.acknowledge(n)))
        elif n.state == states.ACKNOWLEDGED:
            actions.append(ft.OutlinedButton("Mark acted on", icon=ft.Icons.DONE_ALL, style=TALL,
                                             on_click=lambda _e: self.acted(n)))
        actions += [
            ft.TextButton(f"Open the repair with {repairs[rid].person}" if rid in repairs else "Open the repair",
                          icon=ft.Icons.ARROW_FORWARD, height=48,
                          on_click=lambda _e, rid=rid: handoff.show_item(self.shared, "/repairs", rid))
            for rid in n.repair_ids
        ]
        actions.append(ft.TextButton("Add another repair" if n.repair_ids else "Turn into a repair",
                                     icon=ft.Icons.HANDSHAKE_OUTLINED, on_click=lambda _e: self.to_repair(n),
                                     height=48))
        return actions

    def _menu(self, n: FeedbackView) -> ft.Control:
        """The note's secondary actions, so the friend's name keeps the card's width on a phone."""
        items = []
        if n.state == states.NEW:  # acted on without a separate acknowledgement
            items.append(ft.PopupMenuItem(content="Mark acted on", icon=ft.Icons.DONE_ALL,
                                          on_click=lambda _e: self.acted(n)))
        items.append(ft.PopupMenuItem(content="Delete note", icon=ft.Icons.DELETE_OUTLINE,
                                      on_click=lambda _e: self.delete(n)))
        # The name on the icon itself: a tooltip names a wrapper around an unnamed button, read twice.
        return ft.PopupMenuButton(icon=ft.Icon(ft.Icons.MORE_VERT, semantics_label=f"More for the note from {n.friend}"),
                                  tooltip="", padding=12, items=items)  # no "Show menu" before the name; 48 px

    # Changing

    def _open_form(self, _e=None) -> None:
        self.form.open()
        self.shared.page.update()

    def _close_form(self) -> None:
        self.form.close()
        self.shared.page.update()

    def _added(self, note: FeedbackView) -> None:
        self.form.close()
        self.highlight = note.id
        self._after(f"Note from {note.friend} saved.")

    def acknowledge(self, n: FeedbackView) -> None:
        self._change(n, self.services.feedback.ack, f"Acknowledged the note from {n.friend}.",
                     f"The note from {n.friend} is new again.")

    def acted(self, n: FeedbackView) -> None:
        back = STATE_LABELS.get(n.state, n.state).lower()
        self._change(n, self.services.feedback.acted, f"Marked the note from {n.friend} acted on.",
                     f"The note from {n.friend} is {back} again.")

    def delete(self, n: FeedbackView) -> None:
        """No question first: the snackbar's Undo puts it back exactly, with its links to repairs."""
        self._change(n, self.services.feedback.delete, f"Deleted the note from {n.friend}.",
                     f"The note from {n.friend} is back.")

    def _change(self, n: FeedbackView, change, done: str, undone: str) -> None:
        """Every change to a note says so in a snackbar with Undo, and undoing it says so too."""
        was = self.shared.attempt(self.services.feedback.as_it_is, n.id)
        if was is None or self.shared.attempt(change, n.id) is None:
            return
        self.highlight = n.id
        self._after(None)  # the card changes (or goes) first, then the snackbar says so
        self.shared.toast(done, action="Undo", on_action=lambda: self._put_back(was, undone))

    def _put_back(self, was, message: str) -> None:
        if self.shared.attempt(self.services.feedback.put_back, was) is not None:
            self.highlight = was.feedback_id
            self._after(message)

    def to_repair(self, n: FeedbackView) -> None:
        """Open the repair form on the Repairs screen, filled from the note: the person confirms who is owed
        it (often not the friend who wrote) before it is saved, linked to the note; Cancel saves nothing."""
        handoff.prefill(self.shared, "/repairs", handoff.RepairDraft(
            feedback_id=n.id, friend=n.friend, what=n.note, value_id=n.value_id))

    def _after(self, message: str | None) -> None:
        self.shared.changed()
        self.refresh()
        self.shared.page.update()
        if message:
            self.shared.toast(message)
