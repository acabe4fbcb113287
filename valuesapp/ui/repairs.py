"""Repairs: the apologies, conversations and amends a person owes, kept in view until they are made.

Open ones lead with the overdue and then the longest owed, each with its age in days, because a repair
gets harder the longer it waits. Planned ones are ordered by the day they are planned for; done and
released ones stay visible (most recent first) and can be reopened. Every change (done, released,
reopened, planned, edited, deleted) says so in a snackbar with Undo.

The screen is refreshed while it is off the page too (the shell refreshes a screen before showing it,
and a note handed over from Feedback opens the form then). Flet 1.0.5 sends a re-attached control whole
and then replays the steps by which its lists changed since it was last drawn, so a list grown in place
arrived with its new cards twice (and the copies did nothing when tapped). So the cards are always a
fresh column, swapped in whole, and nothing on this screen grows a long-lived list in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import flet as ft

from valuesapp.core import states
from valuesapp.core.words import plural
from valuesapp.services.repairs import RepairCopy
from valuesapp.services.views import RepairView
from valuesapp.ui import handoff
from valuesapp.ui.pickers import person_zone, pick_date, show_day
from valuesapp.ui.entry_card import TAP_HEIGHT
from valuesapp.ui.repair_dialogs import KIND_LABELS, RepairForm, ask_done, ask_release
from valuesapp.ui.shared import Shared, empty_state, screen_column, tagged
from valuesapp.ui.widgets import pill

ROUTE = "/repairs"
TABS = ("open", "planned", "done", "released")
TAB_LABELS = {"open": "Open", "planned": "Planned", "done": "Done", "released": "Released"}
PAGE = 30  # closed repairs pile up over the years: show the latest, and more on request
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


@dataclass(frozen=True)
class Groups:
    """The four lists the screen shows, each already in the order it is shown in."""

    open: list[RepairView]
    planned: list[RepairView]
    done: list[RepairView]
    released: list[RepairView]

    def of(self, tab: str) -> list[RepairView]:
        return getattr(self, tab)

    def tab_of(self, repair_id: int) -> str | None:
        return next((tab for tab in TABS if any(r.id == repair_id for r in self.of(tab))), None)


def group_repairs(repairs: list[RepairView]) -> Groups:
    """Split all repairs into the screen's lists: open is owed and planned, overdue first then oldest."""
    open_ = states.overdue_first(r for r in repairs if r.state in states.REPAIR_OPEN)
    planned = sorted((r for r in open_ if r.state == states.PLANNED), key=lambda r: (r.planned_for or date.max, r.id))
    done = sorted((r for r in repairs if r.state == states.DONE), key=lambda r: (r.done_at or r.created_at, r.id),
                  reverse=True)
    released = sorted((r for r in repairs if r.state == states.RELEASED),
                      key=lambda r: (r.released_at or r.created_at, r.id), reverse=True)
    return Groups(open_, planned, done, released)


def overdue_words(r: RepairView, today: date) -> str | None:
    """"Overdue 3 days", counted from the target date or planned day that passed; None if it is not overdue."""
    return f"Overdue {plural((today - r.overdue_since).days, 'day')}" if r.overdue_since else None


def age_text(days: int) -> str:
    if days == 0:
        return "added today"
    return f"owed {plural(days, 'day')}"


def tab_label(tab: str, count: int, narrow: bool) -> str:
    """"Open (3)" on a wide screen; on a phone the shorter "Open 3", which fits four tabs in 360 px."""
    if not count:
        return TAB_LABELS[tab]
    return f"{TAB_LABELS[tab]} {count}" if narrow else f"{TAB_LABELS[tab]} ({count})"


def card_facts(r: RepairView, today: date) -> str:
    """The small print under a repair: its age, the planned day and the target date ("by ..."). No id: a
    repair is known by who is owed it and what happened ("#4" is a rank elsewhere in the app)."""
    if r.state not in states.REPAIR_OPEN:
        return ""
    facts = [age_text(r.age_days)]
    if r.planned_for:
        facts.append(f"planned for {show_day(r.planned_for)}")
    if r.target_date:
        facts.append(f"by {show_day(r.target_date)}")
    return " · ".join(facts)


class RepairsScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.tab = "open"
        self.shown = PAGE  # how many of a closed tab's repairs are shown
        self.totals: dict[str, int] = {}
        self.highlight: int | None = None  # outlined in the next refresh: the repair just changed or asked for
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
        self.items = ft.Container()  # holds a fresh column of cards on every refresh (see the module's note)
        self.control = screen_column(
            [
                ft.Row([ft.Text("Repairs", theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600),
                        self.add_button],
                       alignment=ft.MainAxisAlignment.SPACE_BETWEEN, wrap=True),
                self.form.control,
                tagged("repair-tabs", ft.Row([self.tabs], scroll=ft.ScrollMode.AUTO)),
                self.summary,
                tagged("repair-list", self.items),
            ]
        )

    # Reading

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
        self.totals = {"open": len(groups.open), "planned": len(groups.planned),
                       "done": counts.get(states.DONE, 0), "released": counts.get(states.RELEASED, 0)}
        wanted = handoff.take(self.shared, ROUTE)
        if wanted is not None and groups.tab_of(wanted):
            self.tab, self.highlight = groups.tab_of(wanted), wanted
        self.tabs.selected = [self.tab]
        narrow = self.shared.narrow
        for segment in self.tabs.segments:
            segment.label = ft.Text(tab_label(segment.value, self.totals[segment.value], narrow), size=13 if narrow else None)
        shown = groups.of(self.tab)
        self.summary.value = self._summary(groups)
        self.summary.visible = bool(self.summary.value)
        cards = [self._card(r) for r in shown] or [self._empty()]
        hidden = self.totals[self.tab] - len(shown)
        if hidden > 0:
            cards.append(ft.TextButton(f"Show {min(hidden, PAGE)} more of {hidden} older", icon=ft.Icons.EXPAND_MORE,
                                       on_click=self._show_more, height=TAP_HEIGHT))
        self.items.content = ft.Column(cards, spacing=8)
        self.highlight = None  # the outline marks what just changed, only until the next refresh

    def _show_more(self, _e=None) -> None:
        self.shown += PAGE
        self._redraw()

    def _summary(self, groups: Groups) -> str:
        if self.tab == "open" and groups.open:
            overdue = sum(r.overdue for r in groups.open)
            oldest = max(r.age_days for r in groups.open)
            return f"{len(groups.open)} open, the oldest {age_text(oldest)}" + (f"; {overdue} overdue" if overdue else "") + "."
        return ""

    def _empty(self) -> ft.Control:
        icon, title, message = EMPTY[self.tab]  # the one add button is the header's, empty or not
        return tagged(f"repairs-empty-{self.tab}", empty_state(icon, title, message))

    # One repair

    def _card(self, r: RepairView) -> ft.Control:
        parts: list[ft.Control] = [
            ft.Row(
                [ft.Icon(KIND_ICONS.get(r.kind, ft.Icons.HANDSHAKE_OUTLINED), color=ft.Colors.PRIMARY),
                 ft.Text(r.person, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600, expand=True),
                 self._menu(r)],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            ft.Text(r.what),
            ft.Row(self._tags(r), wrap=True, spacing=6, run_spacing=6),
        ]
        parts += self._outcome(r)
        parts.append(ft.Row([self._main_action(r)], wrap=True, spacing=8, run_spacing=4))
        highlighted = r.id == self.highlight
        card = ft.Card(
            ft.Container(ft.Column(parts, spacing=8), padding=ft.Padding.only(left=16, top=8, right=4, bottom=12),
                         border=ft.Border.all(2, ft.Colors.PRIMARY) if highlighted else None, border_radius=12),
            bgcolor=ft.Colors.ERROR_CONTAINER if r.overdue else None,
            semantic_container=False,  # its texts and buttons are each read and reached on their own
        )
        return tagged(f"repair-{r.id}", card)

    def _tags(self, r: RepairView) -> list[ft.Control]:
        tags: list[ft.Control] = []
        late = overdue_words(r, self.today)
        if late:
            tags.append(pill(late, color=ft.Colors.ERROR, text_color=ft.Colors.ON_ERROR))
        tags.append(pill(KIND_LABELS.get(r.kind, r.kind)))
        if r.value_title:
            tags.append(pill(r.value_title, color=ft.Colors.TERTIARY_CONTAINER, text_color=ft.Colors.ON_TERTIARY_CONTAINER))
        if r.feedback_id is not None:
            tags.append(pill("From a friend's note", color=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                             text_color=ft.Colors.ON_SURFACE))
        facts = card_facts(r, self.today)
        if facts:
            tags.append(ft.Text(facts, size=12, color=ft.Colors.ON_SURFACE_VARIANT))
        return tags

    def _outcome(self, r: RepairView) -> list[ft.Control]:
        if r.state == states.DONE:
            head = f"Done {self._day(r.done_at)}"
            return [_note(ft.Icons.TASK_ALT, head + (f": {r.outcome_note}" if r.outcome_note else "."))]
        if r.state == states.RELEASED:
            return [_note(ft.Icons.CALL_SPLIT, f"Released {self._day(r.released_at)}: {r.release_reason}")]
        return []

    def _day(self, at: datetime | None) -> str:
        if at is None:
            return ""
        local = at.astimezone(self.zone) if at.tzinfo else at
        return f"on {show_day(local.date())}"

    def _main_action(self, r: RepairView) -> ft.Control:
        """One action on the card itself; the rest are in its menu, so the words get the width."""
        if r.state not in states.REPAIR_OPEN:
            return ft.OutlinedButton("Reopen", icon=ft.Icons.UNDO, on_click=lambda _e: self.reopen(r), height=TAP_HEIGHT)
        return ft.FilledTonalButton("Mark done", icon=ft.Icons.CHECK, on_click=lambda _e: self.tick(r), height=TAP_HEIGHT)

    def _menu(self, r: RepairView) -> ft.Control:
        def item(text: str, icon: ft.IconData, handler) -> ft.PopupMenuItem:
            return ft.PopupMenuItem(content=text, icon=icon, on_click=lambda _e: handler(r))

        items = [item("Edit", ft.Icons.EDIT_OUTLINED, self.edit)]
        if r.state in states.REPAIR_OPEN:
            items += [item("Plan a day", ft.Icons.EVENT, self.plan), item("Release", ft.Icons.CALL_SPLIT, self.release)]
        items.append(item("Delete", ft.Icons.DELETE_OUTLINE, self.delete))
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
                await self.control.scroll_to(offset=0, duration=200)
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
            f"Repair with {r.person} done.", undo=lambda: self._reopen_undo(r)))

    def release(self, r: RepairView) -> None:
        ask_release(self.shared, r, lambda _released: self._after(
            f"Released the repair with {r.person}.", undo=lambda: self._reopen_undo(r)))

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
            self._after(f"Deleted the repair with {r.person}.", undo=lambda: self._put_back(kept, "back"))

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

    def _after(self, message: str | None, *, undo=None) -> None:
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


def _note(icon: ft.IconData, text: str) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=18, color=ft.Colors.ON_SURFACE_VARIANT), ft.Text(text, expand=True, italic=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
