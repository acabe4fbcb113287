"""A phone's first load is light: the client's big files go out compressed, and a reopen costs a few 304s.

Given the served app, when a browser that accepts brotli (or only gzip, or neither) asks for
either build of the client (main.dart.wasm with skwasm, main.dart.js with CanvasKit) or an icon font,
then it gets exactly the file's bytes, compressed as it accepts, with that representation's own ETag;
asked again with that ETag, a 304; a range is a range of the file itself; and neither build asks a CDN
for Flutter's Rive runtime.
"""

from __future__ import annotations

import gzip
import random
import time
from datetime import datetime, timezone
from pathlib import Path

from urllib.parse import urljoin

import brotli
import pytest
from flet_web import get_package_web_dir

from starlette.testclient import TestClient

from valuesapp.app import ASSETS
from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.web.client_files import RIVE_PATHS
from valuesapp.web.server import build_web_app

WEB = Path(get_package_web_dir())
FILES = ["main.dart.wasm", "canvaskit/skwasm.wasm", "main.dart.js", "canvaskit/chromium/canvaskit.wasm",
         "assets/fonts/MaterialIcons-Regular.otf", "flutter_bootstrap.js"]
RIVE_CDN = b"https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compression")
    clock = FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))
    store = open_store(str(tmp / "values.db"))
    services = build_services(store, clock=clock, rng=random.Random(7), system_timezone="UTC")
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=False, clock=clock,
                        allowed_hosts=["testserver"], client_cache=tmp / "client", brotli_quality=4)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        for path in FILES:  # the server compresses in the background: wait until each is ready, as a browser would
            deadline = time.monotonic() + 300
            while c.head("/" + path, headers={"accept-encoding": "br"}).headers.get("content-encoding") != "br":
                assert time.monotonic() < deadline, f"{path} was never served compressed"
                time.sleep(0.2)
        yield c
    store.close()


def served_bytes(path: str) -> bytes:
    data = (WEB / path).read_bytes()
    if path == "main.dart.js":
        return data.replace(b'"' + RIVE_CDN + b'"', b'"rive-native/"')
    if path == "main.dart.wasm":
        return data.replace(RIVE_CDN, b"./" * 27 + b"rive-native/")
    return data


def raw_get(client, path, headers):
    """The answer as it went over the wire (httpx would decode a compressed body)."""
    with client.stream("GET", path, headers=headers) as answer:
        return answer, b"".join(answer.iter_raw())


