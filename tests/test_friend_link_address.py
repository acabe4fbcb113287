"""A friend's link starts with an address a friend's phone can reach, and says plainly when only this computer
can open it: the public name when the app is hosted, this machine's network address when served on the
network, and a warning (and no QR code) when served on 127.0.0.1 alone."""

from __future__ import annotations

import pytest

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.services import link_address
from valuesapp.services.link_address import ONLY_THIS_COMPUTER, friends_address, only_this_computer

HOME = ["127.0.0.1", "fe80::1c2b:3aff:fe4d:5e6f", "192.168.1.20", "2a02:8070::20"]


def test_given_a_public_name_the_link_is_that_name_over_https_wherever_it_listens():
    chosen = friends_address(listen_host="127.0.0.1", port=8550, public_names=["values.example.org"],
                             machine_addresses=HOME)
    assert (chosen.base_url, chosen.only_this_computer, chosen.warning) == ("https://values.example.org", False, None)
    typed = friends_address(listen_host="0.0.0.0", port=8550, public_names=["http://values.lan:8080/"])
    assert typed.base_url == "http://values.lan:8080"


def test_served_on_every_address_the_link_is_this_machines_home_network_address():
    chosen = friends_address(listen_host="0.0.0.0", port=8550, machine_addresses=HOME)
    assert (chosen.base_url, chosen.only_this_computer) == ("http://192.168.1.20:8550", False)
    ipv6_only = friends_address(listen_host="::", port=8550, machine_addresses=["::1", "fe80::1", "2a02:8070::20"])
    assert ipv6_only.base_url == "http://[2a02:8070::20]:8550"
    public_before_private = friends_address(listen_host="0.0.0.0", port=80, machine_addresses=["93.184.216.34", "10.0.0.7"])
    assert public_before_private.base_url == "http://10.0.0.7"


def test_served_on_127_0_0_1_only_this_computer_can_open_it_and_it_says_so():
    chosen = friends_address(listen_host="127.0.0.1", port=8550, machine_addresses=HOME)
    assert (chosen.base_url, chosen.only_this_computer) == ("http://127.0.0.1:8550", True)
    assert chosen.warning == ONLY_THIS_COMPUTER and "Only this computer can open this link" in chosen.warning
    assert "valuesapp serve --host 0.0.0.0" in chosen.warning
    assert friends_address(listen_host=None, port=8550).only_this_computer  # the desktop window: not served
    no_network = friends_address(listen_host="0.0.0.0", port=8550, machine_addresses=["127.0.0.1", "fe80::1"])
    assert no_network.only_this_computer


def test_a_specific_listening_address_is_the_links_address():
    assert friends_address(listen_host="192.168.1.20", port=9000).base_url == "http://192.168.1.20:9000"


@pytest.mark.parametrize("url, here", [
    ("http://127.0.0.1:8550", True), ("http://localhost:8550/", True), ("http://[::1]:8550", True),
    ("http://127.1.2.3", True), ("http://app.localhost", True),
    ("http://192.168.1.20:8550", False), ("https://values.example.org", False), ("not a url", False),
])
def test_whether_an_address_leads_only_to_this_computer(url, here):
    assert only_this_computer(url) is here


def test_the_cli_default_link_warns_on_stderr_when_only_this_computer_can_open_it(cli, monkeypatch):  # noqa: F811
    monkeypatch.delenv("VALUESAPP_PUBLIC_NAME", raising=False)
    outcome = cli.run("links", "create", "Maya")
    assert outcome.code == 0 and outcome.out.startswith("http://127.0.0.1:8550/f/")
    assert f"Warning: {ONLY_THIS_COMPUTER}" in outcome.err


def test_the_cli_default_link_uses_the_network_address_or_the_public_name_without_a_warning(cli, monkeypatch):  # noqa: F811
    monkeypatch.delenv("VALUESAPP_PUBLIC_NAME", raising=False)
    monkeypatch.setattr(link_address, "this_machines_addresses", lambda: HOME)
    served = cli.run("links", "create", "Maya", "--host", "0.0.0.0")
    assert served.out.startswith("http://192.168.1.20:8550/f/") and "Warning" not in served.err
    monkeypatch.setenv("VALUESAPP_PUBLIC_NAME", "values.example.org")
    hosted = cli.run("links", "create", "Sam")
    assert hosted.out.startswith("https://values.example.org/f/") and "Warning" not in hosted.err
    typed = cli.run("links", "create", "Bo", "--base-url", "http://localhost:8550")
    assert typed.out.startswith("http://localhost:8550/f/") and "Only this computer" in typed.err


def test_the_served_app_remembers_how_it_is_served_for_the_links_screen(app):
    assert app.links.friends_address().only_this_computer  # not served: only this computer
    app.links.served_at("127.0.0.1", 8551, ["values.example.org"])
    assert app.links.friends_address().base_url == "https://values.example.org"
