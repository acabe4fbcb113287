"""Today, as a person first meets it and then uses it each morning."""

from tests.browser.pages import identified, open_app, sees, shot, type_into


def test_first_run_offers_common_values_and_then_shows_the_card(browser, server):
    page = open_app(browser, server.url, "phone")
    sees(page, "Live one value a day")
    shot(page, "today-first-run-phone")
    page.get_by_role("button", name="Start with these").click()
    identified(page, "today-card").wait_for()
    sees(page, "Why today:")
    shot(page, "today-card-phone")


def test_a_reflection_with_a_rating_is_saved_and_an_empty_one_is_refused(browser, server):
    server.cli("values", "add", "Hold every word accountable", "--note", "What I say, I stand behind.")
    page = open_app(browser, server.url, "desktop")
    sees(page, "Hold every word accountable")
    page.get_by_role("button", name="Save reflection").click()
    sees(page, "The reflection cannot be empty.")
    box = page.get_by_role("textbox", name="Reflection")
    type_into(page, box, "Owned the missed deadline in standup.")
    page.get_by_label("Rate 4 of 5").click()
    page.get_by_role("button", name="Save reflection").click()
    sees(page, "Reflection saved. Rated 4 of 5.")
    sees(page, "Owned the missed deadline in standup.")
    shot(page, "today-reflected-desktop")
    assert "Owned the missed deadline" in server.cli("journal")
