"""`valuesapp serve` listens first and opens the store meanwhile, without ever answering early with less.

The browser spends seconds fetching and starting the Flutter client before it asks for anything that
needs the store, so the server answers the page and the client's files at once and loads SQLAlchemy,
the services and the scheduler in a thread. Here that opening is held at an injected step (events, no
timing): the page is answered while it is held; what needs the store waits for it and then gets what it
would have got; a gated page is never shown without the gate; and what must stop ``serve`` before it
listens (no passphrase off loopback, a damaged store) still does, with the same one line.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import threading

import pytest

import valuesapp.app as wired
from valuesapp.store import peek
from valuesapp.core.errors import UserError
from valuesapp.web import server as web_server

PASSPHRASE = "correct horse battery staple"


def _store(tmp_path, *, passphrase: str | None = None) -> str:
    path = tmp_path / "values.db"
    services = wired.open_services(str(path))
    try:
        if passphrase:
            services.access.set_passphrase(passphrase)
    finally:
        services.context.store.close()
    return str(path)


class Serving:
    """``serve_store`` in a thread, its opening held at the start until ``release()``."""

    def __init__(self, db: str, monkeypatch, *, host: str = "127.0.0.1", fail: BaseException | None = None):
        self.entered, self.released = threading.Event(), threading.Event()
        self.servers: list = []
        self.outcome: list = []
        self.opened: list = []
        real_run = web_server._run
        monkeypatch.setattr(web_server, "_run", lambda server: (self.servers.append(server), real_run(server)))
        self.port = _free_port()

        def opening() -> None:
            self.entered.set()
            assert self.released.wait(120), "the test never released the opening"
            if fail is not None:
                raise fail

        def run() -> None:
            try:
                wired.serve_store(db, host=host, port=self.port, opened=self.opened.append, opening=opening)
                self.outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - what serve_store raised, for the test to read
                self.outcome.append(exc)

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def listening(self) -> None:
        """The opening starts only once uvicorn listens: from then on the port answers."""
        assert self.entered.wait(120), f"serve never listened: {self.outcome}"

    def release(self) -> None:
        self.released.set()

    def request(self, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, headers={"Host": f"127.0.0.1:{self.port}"})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def request_in_thread(self, method: str, path: str) -> list:
        answer: list = []
        thread = threading.Thread(target=lambda: answer.append(self.request(method, path)), daemon=True)
        thread.start()
        answer.append(thread)
        return answer

    def stop(self) -> BaseException | None:
        self.release()
        if self.servers:
            self.servers[0].should_exit = True
        self.thread.join(120)
        assert not self.thread.is_alive()
        return self.outcome[0]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("VALUESAPP_FETCH_FONTS", "0")
    monkeypatch.delenv("VALUESAPP_DB", raising=False)


def test_the_page_is_answered_while_the_store_is_still_opening_and_what_needs_it_waits(tmp_path, monkeypatch):
    # Given a store without a passphrase, served on this machine, its opening held
    serving = Serving(_store(tmp_path), monkeypatch)
    try:
        serving.listening()
        # When the browser asks for the page: it is answered now, with its policy, while the store is not open
        status, headers, body = serving.request("GET", "/")
        assert status == 200 and b"flutter_bootstrap.js" in body
        assert "content-security-policy" in headers and "'unsafe-eval'" not in headers["content-security-policy"]
        assert not serving.released.is_set() and serving.opened == []
        # and a route that reads the store, asked for now, waits for it and then gets its answer
        key = serving.request_in_thread("GET", "/push/key")
        serving.release()
        key[0].join(120)
        status, _headers, body = key[1]
        assert status == 200 and json.loads(body)["public_key"]
        assert len(serving.opened) == 1
    finally:
        outcome = serving.stop()
    assert outcome is None  # stopped cleanly, scheduler shut down


def test_a_gated_page_asked_for_before_the_store_is_open_still_asks_for_the_passphrase(tmp_path, monkeypatch):
    # Given a store with a passphrase, its opening held
    serving = Serving(_store(tmp_path, passphrase=PASSPHRASE), monkeypatch)
    try:
        serving.listening()
        # When the page is asked for before the store is open, then the store opens
        page = serving.request_in_thread("GET", "/")
        login = serving.request_in_thread("GET", "/login")
        serving.release()
        page[0].join(120)
        login[0].join(120)
        # Then the answer is the gate's, never the app's page; and the sign-in page is the usual one
        status, headers, _body = page[1]
        assert status == 303 and headers["location"] == "/login"
        status, _headers, body = login[1]
        assert status == 200 and b'type="password"' in body and b"nobody can sign in" not in body.lower()
    finally:
        assert serving.stop() is None


def test_a_failure_while_opening_stops_the_server_and_is_raised_as_before(tmp_path, monkeypatch, capsys):
    serving = Serving(_store(tmp_path), monkeypatch, fail=UserError("The store cannot be opened (a test)."))
    serving.listening()
    serving.release()
    serving.thread.join(120)
    assert not serving.thread.is_alive()
    outcome = serving.outcome[0]
    assert isinstance(outcome, UserError) and outcome.message == "The store cannot be opened (a test)."
    assert "served at" not in capsys.readouterr().out  # nothing said it was served


def test_no_passphrase_off_loopback_is_refused_before_listening(tmp_path, monkeypatch):
    db = _store(tmp_path)
    monkeypatch.setattr(web_server, "run_server", lambda *a, **k: pytest.fail("it listened"))
    with pytest.raises(UserError, match="Serving on 0.0.0.0 would let anyone on the network read your journal"):
        wired.serve_store(db, host="0.0.0.0", port=1)


def test_a_damaged_store_is_refused_as_before_without_listening(tmp_path, monkeypatch):
    db = tmp_path / "values.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    monkeypatch.setattr(web_server, "run_server", lambda *a, **k: pytest.fail("it listened"))
    assert peek.first_look(str(db)) is None
    with pytest.raises(UserError, match="is damaged"):
        wired.serve_store(str(db), port=1)


def test_the_first_look_reads_what_opening_the_store_would(tmp_path, monkeypatch):
    db = _store(tmp_path, passphrase=PASSPHRASE)
    services = wired.open_services(db)
    try:
        services.settings.set("public_url", "https://values.example.org")
        look = peek.first_look(db)
        assert look == peek.FirstLook(gated=services.access.passphrase_set(),
                                       public_url=services.settings.get().public_url)
        assert look.gated and look.public_url == "https://values.example.org"
    finally:
        services.context.store.close()
    # Where only opening can tell, it is left to opening (as before): a URL, no file, an empty or foreign one
    empty = tmp_path / "empty.db"
    empty.touch()
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE other (x)").connection.close()
    for target in ["postgresql://u@127.0.0.1/db", str(tmp_path / "none.db"), str(empty), str(foreign)]:
        assert peek.first_look(target) is None, target


def test_the_first_look_finds_the_default_store_and_knows_the_schema_as_the_store_does():
    from valuesapp.store.engine import HEAD_REVISION
    from valuesapp.store.location import default_database

    assert peek.default_file() == default_database()
    assert peek.newest_schema() == HEAD_REVISION


def test_a_store_that_needs_migrating_is_migrated_before_listening_as_before(tmp_path, monkeypatch):
    db = _store(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0007'")  # as a store from the version before
    conn.close()
    assert peek.first_look(db) is None
    order = []

    def open_services(*_args, **_kwargs):
        order.append("opened")
        raise UserError("The store could not be migrated (a test).")

    monkeypatch.setattr(wired, "open_services", open_services)
    monkeypatch.setattr(web_server, "run_server", lambda *a, **k: order.append("listened"))
    with pytest.raises(UserError, match="could not be migrated"):
        wired.serve_store(db, port=1)
    assert order == ["opened"]  # and it never listened
