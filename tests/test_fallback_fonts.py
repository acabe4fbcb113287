"""Emoji and CJK in a person's words: the served app always gets a font for them, and never spins.

Flutter fetches Noto fonts for characters Roboto lacks and retries a failed one on every frame forever,
so the server answers every such request with a font: the real one once it has it, a blank one otherwise.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest
from starlette.testclient import TestClient

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.app import ASSETS
from valuesapp.web.fonts import BLANK, RETRY_AFTER_FAILURE, FallbackFonts, fallback_fonts_from_env
from valuesapp.web.server import build_web_app

EMOJI = "notocoloremoji/v32/Yq6P-KqIXTD0t4D9z1ESnKM3-HpFabsE4tq3luCC7p-aXxcn.7.woff2"
CHINESE = "notosanssc/v37/k3kCo84MPvpLmixcA63oeAL7Iqp5IZJF9bmaG9_FnYkldv7JjxkkgFsFSSOPMOkySAZ73y9ViAt3acb8NexQ2w.117.woff2"
REAL_FONT = b"wOF2" + b"\x00" * 60


class Google:
    """Stands in for fonts.gstatic.com: online or not, counting what it is asked."""

    def __init__(self, online: bool):
        self.online = online
        self.asked: list[str] = []

    def __call__(self, path: str) -> bytes:
        self.asked.append(path)
        if not self.online:
            raise OSError("Temporary failure in name resolution")
        return REAL_FONT


class Ticks:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def services(tmp_path):
    store = open_store(str(tmp_path / "values.db"))
    clock = FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))
    yield build_services(store, clock=clock, rng=random.Random(7), system_timezone="UTC")
    store.close()


def served(services, fonts: FallbackFonts) -> TestClient:
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=False, fonts=fonts,
                        allowed_hosts=["testserver"])
    return TestClient(app, base_url="http://testserver")


def test_an_offline_server_answers_a_blank_font_that_the_browser_asks_for_again_next_visit(services, tmp_path):
    google = Google(online=False)
    with served(services, FallbackFonts(tmp_path / "fonts", google)) as client:
        first = client.get(f"/assets/fonts/{EMOJI}")
        second = client.get(f"/assets/fonts/{CHINESE}")
    for response in (first, second):
        assert response.status_code == 200
        assert response.content == BLANK and BLANK.startswith(b"\x00\x01\x00\x00")  # a TrueType font
        assert response.headers["cache-control"] == "no-store"
    assert google.asked == [EMOJI]  # one failed attempt covers the whole page of requests
    assert not (tmp_path / "fonts").exists()


def test_an_online_server_fetches_a_font_once_and_keeps_it(services, tmp_path):
    google = Google(online=True)
    with served(services, FallbackFonts(tmp_path / "fonts", google)) as client:
        first = client.get(f"/assets/fonts/{EMOJI}")
        again = client.get(f"/assets/fonts/{EMOJI}")
    assert first.content == again.content == REAL_FONT
    assert first.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert google.asked == [EMOJI]
    assert (tmp_path / "fonts" / EMOJI).read_bytes() == REAL_FONT
    assert not list((tmp_path / "fonts").rglob("*.part"))


def test_a_cache_folder_that_cannot_be_written_still_gets_the_font_served(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    google = Google(online=True)
    assert FallbackFonts(blocked, google).get(EMOJI) == (REAL_FONT, True)


def test_after_a_failure_the_server_tries_google_again_only_after_a_while(tmp_path):
    google, ticks = Google(online=False), Ticks()
    fonts = FallbackFonts(tmp_path / "fonts", google, monotonic=ticks)
    assert fonts.get(EMOJI) == (BLANK, False)
    google.online = True
    ticks.now += RETRY_AFTER_FAILURE - 1
    assert fonts.get(EMOJI) == (BLANK, False)
    ticks.now += 2
    assert fonts.get(EMOJI) == (REAL_FONT, True)
    assert google.asked == [EMOJI, EMOJI]


def test_flets_own_roboto_the_font_of_every_text_is_still_served(services, tmp_path):
    google = Google(online=True)
    with served(services, FallbackFonts(tmp_path / "fonts", google)) as client:
        response = client.get("/assets/fonts/roboto.woff2")
    assert response.status_code == 200 and response.content.startswith(b"wOF2")
    assert google.asked == []


@pytest.mark.parametrize("path", ["../../valuesapp.db", "notosans/v37/..%2F..%2Fsecret.woff2", "x/v1/short.woff2",
                                  "notosans/v37/o-0mIpQlx3QUlC5A4PNB6Ryti20_6n1iPHjcz6L1.ttf",
                                  "notosans/latest/o-0mIpQlx3QUlC5A4PNB6Ryti20_6n1iPHjcz6L1.woff2",
                                  "notosans/v37/extra/o-0mIpQlx3QUlC5A4PNB6Ryti20_6n1iPHjcz6L1.woff2"])
def test_only_noto_font_names_are_ever_looked_up(services, tmp_path, path):
    google = Google(online=True)
    with served(services, FallbackFonts(tmp_path / "fonts", google)) as client:
        response = client.get(f"/assets/fonts/{path}")
    assert response.status_code == 404
    assert google.asked == []


def test_valuesapp_fetch_fonts_0_keeps_the_server_offline(tmp_path):
    assert fallback_fonts_from_env(tmp_path, {"VALUESAPP_FETCH_FONTS": "0"}).fetch is None
    assert fallback_fonts_from_env(tmp_path, {}).fetch is not None
    assert FallbackFonts(tmp_path, None).get(EMOJI) == (BLANK, False)
