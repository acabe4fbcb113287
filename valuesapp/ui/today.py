"""Today: the day's value as a card, a question to live it by, and a place to reflect.

Below it, what is waiting: repairs owed (overdue first, tick one off in place), new notes from friends,
the streak, and what was written on this day a month and a year ago. A reflection saved today can be
edited in place. With no values yet, it explains the practice and offers a starting list, its two
choices above the list so that a small phone shows them without scrolling; once the practice begins,
Today opens at its top, on the day's value. What each part says is decided by ``presenters.today``;
this module draws it and forwards taps. Each part is kept while what the presenter says for it is the same
(``ui.kept``), so a refresh with nothing new sends nothing, and a change sends only the part it changed.
"""

from __future__ import annotations

import flet as ft

from valuesapp.core.limits import NOTE_MAX
from valuesapp.services.views import RepairView
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import today as presenter
from valuesapp.ui.presenters.today import Box, Card, FromFriends, NoCard, Remembered, RepairLine, Repairs, TodayView
from valuesapp.ui.settings_push import reminders_offer, reminders_wanted
from valuesapp.ui.shared import Shared, empty_state, place, screen_column, screen_list, section_title, tagged
from valuesapp.ui.today_edit import ReflectionEditor
from valuesapp.ui.widgets import RatingPicker, icon_button, pill, stars


class TodayScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.day = None
        self.reflection = ft.TextField(
            label="Reflection",
            hint_text="What happened with this value today?",
            multiline=True,
            min_lines=3,
            max_lines=8,
            max_length=NOTE_MAX,
            counter=presenter.counter(""),
            error_max_lines=4,
            on_change=lambda _e: self.typed(),
        )
        self.rating = RatingPicker(on_change=lambda _rating: self.keep_draft())
        self.editor = ReflectionEditor(shared, on_change=self._redraw)
        self.was_first_run = False
        self.restored_from: str | None = None
        self.save_button = ft.FilledButton("Save reflection", icon=ft.Icons.CHECK, on_click=self.save)
        self.reflect_card = self._build_reflect_card()
        # Two fixed parts, shown in turn: swapping the first-run view for the practice view inside one
        # list made Flet draw the reflection box twice. The practice's parts are rows of its own scrolling
        # list, so only those on the screen are drawn (on a phone: the card and the reflection box).
        self.first_run_view = screen_column([])
        self.practice_view = screen_list()
        self.control = ft.Column([self.first_run_view, self.practice_view], expand=True)
        self.kept = {part: Kept(f"today-{part}") for part in
                     ("first-run", "review", "offer", "card", "no-box", "notes", "repairs", "friends", "on-this-day")}

    def refresh(self) -> None:
        overview = self.services.overview.today()
        shown = presenter.present_today(
            overview,
            values_ever=len(self.services.values.list(include_archived=True)),
            box=Box(self.reflection.value or "", self.rating.value, self.day, self.restored_from),
            pending=self.services.drafts.pending(),
            week_question=self.services.reviews.question_on(overview.card.date),  # reviews: the week's question
            review_due=self.services.reviews.due_today(),
            reminders_offer=reminders_wanted(self.shared),  # push-page: Today offers reminders once
        )
        if shown.restored:
            self.reflection.value = shown.box.text
            self.reflection.counter = presenter.counter(shown.box.text)
            self.rating.set(shown.box.rating)
        self.day, self.restored_from = shown.box.day, shown.box.restored_from
        self.first_run_view.visible, self.practice_view.visible = shown.first_run, not shown.first_run
        if shown.first_run:
            self.first_run_view.controls = [self.kept["first-run"].one(shown.starters, lambda _s: self._first_run(shown))]
            self.was_first_run = True
            return
        if self.was_first_run:
            # The practice just began: the day's value is at the top, so Today opens there, wherever the
            # starter list had been scrolled to.
            self.was_first_run = False
            self.shared.page.run_task(self._to_top)
        review = self.kept["review"].rows([("ready", True)] if shown.review_due else [], lambda _d: ft.Row(
            [ft.FilledTonalButton("Your review is ready", icon=ft.Icons.RATE_REVIEW_OUTLINED, height=48,
                                  on_click=lambda _e: self.shared.navigate("/review"))]))
        offer = self.kept["offer"].rows([("push", True)] if shown.reminders_offer else [],  # push-page
                                        lambda _d: reminders_offer(self.shared, self._redraw))
        place(self.practice_view, review + offer + [
            self.kept["card"].one((shown.card, shown.no_card), lambda d: self._card(*d)),
            self._reflect_box(shown),
            self.kept["repairs"].one(shown.repairs, self._repairs),
            self.kept["friends"].one(shown.from_friends, self._from_friends),
            self.kept["on-this-day"].one(shown.on_this_day, self._on_this_day),
        ])

    # First run

    def _first_run(self, shown: TodayView) -> ft.Control:
        checks = [ft.Checkbox(label=s.title, value=s.ticked) for s in shown.starters]

        def start_with_list(_e):
            chosen = presenter.chosen_starters([bool(box.value) for box in checks])
            if not chosen:
                self.shared.error(presenter.NOTHING_TICKED)
                return
            added = self.shared.attempt(self.services.values.add_many, chosen)
            if added:
                self.shared.toast(presenter.starters_added(len(added)))
                self.shared.changed()
                self.shared.page.update()

        # The choice first, then the list it is about: on a 360x740 phone both buttons are on the first screen.
        choice = ft.Row(
            [
                ft.FilledButton("Start with these", icon=ft.Icons.CHECK, on_click=start_with_list, height=48),
                ft.OutlinedButton("Start from scratch", icon=ft.Icons.EDIT, height=48,
                                  on_click=lambda _e: self.shared.navigate("/values")),
            ],
            wrap=True,
            spacing=8,
            run_spacing=8,
        )
        intro = ft.Row(
            [ft.Icon(ft.Icons.SPA_OUTLINED, size=32, color=ft.Colors.PRIMARY),
             ft.Text("Live one value a day", theme_style=ft.TextThemeStyle.TITLE_LARGE, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        return tagged(
            "first-run",
            ft.Column(
                [
                    intro,
                    ft.Text("Write down the values you want to live by and rank them. Each day valuesapp puts one "
                            "in front of you, and you note how well you lived it.",
                            color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Card(
                        ft.Container(
                            ft.Column(
                                [
                                    section_title("Start from common values"),
                                    ft.Text("Tick the ones that are yours; you can change, reorder or snip them "
                                            "later.", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                                    tagged("first-run-choice", choice),
                                    ft.Column(checks, spacing=0),
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

    async def _to_top(self) -> None:
        await self.practice_view.scroll_to(offset=0, duration=0)

    # The card

    def _card(self, card: Card | None, no_card: NoCard | None) -> ft.Control:
        if card is None:
            body = empty_state(
                ft.Icons.BEACH_ACCESS if no_card.paused else ft.Icons.PLAYLIST_ADD,
                no_card.title,
                no_card.text,
                ft.FilledButton("Open values", on_click=lambda _e: self.shared.navigate("/values")),
            )
            return tagged("today-card", ft.Card(body))
        header = ft.Row(
            [
                pill(card.rank),
                pill(card.strategy, color=ft.Colors.TERTIARY_CONTAINER, text_color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(card.date, color=ft.Colors.ON_SURFACE_VARIANT, size=12),
            ],
            wrap=True,
            spacing=8,
            run_spacing=6,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        parts: list[ft.Control] = [
            header,
            tagged("today-value-title",
                   ft.Text(card.title, theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600)),
        ]
        if card.description:
            parts.append(ft.Text(card.description, theme_style=ft.TextThemeStyle.BODY_LARGE))
        parts += [
            ft.Row(
                [ft.Icon(ft.Icons.INFO_OUTLINE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                 ft.Text(card.why, size=12, color=ft.Colors.ON_SURFACE_VARIANT, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Divider(),
            ft.Row(
                [ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=ft.Colors.PRIMARY),
                 ft.Text(card.prompt, italic=True, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Row(
                [ft.Icon(ft.Icons.LOCAL_FIRE_DEPARTMENT, color=ft.Colors.ORANGE_700, size=18),
                 ft.Text(card.streak, size=13)],
            ),
        ]
        if card.question:  # reviews: the question set for this week
            parts.insert(-1, ft.Row([ft.Icon(ft.Icons.HELP_OUTLINE, color=ft.Colors.PRIMARY),
                                     ft.Text(f"This week: {card.question}", expand=True)],
                                    vertical_alignment=ft.CrossAxisAlignment.START))
        return tagged(
            "today-card",
            ft.Card(ft.Container(ft.Column(parts, spacing=10), padding=20), elevation=2),
        )

    # Reflecting

    def _reflect_box(self, shown: TodayView) -> ft.Control:
        """The box keeps its place across refreshes: the field being typed in is never re-parented, so
        Flutter never sees it twice and the person's text and cursor stay put."""
        if shown.reflect is None:
            return self.kept["no-box"].one(None, lambda _n: ft.Container())
        self.reflect_notes.controls = self.kept["notes"].rows(
            enumerate(shown.reflect.notes), lambda note: ft.Text(note, color=ft.Colors.TERTIARY))
        self.reflected_today.controls = self.editor.rows(shown.reflect.reflected_today)
        return self.reflect_card

    def _redraw(self) -> None:
        self.refresh()
        self.shared.page.update()

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

    def typed(self) -> None:
        self.reflection.counter = presenter.counter(self.reflection.value or "")
        self.reflection.update()
        self.keep_draft()

    def keep_draft(self) -> None:
        """Every keystroke is kept on disk, so a crash, a closed tab or a failed save loses nothing."""
        self.services.drafts.keep(self.reflection.value or "", day=self.day, rating=self.rating.value)

    def save(self, _e=None) -> None:
        saved = self.shared.attempt(
            self.services.journal.reflect, self.reflection.value or "", rating=self.rating.value, day=self.day,
            field=self.reflection,
        )
        if saved is None:
            return
        self.reflection.value = ""
        self.reflection.counter = presenter.counter("")
        self.rating.reset()
        self.day = None
        self.restored_from = None
        self.services.drafts.discard()
        self.shared.toast(presenter.reflection_saved(saved.rating))
        self.shared.changed()
        self.shared.page.update()

    # What is waiting

    def _repairs(self, repairs: Repairs) -> ft.Control:
        return tagged(
            "today-repairs",
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            ft.Row([section_title("Repairs owed"),
                                    ft.TextButton("All repairs", on_click=lambda _e: self.shared.navigate("/repairs"))],
                                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
                            ft.Text(repairs.summary, color=ft.Colors.ON_SURFACE_VARIANT),
                            *(self._repair_row(line) for line in repairs.lines),
                        ],
                        spacing=4,
                    ),
                    padding=16,
                )
            ),
        )

    def _repair_row(self, line: RepairLine) -> ft.Control:
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.WARNING_AMBER if line.overdue else ft.Icons.HANDSHAKE_OUTLINED,
                            color=ft.Colors.ERROR if line.overdue else None),
            title=ft.Text(line.title, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
            subtitle=ft.Text(line.subtitle),
            trailing=icon_button(ft.Icons.CHECK_CIRCLE_OUTLINE, line.done_label,
                                 lambda _e, r=line.repair: self.tick_off(r)),
            dense=True,
        )

    def tick_off(self, repair: RepairView) -> None:
        note = ft.TextField(label="How did it go? (optional)", multiline=True, min_lines=2)

        def done():
            finished = self.shared.attempt(self.services.repairs.done, repair.id, note.value or None)
            if finished is None:
                return
            self.shared.toast(presenter.repair_done(repair.person), action="Undo",
                              on_action=lambda: self._reopen(repair.id))
            self.shared.changed()
            self.shared.page.update()

        self.shared.confirm(f"Done: {repair.person}", repair.what, "Mark done", done, extra=note)

    def _reopen(self, repair_id: int) -> None:
        self.shared.attempt(self.services.repairs.reopen, repair_id)
        self.shared.changed()
        self.shared.page.update()

    def _from_friends(self, friends: FromFriends) -> ft.Control:
        parts: list[ft.Control] = [
            ft.Row([section_title("From friends"),
                    ft.TextButton("All feedback", on_click=lambda _e: self.shared.navigate("/feedback"))],
                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
        ]
        if friends.count is None:
            parts.append(ft.Text("No new notes.", color=ft.Colors.ON_SURFACE_VARIANT))
        else:
            parts += [
                ft.Text(friends.count, color=ft.Colors.ON_SURFACE_VARIANT),
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.FORUM_OUTLINED),
                    title=ft.Text(friends.newest_note, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
                    subtitle=ft.Text(friends.newest_about),
                    dense=True,
                ),
            ]
        return tagged("today-feedback", ft.Card(ft.Container(ft.Column(parts, spacing=4), padding=16)))

    def _on_this_day(self, remembered: tuple[Remembered, ...]) -> ft.Control:
        if not remembered:
            return ft.Container()
        parts: list[ft.Control] = [section_title("On this day")]
        for r in remembered:
            parts.append(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.HISTORY),
                    title=ft.Text(r.text, max_lines=4, overflow=ft.TextOverflow.ELLIPSIS),
                    subtitle=ft.Row([ft.Text(r.when, size=12), stars(r.rating)], wrap=True),
                    dense=True,
                )
            )
        return tagged("on-this-day", ft.Card(ft.Container(ft.Column(parts, spacing=4), padding=16)))
