"""The Review screen, as a person looks back on a lived week on Sunday evening and rewrites the list.

The week is lived beforehand on the services themselves (a fixed clock, the same store file), then the
app is served on a test clock that Sunday at 20:00 in Berlin; Today offers the review, the phone sets next
week's question and adds the missing value, the desktop rewords one with the Values screen's dialog, and on
Monday every card asks the question.
"""

import json
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.pages import Server, identified, open_app, resize, sees, shot, type_into
from tests.test_reviews import at, live_a_week
from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 3, 2)
SUNDAY_EVENING = datetime(2026, 3, 8, 20, 0, tzinfo=BERLIN)


@pytest.fixture
def server(tmp_path):
    db = tmp_path / "values.db"
    store = open_store(str(db))
    clock = FixedClock(at(MONDAY, 9))
    app = build_services(store, clock=clock, rng=random.Random(3), system_timezone="Europe/Berlin")
    app.settings.set("timezone", "Europe/Berlin")
    for title in ("Honesty", "Courage", "Patience"):
        app.values.add(title)
    live_a_week(app, clock, MONDAY, [2, 3, None, 2, 1, 2, 3])
    app.feedback.add("Ana", "You never make it up after a row", kind="concern")
    app.feedback.add("Ben", "When you hurt someone you move on", kind="concern")
    store.close()
    s = Server(db=db, clock=SUNDAY_EVENING)
    s.start()
    yield s
    s.stop()


def test_a_sunday_review_on_a_phone_and_a_desktop_sets_a_question_adds_a_value_and_saves(browser, server):
    page = open_app(browser, server.url, "phone", path="today")
    page.get_by_role("button", name="Your review is ready").click()
    identified(page, "review-grid").wait_for()
    sees(page, "Week of 2 March to 8 March 2026")
    shot(page, "review-week-phone")
    resize(page, 360, 740)
    identified(page, "review-grid").scroll_into_view_if_needed()
    sees(page, "rated 2")
    shot(page, "review-grid-360")
    resize(page, 412, 915)

    type_into(page, "Question for the week of 9 March", "Whom do I owe a call?")
    page.get_by_role("button", name="Save question").click()
    sees(page, "Saved the question for the week of 9 March.")
    week = json.loads(server.cli("review", "week", "--date", "2026-03-08", "--json"))
    assert week["question"] == "Whom do I owe a call?"

    identified(page, "review-gaps").scroll_into_view_if_needed()
    sees(page, "Is a value missing?")
    sees(page, "You never make it up after a row")
    type_into(page, "New value", "Repairing harm")
    page.get_by_role("button", name="Add value").click()
    sees(page, "Added Repairing harm at rank 4.")
    type_into(page, "Note for this review", "Two friends said the same thing.")
    page.get_by_role("button", name="Save review").click()
    sees(page, "Values review saved (4 changes to the list).")  # the three first values, and the one added
    shot(page, "review-saved-phone")
    (saved,) = json.loads(server.cli("reviews", "--json"))
    assert saved["note"] == "Two friends said the same thing." and saved["changes"][-1].startswith("Added 'Repairing harm'")

    server.cli("settings", "set", "theme", "dark")
    desk = open_app(browser, server.url, "desktop", path="review")
    identified(desk, "review-list").wait_for()
    shot(desk, "review-desktop-dark")
    desk.get_by_role("button", name="Reword Courage").click()
    type_into(desk, "Title", "Courage to speak")
    desk.get_by_role("button", name="Save changes").click()
    sees(desk, "Saved Courage to speak.")
    shot(desk, "review-reworded-desktop")
    titles = [v["title"] for v in json.loads(server.cli("values", "list", "--json"))]
    assert titles == ["Honesty", "Courage to speak", "Patience", "Repairing harm"]

    server.move_clock(datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN))  # Monday: the new week's card asks it
    monday = open_app(browser, server.url, "phone", path="today")
    sees(monday, "This week: Whom do I owe a call?", timeout=30_000)
    shot(monday, "review-question-on-card-phone")
