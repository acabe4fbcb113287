"""Repairs: the apologies, conversations and amends a person owes, kept in view until they are made.

Open ones lead with the overdue and then the longest owed, each with its age in days, because a repair
gets harder the longer it waits. Planned ones are ordered by the day they are planned for; done and
released ones stay visible (most recent first) and can be reopened, and every close offers Undo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import flet as ft

from valuesapp.core import states
from valuesapp.core.words import plural
from valuesapp.services.views import RepairView
from valuesapp.ui import handoff
from valuesapp.ui.pickers import person_zone, pick_date, show_day
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
                "Give an open repair a day with Plan and it shows here, soonest first."),
    "done": (ft.Icons.TASK_ALT, "No repairs done yet",
             "Tick a repair done once it is made. A line on how it went helps with the next one."),
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
    """"Overdue 3 days", counted from the by-date or planned day that passed; None if it is not overdue."""
    return f"Overdue {plural((today - r.overdue_since).days, 'day')}" if r.overdue_since else None


def age_text(days: int) -> str:
    if days == 0:
        return "added today"
    return f"owed {plural(days, 'day')}"


class RepairsScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.tab = "open"
        self.shown = PAGE  # how many of a closed tab's repairs are shown
        self.totals: dict[str, int] = {}
        self.highlight: int | None = None  # outlined in the next refresh: the repair just changed or asked for
        self.today = self.services.practice.today()
        self.zone = person_zone(self.services)
        self.form = RepairForm(shared, on_saved=self._added, on_cancel=self._close_form)
        self.add_button = ft.FilledButton("Add repair", icon=ft.Icons.ADD, on_click=self._open_form)
        self.tabs = ft.SegmentedButton(
            segments=[ft.Segment(value=t, label=ft.Text(TAB_LABELS[t])) for t in TABS],
            selected=[self.tab],
            show_selected_icon=False,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=8)),
            on_change=self._switch,
        )
        self.summary = ft.Text(color=ft.Colors.ON_SURFACE_VARIANT, size=13)
        self.items = ft.Column(spacing=8)
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
        for segment in self.tabs.segments:
            segment.label = ft.Text(self._tab_label(segment.value, self.totals[segment.value]))
        shown = groups.of(self.tab)
        self.summary.value = self._summary(groups)
        self.summary.visible = bool(self.summary.value)
        self.items.controls = [self._card(r) for r in shown] or [self._empty()]
        hidden = self.totals[self.tab] - len(shown)
        if hidden > 0:
            self.items.controls.append(ft.TextButton(f"Show {min(hidden, PAGE)} more of {hidden} older",
                                                     icon=ft.Icons.EXPAND_MORE, on_click=self._show_more))
        self.highlight = None  # the outline marks what just changed, only until the next refresh

    def _show_more(self, _e=None) -> None:
        self.shown += PAGE
        self._redraw()

    def _tab_label(self, tab: str, count: int) -> str:
        # Four labels with counts do not fit 360 px; on phones the counts move to the summary line.
        return f"{TAB_LABELS[tab]} {count}" if count and not self.shared.narrow else TAB_LABELS[tab]

    def _summary(self, groups: Groups) -> str:
        text = ""
        if self.tab == "open" and groups.open:
            overdue = sum(r.overdue for r in groups.open)
            oldest = max(r.age_days for r in groups.open)
            text = f"{len(groups.open)} open, the oldest {age_text(oldest)}" + (f"; {overdue} overdue" if overdue else "") + "."
        elif self.shared.narrow and self.totals.get(self.tab):
            text = f"{self.totals[self.tab]} {TAB_LABELS[self.tab].lower()}."
        return text

    def _empty(self) -> ft.Control:
        icon, title, message = EMPTY[self.tab]
        actions = [ft.FilledButton("Add a repair", icon=ft.Icons.ADD, on_click=self._open_form)] if self.tab == "open" else []
        return tagged(f"repairs-empty-{self.tab}", empty_state(icon, title, message, *actions))

    # One repair

    def _card(self, r: RepairView) -> ft.Control:
        parts: list[ft.Control] = [
            ft.Row(
                [ft.Icon(KIND_ICONS.get(r.kind, ft.Icons.HANDSHAKE_OUTLINED), color=ft.Colors.PRIMARY),
                 ft.Text(r.person, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            ft.Text(r.what),
            ft.Row(self._tags(r), wrap=True, spacing=6, run_spacing=6),
        ]
        parts += self._outcome(r)
        parts.append(ft.Row(self._actions(r), wrap=True, spacing=8, run_spacing=4))
        highlighted = r.id == self.highlight
        card = ft.Card(
            ft.Container(ft.Column(parts, spacing=8), padding=16,
                         border=ft.Border.all(2, ft.Colors.PRIMARY) if highlighted else None, border_radius=12),
            bgcolor=ft.Colors.ERROR_CONTAINER if r.overdue else None,
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
            tags.append(pill(f"From feedback #{r.feedback_id}", color=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                             text_color=ft.Colors.ON_SURFACE))
        facts = [f"#{r.id}"]
        if r.state in states.REPAIR_OPEN:
            facts.append(age_text(r.age_days))
            if r.planned_for:
                facts.append(f"planned for {show_day(r.planned_for)}")
            if r.target_date:
                facts.append(f"by {show_day(r.target_date)}")
        tags.append(ft.Text(" · ".join(facts), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
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

    def _actions(self, r: RepairView) -> list[ft.Control]:
        if r.state not in states.REPAIR_OPEN:
            return [ft.OutlinedButton("Reopen", icon=ft.Icons.UNDO, on_click=lambda _e, r=r: self.reopen(r))]
        return [
            ft.FilledTonalButton("Done", icon=ft.Icons.CHECK, on_click=lambda _e, r=r: self.tick(r)),
            ft.OutlinedButton("Re-plan" if r.planned_for else "Plan", icon=ft.Icons.EVENT,
                              on_click=lambda _e, r=r: self.plan(r)),
            ft.TextButton("Release", icon=ft.Icons.CALL_SPLIT, on_click=lambda _e, r=r: self.release(r)),
        ]

    # Changing

    def _open_form(self, _e=None) -> None:
        self.form.open()
        self.tab = "open"
        self._redraw()

    def _close_form(self) -> None:
        self.form.close()
        self._redraw()

    def _added(self, repair: RepairView) -> None:
        self.form.close()
        self.tab, self.highlight = "open", repair.id
        self._after(f"Repair with {repair.person} added.")

    def _switch(self, e) -> None:
        self.tab = (e.control.selected or ["open"])[0]
        self.highlight = None
        self.shown = PAGE
        self._redraw()

    def tick(self, r: RepairView) -> None:
        ask_done(self.shared, r, lambda done: self._after(
            f"Repair with {r.person} done.", undo=lambda: self._reopen_quietly(done.id)))

    def release(self, r: RepairView) -> None:
        ask_release(self.shared, r, lambda _released: self._after(
            f"Released the repair with {r.person}.", undo=lambda: self._reopen_quietly(r.id)))

    def plan(self, r: RepairView) -> None:
        def planned(day: date) -> None:
            if self.shared.attempt(self.services.repairs.plan, r.id, day) is not None:
                self.highlight = r.id
                self._after(f"Repair with {r.person} planned for {show_day(day)}.")

        pick_date(self.shared.page, planned, today=self.today, zone=self.zone, first=self.today, initial=r.planned_for,
                  help_text=f"Plan the repair with {r.person} for", confirm_text="Plan")

    def reopen(self, r: RepairView) -> None:
        back = self.shared.attempt(self.services.repairs.reopen, r.id)
        if back is not None:
            self.highlight = r.id
            self._after(f"Repair with {r.person} is open again ({back.state}).")

    def _reopen_quietly(self, repair_id: int) -> None:
        """Undo from the snackbar: put it back where it was, and show it there."""
        back = self.shared.attempt(self.services.repairs.reopen, repair_id)
        if back is not None:
            self.tab, self.highlight = "open", repair_id
        self._after(None)

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