@pytest.mark.parametrize("path", FILES)
def test_brotli_and_gzip_answers_decode_to_the_files_exact_bytes_and_are_much_smaller(client, path):
    expected = served_bytes(path)
    br, br_body = raw_get(client, "/" + path, {"accept-encoding": "gzip, deflate, br"})
    assert br.status_code == 200 and br.headers["content-encoding"] == "br"
    assert int(br.headers["content-length"]) == len(br_body) and brotli.decompress(br_body) == expected
    gz, gz_body = raw_get(client, "/" + path, {"accept-encoding": "gzip"})
    assert gz.headers["content-encoding"] == "gzip"
    assert int(gz.headers["content-length"]) == len(gz_body) and gzip.decompress(gz_body) == expected
    if len(expected) > 1_000_000:
        assert len(br_body) < len(expected) * 0.5 and len(gz_body) < len(expected) * 0.5
    plain, plain_body = raw_get(client, "/" + path, {"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain_body == expected
    assert int(plain.headers["content-length"]) == len(expected)
    refused, refused_body = raw_get(client, "/" + path, {"accept-encoding": "br;q=0, gzip;q=0"})
    assert "content-encoding" not in refused.headers and refused_body == expected
    for answer in (br, gz, plain):
        assert answer.headers["vary"] == "Accept-Encoding" and answer.headers["cache-control"] == "no-cache"
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert len({br.headers["etag"], gz.headers["etag"], plain.headers["etag"]}) == 3, "an ETag per encoding"


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_a_reopen_revalidates_each_encoding_with_its_own_etag_and_gets_an_empty_304(client, encoding):
    first, _ = raw_get(client, "/main.dart.js", {"accept-encoding": encoding})
    again, body = raw_get(client, "/main.dart.js", {"accept-encoding": encoding,
                                                    "if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and body == b""
    assert again.headers["etag"] == first.headers["etag"] and again.headers["vary"] == "Accept-Encoding"
    other = "identity" if encoding != "identity" else "br"
    switched, _ = raw_get(client, "/main.dart.js", {"accept-encoding": other, "if-none-match": first.headers["etag"]})
    assert switched.status_code == 200, "another encoding's ETag does not validate this one"


def test_a_range_is_a_range_of_the_file_itself_even_from_a_browser_that_accepts_brotli(client):
    expected = served_bytes("canvaskit/chromium/canvaskit.wasm")
    part, body = raw_get(client, "/canvaskit/chromium/canvaskit.wasm",
                         {"accept-encoding": "br", "range": "bytes=100-1099"})
    assert part.status_code == 206 and body == expected[100:1100] and "content-encoding" not in part.headers
    assert part.headers["content-range"] == f"bytes 100-1099/{len(expected)}"
    assert int(part.headers["content-length"]) == 1000
    tail, body = raw_get(client, "/canvaskit/chromium/canvaskit.wasm", {"range": "bytes=-10"})
    assert tail.status_code == 206 and body == expected[-10:]
    past, _ = raw_get(client, "/canvaskit/chromium/canvaskit.wasm", {"range": f"bytes={len(expected)}-"})
    assert past.status_code == 416


def test_the_served_client_asks_no_cdn_for_rive_and_this_server_answers_its_loader(client):
    main = client.get("/main.dart.js").content
    assert b"cdn.jsdelivr.net" not in main and b'"rive-native/"' in main
    # The WebAssembly build keeps its exact length (its data segments are sized elsewhere in the module),
    # and the address, resolved against the app's page, is this server's.
    wasm, shipped = client.get("/main.dart.wasm").content, (WEB / "main.dart.wasm").read_bytes()
    assert b"cdn.jsdelivr.net" not in wasm and len(wasm) == len(shipped) and RIVE_CDN in shipped
    here = wasm[shipped.index(RIVE_CDN):][:len(RIVE_CDN)].decode()
    assert urljoin("http://testserver/values", here + "wasm/rive_native.js") == "http://testserver/" + RIVE_PATHS[0]
    for path in RIVE_PATHS:
        answer = client.get("/" + path)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/javascript")
        assert b"window.RiveNative" in answer.content


def test_the_page_itself_is_still_never_stored(client):
    page = client.get("/", headers={"accept-encoding": "br"})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store" and "etag" not in page.headers


def test_a_lasting_server_moves_on_to_its_smallest_brotli_and_the_etag_follows_the_bytes(tmp_path):
    """Given a server whose best brotli takes long, when the quick one is ready first, then it is served
    with its own ETag; once the best one is made, that one, with another ETag (a reopen fetches it once)."""
    from valuesapp.web.client_files import ClientFiles

    files = ClientFiles(None, folders=[WEB], cache=tmp_path, brotli_quality=11)
    path = "flutter_bootstrap.js"
    files._compress(path, "br9")
    quick = files.prepared[path]
    quick_tag, (quick_file, _, _) = quick.etag("br"), quick.variants["br"]
    files._compress(path, "br")
    best = files.prepare(path)
    assert best.etag("br") != quick_tag and best.variants["br"][2] == "br"
    assert brotli.decompress(best.variants["br"][0].read_bytes()) == brotli.decompress(quick_file.read_bytes()) \
        == served_bytes(path)
    again = ClientFiles(None, folders=[WEB], cache=tmp_path, brotli_quality=11).prepare(path)
    assert again.etag("br") == best.etag("br"), "a restarted server finds the best one it made"
