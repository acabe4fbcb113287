"""The Review screen: the week looked back on, with its Franklin grid, and the list reviewed, with its gaps.

Every word and cell comes from ``presenters.review``; the list's edits (reword, snip) open the Values
screen's own dialogs (``value_dialogs``), so an edit here is the same edit as there.

Each card is kept while what it shows is the same (``ui.kept``), and the three fields a person types in
(next week's question, a new value, the review's note) sit in cards built once: a change from this tab,
another tab or the CLI redraws only the cards it changed, never moves a field, and keeps its words.
"""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft

from valuesapp.core.limits import NOTE_MAX, PROMPT_MAX
from valuesapp.ui import value_dialogs as dialogs
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import review as presenter
from valuesapp.ui.shared import Shared, screen_column, section_title, tagged
from valuesapp.ui.value_dialogs import attempt_fields, text_field
from valuesapp.ui.widgets import icon_button

TAP = 48  # every control at least this tall
NAME_WIDTH, CELL = 84, 28  # the grid: a value's name, then seven day cells; fits 360 px wide
MUTED = ft.Colors.ON_SURFACE_VARIANT


def _card(identifier: str, parts: list[ft.Control]) -> ft.Control:
    return tagged(identifier, ft.Card(ft.Container(
        ft.Column(parts, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=12)))


def _muted(text: str) -> ft.Text:
    return ft.Text(text, size=13, color=MUTED)


def _put(column: ft.Column, controls: list[ft.Control]) -> None:
    """Replace a column's list only when what it holds changed (an unchanged list sends nothing)."""
    if [id(c) for c in controls] != [id(c) for c in column.controls]:
        column.controls = controls


class ReviewScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.week_day: date | None = None  # None: the last complete week
        self.question = text_field(label="Question for next week", max_length=PROMPT_MAX,
                                   hint_text="One question, in your own words")
        self.new_title = text_field(label="New value", hint_text="A value the list is missing")
        self.note = text_field(label="Note for this review", multiline=True, min_lines=2, max_lines=6,
                               max_length=NOTE_MAX)
        self.kept = {part: Kept(f"review-{part}") for part in
                     ("week", "grid", "repairs", "heading", "value", "snipped", "gaps", "saved")}
        self.week_part = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        question_card = _card("review-question", [
            section_title("Next week"), _muted("Every card of next week will ask it."), self.question,
            ft.Row([ft.FilledButton("Save question", icon=ft.Icons.CHECK, height=TAP, on_click=self.save_question)]),
        ])
        self.list_heading, self.list_values, self.list_snipped = ft.Column(), ft.Column(spacing=10), ft.Column()
        list_card = _card("review-list", [
            self.list_heading, self.list_values,
            ft.Row([ft.Container(self.new_title, expand=True),
                    ft.FilledButton("Add value", icon=ft.Icons.ADD, height=TAP, on_click=self.add)],
                   vertical_alignment=ft.CrossAxisAlignment.START),
            self.list_snipped,
        ])
        self.gaps_part, self.saved_lines = ft.Column(), ft.Column(spacing=10)
        save_card = _card("review-save", [
            section_title("Save this review"), self.note,
            ft.Row([ft.FilledButton("Save review", icon=ft.Icons.SAVE_OUTLINED, height=TAP, on_click=self.save)]),
            self.saved_lines,
        ])
        self.control = screen_column([self.week_part, question_card, list_card, self.gaps_part, save_card])

    def refresh(self) -> None:
        week = presenter.present_week(self.services.reviews.week(self.week_day))
        self.question.label = week.question_label
        if not self.question.value:
            self.question.value = week.question
        _put(self.week_part, self._week(week))
        self._list(presenter.present_values(self.services.reviews.values()))

    # The week

    def _week_values(self, week: presenter.WeekView) -> list[ft.Control]:
        moves = ft.Row([
            ft.OutlinedButton("Earlier week", icon=ft.Icons.CHEVRON_LEFT, height=TAP, on_click=lambda _e: self.move(-7)),
            ft.OutlinedButton("Later week", icon=ft.Icons.CHEVRON_RIGHT, height=TAP, on_click=lambda _e: self.move(7)),
        ], wrap=True)
        head = [ft.Text(week.heading, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600), moves]
        values: list[ft.Control] = [section_title("The week's values")]
        if week.empty:
            values.append(_muted(week.empty))
        for v in week.values:
            values.append(ft.Column([ft.Text(v.title, weight=ft.FontWeight.W_600), _muted(v.summary)]
                                    + ([_muted(v.compared)] if v.compared else []), spacing=2))
        return head + values

    def _week(self, week: presenter.WeekView) -> list[ft.Control]:
        parts = [self.kept["week"].one(week, lambda w: _card("review-week", self._week_values(w)))]
        parts += self.kept["grid"].rows([("grid", week)] if week.grid else [], lambda w: _card("review-grid", [
            section_title("The week at a glance"), self._grid(w),
            _muted("A number is the day's rating; a dot, the card without a rating; a dash, a paused day.")]))
        parts.append(self.kept["repairs"].one(week, self._week_notes))
        return parts

    def _week_notes(self, week: presenter.WeekView) -> ft.Control:
        notes: list[ft.Control] = [section_title("Repairs and friends"), ft.Text(week.repairs), _muted(week.oldest_owed),
                                   ft.Text(week.notes_heading)]
        for who, words in week.notes:
            notes.append(ft.Column([ft.Text(who, size=13, weight=ft.FontWeight.W_600), ft.Text(words)], spacing=2))
        return _card("review-repairs", notes)

    def _grid(self, week: presenter.WeekView) -> ft.Control:
        header = ft.Row([ft.Container(width=NAME_WIDTH)] + [
            ft.Semantics(label=label, content=ft.Container(ft.Text(letter, size=12, color=MUTED), width=CELL,
                                                           alignment=ft.Alignment.CENTER))
            for letter, label in zip(week.day_letters, week.day_labels)
        ], spacing=2)
        rows = [header]
        for row in week.grid:
            cells = [
                ft.Semantics(label=cell.label, content=ft.Container(
                    ft.Text(cell.text, size=13, weight=ft.FontWeight.W_600), width=CELL, height=CELL,
                    alignment=ft.Alignment.CENTER, border_radius=6,
                    bgcolor=ft.Colors.PRIMARY_CONTAINER if cell.shown else ft.Colors.SURFACE_CONTAINER_HIGHEST))
                for cell in row.cells
            ]
            name = ft.Container(ft.Text(row.title, size=13, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                                width=NAME_WIDTH)
            rows.append(ft.Row([name, *cells], spacing=2, vertical_alignment=ft.CrossAxisAlignment.CENTER))
        return ft.Column(rows, spacing=4)

    def move(self, days: int) -> None:
        current = self.services.reviews.week(self.week_day).start
        self.week_day = current + timedelta(days=days)
        self.question.value = ""
        self.refresh()
        self.shared.page.update()

    def save_question(self, _e=None) -> None:
        week = self.services.reviews.week(self.week_day)
        asked = attempt_fields(self.shared, self.services.reviews.set_question, self.question.value or "",
                               week_start=week.next_week, fields={"question": self.question})
        if asked is not None:
            self.shared.toast(f"Saved the question for the week of {presenter.short_day(asked.week_start)}.")
            self.shared.page.update()

    # The list

    def _list(self, shown: presenter.ValuesView) -> None:
        _put(self.list_heading, [self.kept["heading"].one(shown.heading, lambda heading: ft.Text(
            heading, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600))])
        _put(self.list_values, self.kept["value"].rows(((v.id, v) for v in shown.values), self._value_row))
        _put(self.list_snipped, self.kept["snipped"].rows(
            ((a.id, a) for a in self.services.values.archived()), lambda a: ft.Row([
                ft.Text(f"Snipped: {a.title}", color=MUTED, expand=True),
                ft.TextButton(f"Restore {a.title}", icon=ft.Icons.RESTORE, height=TAP,
                              on_click=lambda _e, a=a: self.restore(a.id))])))
        _put(self.gaps_part, [self.kept["gaps"].one((shown.gaps_heading, shown.gaps), self._gaps)])
        saved = tuple(presenter.present_saved(self.services.reviews.saved())) or ("No values review saved yet.",)
        _put(self.saved_lines, self.kept["saved"].rows(enumerate(saved), _muted))

    def _value_row(self, v) -> ft.Control:
        return ft.Row([
            ft.Column([ft.Text(f"{v.rank}. {v.title}", weight=ft.FontWeight.W_600), _muted(v.summary)],
                      spacing=2, expand=True),
            self._icon(f"Move {v.title} up", ft.Icons.ARROW_UPWARD, lambda _e, v=v: self.move_up(v.id, v.rank),
                       disabled=v.rank == 1),
            self._icon(f"Reword {v.title}", ft.Icons.EDIT_OUTLINED, lambda _e, v=v: self.reword(v.id)),
            self._icon(f"Snip {v.title}", ft.Icons.CONTENT_CUT, lambda _e, v=v: self.snip(v.id)),
        ], spacing=0, vertical_alignment=ft.CrossAxisAlignment.CENTER)

    def _gaps(self, shown: tuple) -> ft.Control:
        heading, found = shown
        gaps: list[ft.Control] = [section_title(heading)]
        for g in found:
            gaps.append(ft.Column([ft.Text(g.heading, weight=ft.FontWeight.W_600), ft.Text(g.text)]
                                  + [_muted(words) for words in g.concerns], spacing=4))
        return _card("review-gaps", gaps)

    def _icon(self, name: str, icon: ft.IconData, on_click, *, disabled: bool = False) -> ft.Control:
        return icon_button(icon, name, on_click, disabled=disabled, width=TAP, height=TAP)

    def _changed(self, message: str) -> None:
        self.shared.toast(message)
        self.shared.changed()
        self.shared.page.update()

    def move_up(self, value_id: int, rank: int) -> None:
        if self.shared.attempt(self.services.values.move, value_id, rank - 1) is not None:
            self._changed(f"Moved to rank {rank - 1}.")

    def reword(self, value_id: int) -> None:
        value = self.services.values.get(value_id)
        dialogs.edit_value(self.shared, value, lambda saved: self._changed(f"Saved {saved.title}."))

    def snip(self, value_id: int) -> None:
        value = self.services.values.get(value_id)
        dialogs.archive_value(self.shared, value, lambda snipped, _rank: self._changed(f"Snipped {snipped.title}."))

    def restore(self, value_id: int) -> None:
        back = self.shared.attempt(self.services.values.restore, value_id)
        if back is not None:
            self._changed(f"Restored {back.title} at rank {back.rank}.")

    def add(self, _e=None) -> None:
        added = attempt_fields(self.shared, self.services.values.add, self.new_title.value or "",
                               fields={"title": self.new_title})
        if added is not None:
            self.new_title.value = ""
            self._changed(f"Added {added.title} at rank {added.rank}.")

    def save(self, _e=None) -> None:
        saved = attempt_fields(self.shared, self.services.reviews.save, self.note.value or "",
                               fields={"note": self.note})
        if saved is not None:
            self.note.value = ""
            self._changed(presenter.review_saved(saved))
