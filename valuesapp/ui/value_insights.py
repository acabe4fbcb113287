"""The journal's "By value" view: one value's record (how often it came up, how well it was lived, the
trend) and its timeline, where reflections, repairs and friends' notes about it stand together by date,
so a person can see whether living it is getting easier. Below, all values side by side to compare.
Both cards are kept while what they show is the same (``ui.kept``), so a refresh with nothing new sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from valuesapp.core.limits import RATING_MAX
from valuesapp.core.words import day_label, plural
from valuesapp.services.insights import RatingPoint, TimelineEntry, ValueStats
from valuesapp.ui.kept import Kept
from valuesapp.ui.shared import Shared, section_title, tagged
from valuesapp.ui.trend_chart import period_for, trend_chart
from valuesapp.ui.widgets import pill, stars

TIMELINE_PAGE = 15
KIND_ICONS = {
    "reflection": ft.Icons.EDIT_NOTE,
    "repair": ft.Icons.HANDSHAKE_OUTLINED,
    "feedback": ft.Icons.FORUM_OUTLINED,
}


def average_text(stat: ValueStats) -> str:
    return f"average {stat.average_rating:.1f} of {RATING_MAX}" if stat.average_rating is not None else "no ratings yet"


@dataclass(frozen=True)
class Detail:
    """Everything the one value's card shows: drawn again only when some of it changed."""

    stat: ValueStats
    per: str
    points: tuple[RatingPoint, ...]
    timeline: tuple[TimelineEntry, ...]  # up to ``limit`` + 1: the one past the page says there is more
    limit: int


