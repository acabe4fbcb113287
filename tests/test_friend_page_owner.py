"""The friend's page says whose values these are: the owner's display name (a setting), escaped, since it
is the owner's own text shown to outsiders; with no name set, a neutral sentence that names nobody."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.app import ASSETS
from valuesapp.core.errors import UserError
from valuesapp.web.server import build_web_app


def page_of(app, clock, path: str):
    web = build_web_app(app, lambda page: None, assets_dir=ASSETS, gated=False, clock=clock)
    with TestClient(web, base_url="http://localhost:8550", follow_redirects=False) as client:
        return client.get(path)


def test_given_a_display_name_set_from_the_cli_the_friends_page_names_the_owner(cli, app, clock):  # noqa: F811
    cli.ok("settings", "set", "display_name", "  Robin  ")
    assert app.settings.get().display_name == "Robin"
    link = app.links.create("Maya").token
    page = page_of(app, clock, f"/f/{link}")
    assert "Robin asked you for honest feedback on the values they live by" in page.text
    thanks = page_of(app, clock, f"/f/{link}?sent=1")
    assert "Your note was delivered to Robin." in thanks.text


def test_without_a_name_the_page_names_nobody_and_does_not_pretend(app, clock):
    link = app.links.create("Maya").token
    text = page_of(app, clock, f"/f/{link}").text
    assert "The person who sent you this link asked you for honest feedback" in text
    assert "Your friend asked" not in text
    assert "Your note was delivered." in page_of(app, clock, f"/f/{link}?sent=1").text


def test_the_owners_name_is_escaped_on_the_friends_page(app, clock):
    app.settings.set("display_name", "<script>alert(1)</script> & \"Robin\"")
    link = app.links.create("Maya").token
    text = page_of(app, clock, f"/f/{link}").text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Robin&quot; asked you" in text


def test_a_display_name_of_two_lines_is_refused_beside_its_label(cli, app):  # noqa: F811
    outcome = cli.run("settings", "set", "display_name", "Robin\nand more")
    assert outcome.code == 2 and "Your name: 'Robin\\nand more' is not a name of one line" in outcome.err
    with pytest.raises(UserError) as refused:
        app.settings.set("display_name", "x" * 201)
    assert refused.value.field == "display_name"
    assert app.settings.get().display_name == ""
    cli.ok("settings", "set", "display_name", "Robin")
    cli.ok("settings", "set", "display_name", "")  # cleared: the page names nobody again
    assert app.settings.get().display_name == ""
