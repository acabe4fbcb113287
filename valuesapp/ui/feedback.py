"""Feedback: what friends see, written down so it is not argued with in the moment and then forgotten.

Notes come newest first; new ones stand out until they are acknowledged. A note can be marked acted on,
or turned into a repair in one step (linked both ways), since a concern often means someone is owed one.

What it shows is the presenter's (``ui.presenters.feedback``). The screen stays mounted and updates in
place: each card is keyed by its note (``feedback-<id>``) and kept while its ``NoteCard`` is unchanged, so
a refresh with nothing new sends nothing, and acknowledging a note sends that card and the summary.
"""

from __future__ import annotations

import flet as ft

from valuesapp.core import states
from valuesapp.services.views import FeedbackView
from valuesapp.ui import handoff
from valuesapp.ui.feedback_form import TALL, FeedbackForm
from valuesapp.ui.feedback_links import LinksPanel
from valuesapp.ui.kept import Kept, listed
from valuesapp.ui.presenters.feedback import (ACKNOWLEDGE, MARK_ACTED_ON, PAGE, STATE_LABELS, FeedbackShown, NoteCard,
                                              feedback_shown)
from valuesapp.ui.shared import Shared, empty_state, place, screen_list, tagged, title_row
from valuesapp.ui.widgets import pill

KIND_ICONS = {
    "concern": ft.Icons.REPORT_OUTLINED,
    "appreciation": ft.Icons.THUMB_UP_OUTLINED,
    "suggestion": ft.Icons.TIPS_AND_UPDATES_OUTLINED,
}
WHY_ASK = (
    "Friends see what we miss: where we live up to the values we name, and where we fall short of them. "
    "Ask two or three people you trust for blunt notes, write their words down here, then acknowledge "
    "them and act on them. A concern can become a repair in one step."
)



class FeedbackScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.highlight: int | None = None  # outlined: the note just changed, until the next step
        self.cards: Kept[ft.Control] = Kept("feedback")  # each note's card as last drawn, by "feedback-<id>"
        self.shown = PAGE
        self.form = FeedbackForm(shared, on_saved=self._added, on_cancel=self._close_form)
        self.summary = ft.Text(color=ft.Colors.ON_SURFACE_VARIANT, size=13)
        self.more = ft.TextButton("", icon=ft.Icons.EXPAND_MORE, on_click=self._show_more, key="feedback-more")
        self.empty = tagged("feedback-empty", empty_state(  # "Add note" above is the one add button
            ft.Icons.FORUM_OUTLINED, "No notes from friends yet", WHY_ASK))
        self.empty.key = "feedback-empty"
        self.links = LinksPanel(shared)
        self.head = [
            title_row("Feedback", ft.FilledButton("Add note", icon=ft.Icons.ADD, on_click=self._open_form, style=TALL)),
            self.form.control,
            self.summary,
        ]
        # The cards are rows of the screen's own list, so only those on the screen are drawn.
        self.rows: list[ft.Control] = []  # the cards shown (or the empty state), and "Show more"
        self.body = screen_list(spacing=12)
        self.control = tagged("feedback-list", self.body)

    def shown_again(self) -> None:
        """Shown again after another screen: the last change's outline is old news."""
        self.highlight = None

    def refresh(self) -> None:
        counts = self.services.feedback.counts()
        # The newest notes, a page at a time, and never fewer than there are new ones.
        notes = self.services.feedback.list("all", limit=max(self.shown, counts.get(states.NEW, 0)))
        repairs = {r.id: r for r in self.services.repairs.by_ids(i for n in notes for i in n.repair_ids)}
        self.draw(feedback_shown(notes, counts, repairs, highlight=self.highlight))
        self.links.refresh()

    def draw(self, shown: FeedbackShown) -> None:
        """Update the drawn list to ``shown`` in place: only cards that differ from those drawn are built."""
        self.summary.value = shown.summary
        self.summary.visible = bool(shown.summary)
        self.rows = listed(self.cards.rows(((card.note.id, card) for card in shown.cards), self._card),
                           empty=self.empty, more=self.more, more_words=shown.more)
        place(self.body, [*self.head, *self.rows, self.links.control])

    def outside_change(self) -> None:
        """Another tab or process changed the store (or this one did, a moment ago): redraw in place."""
        self.refresh()

    def _show_more(self, _e=None) -> None:
        self.shown += PAGE
        self.refresh()
        self.control.update()

    # One note

    def _card(self, shown: NoteCard) -> ft.Control:
        n, fresh = shown.note, shown.fresh
        head: list[ft.Control] = [
            ft.Icon(KIND_ICONS.get(n.kind, ft.Icons.FORUM_OUTLINED), color=ft.Colors.PRIMARY),
            ft.Text(n.friend, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600, expand=True),
        ]
        if fresh:
            head.append(pill("New", color=ft.Colors.PRIMARY, text_color=ft.Colors.ON_PRIMARY))
        head.append(self._menu(n, shown.menu))
        parts: list[ft.Control] = [
            ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ft.Text(n.note),
            ft.Row(self._tags(shown), wrap=True, spacing=6, run_spacing=6),
            *[self._link(text) for _rid, text, _button in shown.repairs],
            ft.Row(self._actions(shown), wrap=True, spacing=8, run_spacing=4),
        ]
        card = ft.Card(
            ft.Container(ft.Column(parts, spacing=8), padding=16, border_radius=12,
                         border=ft.Border.all(2, ft.Colors.PRIMARY) if fresh or shown.highlighted else None),
            bgcolor=ft.Colors.PRIMARY_CONTAINER if fresh else None,
            elevation=3 if fresh else 1,
        )
        return tagged(shown.identifier, card)  # keyed "feedback-<id>" by Kept: Flet matches it to the one drawn

    def _tags(self, shown: NoteCard) -> list[ft.Control]:
        tags: list[ft.Control] = [pill(shown.kind)]
        if shown.note.value_title:
            tags.append(pill(shown.note.value_title, color=ft.Colors.TERTIARY_CONTAINER,
                             text_color=ft.Colors.ON_TERTIARY_CONTAINER))
        tags.append(ft.Text(shown.facts, size=12, color=ft.Colors.ON_SURFACE_VARIANT))
        return tags

    def _link(self, text: str) -> ft.Control:
        return ft.Row(
            [ft.Icon(ft.Icons.LINK, size=18, color=ft.Colors.ON_SURFACE_VARIANT), ft.Text(text, size=13, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )

    def _actions(self, shown: NoteCard) -> list[ft.Control]:
        n = shown.note
        actions: list[ft.Control] = []
        # One next step shown (acknowledge a new note, mark an acknowledged one acted on); the rest in the menu.
        if shown.step == ACKNOWLEDGE:
            actions.append(ft.FilledTonalButton(ACKNOWLEDGE, icon=ft.Icons.MARK_EMAIL_READ_OUTLINED, style=TALL,
                                                on_click=lambda _e: self.acknowledge(n)))
        elif shown.step == MARK_ACTED_ON:
            actions.append(ft.OutlinedButton(MARK_ACTED_ON, icon=ft.Icons.DONE_ALL, style=TALL,
                                             on_click=lambda _e: self.acted(n)))
        actions += [
            ft.TextButton(button, icon=ft.Icons.ARROW_FORWARD, height=48,
                          on_click=lambda _e, rid=rid: handoff.show_item(self.shared, "/repairs", rid))
            for rid, _text, button in shown.repairs
        ]
        actions.append(ft.TextButton(shown.to_repair, icon=ft.Icons.HANDSHAKE_OUTLINED,
                                     on_click=lambda _e: self.to_repair(n), height=48))
        return actions

    def _menu(self, n: FeedbackView, words: tuple[str, ...]) -> ft.Control:
        """The note's secondary actions, so the friend's name keeps the card's width on a phone. A new note
        can be marked acted on without a separate acknowledgement."""
        handlers = {MARK_ACTED_ON: (ft.Icons.DONE_ALL, self.acted), "Delete note": (ft.Icons.DELETE_OUTLINE, self.delete)}
        items = [ft.PopupMenuItem(content=text, icon=handlers[text][0], on_click=lambda _e, h=handlers[text][1]: h(n))
                 for text in words]
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
