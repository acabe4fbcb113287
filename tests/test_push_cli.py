"""``valuesapp push list|test|remove``: the owner sees which phones get reminders and how the last push
went, checks that every one is reached, and stops one, with the test's own push service."""

from __future__ import annotations

import pytest

from tests.push_fixtures import Subscriber, push_service, quick  # noqa: F401 - fixture
from tests.test_cli import cli  # noqa: F401 - fixture: the CLI on a fresh store and a fixed clock

ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture
def phones(cli, push_service):  # noqa: F811
    quick(cli.services)
    made = {}
    for name, agent in (("pixel", ANDROID), ("laptop", FIREFOX)):
        phone = Subscriber(push_service.endpoint(name))
        made[name] = (phone, cli.services.push.subscribe(phone.subscription(), user_agent=agent))
    return made


def test_with_no_device_each_command_says_so(cli):  # noqa: F811
    assert "No device gets reminders yet" in cli.ok("push", "list")
    assert cli.json("push", "list") == []
    tested = cli.run("push", "test")
    assert tested.code == 1 and "No device gets reminders yet" in tested.out  # nothing was reached


def test_list_shows_each_device_its_push_service_and_how_the_last_push_went(cli, phones, push_service):  # noqa: F811
    lines = cli.ok("push", "list").splitlines()
    assert len(lines) == 2 and "Chrome on Android via 127.0.0.1" in lines[0] and "last sent never" in lines[0]
    assert "Firefox on Linux" in lines[1]
    cli.ok("push", "test")
    listed = cli.json("push", "list")
    assert [(d["id"], d["label"], d["push_service"], d["last_result"]) for d in listed] == [
        (phones["pixel"][1], "Chrome on Android", "127.0.0.1", "accepted (201)"),
        (phones["laptop"][1], "Firefox on Linux", "127.0.0.1", "accepted (201)"),
    ]
    assert listed[0]["added"].endswith("+00:00") and listed[0]["last_sent"] is not None
    assert "endpoint" not in listed[0] and "p256dh" not in str(listed)  # never the subscription's secrets


def test_test_sends_each_device_a_notification_and_exits_0_when_every_one_was_accepted(cli, phones, push_service):  # noqa: F811
    outcome = cli.run("push", "test")
    assert outcome.code == 0
    assert outcome.out.splitlines() == [f"{phones['pixel'][1]:>4}  Chrome on Android via 127.0.0.1: accepted (201)",
                                        f"{phones['laptop'][1]:>4}  Firefox on Linux via 127.0.0.1: accepted (201)"]
    for name, (phone, _) in phones.items():
        [push] = push_service.to(name)
        assert phone.decrypt(push)["body"] == "Reminders reach this device."


def test_test_exits_1_when_a_device_was_not_reached_and_drops_one_that_is_gone(cli, phones, push_service):  # noqa: F811
    push_service.answer("pixel", 500, 500, 500)
    push_service.answer("laptop", 410)
    outcome = cli.run("push", "test")
    assert outcome.code == 1
    assert outcome.out.splitlines()[0].endswith("failed (500) after 3 tries")
    assert outcome.out.splitlines()[1].endswith("gone (410): the device was removed")
    assert [d["id"] for d in cli.json("push", "list")] == [phones["pixel"][1]]


def test_remove_stops_a_device_and_an_unknown_id_is_one_line_with_exit_2(cli, phones, push_service):  # noqa: F811
    pixel = phones["pixel"][1]
    outcome = cli.run("push", "remove", str(pixel))
    assert outcome.code == 0 and f"Device {pixel} no longer gets reminders." in outcome.err
    assert [d["id"] for d in cli.json("push", "list")] == [phones["laptop"][1]]
    cli.ok("push", "test")
    assert push_service.to("pixel") == []
    again = cli.run("push", "remove", str(pixel))
    assert again.code == 2 and again.err.strip().count("\n") == 0 and "no device with id" in again.err
    assert cli.run("push", "remove", "pixel").code == 2
