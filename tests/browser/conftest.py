"""Fixtures for the browser tests: one headless Chromium per run, a fresh `valuesapp serve` per test, and every
page closed after its test. The helpers tests call live in `tests.browser.pages` (imported from one place only:
a helper module imported under two names keeps two copies of its state)."""

from __future__ import annotations

import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS, Server

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path):
    s = Server(db=tmp_path / "values.db")
    s.start()
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def _close_pages_after_each_test(browser):
    """Every page a test opened is closed after it: a Flutter page left open keeps rendering (in software,
    here) and slows every later test until the machine cannot keep up."""
    yield
    for context in list(browser.contexts):
        try:
            context.close()
        except Exception:  # already closed by the test
            pass
