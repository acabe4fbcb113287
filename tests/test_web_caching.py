"""The app's page opens the second time too: a revisit never gets a policy that forbids the page's own scripts.

A browser that has the page cached asks again with If-None-Match / If-Modified-Since. A 304 keeps the
cached page but takes the 304's headers, so a 304 whose Content-Security-Policy lacks the inline
scripts' hashes leaves the page blank. Every answer for the page must carry the policy the page needs,
signed in or not, for `/` and every screen's address; the client's static files stay cacheable.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
from datetime import datetime, timezone

import pytest
from starlette.testclient import TestClient

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.app import ASSETS
from valuesapp.web.server import build_web_app

PASSPHRASE = "correct horse battery staple"
FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT"


@pytest.fixture(params=[False, True], ids=["no passphrase", "signed in"])
def client(request, tmp_path):
    clock = FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))
    store = open_store(str(tmp_path / "values.db"))
    services = build_services(store, clock=clock, rng=random.Random(7), system_timezone="Europe/Berlin")
    gated = request.param
    if gated:
        services.access.set_passphrase(PASSPHRASE)
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=gated, clock=clock,
                        allowed_hosts=["testserver"])
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        if gated:
            token = re.search(r'name="form_token" value="([^"]+)"', c.get("/login").text).group(1)
            assert c.post("/login", data={"passphrase": PASSPHRASE, "form_token": token}).status_code == 303
        yield c
    store.close()


def allows_its_inline_scripts(policy: str, page: str) -> bool:
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    assert scripts, "the app's page has inline scripts"
    return all(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" in policy
               for s in scripts)


@pytest.mark.parametrize("path", ["/", "/values", "/index.html"])
def test_a_revisit_of_the_apps_page_gets_the_policy_its_scripts_need(client, path):
    first = client.get(path)
    assert first.status_code == 200 and "flutter_bootstrap.js" in first.text
    policy = first.headers["content-security-policy"]
    assert allows_its_inline_scripts(policy, first.text)
    for conditions in [
        {"if-modified-since": FAR_FUTURE},
        {"if-none-match": first.headers.get("etag", '"as-cached-before"')},
        {"if-none-match": first.headers.get("etag", '"as-cached-before"'),
         "if-modified-since": first.headers.get("last-modified", FAR_FUTURE)},
    ]:
        again = client.get(path, headers=conditions)
        assert again.status_code in (200, 304), conditions
        if again.status_code == 304:
            assert again.headers["content-security-policy"] == policy, conditions
        else:
            assert allows_its_inline_scripts(again.headers["content-security-policy"], again.text), conditions


def test_the_page_is_never_stored_and_a_range_of_it_is_the_whole_page(client):
    page = client.get("/")
    assert "no-store" in page.headers["cache-control"]
    assert "etag" not in page.headers and "last-modified" not in page.headers
    part = client.get("/", headers={"range": "bytes=0-99"})
    assert part.status_code == 200 and allows_its_inline_scripts(part.headers["content-security-policy"], part.text)


@pytest.mark.parametrize("path", ["/main.dart.wasm", "/canvaskit/skwasm.wasm", "/main.dart.js", "/canvaskit/canvaskit.wasm", "/icons/Icon-192.png",
                                  "/manifest.json", "/assets/fonts/roboto.woff2"])
def test_the_clients_static_files_are_kept_but_asked_for_each_time(client, path):
    """Their names carry no version: kept by the browser and revalidated (a small 304), so an upgrade shows."""
    first = client.get(path)
    assert first.status_code == 200, path
    assert first.headers["cache-control"] == "no-cache" and first.headers["etag"]
    again = client.get(path, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
