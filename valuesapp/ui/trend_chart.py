"""A value's ratings over time as a line chart (flet-charts), with a sentence that says the same for screen readers.

The period adapts to how long the value has been reflected on: days for a first month, weeks for a
year, months beyond that, so the line has enough points to show a direction without turning to noise.
Points are joined by straight lines on a scale of whole ratings (1 to 5): nothing drawn between two
points claims more than the two averages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import flet as ft
import flet_charts as fch

from valuesapp.core.limits import RATING_MAX, RATING_MIN
from valuesapp.core.words import plural
from valuesapp.services.insights import RatingPoint

PERIOD_WORDS = {"day": "day", "week": "week", "month": "month"}
MAX_AXIS_LABELS = 5


def period_for(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "week"
    span = (last - first).days
    if span <= 31:
        return "day"
    return "week" if span <= 366 else "month"


def point_label(start: date, per: str) -> str:
    if per == "month":
        return f"{start:%b %y}"
    return f"{start.day} {start:%b}"


def describe(points: Sequence[RatingPoint], per: str, title: str) -> str:
    """The chart in words: where the ratings started, where they are now, and the direction."""
    first, last = points[0], points[-1]
    change = last.average - first.average
    direction = "rising" if change > 0.25 else "falling" if change < -0.25 else "steady"
    return (f"Average rating of {title} per {PERIOD_WORDS[per]}, {plural(len(points), PERIOD_WORDS[per])}: "
            f"{first.average:.1f} on {point_label(first.start, per)}, {last.average:.1f} on "
            f"{point_label(last.start, per)}, {direction}.")


def _axis_labels(points: Sequence[RatingPoint], xs: list[int], per: str) -> list[fch.ChartAxisLabel]:
    every = max(1, -(-len(points) // MAX_AXIS_LABELS))
    chosen = list(range(0, len(points), every))
    if chosen[-1] != len(points) - 1 and len(points) - 1 - chosen[-1] >= every / 2:
        chosen.append(len(points) - 1)
    return [
        fch.ChartAxisLabel(value=xs[i], label=ft.Text(point_label(points[i].start, per), size=10))
        for i in chosen
    ]


def trend_chart(points: Sequence[RatingPoint], per: str, title: str) -> ft.Control:
    """Two or more points make a line; fewer make a sentence asking for more rated reflections."""
    if len(points) < 2:
        return ft.Text(
            "Rate reflections on this value on a few different "
            f"{PERIOD_WORDS[per]}s to see a trend here.",
            size=13, color=ft.Colors.ON_SURFACE_VARIANT,
        )
    origin = points[0].start
    xs = [(p.start - origin).days for p in points]
    margin = max(1, round(xs[-1] * 0.05))
    chart = fch.LineChart(
        data_series=[
            fch.LineChartData(
                points=[
                    fch.LineChartDataPoint(x, p.average,
                                           tooltip=f"{point_label(p.start, per)}: {p.average:.1f} ({p.count})")
                    for x, p in zip(xs, points)
                ],
                color=ft.Colors.PRIMARY,
                stroke_width=3,
                curved=False,  # straight between the periods' averages: a curve would invent ratings between them
                point=fch.ChartCirclePoint(radius=3.5, color=ft.Colors.PRIMARY),
                below_line_bgcolor=ft.Colors.with_opacity(0.12, ft.Colors.PRIMARY),
            )
        ],
        # A margin on both sides keeps the end points whole and their date labels inside the chart.
        min_x=xs[0] - margin,
        max_x=xs[-1] + margin,
        min_y=RATING_MIN - 0.2,
        max_y=RATING_MAX + 0.2,
        left_axis=fch.ChartAxis(
            labels=[fch.ChartAxisLabel(value=n, label=ft.Text(str(n), size=11)) for n in range(RATING_MIN, RATING_MAX + 1)],
            label_size=24, label_spacing=1, show_min=False, show_max=False,
        ),
        # Asked for every whole x (a day from the first point), the axis draws only the labels given.
        bottom_axis=fch.ChartAxis(labels=_axis_labels(points, xs, per), label_size=24, label_spacing=1,
                                  show_min=False, show_max=False),
        horizontal_grid_lines=fch.ChartGridLines(interval=1, color=ft.Colors.OUTLINE_VARIANT, width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=max(1, xs[-1]), color=ft.Colors.TRANSPARENT, width=0),
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        height=200,
    )
    return ft.Semantics(
        identifier="value-trend-chart",
        label=describe(points, per, title),
        container=True,
        content=ft.Container(chart, padding=ft.Padding.only(right=12, top=8)),
    )
