"""Fixtures for the browser tests: one headless Chromium per run, a fresh `valuesapp serve` per test, and every
page closed after its test. The helpers tests call live in `tests.browser.pages` (imported from one place only:
a helper module imported under two names keeps two copies of its state)."""

from __future__ import annotations

import pytest

from tests.browser.pages import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, Server

pytestmark = pytest.mark.browser

SEEN_JS = """() => Array.from(document.querySelectorAll('flt-semantics'))
    .map(e => [e.getAttribute('role') || '', e.getAttribute('aria-label') || '', e.children.length ? '' : e.textContent || ''])
    .filter(([role, label, text]) => label || text)
    .map(([role, label, text]) => (role ? role + ': ' : '') + (label || text))"""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so its teardown knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


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
def server(request, browser, tmp_path):
    s = Server(db=tmp_path / "values.db")
    s.start()
    yield s
    if failed(request):  # while the server still answers, so the pages show what the test saw
        record_pages(browser, request.node.name)
        if s.log is not None and s.log.exists():
            print(f"--- the last lines of the server's log ---\n{s.log.read_text(errors='replace')[-3000:]}")
    s.stop()


@pytest.fixture(autouse=True)
def _close_pages_after_each_test(request, browser):
    """Every page a test opened is closed after it: a Flutter page left open keeps rendering (in software,
    here) and slows every later test until the machine cannot keep up. A failed test first leaves what each
    page showed: a screenshot (``failed-<test>-<n>.png``) and, in the report, the accessibility tree's words."""
    yield
    if failed(request) and "server" not in request.fixturenames:
        record_pages(browser, request.node.name)
    for context in list(browser.contexts):
        try:
            context.close()
        except Exception:  # already closed by the test
            pass


def failed(request) -> bool:
    report = getattr(request.node, "report_call", None)
    return report is not None and report.failed


def record_pages(browser, test: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = [page for context in browser.contexts for page in context.pages]
    for n, page in enumerate(pages, start=1):
        try:
            page.screenshot(path=str(ARTIFACTS / f"failed-{test}-{n}.png"), timeout=10_000)
            seen = page.evaluate(SEEN_JS)
        except Exception as exc:  # the page may have crashed: say so and go on
            print(f"--- page {n} of {len(pages)} ({test}): could not be read: {exc}")
            continue
        print(f"--- page {n} of {len(pages)} ({test}) at {page.url} shows ---")
        print("\n".join(seen[-120:]))
