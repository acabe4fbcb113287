"""Journal: every reflection, newest first, and what they add up to.

Above, a calendar of reflected days coloured by rating (tap a day to read it). Then two views: the
reflections themselves (search, filter by value and dates, edit, delete with undo; the next page loads as
the end of the list scrolls into view, or with "Show more") and "By value" (how often each value came up, how well it was lived, its trend and its timeline).
Filters are applied only once they are valid, so a half-typed date never empties the list, and what
was typed stays in the field next to its message. What the list and its messages say is decided by
``presenters.journal``; this module draws it and forwards taps. Each reflection is kept on the page while it
says the same (``ui.kept``): a refresh with nothing new sends nothing, a new reflection sends only itself.
"""

from __future__ import annotations

from datetime import date, datetime

import flet as ft

from valuesapp.core.limits import NOTE_MAX, RATING_MAX, RATING_MIN
from valuesapp.services.views import ReflectionView
from valuesapp.ui.heatmap import Heatmap
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import journal as presenter
from valuesapp.ui.presenters.journal import ALL_VALUES, BY_VALUE, ENTRIES, PAGE_SIZE, Entry, Filters
from valuesapp.ui.shared import Shared, empty_state, place, screen_list, tagged
from valuesapp.ui.value_insights import ValueInsights
from valuesapp.ui.widgets import RatingPicker, hover_tip, named, pill, stars


def icon_action(icon: ft.IconData, label: str, on_click, *, icon_size: float | None = None) -> ft.Control:
    """An icon button named by its icon's label (a tooltip alone gives a button no name, and a named wrapper
    around it made two focusable nodes, read twice); 48 px square, a finger's size."""
    return ft.IconButton(ft.Icon(icon, semantics_label=label, size=icon_size), tooltip=hover_tip(label), width=48, height=48,
                         on_click=on_click)


def clear_error(e) -> None:
    """A message about what was typed goes away as soon as the person changes it."""
    if e.control.error:
        e.control.error = None
        e.control.update()


NEAR_THE_END = 800  # px of list left below the screen when the next page is loaded
SCROLL_INTERVAL_MS = 150


class JournalScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.filters = Filters()
        self.options = (presenter.ALL_VALUES_OPTION,)
        self.shown = PAGE_SIZE
        self.section = ENTRIES
        self.heatmap = Heatmap(on_pick=self.pick_day, width_guess=self._content_width())
        self.by_value = ValueInsights(shared)
        self._build_filters()
        self.segments = ft.SegmentedButton(
            segments=[
                # Words only: with an icon in every segment Flutter keeps them 40 px tall, under a finger's 48.
                ft.Segment(ENTRIES, label="Reflections"),
                ft.Segment(BY_VALUE, label="By value"),
            ],
            selected=[ENTRIES],
            on_change=self.switch_section,
        )
        # The screen's parts, and the rows below the filters: reflections kept while they say the same.
        self.rows: list[ft.Control] = []
        self.kept_entries: Kept[ft.Control] = Kept("reflection")
        self.kept_no_match: Kept[ft.Control] = Kept("journal-no-matches")
        self.more = False  # another page waits below the last reflection shown
        self.kept_more: Kept[ft.Control] = Kept("journal-more")  # a fresh button each time it comes back
        self.empty: ft.Control | None = None
        self.segments_row = ft.Container(self.segments, padding=ft.Padding.symmetric(horizontal=4))  # line up with the cards
        self.review = ft.Row([ft.OutlinedButton("Weekly and values review", icon=ft.Icons.RATE_REVIEW_OUTLINED, height=48,
                                                on_click=lambda _e: shared.navigate("/review"))])  # the Review screen's door
        # Each reflection is a row of the screen's own list, so only those on the screen are drawn.
        self.control = screen_list(spacing=12)
        # Infinite scroll: nearing the end of the list loads the next page (the button does the same by hand).
        self.control.on_scroll, self.control.scroll_interval = self._scrolled, SCROLL_INTERVAL_MS

    def _content_width(self) -> float:
        """A first guess at the heatmap's width; it corrects itself once laid out."""
        width = self.shared.page.width or 1000
        frame = width - 32 if self.shared.narrow else min(820, width - 130)
        return frame - 32

    def _build_filters(self) -> None:
        self.search = ft.TextField(label="Search reflections", prefix_icon=ft.Icons.SEARCH,
                                   on_change=self.apply_filters, on_submit=self.apply_filters)
        self.value_filter = ft.Dropdown(label="Value", value=ALL_VALUES, on_select=self.apply_filters,
                                        expand=True,
                                        options=[ft.DropdownOption(key=o.key, text=o.text) for o in self.options])
        self.since = self._date_field("From", "Choose the first day")
        self.until = self._date_field("To", "Choose the last day")
        self.clear_button = ft.TextButton("Clear filters", icon=ft.Icons.FILTER_ALT_OFF, on_click=self.clear_filters)
        self.status = ft.Text(size=13, color=ft.Colors.ON_SURFACE_VARIANT)
        fields = ft.ResponsiveRow(
            [
                named(ft.Row([self.value_filter]), "Value", col={"xs": 12, "md": 4}),  # a Row lets the menu take the full width
                self.since,
                self.until,
            ],
            spacing=8,
            run_spacing=8,
        )
        footer = ft.Row([self.status, self.clear_button], alignment=ft.MainAxisAlignment.SPACE_BETWEEN, wrap=True)
        # Built once and kept: the fields keep their text, focus and messages while the list below changes.
        self.filters_card = tagged("journal-filters", ft.Card(ft.Container(
            ft.Column([self.search, fields, footer], spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=12)))

    def _date_field(self, label: str, pick_label: str) -> ft.TextField:
        box = ft.TextField(label=label, hint_text="YYYY-MM-DD", col={"xs": 6, "md": 4}, text_size=15,
                           keyboard_type=ft.KeyboardType.DATETIME, error_max_lines=3,
                           content_padding=ft.Padding.only(left=12, top=14, bottom=14),
                           on_submit=self.apply_filters, on_blur=self.apply_filters, on_change=clear_error)
        # A compact calendar button leaves room for a whole date in a half-width field on a 360 px phone.
        box.suffix_icon = icon_action(ft.Icons.CALENDAR_MONTH, pick_label, lambda _e: self.open_calendar(box),
                                      icon_size=20)
        return box

    # Drawing

    def refresh(self) -> None:
        has_any = bool(self.services.journal.list(limit=1))
        if not has_any:
            self.empty = self.empty or self._empty_journal()
            place(self.control, [self.review, self.empty])
            return
        self._load_value_options()
        today = self._today()
        since, until = Heatmap.span(today)
        self.heatmap.show(self.services.journal.reflected_days(since, until), today,
                          first_use=self.services.journal.first_day(not_before=since), dark=self.shared.dark)
        self._draw_section()

    def _today(self) -> date:
        return self.services.practice.today()

    def _empty_journal(self) -> ft.Control:
        return tagged(
            "journal-empty",
            empty_state(
                ft.Icons.AUTO_STORIES_OUTLINED,
                "No reflections yet",
                "Your journal fills up as you reflect. On Today, write a few lines about how you lived the day's "
                f"value and rate it from {RATING_MIN} to {RATING_MAX}; every reflection shows up here, newest first.",
                ft.FilledButton("Reflect on Today", icon=ft.Icons.EDIT,
                                on_click=lambda _e: self.shared.navigate("/today")),
            ),
        )

    def _load_value_options(self) -> None:
        values = self.services.values.list(include_archived=True)
        options = presenter.value_options(values)
        if options != self.options:  # sent again only when a value was added, renamed or snipped
            self.options = options
            self.value_filter.options = [ft.DropdownOption(key=o.key, text=o.text) for o in self.options]
        self.filters = presenter.keep_known_value(self.filters, values)
        self.value_filter.value = presenter.chosen_option(self.filters)

    def _draw_section(self) -> None:
        self.segments.selected = [self.section]
        if self.section == BY_VALUE:
            self.by_value.refresh()
            section = [self.by_value.control]
        else:
            found = self.services.journal.list(**self.filters.query(), limit=self.shown + 1)
            shown = presenter.present_entries(found, shown=self.shown, filters=self.filters,
                                              value_title=presenter.value_title(self.options, self.filters.value_id))
            self.clear_button.visible = shown.clear_shown
            self.status.value = shown.status
            self.more = shown.more
            self.rows = self._entries(shown)
            section = [self.filters_card, *self.rows]
        place(self.control, [self.review, self.heatmap.control, self.segments_row, *section])

    def _entries(self, shown: presenter.Entries) -> list[ft.Control]:
        """The rows, kept by reflection while they say the same; a new one is the only one sent."""
        no_match = [] if shown.no_match is None else [(0, shown.no_match)]
        controls = self.kept_no_match.rows(no_match, self._no_matches)
        controls += self.kept_entries.rows([(e.reflection.id, e) for e in shown.entries], self._entry)
        controls += self.kept_more.rows([(0, True)] if shown.more else [], lambda _more: ft.OutlinedButton(
            "Show more", icon=ft.Icons.EXPAND_MORE, on_click=self.show_more))
        return controls

    def _no_matches(self, message: str) -> ft.Control:
        return tagged(
            "journal-no-matches",
            empty_state(
                ft.Icons.SEARCH_OFF,
                "No reflections match",
                message,
                ft.FilledButton("Clear filters", icon=ft.Icons.FILTER_ALT_OFF, on_click=self.clear_filters),
            ),
        )

    def _entry(self, e: Entry) -> ft.Control:
        r = e.reflection
        header = ft.Row(
            [ft.Text(e.when, weight=ft.FontWeight.W_600), pill(e.value), stars(r.rating)],
            wrap=True, spacing=8, run_spacing=4, vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        actions = ft.Row(
            [icon_action(ft.Icons.EDIT_OUTLINED, e.edit_label, lambda _e: self.edit(r)),
             icon_action(ft.Icons.DELETE_OUTLINE, e.delete_label, lambda _e: self.delete(r))],
            spacing=0, tight=True,
        )
        top = ft.Row([ft.Container(header, expand=True), actions], vertical_alignment=ft.CrossAxisAlignment.START)
        body = ft.Column([top, ft.Text(r.text)], spacing=2)
        return tagged(f"reflection-{r.id}",
                      ft.Card(ft.Container(body, padding=ft.Padding.only(left=16, right=8, top=6, bottom=14))))

    # Events

    def update(self) -> None:
        self.control.update()

    def switch_section(self, e) -> None:
        self.section = (e.control.selected or [ENTRIES])[0]
        self._draw_section()
        self.update()

    def apply_filters(self, _e=None) -> None:
        """Read the filter fields; apply them only when they make sense, else say why beside the field."""
        reading = presenter.read_filters(since=self.since.value or "", until=self.until.value or "",
                                         value=self.value_filter.value, search=self.search.value or "")
        self.since.error, self.until.error = reading.since_error, reading.until_error
        if reading.filters is None:
            self.update()
            return
        if reading.filters != self.filters:
            self.filters, self.shown = reading.filters, PAGE_SIZE
        self._draw_section()
        self.update()

    def clear_filters(self, _e=None) -> None:
        for box in (self.search, self.since, self.until):
            box.value, box.error = "", None
        self.value_filter.value = ALL_VALUES
        self.filters, self.shown = Filters(), PAGE_SIZE
        self._draw_section()
        self.update()

    def show_more(self, _e=None) -> None:
        self.shown += PAGE_SIZE
        self._draw_section()
        self.update()

    def _scrolled(self, e: ft.OnScrollEvent) -> None:
        if self.section == ENTRIES and self.more and e.max_scroll_extent - e.pixels < NEAR_THE_END:
            self.more = False  # one page per approach to the end, however many scroll events arrive meanwhile
            self.show_more()

    def pick_day(self, day: date) -> None:
        """A tap on the calendar: read that day's reflections."""
        self.since.value = self.until.value = day.isoformat()
        self.section = ENTRIES
        self.apply_filters()

    def open_calendar(self, box: ft.TextField) -> None:
        today = self._today()
        typed = presenter.read_day(box.value or "")
        box.error = typed.error
        if typed.error:
            box.update()
        current = typed.day or today

        def chosen(e) -> None:
            picked = e.control.value
            if picked is not None:
                box.value = (picked.date() if isinstance(picked, datetime) else picked).isoformat()
                self.apply_filters()

        def at(day: date) -> datetime:
            return datetime(day.year, day.month, day.day)

        self.shared.page.show_dialog(ft.DatePicker(
            value=at(current), current_date=at(today), first_date=datetime(2000, 1, 1), last_date=at(today),
            on_change=chosen,
        ))

    # Editing and deleting

    def edit(self, r: ReflectionView) -> None:
        def typed(e) -> None:
            clear_error(e)
            text.counter = presenter.counter(text.value or "")
            text.update()

        text = ft.TextField(label="Reflection", value=r.text, multiline=True, min_lines=3, max_lines=10,
                            max_length=NOTE_MAX, counter=presenter.counter(r.text), on_change=typed)
        rating = RatingPicker(value=r.rating)

        def save(_e) -> None:
            saved = self.shared.attempt(self.services.journal.edit, r.id, text=text.value or "",
                                        rating=rating.value, field=text)
            if saved is None:
                return
            self.shared.page.pop_dialog()
            self.shared.toast("Reflection updated.")
            self._changed()

        self.shared.page.show_dialog(ft.AlertDialog(
            modal=True,
            title=ft.Text(presenter.edit_title(r)),
            content=ft.Column([ft.Text(r.value_title or "No value", color=ft.Colors.ON_SURFACE_VARIANT), text,
                               ft.Text("How well did I live it?", size=13), rating], tight=True, spacing=10, width=480,
                              horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            actions=[ft.TextButton("Cancel", on_click=lambda _e: self.shared.page.pop_dialog()),
                     ft.FilledButton("Save changes", icon=ft.Icons.CHECK, on_click=save)],
        ))

    def delete(self, r: ReflectionView) -> None:
        """No question first: the snackbar's Undo puts it back exactly, under its old id."""
        deleted = self.shared.attempt(self.services.journal.delete, r.id)
        if deleted is None:
            return
        self._changed()  # the card goes first, then the snackbar says so
        self.shared.toast(presenter.deleted(r), action="Undo",
                          on_action=lambda: self.undo_delete(deleted))

    def undo_delete(self, deleted: ReflectionView) -> None:
        if self.shared.attempt(self.services.journal.restore, deleted) is not None:
            self._changed()
            self.shared.toast("Reflection restored.")

    def _changed(self) -> None:
        """Redraw here and tell the other screens (Today shows today's reflections and the streak)."""
        self.refresh()
        self.shared.changed()
        self.shared.page.update()

