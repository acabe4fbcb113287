"""A calendar heatmap of reflected days: one column per week, Monday on top, the colour showing the rating.

It always holds about six months of days but draws only as many weeks as its width allows, so it fits
a 360 px phone (fewer weeks) and fills a desktop card (bigger cells). Tapping a day hands it to the
screen, which filters the journal to that day. What it counts and its colours are decided by
``presenters.heatmap``; days before the first reflection are drawn empty, like days still to come. The grid
is drawn again only when what it shows changed (``ui.kept``): a refresh with the same days sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import flet as ft

from valuesapp.core.limits import RATING_MAX, RATING_MIN
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import heatmap as presenter
from valuesapp.ui.presenters.heatmap import Palette
from valuesapp.ui.shared import section_title, tagged

MAX_WEEKS = 26  # about six months
MIN_WEEKS = 8
CELL_MIN, CELL_MAX, GAP = 12, 20, 3
LABEL_WIDTH = 30  # the weekday labels on the left
MONTH_ROW = 16
DAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


@dataclass(frozen=True)
class Fit:
    weeks: int
    cell: int


def fit(width: float) -> Fit:
    """Six months when they fit with readable cells (growing the cells on wide screens), else fewer weeks."""
    room = max(0.0, width - LABEL_WIDTH)
    step = int(room // MAX_WEEKS)
    if step >= CELL_MIN + GAP:
        return Fit(MAX_WEEKS, min(CELL_MAX, step - GAP))
    return Fit(max(MIN_WEEKS, int(room // (CELL_MIN + GAP))), CELL_MIN)


def first_day(today: date, weeks: int) -> date:
    """The Monday that starts the oldest column, so that the last column holds today."""
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)


class Heatmap:
    """The card; ``show`` gives it the days, and it redraws itself when its width changes."""

    def __init__(self, on_pick: Callable[[date], None], width_guess: float):
        self.on_pick = on_pick
        self.days: dict[date, float | None] = {}
        self.today: date | None = None
        self.first_use: date | None = None
        self.colours = presenter.palette(dark=False)
        self.fit = fit(width_guess)
        self.summary = ft.Text(size=13, color=ft.Colors.ON_SURFACE_VARIANT)
        # The grid's frame is kept; its weeks are kept by their Monday while they show the same, so a new
        # reflection sends one week (a kept control is matched by its key only inside a list: hence the
        # one-place lists, where a container's single content would be sent whole whenever it changed).
        self.months_slot = ft.Column(spacing=0, tight=True)
        self.weeks_row = ft.Row(spacing=GAP)
        # One sentence for screen readers instead of 180 cells; the date fields below filter by day for them.
        self.grid_words = ft.Semantics(container=True, exclude_semantics=True,
                                       content=ft.Column([self.months_slot, self.weeks_row], spacing=2, tight=True))
        self.grid = ft.Container(self.grid_words, on_size_change=self._resized, size_change_interval=150)
        self.legend_slot = ft.Column(spacing=0, tight=True)
        self.legend = ft.Container(self.legend_slot)
        self.kept_months: Kept[ft.Control] = Kept("heatmap-months")
        self.kept_weeks: Kept[ft.Control] = Kept("heatmap-week")
        self.kept_labels: Kept[ft.Control] = Kept("heatmap-weekdays")
        self.kept_legend: Kept[ft.Control] = Kept("heatmap-legend")
        body = ft.Column(
            [section_title("Reflected days"), self.summary, self.grid, self.legend],
            spacing=8,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self.control = tagged("journal-heatmap", ft.Card(ft.Container(body, padding=12)))

    @staticmethod
    def span(today: date) -> tuple[date, date]:
        """The days to load: the most any width shows."""
        return first_day(today, MAX_WEEKS), today

    def show(self, days: dict[date, float | None], today: date, *, first_use: date | None, dark: bool) -> None:
        """``first_use``: the first reflected day (or any day before the calendar starts, if earlier)."""
        self.days, self.today, self.first_use = days, today, first_use
        self.colours = presenter.palette(dark)
        self.legend_slot.controls = [self.kept_legend.one(self.colours, _legend)]
        self._draw()

    def _resized(self, e: ft.LayoutSizeChangeEvent) -> None:
        wanted = fit(e.width)
        if wanted != self.fit and self.today is not None:
            self.fit = wanted
            self._draw()
            self.control.update()  # the summary counts the days shown, so it changes too

    def _draw(self) -> None:
        start = first_day(self.today, self.fit.weeks)
        self.summary.value = presenter.summary(self.days, grid_start=start, first_use=self.first_use,
                                               today=self.today)
        self.grid_words.label = f"Calendar of reflected days: {self.summary.value}"
        self.months_slot.controls = [self.kept_months.one((start, self.fit), lambda _m: self._months(start))]
        weeks = []
        for w in range(self.fit.weeks):
            monday = start + timedelta(weeks=w)
            days = [monday + timedelta(days=d) for d in range(7)]
            shown = (self.fit.cell, self.today if self.today in days else None, self.first_use, self.colours,
                     tuple((day in self.days, self.days.get(day)) for day in days))
            weeks.append((monday.isoformat(), (monday, shown)))
        self.weeks_row.controls = [*self.kept_labels.rows([("days", self.fit.cell)], _weekday_labels),
                                   *self.kept_weeks.rows(weeks, lambda week: self._week(week[0]))]

    def _week(self, monday: date) -> ft.Control:
        return ft.Column([self._cell(monday + timedelta(days=d)) for d in range(7)], spacing=GAP, tight=True)

    def _cell(self, day: date) -> ft.Control:
        size = self.fit.cell
        if day > self.today or (self.first_use is not None and day < self.first_use):
            return ft.Container(width=size, height=size)
        return ft.Container(
            width=size,
            height=size,
            bgcolor=presenter.color_for(day, self.days, self.colours),
            border_radius=3,
            border=ft.Border.all(2, ft.Colors.ON_SURFACE) if day == self.today else None,
            tooltip=presenter.describe_day(day, self.days),
            on_click=lambda _e, d=day: self.on_pick(d),
        )

    def _months(self, start: date) -> ft.Control:
        """Month names above the week in which each month begins, skipped where they would overlap."""
        step = self.fit.cell + GAP
        labels: list[ft.Control] = []
        last_x = -100.0
        for w in range(self.fit.weeks):
            monday = start + timedelta(weeks=w)
            sunday = monday + timedelta(days=6)
            if w == 0 or sunday.month != monday.month or monday.day == 1:
                month_day = monday if w == 0 or monday.day == 1 else sunday.replace(day=1)
                x = LABEL_WIDTH + GAP + w * step
                if x - last_x >= 30:
                    labels.append(ft.Text(f"{month_day:%b}", size=10, left=x, top=0,
                                          color=ft.Colors.ON_SURFACE_VARIANT))
                    last_x = x
        return ft.Stack(labels, height=MONTH_ROW, width=LABEL_WIDTH + GAP + self.fit.weeks * step)


def _weekday_labels(cell: int) -> ft.Control:
    return ft.Column(
        [
            ft.Container(
                ft.Text(DAY_LABELS.get(d, ""), size=10, color=ft.Colors.ON_SURFACE_VARIANT),
                width=LABEL_WIDTH, height=cell, alignment=ft.Alignment.CENTER_LEFT,
            )
            for d in range(7)
        ],
        spacing=GAP,
        tight=True,
    )


def _swatch(color: str) -> ft.Control:
    return ft.Container(width=12, height=12, bgcolor=color, border_radius=3)


def _legend(colours: Palette) -> ft.Control:
    """What the colours mean: not reflected, reflected without a rating, and ratings 1 (light) to 5 (dark)."""
    muted = ft.Colors.ON_SURFACE_VARIANT

    def item(*controls: ft.Control) -> ft.Control:
        return ft.Row(list(controls), spacing=4, tight=True)

    return tagged(
        "heatmap-legend",
        ft.Row(
            [
                item(_swatch(colours.not_reflected), ft.Text("Not reflected", size=11, color=muted)),
                item(_swatch(colours.unrated), ft.Text("No rating", size=11, color=muted)),
                item(ft.Text(f"Rating {RATING_MIN}", size=11, color=muted), *[_swatch(c) for c in colours.ratings],
                     ft.Text(str(RATING_MAX), size=11, color=muted)),
            ],
            wrap=True,
            spacing=14,
            run_spacing=6,
        ),
    )
