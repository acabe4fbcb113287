"""Values: the ranked list a person lives by, and how it changed.

Reorder by dragging the handle or with Move up/down (the accessible way, and the only one a keyboard
or screen reader has): arrow buttons on a wide screen, items of the value's menu on a phone, where the
title needs the width. Add at the end, edit, snip with a reason (undoable, and restorable later from
the Snipped section), pin a focus for N days, keep prompts of one's own, and look back at every
revision. What the screen says about rank comes from ``presenters.values`` for the strategy in force.
Every change tells the other screens through ``shared.changed()``. Each part and each value's card is kept
while it shows the same (``ui.kept``): a refresh with nothing new sends nothing, an edit sends that card.
"""

from __future__ import annotations

import flet as ft

from valuesapp.services.views import FocusView, ValueView
from valuesapp.ui import value_dialogs as dialogs
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import values as words
from valuesapp.ui.shared import Shared, empty_state, place, section_title, tagged
from valuesapp.ui.value_dialogs import attempt_fields, day_text, moment_text, text_field
from valuesapp.ui.widgets import pill

MUTED = ft.Colors.ON_SURFACE_VARIANT


class ValuesScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.active: list[ValueView] = []
        self.focus: FocusView | None = None
        self.title_field = text_field(label="Title", hint_text="One or two words, such as Honesty", on_submit=self.add)
        self.note_field = text_field(label="Note (optional)", hint_text="What living it looks like for you",
                                     multiline=True, min_lines=1, max_lines=5)
        self.add_card = tagged("add-value", self._add_form())
        self.kept = {part: Kept(f"values-{part}") for part in ("header", "focus", "empty", "archived")}
        self.kept_cards: Kept[ft.Control] = Kept("value")
        # The ranked list is the screen's own scrolling list, so only the cards on the screen are drawn (a
        # list inside a scrolling column built every card each time the screen was shown). What comes
        # before the values is its header, the snipped ones its footer.
        self.top = ft.Column(spacing=16)
        self.bottom = ft.Column()
        self.ranked_list = ft.ReorderableListView(
            on_reorder=self.on_reorder, show_default_drag_handles=False, spacing=4, expand=True,
            header=ft.Container(self.top, padding=ft.Padding.only(bottom=16)),
            footer=ft.Container(self.bottom, padding=ft.Padding.only(top=16)))
        self.control = tagged("ranked-values", self.ranked_list)

    def refresh(self) -> None:
        everything = self.services.values.list(include_archived=True)
        self.active = [v for v in everything if not v.archived]
        archived = [v for v in everything if v.archived]
        focus = self.services.values.current_focus()
        # A pin on a snipped value is dormant (the pick skips archived values), so it is not shown.
        self.focus = focus if focus and any(v.id == focus.value_id for v in self.active) else None
        current = self.services.settings.get()
        kept = self.kept
        parts: list[ft.Control] = [kept["header"].one((current.pick_strategy, current.growth_edge, len(self.active)),
                                                      lambda h: self._header(h[0], h[1]))]
        if self.focus is not None:
            parts.append(kept["focus"].one((self.focus, self.services.practice.today()),
                                           lambda f: self._focus_banner(f[0])))
        if not self.active:
            parts.append(kept["empty"].one((current.pick_strategy, bool(archived)),
                                           lambda e: self._empty(e[0], has_archived=e[1])))
        parts.append(self.add_card)
        place(self.top, parts)
        self._ranked()
        shown = tuple((v, moment_text(self.shared, v.archived_at) if v.archived_at else "") for v in archived)
        place(self.bottom, [kept["archived"].one(shown, self._archived)] if archived else [])

    def _changed(self) -> None:
        """After any change: this screen, then whoever shows counts or today's card, then the page."""
        self.refresh()
        self.shared.changed()
        self.shared.page.update()

    # The top of the screen

    def _header(self, strategy: str, growth_edge: bool) -> ft.Control:
        rank_line = tagged("what-rank-does", ft.Row(
            [ft.Icon(ft.Icons.INFO_OUTLINE, size=16, color=MUTED),
             ft.Text(words.what_rank_does(strategy, growth_edge=growth_edge), size=13, color=MUTED, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START, spacing=6,
        ))
        title = ft.Row(
            [
                ft.Text("Your values", theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600,
                        expand=True),
                ft.OutlinedButton("History", icon=ft.Icons.HISTORY, height=48,
                                  on_click=lambda _e: dialogs.HistoryDialog(self.shared)),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        # The words below the title get the screen's whole width, so they stay two or three lines on a phone.
        return ft.Column([title, ft.Text(words.list_subtitle(len(self.active)), color=MUTED, size=13), rank_line],
                         spacing=4)

    def _focus_banner(self, focus: FocusView) -> ft.Control:
        today = self.services.practice.today()
        when = (f"until {day_text(focus.end)}" if focus.start <= today
                else f"from {day_text(focus.start)} to {day_text(focus.end)}")
        text = ft.Column(
            [ft.Text(f"Focus: {focus.value_title}", weight=ft.FontWeight.W_600, color=ft.Colors.ON_TERTIARY_CONTAINER),
             ft.Text(f"Today shows {focus.value_title} every day {when}.", size=13,
                     color=ft.Colors.ON_TERTIARY_CONTAINER)],
            spacing=2, expand=True,
        )
        end = ft.TextButton("End focus", on_click=lambda _e: self.end_focus(focus),
                            height=48)
        row = ft.Row([ft.Icon(ft.Icons.CENTER_FOCUS_STRONG, color=ft.Colors.ON_TERTIARY_CONTAINER), text, end],
                     vertical_alignment=ft.CrossAxisAlignment.CENTER)
        return tagged("focus-banner", ft.Card(ft.Container(row, padding=12), bgcolor=ft.Colors.TERTIARY_CONTAINER))

    def _empty(self, strategy: str, *, has_archived: bool) -> ft.Control:
        if has_archived:
            return empty_state(ft.Icons.CONTENT_CUT, "Every value is snipped",
                               "Nothing can come up on Today until the list has a value. Add one below, or "
                               "restore one from the Snipped section.")
        # One add button per screen: the form's "Add value" just below; this offers the other way in.
        return tagged("values-empty", empty_state(
            ft.Icons.FORMAT_LIST_NUMBERED,
            "No values yet",
            words.empty_text(strategy),
            ft.OutlinedButton("Choose common values", icon=ft.Icons.CHECKLIST,
                              on_click=lambda _e: self.shared.navigate("/today"),
                              height=48),
        ))

    def _focus_title(self, _e=None) -> None:
        self.shared.page.run_task(self.title_field.focus)

    # Adding

    def _add_form(self) -> ft.Control:
        button = ft.FilledButton("Add value", icon=ft.Icons.ADD, on_click=self.add,
                                 height=48)
        return ft.Card(ft.Container(
            ft.Column([section_title("Add a value"), self.title_field, self.note_field,
                       ft.Row([ft.Text("It goes to the end of the list.", size=12, color=MUTED, expand=True), button],
                              vertical_alignment=ft.CrossAxisAlignment.CENTER)],
                      spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=16,
        ))

    def add(self, _e=None) -> None:
        added = attempt_fields(self.shared, self.services.values.add, self.title_field.value or "",
                               self.note_field.value or "", fields={"title": self.title_field, "note": self.note_field})
        if added is None:
            return
        self.title_field.value = ""
        self.note_field.value = ""
        self.shared.toast(f"Added {added.title} at rank {added.rank}.")
        self._changed()
        self._focus_title()

    # The ranked list

    def _ranked(self) -> None:
        """One list kept for good, its cards kept by value while they show the same: a move sends moves."""
        last = len(self.active) - 1
        focus_end = self.focus.end if self.focus is not None else None
        focus_id = self.focus.value_id if self.focus is not None else None
        self.ranked_list.controls = self.kept_cards.rows(
            [(v.id, (v, i == 0, i == last, self.shared.narrow, focus_end if v.id == focus_id else None))
             for i, v in enumerate(self.active)],
            lambda card: self._value_card(card[0], first=card[1], last=card[2]))

    def _value_card(self, value: ValueView, *, first: bool, last: bool) -> ft.Control:
        """The rank above the title, so the title has the card's width; on a phone the arrows move into
        the menu (a 360 px screen left long titles a column a few words wide beside them)."""
        title = value.title
        arrows: list[ft.Control] = [] if self.shared.narrow else [
            self._arrow(ft.Icons.ARROW_UPWARD, f"Move {title} up", first, lambda _e: self.move(value, value.rank - 1)),
            self._arrow(ft.Icons.ARROW_DOWNWARD, f"Move {title} down", last,
                        lambda _e: self.move(value, value.rank + 1)),
        ]
        head = ft.Row(
            [
                ft.ReorderableDragHandle(ft.Icon(ft.Icons.DRAG_INDICATOR, color=MUTED),
                                         mouse_cursor=ft.MouseCursor.GRAB),
                ft.Column([ft.Text(words.rank_label(value.rank), size=12, color=MUTED, weight=ft.FontWeight.W_500),
                           ft.Text(title, size=16, weight=ft.FontWeight.W_600)], spacing=0, expand=True),
                *arrows,
                self._menu(value, first=first, last=last),
            ],
            spacing=4,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        body: list[ft.Control] = [head, *self._details(value)]
        return ft.Card(ft.Container(ft.Column(body, spacing=6),
                                    padding=ft.Padding.only(left=8, right=4, top=6, bottom=10)))

    def _details(self, value: ValueView) -> list[ft.Control]:
        """The note, the person's prompts and the focus mark, indented under the title."""
        parts: list[ft.Control] = []
        if self.focus is not None and self.focus.value_id == value.id:
            parts.append(ft.Row([pill(f"Focus until {day_text(self.focus.end)}", color=ft.Colors.TERTIARY_CONTAINER,
                                      text_color=ft.Colors.ON_TERTIARY_CONTAINER)]))
        if value.description:
            parts.append(ft.Text(value.description, color=MUTED, max_lines=4, overflow=ft.TextOverflow.ELLIPSIS))
        for prompt in value.prompts:
            parts.append(ft.Row([ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, size=16, color=MUTED),
                                 ft.Text(prompt.text, size=13, italic=True, expand=True)],
                                vertical_alignment=ft.CrossAxisAlignment.START))
        return [ft.Container(ft.Column(parts, spacing=4), padding=ft.Padding.only(left=32, right=8))] if parts else []

    @staticmethod
    def _arrow(icon: ft.IconData, name: str, disabled: bool, on_click) -> ft.Control:
        """One focusable button, named by its icon's label (a tooltip's name lands on the card instead, and a
        wrapper would say the name twice), 48 px square."""
        return ft.IconButton(ft.Icon(icon, semantics_label=name), disabled=disabled, on_click=on_click,
                             width=48, height=48)

    def _menu(self, value: ValueView, *, first: bool, last: bool) -> ft.Control:
        def item(text: str, icon: ft.IconData, handler) -> ft.PopupMenuItem:
            return ft.PopupMenuItem(content=text, icon=icon, on_click=lambda _e: handler(value))

        moves: list[ft.PopupMenuItem] = []
        if self.shared.narrow:
            if not first:
                moves.append(ft.PopupMenuItem(content="Move up", icon=ft.Icons.ARROW_UPWARD,
                                              on_click=lambda _e: self.move(value, value.rank - 1)))
            if not last:
                moves.append(ft.PopupMenuItem(content="Move down", icon=ft.Icons.ARROW_DOWNWARD,
                                              on_click=lambda _e: self.move(value, value.rank + 1)))
        return ft.PopupMenuButton(
            icon=ft.Icon(ft.Icons.MORE_VERT, semantics_label=f"More for {value.title}"),
            width=48, height=48,
            items=[
                *moves,
                item("Edit", ft.Icons.EDIT_OUTLINED, self.edit),
                item("Reflection prompts", ft.Icons.LIGHTBULB_OUTLINE, self.prompts),
                item("Focus for N days", ft.Icons.CENTER_FOCUS_STRONG, self.pin_focus),
                item("Snip", ft.Icons.CONTENT_CUT, self.archive),
            ],
        )

    def on_reorder(self, e: ft.OnReorderEvent) -> None:
        """Flet reports the final index (already adjusted for the removed item); ranks are 1-based."""
        if e.old_index is None or e.new_index is None or e.old_index == e.new_index:
            return
        if e.old_index >= len(self.active):
            self._changed()
            return
        self.move(self.active[e.old_index], e.new_index + 1)

    def move(self, value: ValueView, to_rank: int) -> None:
        if self.shared.attempt(self.services.values.move, value.id, to_rank) is not None:
            self._changed()

    # Changing one value

    def edit(self, value: ValueView) -> None:
        dialogs.edit_value(self.shared, value, lambda saved: self._after(f"Saved {saved.title}."))

    def prompts(self, value: ValueView) -> None:
        dialogs.PromptsDialog(self.shared, value, self._changed)

    def pin_focus(self, value: ValueView) -> None:
        def pinned(pin: FocusView) -> None:
            starts = "today" if pin.start <= self.services.practice.today() else f"on {day_text(pin.start)}"
            self._after(f"Focusing on {pin.value_title} from {starts} until {day_text(pin.end)}.")

        dialogs.focus_value(self.shared, value, self.focus, pinned)

    def end_focus(self, focus: FocusView) -> None:
        ended = self.shared.attempt(self.services.values.clear_focus)
        if ended is None:
            self._changed()
            return
        days_left = (focus.end - max(focus.start, self.services.practice.today())).days + 1
        self.shared.toast(f"Focus on {focus.value_title} ended.", action="Undo",
                          on_action=lambda: self._refocus(focus.value_id, days_left))
        self._changed()

    def _refocus(self, value_id: int, days: int) -> None:
        if self.shared.attempt(self.services.values.focus, value_id, days) is not None:
            self._changed()

    def archive(self, value: ValueView) -> None:
        def snipped(done: ValueView, old_rank: int | None) -> None:
            self.shared.toast(f"Snipped {done.title}.", action="Undo",
                              on_action=lambda: self.restore(done, rank=old_rank, undoing=True))
            self._changed()

        dialogs.archive_value(self.shared, value, snipped)

    def _after(self, message: str) -> None:
        self.shared.toast(message)
        self._changed()

    # Snipped

    def _archived(self, archived: tuple[tuple[ValueView, str], ...]) -> ft.Control:
        return tagged("archived-values", ft.Column(
            [section_title(words.snipped_title(len(archived))),
             ft.Text("Snipped values are never picked, and their reflections stay. Restoring puts one back at "
                     "the end of the list.", size=13, color=MUTED),
             *[self._archived_card(v, when) for v, when in archived]],
            spacing=8,
        ))

    def _archived_card(self, value: ValueView, when: str) -> ft.Control:
        text = ft.Column(
            [ft.Text(value.title, weight=ft.FontWeight.W_600),
             ft.Text(f"Snipped {when}", size=12, color=MUTED),
             ft.Text(f"Reason: {value.archive_reason or 'none given'}", size=13, max_lines=4,
                     overflow=ft.TextOverflow.ELLIPSIS)],
            spacing=2, expand=True,
        )
        restore = ft.TextButton(ft.Text("Restore", semantics_label=f"Restore {value.title}"), icon=ft.Icons.RESTORE,
                                on_click=lambda _e: self.restore(value), height=48)
        return ft.Card(ft.Container(ft.Row([ft.Icon(ft.Icons.CONTENT_CUT, color=MUTED), text, restore],
                                           vertical_alignment=ft.CrossAxisAlignment.CENTER), padding=12),
                       elevation=0, bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST)

    def restore(self, value: ValueView, *, rank: int | None = None, undoing: bool = False) -> None:
        """Restore at the end, or (undoing a snip) at the rank it had, as long as that rank still exists."""
        if rank is not None:
            rank = min(rank, len(self.services.values.list()) + 1)
        back = self.shared.attempt(self.services.values.restore, value.id, rank=rank)
        if back is None:
            return
        self.shared.toast(f"{'Put back' if undoing else 'Restored'} {back.title} at rank {back.rank}.")
        self._changed()
