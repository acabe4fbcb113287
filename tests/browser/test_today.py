"""Today, as a person first meets it and then uses it each morning."""

from tests.browser.pages import identified, into_view, new_page, open_app, sees, shot, switch_on_semantics, type_into


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
    into_view(page, page.get_by_role("button", name="Save reflection")).click()  # below the fold on a laptop
    sees(page, "The reflection cannot be empty.")
    box = page.get_by_role("textbox", name="Reflection")
    type_into(page, box, "Owned the missed deadline in standup.")
    page.get_by_role("button", name="Rate 4 of 5").click()
    page.get_by_role("button", name="Save reflection").click()
    sees(page, "Reflection saved. Rated 4 of 5.")
    sees(page, "Owned the missed deadline in standup.")
    shot(page, "today-reflected-desktop")
    assert "Owned the missed deadline" in server.cli("journal")


def flutter_frames(page, ms: int) -> int:
    """Frames Flutter drew in ``ms``: counted by wrapping requestAnimationFrame before Flutter loads."""
    before = page.evaluate("window.__flutterFrames")
    page.wait_for_timeout(ms)
    return page.evaluate("window.__flutterFrames") - before


def test_a_card_in_emoji_and_chinese_is_drawn_once_and_then_the_phone_rests(browser, server):
    server.cli("values", "add", "Patience 🙏", "--note", "耐心: give people the time they need ✨")
    page = new_page(browser, "phone")
    page.add_init_script("""
        window.__flutterFrames = 0;
        const requestFrame = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (callback) => requestFrame((t) => { window.__flutterFrames++; callback(t); });
    """)
    page.goto(server.url, wait_until="commit", timeout=60_000)
    switch_on_semantics(page)
    identified(page, "today-card").wait_for()
    page.wait_for_timeout(3000)  # the fallback fonts arrive (blank ones here: the server is offline)
    # Before the server answered every font request, Flutter retried the missing emoji and CJK fonts on
    # every frame, forever: about 15 frames a second at full CPU, on a phone, for as long as it was open.
    assert flutter_frames(page, 3000) <= 3
    shot(page, "today-emoji-phone")
