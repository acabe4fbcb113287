"""Today: the day's value as a card, a question to live it by, and a place to reflect.

Below it, what is waiting: repairs owed (overdue first, tick one off in place), new notes from friends,
the streak, and what was written on this day a month and a year ago. With no values yet, it explains
the practice and offers a starting list.
"""

from __future__ import annotations

import flet as ft

from valuesapp.core.starter import STARTER_VALUES
from valuesapp.core.words import plural
from valuesapp.services.overview import TodayOverview
from valuesapp.services.views import RepairView
from valuesapp.ui.shared import Shared, empty_state, screen_column, section_title, tagged
from valuesapp.ui.widgets import RatingPicker, pill, stars

STRATEGY_LABELS = {"rotation": "Rotation", "weighted": "Weighted", "random": "Random", "focus": "Pinned focus"}


class TodayScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.day = None
        self.carried_over = False
        self.reflection = ft.TextField(
            label="Reflection",
            hint_text="What happened with this value today?",
            multiline=True,
            min_lines=3,
            max_lines=8,
            max_length=10_000,
            on_change=lambda _e: self.keep_draft(),
        )
        self.rating = RatingPicker(on_change=lambda _rating: self.keep_draft())
        self.restored_from: str | None = None
        self.save_button = ft.FilledButton("Save reflection", icon=ft.Icons.CHECK, on_click=self.save)
        self.reflect_card = self._build_reflect_card()
        # Two fixed parts, shown in turn: swapping the first-run view for the practice view inside one
        # list made Flet draw the reflection box twice.
        self.first_run_view = ft.Column(spacing=16)
        self.practice_view = ft.Column(spacing=16)
        self.control = screen_column([self.first_run_view, self.practice_view])

    def refresh(self) -> None:
        overview = self.services.overview.today()
        self.offer_draft()
        # A reflection belongs to the day whose card it was typed under, even if the day turns meanwhile.
        if self.day is None or not (self.reflection.value or "").strip():
            self.day = overview.card.date
        self.carried_over = self.day != overview.card.date
        first_run = not self.services.values.list(include_archived=True)
        self.first_run_view.visible, self.practice_view.visible = first_run, not first_run
        if first_run:
            self.first_run_view.controls = [self._first_run()]
            return
        self.practice_view.controls = [
            self._card(overview),
            self._reflect_box(overview),
            self._repairs(overview),
            self._feedback(overview),
            self._looking_back(overview),
        ]

    # First run

    def _first_run(self) -> ft.Control:
        checks = [ft.Checkbox(label=title, value=title in ("Honesty", "Courage", "Kindness")) for title, _ in STARTER_VALUES]

        def start_with_list(_e):
            chosen = [(title, note) for (title, note), box in zip(STARTER_VALUES, checks) if box.value]
            if not chosen:
                self.shared.error("Tick at least one value, or start from scratch.")
                return
            added = self.shared.attempt(self.services.values.add_many, chosen)
            if added:
                self.shared.toast(f"Added {plural(len(added), 'value')}. Reorder them on the Values screen.")
                self.shared.changed()
                self.shared.page.update()

        return tagged(
            "first-run",
            ft.Column(
                [
                    empty_state(
                        ft.Icons.SPA_OUTLINED,
                        "Live one value a day",
                        "Write down the values you want to live by and rank them. Each day valuesapp puts one "
                        "in front of you, and you note how well you lived it.",
                    ),
                    ft.Card(
                        ft.Container(
                            ft.Column(
                                [
                                    section_title("Start from common values"),
                                    ft.Column(checks, spacing=0),
                                    ft.Row(
                                        [
                                            ft.FilledButton("Start with these", icon=ft.Icons.CHECK, on_click=start_with_list),
                                            ft.OutlinedButton("Start from scratch", icon=ft.Icons.EDIT,
                                                              on_click=lambda _e: self.shared.navigate("/values")),
                                        ],
                                        wrap=True,
                                    ),
                                ],
                                spacing=8,
                            ),
                            padding=16,
                        )
                    ),
                ],
                spacing=8,
            ),
        )

    # The card

    def _card(self, overview: TodayOverview) -> ft.Control:
        card = overview.card
        if card.value is None:
            icon = ft.Icons.BEACH_ACCESS if card.paused else ft.Icons.PLAYLIST_ADD
            body = empty_state(
                icon,
                "Paused today" if card.paused else "No value to pick",
                card.reason if card.paused else "All your values are archived. Add or restore one on the Values screen.",
                ft.FilledButton("Open values", on_click=lambda _e: self.shared.navigate("/values")),
            )
            return tagged("today-card", ft.Card(body))
        value = card.value
        header = ft.Row(
            [
                pill(f"#{value.rank}" if value.rank else "archived"),
                pill(STRATEGY_LABELS.get(card.strategy or "", card.strategy or ""), color=ft.Colors.TERTIARY_CONTAINER,
                     text_color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(card.date.strftime("%A, %d %B %Y"), color=ft.Colors.ON_SURFACE_VARIANT, size=12),
            ],
            wrap=True,
            spacing=8,
            run_spacing=6,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        parts: list[ft.Control] = [
            header,
            ft.Text(value.title, theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600),
        ]
        if value.description:
            parts.append(ft.Text(value.description, theme_style=ft.TextThemeStyle.BODY_LARGE))
        parts += [
            ft.Row(
                [ft.Icon(ft.Icons.INFO_OUTLINE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                 ft.Text(f"Why today: {card.reason}", size=12, color=ft.Colors.ON_SURFACE_VARIANT, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Divider(),
            ft.Row(
                [ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=ft.Colors.PRIMARY),
                 ft.Text(card.prompt or "", italic=True, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Row(
                [ft.Icon(ft.Icons.LOCAL_FIRE_DEPARTMENT, color=ft.Colors.ORANGE_700, size=18),
                 ft.Text(_streak_text(overview.streak), size=13)],
            ),
        ]
        return tagged(
            "today-card",
            ft.Card(ft.Container(ft.Column(parts, spacing=10), padding=20), elevation=2),
        )

    # Reflecting

    def _reflect_box(self, overview: TodayOverview) -> ft.Control:
        """The box keeps its place across refreshes: the field being typed in is never re-parented, so
        Flutter never sees it twice and the person's text and cursor stay put."""
        if overview.card.value is None:
            return ft.Container()
        notes = []
        if self.carried_over:
            notes.append(ft.Text(f"This reflection will be saved for {self.day:%A, %d %B}, the day you began it.",
                                 color=ft.Colors.TERTIARY))
        if self.restored_from:
            notes.append(ft.Text(f"Restored the draft you were writing ({self.restored_from}).", color=ft.Colors.TERTIARY))
        self.reflect_notes.controls = notes
        self.reflected_today.controls = [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.EDIT_NOTE),
                title=ft.Text(r.text, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
                subtitle=stars(r.rating),
                dense=True,
            )
            for r in overview.reflections_today
        ]
        return self.reflect_card

    def _build_reflect_card(self) -> ft.Control:
        self.reflect_notes = ft.Column(spacing=4)
        self.reflected_today = ft.Column(spacing=0)
        return tagged(
            "reflect-box",
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            section_title("Reflect"),
                            self.reflect_notes,
                            self.reflection,
                            ft.Text("How well did I live it?", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                            ft.Row([self.rating, self.save_button], wrap=True,
                                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
                            self.reflected_today,
                        ],
                        spacing=8,
                        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    ),
                    padding=16,
                )
            ),
        )

    def keep_draft(self) -> None:
        """Every keystroke is kept on disk, so a crash, a closed tab or a failed save loses nothing."""
        self.services.drafts.keep(self.reflection.value or "", day=self.day, rating=self.rating.value)

    def offer_draft(self) -> None:
        """After a crash or a close, the unsaved reflection comes back into the box (never over new text)."""
        if (self.reflection.value or "").strip():
            return
        draft = self.services.drafts.pending()
        if draft is None:
            return
        self.reflection.value = draft.text
        self.rating.set(draft.rating)
        self.day = draft.day
        self.restored_from = f"last changed {draft.saved_at.astimezone():%d %b, %H:%M}"

    def save(self, _e=None) -> None:
        saved = self.shared.attempt(
            self.services.journal.reflect, self.reflection.value or "", rating=self.rating.value, day=self.day,
            field=self.reflection,
        )
        if saved is None:
            return
        self.reflection.value = ""
        self.rating.reset()
        self.day = None
        self.restored_from = None
        self.services.drafts.discard()
        self.shared.toast("Reflection saved." + (f" Rated {saved.rating} of 5." if saved.rating else ""))
        self.shared.changed()
        self.shared.page.update()

    # What is waiting

    def _repairs(self, overview: TodayOverview) -> ft.Control:
        repairs = overview.open_repairs
        if not repairs:
            summary = "No repairs owed. Good."
        else:
            overdue = overview.counts.overdue_repairs
            summary = f"{len(repairs)} open · oldest {plural(overview.oldest_repair_age, 'day')}" + (f" · {overdue} overdue" if overdue else "")
        rows = [self._repair_row(r) for r in repairs[:5]]
        return tagged(
            "today-repairs",
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            ft.Row([section_title("Repairs owed"),
                                    ft.TextButton("All repairs", on_click=lambda _e: self.shared.navigate("/repairs"))],
                                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
                            ft.Text(summary, color=ft.Colors.ON_SURFACE_VARIANT),
                            *rows,
                        ],
                        spacing=4,
                    ),
                    padding=16,
                )
            ),
        )

    def _repair_row(self, repair: RepairView) -> ft.Control:
        subtitle = f"{repair.kind} · {plural(repair.age_days, 'day')}"
        if repair.overdue:
            subtitle += f" · overdue since {repair.overdue_since}"
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.WARNING_AMBER if repair.overdue else ft.Icons.HANDSHAKE_OUTLINED,
                            color=ft.Colors.ERROR if repair.overdue else None),
            title=ft.Text(f"{repair.person}: {repair.what}", max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
            subtitle=ft.Text(subtitle),
            trailing=ft.IconButton(ft.Icons.CHECK_CIRCLE_OUTLINE, tooltip=f"Mark repair with {repair.person} done",
                                   on_click=lambda _e, r=repair: self.tick_off(r)),
            dense=True,
        )

    def tick_off(self, repair: RepairView) -> None:
        note = ft.TextField(label="How did it go? (optional)", multiline=True, min_lines=2)

        def done():
            finished = self.shared.attempt(self.services.repairs.done, repair.id, note.value or None)
            if finished is None:
                return
            self.shared.toast(f"Repair with {repair.person} done.", action="Undo",
                              on_action=lambda: self._reopen(repair.id))
            self.shared.changed()
            self.shared.page.update()

        self.shared.confirm(f"Done: {repair.person}", repair.what, "Mark done", done, extra=note)

    def _reopen(self, repair_id: int) -> None:
        self.shared.attempt(self.services.repairs.reopen, repair_id)
        self.shared.changed()
        self.shared.page.update()

    def _feedback(self, overview: TodayOverview) -> ft.Control:
        notes = overview.new_feedback
        parts: list[ft.Control] = [
            ft.Row([section_title("From friends"),
                    ft.TextButton("All feedback", on_click=lambda _e: self.shared.navigate("/feedback"))],
                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
        ]
        if not notes:
            parts.append(ft.Text("No new notes.", color=ft.Colors.ON_SURFACE_VARIANT))
        else:
            newest = notes[0]
            parts += [
                ft.Text(plural(len(notes), "new note"), color=ft.Colors.ON_SURFACE_VARIANT),
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.FORUM_OUTLINED),
                    title=ft.Text(newest.note, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
                    subtitle=ft.Text(f"{newest.friend} · {newest.kind} · {newest.received_on}"),
                    dense=True,
                ),
            ]
        return tagged("today-feedback", ft.Card(ft.Container(ft.Column(parts, spacing=4), padding=16)))

    def _looking_back(self, overview: TodayOverview) -> ft.Control:
        if not overview.month_ago and not overview.year_ago:
            return ft.Container()
        parts: list[ft.Control] = [section_title("On this day")]
        for label, items in (("A year ago", overview.year_ago), ("A month ago", overview.month_ago)):
            for r in items:
                parts.append(
                    ft.ListTile(
                        leading=ft.Icon(ft.Icons.HISTORY),
                        title=ft.Text(r.text, max_lines=4, overflow=ft.TextOverflow.ELLIPSIS),
                        subtitle=ft.Row([ft.Text(f"{label} · {r.value_title or 'no value'}", size=12), stars(r.rating)],
                                        wrap=True),
                        dense=True,
                    )
                )
        return tagged("on-this-day", ft.Card(ft.Container(ft.Column(parts, spacing=4), padding=16)))


def _streak_text(days: int) -> str:
    if days == 0:
        return "Reflect today to start a streak."
    return f"{plural(days, 'day')} reflected in a row"
