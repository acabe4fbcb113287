"""With a passphrase set, the served app shows nothing before sign-in; a friend's link shows only a note form.

Phone size, as these pages are mostly opened on phones.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.pages import choose, go, identified, new_page, sees, shot, switch_on_semantics, type_into

PASSPHRASE = "a long walk at dawn, every day"


@pytest.fixture
def guarded(server):
    server.cli("values", "add", "Honesty")
    server.cli("passphrase", "set", input=PASSPHRASE + "\n")
    server.restart()  # the gate is decided at start
    return server


def sign_in(page, url: str, passphrase: str) -> None:
    page.goto(url, wait_until="commit", timeout=60_000)
    page.get_by_label("Passphrase").wait_for()
    page.get_by_label("Passphrase").fill(passphrase)
    page.get_by_role("button", name="Sign in").click()


def test_phone_owner_signs_in_sees_today_signs_out_and_is_locked_out(browser, guarded):
    page = new_page(browser, "phone")
    page.goto(guarded.url + "values", wait_until="commit", timeout=60_000)
    page.get_by_label("Passphrase").wait_for()
    assert "/login?next=%2Fvalues" in page.url, "the app's page must not load before sign-in"
    shot(page, "access-01-sign-in-phone")

    page.get_by_label("Passphrase").fill("a wrong passphrase guess")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("That passphrase is not right.").wait_for()
    shot(page, "access-02-wrong-passphrase-phone")

    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(guarded.url + "values", timeout=30_000)
    switch_on_semantics(page)
    sees(page, "Honesty")
    go(page, "Today")
    identified(page, "today-card").wait_for()
    shot(page, "access-03-signed-in-today-phone")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign out?").wait_for(timeout=30_000)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    shot(page, "access-04-signed-out-phone")

    page.goto(guarded.url, wait_until="commit")
    page.get_by_label("Passphrase").wait_for()
    assert "/login" in page.url


def test_phone_friend_leaves_a_note_through_a_link_and_the_owner_sees_it_arrive(browser, guarded):
    made = json.loads(guarded.cli("links", "create", "Maya", "--allow-values", "--base-url", guarded.url, "--json"))
    owner = new_page(browser, "phone")
    sign_in(owner, guarded.url + "feedback", PASSPHRASE)
    switch_on_semantics(owner)
    sees(owner, "No notes from friends yet")

    friend = new_page(browser, "phone")
    friend.goto(made["url"], wait_until="commit", timeout=60_000)
    friend.get_by_role("heading", name="A note from you, Maya").wait_for()
    note = "<b>You interrupt people</b> when you are sure you are right."
    friend.get_by_label("Your note").fill(note)
    friend.get_by_label("What kind of note (optional)").select_option("concern")
    friend.get_by_label("Which of their values it touches (optional)").select_option(label="Honesty")
    shot(friend, "link-01-friend-writes-phone")
    friend.get_by_role("button", name="Send").click()
    friend.get_by_role("heading", name="Thank you, Maya").wait_for()
    shot(friend, "link-02-friend-thanked-phone")
    assert "Honesty" not in friend.content() and "Your values" not in friend.content()

    sees(owner, note)  # arrives in the open Feedback screen, no reload
    sees(owner, "sent through your link")
    shot(owner, "link-03-owner-finds-the-note-phone")

    guarded.cli("links", "revoke", str(made["id"]))
    friend.goto(made["url"], wait_until="commit")
    friend.get_by_role("heading", name="Not found").wait_for()


def test_desktop_owner_makes_a_link_with_a_qr_code_and_revokes_it(browser, server):
    """On this machine's own address no passphrase is needed; links are made from the Feedback screen."""
    page = new_page(browser, "desktop")
    page.goto(server.url + "feedback", wait_until="commit", timeout=60_000)
    switch_on_semantics(page)
    sees(page, "Links for friends")
    type_into(page, "Friend's name", "Sam")
    # Served on 127.0.0.1, only this computer could open it (and no QR code): give the network address.
    type_into(page, "Address friends use", "http://192.168.1.20:8550")
    page.get_by_role("button", name="Make link").click()
    sees(page, "A link for Sam")
    sees(page, "http://192.168.1.20:8550/f/")
    identified(page, "new-link-qr").wait_for()
    shot(page, "link-04-made-with-qr-desktop")
    page.get_by_role("button", name="Done").click()
    sees(page, "open until")
    (listed,) = json.loads(server.cli("links", "list", "--json"))
    assert listed["friend"] == "Sam" and listed["open"]

    page.get_by_role("button", name="More for Sam's link").click()
    choose(page, "Revoke Sam's link")
    page.get_by_role("button", name="Revoke", exact=True).click()
    sees(page, "Sam's link no longer works.")
    (listed,) = json.loads(server.cli("links", "list", "--json"))
    assert listed["revoked"]