class ValueInsights:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.value_id: int | None = None
        self.timeline_limit = TIMELINE_PAGE
        self.picker = ft.Dropdown(label="Show value", on_select=self._picked, expand=True)
        self.body = ft.Column(spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.note = ft.Text("Add values on the Values screen; their record will show here.",
                            color=ft.Colors.ON_SURFACE_VARIANT)
        # In a Row the menu can take the full width; the padding lines it up with the cards.
        self.picker_row = ft.Container(ft.Row([self.picker]), padding=ft.Padding.symmetric(horizontal=4))
        self.control = ft.Column([self.note, self.picker_row, self.body], spacing=12,
                                 horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.kept_detail: Kept[ft.Control] = Kept("value-detail")
        self.kept_overview: Kept[ft.Control] = Kept("values-overview")
        self.options: list[tuple[str, str]] = []

    def refresh(self) -> None:
        stats = self.services.insights.value_stats()
        self.note.visible = not stats
        self.picker_row.visible = self.body.visible = bool(stats)
        if not stats:
            return
        chosen = self._choose(stats)
        options = [(str(s.value_id), s.title + (" (snipped)" if s.archived else "")) for s in stats]
        if options != self.options:  # sent again only when a value was added, renamed or snipped
            self.options = options
            self.picker.options = [ft.DropdownOption(key=key, text=text) for key, text in options]
        self.picker.value = str(chosen.value_id)
        per = period_for(chosen.first_reflected, chosen.last_reflected)
        detail = Detail(chosen, per, tuple(self.services.insights.rating_trend(chosen.value_id, per=per)),
                        tuple(self.services.insights.timeline(chosen.value_id, limit=self.timeline_limit + 1)),
                        self.timeline_limit)
        self.body.controls = [self.kept_detail.one(detail, self._detail),
                              self.kept_overview.one((tuple(stats), self.value_id), lambda _s: self._overview(stats))]

    def _choose(self, stats: list[ValueStats]) -> ValueStats:
        """Keep the value the person looked at; else start with the top value that has reflections."""
        by_id = {s.value_id: s for s in stats}
        if self.value_id not in by_id:
            self.value_id = next((s.value_id for s in stats if s.reflections), stats[0].value_id)
            self.timeline_limit = TIMELINE_PAGE
        return by_id[self.value_id]

    def select(self, value_id: int) -> None:
        if value_id != self.value_id:
            self.value_id, self.timeline_limit = value_id, TIMELINE_PAGE
        self.refresh()
        self.control.update()

    def _picked(self, e) -> None:
        if e.control.value:
            self.select(int(e.control.value))

    def _more(self, _e=None) -> None:
        self.timeline_limit += TIMELINE_PAGE
        self.refresh()
        self.control.update()

    # One value

    def _detail(self, detail: Detail) -> ft.Control:
        stat, per, points = detail.stat, detail.per, detail.points
        badges = ft.Row(
            [pill(f"Came up {plural(stat.times_picked, 'time')}"), pill(plural(stat.reflections, "reflection")),
             pill(average_text(stat).capitalize(), color=ft.Colors.TERTIARY_CONTAINER,
                  text_color=ft.Colors.ON_TERTIARY_CONTAINER)],
            wrap=True, spacing=8, run_spacing=6,
        )
        title = stat.title + (" (snipped)" if stat.archived else "")
        parts: list[ft.Control] = [
            ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600),
            tagged("value-stats", ft.Semantics(
                label=f"{stat.title}: came up {plural(stat.times_picked, 'time')}, "
                      f"{plural(stat.reflections, 'reflection')}, {average_text(stat)}",
                content=badges,
            )),
            section_title("Rating over time"),
            trend_chart(points, per, stat.title),
            section_title("Timeline"),
            *self._timeline(stat, detail.timeline, detail.limit),
        ]
        return tagged("value-detail", ft.Card(ft.Container(
            ft.Column(parts, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=16)))

    def _timeline(self, stat: ValueStats, entries: tuple[TimelineEntry, ...], limit: int) -> list[ft.Control]:
        more, entries = len(entries) > limit, entries[:limit]
        if not entries:
            return [ft.Text(f"Nothing about {stat.title} yet: reflections, repairs and friends' notes on it "
                            "will gather here.", color=ft.Colors.ON_SURFACE_VARIANT, size=13)]
        controls: list[ft.Control] = []
        last_day = None
        for entry in entries:
            if entry.day != last_day:
                controls.append(ft.Text(day_label(entry.day), size=12, weight=ft.FontWeight.W_600,
                                        color=ft.Colors.PRIMARY))
                last_day = entry.day
            controls.append(_timeline_row(entry))
        if more:
            controls.append(ft.TextButton("Show earlier", icon=ft.Icons.EXPAND_MORE, on_click=self._more))
        return [tagged("value-timeline", ft.Column(controls, spacing=2))]

    # All values

    def _overview(self, stats: list[ValueStats]) -> ft.Control:
        rows = [
            ft.ListTile(
                title=ft.Text(s.title + (" (snipped)" if s.archived else "")),
                subtitle=ft.Text(f"Came up {plural(s.times_picked, 'time')} · {plural(s.reflections, 'reflection')} · "
                                 f"{average_text(s)}", size=12),
                selected=s.value_id == self.value_id,
                dense=True,
                on_click=lambda _e, vid=s.value_id: self.select(vid),
            )
            for s in stats
        ]
        return tagged("values-overview", ft.Card(ft.Container(
            ft.Column([ft.Container(section_title("All values"), padding=ft.Padding.symmetric(horizontal=16)), *rows],
                      spacing=0),
            padding=ft.Padding.symmetric(vertical=12))))


def _timeline_row(entry: TimelineEntry) -> ft.Control:
    detail: list[ft.Control] = [ft.Text(entry.headline + (f" · {entry.state}" if entry.state else ""), size=12,
                                        color=ft.Colors.ON_SURFACE_VARIANT)]
    if entry.kind == "reflection" and entry.rating is not None:
        detail.append(stars(entry.rating, size=12))
    return ft.ListTile(
        leading=ft.Icon(KIND_ICONS[entry.kind], color=ft.Colors.PRIMARY),
        title=ft.Text(entry.text, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
        subtitle=ft.Row(detail, wrap=True, spacing=8),
        dense=True,
        content_padding=ft.Padding.symmetric(horizontal=4),
    )
