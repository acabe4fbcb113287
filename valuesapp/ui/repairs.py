"""Repairs: the apologies, conversations and amends a person owes, kept in view until they are made.

What it shows, and in which order, is the presenter's (``ui.presenters.repairs``); this module draws it and
forwards taps. Every change (done, released, reopened, planned, edited, deleted) says so in a snackbar
with Undo.

The screen stays mounted (the shell hides and shows it), and a refresh updates it in place: the list is one
long-lived column, each card keyed by its repair (``repair-<id>``) and kept while its ``RepairCard`` is
unchanged, so an unchanged refresh sends nothing and a tick sends the changed card and the counts. (When
screens were swapped out and back in, a list grown in place while detached arrived twice; a mounted screen
has no detached moment, and the keys let Flet match a card to the one already drawn.)
"""

from __future__ import annotations

from datetime import date

import flet as ft

from valuesapp.core import states
from valuesapp.services.repairs import RepairCopy
from valuesapp.services.views import RepairView
from valuesapp.ui import handoff
from valuesapp.ui.entry_card import TAP_HEIGHT
from valuesapp.ui.kept import Kept, listed
from valuesapp.ui.pickers import person_zone, pick_date, show_day
from valuesapp.ui.presenters.repairs import (FACTS, FROM_NOTE, LATE, PAGE, TAB_LABELS, TABS, VALUE, RepairCard,
                                             RepairsShown, group_repairs, repairs_shown)
from valuesapp.ui.repair_dialogs import RepairForm, ask_done, ask_release
from valuesapp.ui.shared import Shared, empty_state, place, screen_list, tagged, title_row
from valuesapp.ui.widgets import pill

ROUTE = "/repairs"
KIND_ICONS = {
    "apology": ft.Icons.VOLUNTEER_ACTIVISM,
    "conversation": ft.Icons.CHAT_BUBBLE_OUTLINE,
    "amends": ft.Icons.HEALING,
    "other": ft.Icons.HANDSHAKE_OUTLINED,
}
EMPTY = {
    "open": (ft.Icons.HANDSHAKE_OUTLINED, "Nothing owed right now",
             "When you let someone down, note it here: who, what happened, and how you mean to make it right. "
             "Naming a repair is the first step to making it."),
    "planned": (ft.Icons.EVENT, "Nothing planned",
                "Give an open repair a day with Plan a day (in its menu) and it shows here, soonest first."),
    "done": (ft.Icons.TASK_ALT, "No repairs done yet",
             "Mark a repair done once it is made. A line on how it went helps with the next one."),
    "released": (ft.Icons.CALL_SPLIT, "Nothing released",
                 "Some repairs stop being yours to make. Release one with a reason and it moves here, "
                 "out of the open list but not forgotten."),
}


class RepairsScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.tab = "open"
        self.shown = PAGE  # how many of a closed tab's repairs are shown
        self.highlight: int | None = None  # outlined: the repair just changed or asked for, until the next step
        self.cards: Kept[ft.Control] = Kept("repair")  # each repair's card as last drawn, by "repair-<id>"
        self.edit_copy: RepairCopy | None = None  # the repair in the form as it was, for Undo of its edit
        self.today = self.services.practice.today()
        self.zone = person_zone(self.services)
        self.form = RepairForm(shared, on_saved=self._saved, on_cancel=self._close_form)
        self.add_button = ft.FilledButton("Add repair", icon=ft.Icons.ADD, on_click=self._open_form, height=TAP_HEIGHT)
        self.tabs = ft.SegmentedButton(
            segments=[ft.Segment(value=t, label=ft.Text(TAB_LABELS[t])) for t in TABS],
            selected=[self.tab],
            show_selected_icon=False,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=6, vertical=15)),
            on_change=self._switch,
        )
        self.summary = ft.Text(color=ft.Colors.ON_SURFACE_VARIANT, size=13)
        self.more = ft.TextButton("", icon=ft.Icons.EXPAND_MORE, on_click=self._show_more, height=TAP_HEIGHT,
                                  key="repairs-more")
        self.empties: dict[str, ft.Control] = {}
        self.head = [
            title_row("Repairs", self.add_button),
            self.form.control,
            tagged("repair-tabs", ft.Row([self.tabs], scroll=ft.ScrollMode.AUTO)),
            self.summary,
        ]
        # The cards are rows of the screen's own list, so only those on the screen are drawn.
        self.rows: list[ft.Control] = []  # the cards shown (or the empty state), and "Show more"
        self.body = screen_list(spacing=12)
        self.control = tagged("repair-list", self.body)

    # Reading

    def shown_again(self) -> None:
        """Shown again after another screen: the last change's outline is old news."""
        self.highlight = None

    def refresh(self) -> None:
        self.today = self.services.context.today()
        self.zone = person_zone(self.services)
        draft = handoff.take_draft(self.shared, ROUTE)
        if draft is not None:
            self.form.open_from_note(draft)
            self.tab, self.edit_copy = "open", None
            self._form_into_view()
        repairs = self.services.repairs
        counts = repairs.counts()
        groups = group_repairs(repairs.list("open") + repairs.list(states.DONE, limit=self.shown)
                               + repairs.list(states.RELEASED, limit=self.shown))
        wanted = handoff.take(self.shared, ROUTE)
        if wanted is not None and groups.tab_of(wanted):
            self.tab, self.highlight = groups.tab_of(wanted), wanted
        self.draw(repairs_shown(groups, counts, tab=self.tab, today=self.today, zone=self.zone,
                                narrow=self.shared.narrow, highlight=self.highlight))

    def draw(self, shown: RepairsShown) -> None:
        """Update the drawn screen to ``shown`` in place: the filters' words, the summary, and only the cards
        that differ from the ones drawn (a card kept is the same control, so Flet sends nothing for it)."""
        self.tabs.selected = [shown.tab]
        size = 13 if self.shared.narrow else None
        for segment, label in zip(self.tabs.segments, shown.labels):
            segment.label.value, segment.label.size = label, size
        self.summary.value = shown.summary
        self.summary.visible = bool(shown.summary)
        self.rows = listed(self.cards.rows(((card.repair.id, card) for card in shown.cards), self._card),
                           empty=self._empty(shown.tab), more=self.more, more_words=shown.more)
        place(self.body, [*self.head, *self.rows])

    def outside_change(self) -> None:
        """Another tab or process changed the store (or this one did, a moment ago): redraw in place."""
        self.refresh()

    def _show_more(self, _e=None) -> None:
        self.shown += PAGE
        self._redraw()

    def _empty(self, tab: str) -> ft.Control:
        if tab not in self.empties:
            icon, title, message = EMPTY[tab]  # the one add button is the header's, empty or not
            self.empties[tab] = tagged(f"repairs-empty-{tab}", empty_state(icon, title, message))
            self.empties[tab].key = f"repairs-empty-{tab}"
        return self.empties[tab]

    # One repair

    def _card(self, shown: RepairCard) -> ft.Control:
        r = shown.repair
        parts: list[ft.Control] = [
            ft.Row(
                [ft.Icon(KIND_ICONS.get(r.kind, ft.Icons.HANDSHAKE_OUTLINED), color=ft.Colors.PRIMARY),
                 ft.Text(r.person, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600, expand=True),
                 self._menu(r, shown.menu)],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            ft.Text(r.what),
            ft.Row([_tag(kind, words) for kind, words in shown.tags], wrap=True, spacing=6, run_spacing=6),
        ]
        if shown.outcome is not None:
            state, words = shown.outcome
            parts.append(_note(ft.Icons.TASK_ALT if state == states.DONE else ft.Icons.CALL_SPLIT, words))
        parts.append(ft.Row([self._main_action(r, shown.action)], wrap=True, spacing=8, run_spacing=4))
        card = ft.Card(
            ft.Container(ft.Column(parts, spacing=8), padding=ft.Padding.only(left=16, top=8, right=4, bottom=12),
                         border=ft.Border.all(2, ft.Colors.PRIMARY) if shown.highlighted else None, border_radius=12),
            bgcolor=ft.Colors.ERROR_CONTAINER if r.overdue else None,
            semantic_container=False,  # its texts and buttons are each read and reached on their own
        )
        return tagged(shown.identifier, card)  # keyed "repair-<id>" by Kept: Flet matches it to the one drawn

    def _main_action(self, r: RepairView, action: str) -> ft.Control:
        """One action on the card itself; the rest are in its menu, so the words get the width."""
        if action == "Reopen":
            return ft.OutlinedButton("Reopen", icon=ft.Icons.UNDO, on_click=lambda _e: self.reopen(r), height=TAP_HEIGHT)
        return ft.FilledTonalButton("Mark done", icon=ft.Icons.CHECK, on_click=lambda _e: self.tick(r), height=TAP_HEIGHT)

    def _menu(self, r: RepairView, words: tuple[str, ...]) -> ft.Control:
        handlers = {"Edit": (ft.Icons.EDIT_OUTLINED, self.edit), "Plan a day": (ft.Icons.EVENT, self.plan),
                    "Release": (ft.Icons.CALL_SPLIT, self.release), "Delete": (ft.Icons.DELETE_OUTLINE, self.delete)}

        def item(text: str) -> ft.PopupMenuItem:
            icon, handler = handlers[text]
            return ft.PopupMenuItem(content=text, icon=icon, on_click=lambda _e: handler(r))

        items = [item(text) for text in words]
        # The name rides on the icon inside the button: one focusable node, named (a tooltip's name lands on
        # a wrapper around an unnamed button instead).
        name = f"More for the repair with {r.person}"
        return ft.PopupMenuButton(content=ft.Container(ft.Icon(ft.Icons.MORE_VERT, semantics_label=name),
                                                       width=TAP_HEIGHT, height=TAP_HEIGHT, alignment=ft.Alignment.CENTER),
                                  items=items)

    # Changing

    def _open_form(self, _e=None) -> None:
        self.form.open_new()
        self.tab, self.edit_copy = "open", None
        self._redraw()

    def _close_form(self) -> None:
        """Cancel: nothing is saved, and the next form starts empty."""
        self.form.close()
        self.form.clear()
        self.edit_copy = None
        self._redraw()

    def edit(self, r: RepairView) -> None:
        """Correct a repair in the same form, filled from it; the card stays where it is."""
        self.edit_copy = self.shared.attempt(self.services.repairs.copy, r.id)
        if self.edit_copy is not None:
            self.form.open_edit(r)
            self._redraw()
            self._form_into_view()

    def _form_into_view(self) -> None:
        """The form is at the top: scroll there, or a tap on Edit far down the list seems to do nothing."""
        async def to_top() -> None:
            try:
                await self.body.scroll_to(offset=0, duration=200)
            except RuntimeError:  # the screen was left before it got there
                pass

        self.shared.page.run_task(to_top)

    def _saved(self, repair: RepairView) -> None:
        """Saved from the form: added, made from a note, or corrected (then with Undo)."""
        before, self.edit_copy = self.edit_copy, None
        self.form.close()
        self.tab = self._tab_for(repair)
        self.highlight = repair.id
        if before is not None and before.view.id == repair.id:
            self._after(f"Repair with {repair.person} saved.", undo=lambda: self._put_back(before, "as it was"))
        elif repair.feedback_id is not None:
            self._after(f"Repair with {repair.person} added, linked to the note.")
        else:
            self._after(f"Repair with {repair.person} added.")

    def _tab_for(self, r: RepairView) -> str:
        return "open" if r.state in states.REPAIR_OPEN else r.state

    def _switch(self, e) -> None:
        self.tab = (e.control.selected or ["open"])[0]
        self.highlight = None
        self.shown = PAGE
        self._redraw()

    def tick(self, r: RepairView) -> None:
        ask_done(self.shared, r, lambda done: self._after(
            f"Repair with {r.person} done.", undo=lambda: self._reopen_undo(r), highlight=None))

    def release(self, r: RepairView) -> None:
        ask_release(self.shared, r, lambda _released: self._after(
            f"Released the repair with {r.person}.", undo=lambda: self._reopen_undo(r), highlight=None))

    def plan(self, r: RepairView) -> None:
        before = self.services.repairs.copy(r.id)

        def planned(day: date) -> None:
            if self.shared.attempt(self.services.repairs.plan, r.id, day) is not None:
                self.highlight = r.id
                self._after(f"Repair with {r.person} planned for {show_day(day)}.",
                            undo=lambda: self._put_back(before, "as it was"))

        pick_date(self.shared.page, planned, today=self.today, zone=self.zone, first=self.today, initial=r.planned_for,
                  help_text=f"Plan the repair with {r.person} for", confirm_text="Plan")

    def reopen(self, r: RepairView) -> None:
        before = self.shared.attempt(self.services.repairs.copy, r.id)
        if before is None or self.shared.attempt(self.services.repairs.reopen, r.id) is None:
            return
        self.highlight, self.tab = r.id, "open"
        self._after(f"Repair with {r.person} is open again.",
                    undo=lambda: self._put_back(before, "done" if r.state == states.DONE else "released"))

    def delete(self, r: RepairView) -> None:
        kept = self.shared.attempt(self.services.repairs.delete, r.id)
        if kept is not None:
            if self.edit_copy is not None and self.edit_copy.view.id == r.id:
                self.form.close()
                self.form.clear()
                self.edit_copy = None
            self._after(f"Deleted the repair with {r.person}.", undo=lambda: self._put_back(kept, "back"), highlight=None)

    def _reopen_undo(self, r: RepairView) -> None:
        """Undo of done or released: open again, shown where it now is, and said so."""
        if self.shared.attempt(self.services.repairs.reopen, r.id) is not None:
            self.tab, self.highlight = "open", r.id
            self._after(f"Repair with {r.person} is open again.")

    def _put_back(self, kept, how: str) -> None:
        """Undo of a delete, a reopen, a plan or an edit: the repair exactly as it was, links included."""
        back = self.shared.attempt(self.services.repairs.restore, kept)
        if back is not None:
            self.tab, self.highlight = self._tab_for(back), back.id
            words = {"back": "is back", "as it was": "is as it was", "done": "is done again",
                     "released": "is released again"}[how]
            self._after(f"Repair with {back.person} {words}.")

    def _after(self, message: str | None, *, undo=None, highlight: int | None | bool = True) -> None:
        """Say what changed (with Undo where given) and redraw; ``highlight=None`` drops the outline of an
        earlier change (the repair changed now has moved out of this list or is gone)."""
        if highlight is None:
            self.highlight = None
        if message:
            if undo is not None:
                self.shared.toast(message, action="Undo", on_action=undo)
            else:
                self.shared.toast(message)
        self.shared.changed()
        self._redraw()

    def _redraw(self) -> None:
        self.refresh()
        self.shared.page.update()


TAG_COLOURS = {LATE: (ft.Colors.ERROR, ft.Colors.ON_ERROR), VALUE: (ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
               FROM_NOTE: (ft.Colors.SURFACE_CONTAINER_HIGHEST, ft.Colors.ON_SURFACE)}


def _tag(kind: str, words: str) -> ft.Control:
    if kind == FACTS:
        return ft.Text(words, size=12, color=ft.Colors.ON_SURFACE_VARIANT)
    if kind in TAG_COLOURS:
        colour, text_colour = TAG_COLOURS[kind]
        return pill(words, color=colour, text_color=text_colour)
    return pill(words)


def _note(icon: ft.IconData, text: str) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=18, color=ft.Colors.ON_SURFACE_VARIANT), ft.Text(text, expand=True, italic=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
