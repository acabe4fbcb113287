"""What browser tests drive: the real `valuesapp serve` on a temporary database, driven in Debian's headless Chromium.

Flutter draws on a canvas; its accessibility tree (real DOM nodes with ARIA roles) appears once the
hidden semantics placeholder is clicked, and then controls are found by their labels, like a screen
reader finds them. Screenshots land in test-artifacts/screenshots/ (git-ignored) to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SIZES = {"phone": {"width": 412, "height": 915}, "desktop": {"width": 1280, "height": 800}}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """One `valuesapp serve` process on its own port and database; can be stopped and started again.

    Given a ``clock`` instant, it runs on a test clock that starts there (see ``core.clock.FileClock``)
    and that ``move_clock`` moves; otherwise on the real time.
    """

    db: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None
    log: Path | None = None
    clock: datetime | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def clock_file(self) -> Path:
        return self.db.with_suffix(".clock")

    def move_clock(self, instant: datetime) -> None:
        """Set the served app's clock to ``instant``, from which it runs on; its scheduler plans again within a
        second. Written beside and renamed over, so the app never reads half an instant."""
        written = self.clock_file.with_suffix(".clock-new")
        written.write_text(instant.isoformat(), encoding="utf-8")
        os.replace(written, self.clock_file)

    def start(self) -> None:
        env = {**os.environ, "FLET_FORCE_WEB_SERVER": "1", "VALUESAPP_DB": str(self.db), "VALUESAPP_FETCH_FONTS": "0"}
        env.pop("VALUESAPP_TEST_CLOCK", None)
        if self.clock is not None:
            if not self.clock_file.exists():  # a restart runs on where the clock has got to
                self.move_clock(self.clock)
            env["VALUESAPP_TEST_CLOCK"] = str(self.clock_file)
        self.log = self.db.with_suffix(".server.log")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "valuesapp", "serve", "--port", str(self.port)],
            env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"valuesapp serve exited: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("valuesapp serve did not start listening within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cli(self, *args: str, input: str | None = None) -> str:
        """Read or change the same store from outside, as a second process would: the real CLI commands, run
        in this test process (starting a Python process per call cost seconds on a loaded machine)."""
        import typer
        from click.testing import CliRunner

        from valuesapp import cli

        cli._State.db, cli._State.services = str(self.db), None
        try:
            result = CliRunner().invoke(typer.main.get_command(cli.app), ["--db", str(self.db), *args], input=input,
                                       prog_name="valuesapp")
        finally:
            if cli._State.services is not None:
                cli._State.services.context.store.close()
            cli._State.db, cli._State.services = None, None
        if result.exit_code != 0 or result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"valuesapp {' '.join(args)} failed: {result.stderr}{result.exception!r}")
        return result.stdout


def open_app(browser, url: str, size: str = "phone", path: str = ""):
    """A new browser page at a phone or desktop size, with Flutter's accessibility tree switched on."""
    page = new_page(browser, size)
    # Not waiting for "load": a loaded machine can take longer than a timeout to fetch CanvasKit and fonts,
    # and the first frame (the placeholder) is what matters.
    page.goto(url.rstrip("/") + "/" + path.lstrip("/"), wait_until="commit", timeout=60_000)
    switch_on_semantics(page)
    return page


def new_page(browser, size: str = "phone"):
    context = browser.new_context(viewport=SIZES[size], has_touch=size == "phone", is_mobile=size == "phone",
                                  device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(20_000)
    listen(page)
    return page


SENT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page -> the values its fields sent the app


def listen(page) -> None:
    """Note every field value the page sends the app over its websocket (before the page opens one).

    Flet's client sends ``[4, {"id": …, "props": {"value": …}}]`` (after a zero byte, in MessagePack) when
    the framework's field changes. That, and not the browser's editing element, says the app has the text:
    see ``type_into``."""
    import msgpack

    sent = SENT.setdefault(page, [])

    def frame(payload) -> None:
        if not isinstance(payload, bytes) or len(payload) < 2:
            return
        try:
            kind, body = msgpack.unpackb(payload[1:], strict_map_key=False)
        except Exception:  # not a message of this shape
            return
        if kind == 4 and isinstance(body, dict) and "value" in (body.get("props") or {}):
            sent.append(body["props"]["value"])

    page.on("websocket", lambda ws: ws.on("framesent", frame))


def switch_on_semantics(page) -> None:
    """Wait for Flutter's first frame, then switch on its accessibility tree (a hidden placeholder's click)."""
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=90_000)
    page.wait_for_timeout(800)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector("flt-semantics", state="attached", timeout=30_000)
    page.wait_for_timeout(500)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    return path


def go(page, label: str) -> None:
    """Open a screen by its navigation label: a tab on phones, a rail button on desktops, or Settings' icon."""
    # A rail button's accessible name is "<label> Tab 2 of 6"; a bar tab's is the label itself.
    name = re.compile(rf"^{re.escape(label)}(\s+Tab \d+ of \d+)?$")
    for role in ("tab", "button"):
        target = page.get_by_role(role, name=name)
        if target.count():
            target.first.click()
            page.wait_for_timeout(600)
            return
    page.get_by_label(label, exact=True).first.click()
    page.wait_for_timeout(600)


def resize(page, width: int, height: int) -> None:
    """Turn the phone or the window: the new size, then wait until the shell has redrawn for it (a bottom
    bar below 600 px, a rail above), so the next tap lands on the screen as redrawn and not on the one
    the server is replacing."""
    page.set_viewport_size({"width": width, "height": height})
    if width < 600:  # the bottom bar, or on a page of its own (Settings, Review) the way back
        page.get_by_role("tab", name="Today", exact=True).or_(
            page.get_by_role("button", name=re.compile(r"^Back to "))).first.wait_for()
    else:
        page.get_by_role("button", name=re.compile(r"^Today\s+Tab \d+ of \d+$")).wait_for()
    page.wait_for_timeout(300)


def identified(page, identifier: str):
    return page.locator(f"[flt-semantics-identifier='{identifier}']")


def sees(page, text: str, timeout: float = 15_000) -> None:
    """Wait until the person can see ``text``: in a node's label (Flutter merges a card's texts into one
    label) or in its text. Fails with the text it looked for."""
    page.wait_for_function(
        """(needle) => Array.from(document.querySelectorAll('flt-semantics')).some(
               e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))""",
        arg=text,
        timeout=timeout,
    )


SHOWN_JS = """(needle) => Array.from(document.querySelectorAll('flt-semantics')).some(
    e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))"""


def sees_further_down(page, text: str, steps: int = 40) -> None:
    """Wheel the screen down until ``text`` is shown. A screen's long list draws (and gives screen readers)
    only the rows on the screen and just below, as a phone's list does: further rows arrive as it scrolls."""
    page.mouse.move(page.viewport_size["width"] / 2, page.viewport_size["height"] / 2)
    for _ in range(steps):
        if page.evaluate(SHOWN_JS, text):
            return
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(150)
    sees(page, text)  # waits once more, and fails with the text it looked for


def does_not_see(page, text: str, timeout: float = 15_000) -> None:
    """Wait until ``text`` is shown nowhere. Waited for, never checked once: Flutter's accessibility tree
    follows the drawing a frame or more behind, so a card removed by the update that showed a snackbar
    can still be in the tree when the snackbar's words already are."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            """(needle) => !Array.from(document.querySelectorAll('flt-semantics')).some(
                   e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))""",
            arg=text,
            timeout=timeout,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"{text!r} is still shown") from None


def type_into(page, field, text: str) -> None:
    """Replace a field's text the way a person does: tap it, select all, type. Playwright's ``fill`` (and
    a first keystroke) can land before Flutter has attached its editing element, or after it has let go of
    it on Enter, so check and retry. ``field`` is a textbox's label or its locator.

    The browser's editing element holding the text is not enough: on a field drawn a moment before, the
    element can have the browser's focus while Flutter's framework has not taken it (a few times in a
    hundred here, on a loaded machine), and then what is typed never reaches the field or the app, which
    still draw it empty. So, on a page ``listen`` watches, wait until the app has been sent the text; if it
    is not, let go of the field and tap it again, as a person would when their typing did not show. (The
    field is emptied first, and an empty text is typed as a space taken back, so that the last keystroke
    always changes the field and so is sent.)"""
    if isinstance(field, str):
        # The label as whole words: "Friend" must not find "Friend's name". (A multi-line field's name also
        # holds its card's other texts, and Playwright joins them with spaces.)
        box = page.get_by_role("textbox", name=re.compile(rf"(^|\s){re.escape(field)}(\s|$)"))
    else:
        box = field
    for _ in range(4):
        sent_before = len(SENT.get(page, ()))
        # Tap the box itself: with an error showing, the input's node also spans the error line, whose own
        # node would take a tap in the middle.
        box.click(position={"x": 40, "y": 20})
        page.wait_for_timeout(250)
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.insert_text(text or " ")
        if not text:
            page.keyboard.press("Backspace")
        page.wait_for_timeout(150)
        holds = box.input_value()
        if holds == text and app_has(page, text, sent_before):
            return
        print(f"type_into {field!r}: the field holds {holds!r} and the app was not sent {text!r}; tapping again")
        box.evaluate("e => e.blur()")
        page.wait_for_timeout(250)
    raise AssertionError(f"could not type into {field!r}: it holds {box.input_value()!r}")


def app_has(page, text: str, sent_before: int, timeout_ms: int = 3000) -> bool:
    """Whether the page sent the app ``text`` as a field's value since it had sent ``sent_before`` values
    (waiting up to ``timeout_ms``); true on a page that does not ``listen``."""
    sent = SENT.get(page)
    if sent is None:
        return True
    for _ in range(timeout_ms // 50):
        if text in sent[sent_before:]:
            return True
        page.wait_for_timeout(50)
    return False


class StoreURL(str):
    """A PostgreSQL URL standing in for ``Server``'s database file (``Server(db=StoreURL(url, tmp_path))``):
    what the server keeps beside a file (its log, a test clock) goes in ``folder`` instead."""

    def __new__(cls, url: str, folder: Path) -> StoreURL:
        made = super().__new__(cls, url)
        made.folder = Path(folder)
        return made

    def with_suffix(self, suffix: str) -> Path:
        return self.folder / f"values{suffix}"


def practice_today():
    """The practice day a server on the real clock is on now: days begin at 04:00 by default, so between
    midnight and then it is still yesterday (a test that says "10 days ago" counts from this day, not
    from the calendar's)."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from valuesapp.app import system_timezone
    from valuesapp.core.clock import practice_day
    from valuesapp.core.settings import Settings

    return practice_day(datetime.now(timezone.utc), ZoneInfo(system_timezone()), Settings().day_starts_at)


def into_view(page, locator, margin: int = 24):
    """Wheel the app until ``locator`` is inside the window (down, while it is not drawn yet), and give it back. Flutter draws on a canvas:
    Playwright's own scrolling into view moves the page's accessibility nodes but not the drawing, so
    every later click would land on whatever is drawn there (on a long Today, the reminders offer)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    height = page.viewport_size["height"]
    page.mouse.move(page.viewport_size["width"] / 2, height / 2)
    for _ in range(40):
        try:
            box = locator.bounding_box(timeout=1000)
        except PlaywrightTimeout:  # not drawn yet: a long list draws only the rows near the screen
            box = None
        if box and margin <= box["y"] and box["y"] + box["height"] <= height - margin:
            return locator
        page.mouse.wheel(0, 200 if box is None or box["y"] > height / 2 else -200)
        page.wait_for_timeout(150)
    raise AssertionError(f"could not bring {locator} into view")


def settled(locator, still_ms: int = 400, timeout_ms: int = 20_000):
    """Give ``locator`` back once it has stayed in one place for ``still_ms``.

    A menu opens by growing, and when it does not fit below its button it is moved up as it grows, so its
    items slide while it animates. Playwright's own check (the same box in two animation frames) passes
    mid-slide when Flutter draws fewer frames than the browser asks for, as it does in software under load:
    a click on "Move up" then landed on "Edit" below it. A snackbar's Undo slides up the same way."""
    locator.wait_for(timeout=timeout_ms)
    page = locator.page
    last, since, waited = None, 0, 0
    while waited < timeout_ms:
        box = locator.bounding_box()
        if box is not None and box == last:
            if waited - since >= still_ms:
                return locator
        else:
            last, since = box, waited
        page.wait_for_timeout(50)
        waited += 50
    raise AssertionError(f"{locator} kept moving for {timeout_ms} ms")


def choose(page, name, role: str = "menuitem", **kwargs) -> None:
    """Click an item of the menu just opened, once the menu has stopped growing (``settled``)."""
    settled(page.get_by_role(role, name=name, **kwargs)).click()


def undo(page, timeout_ms: int = 20_000) -> None:
    """Click the snackbar's Undo once it has slid into place (``settled``); snackbars queue, so a test
    that has just been shown another one gives a longer ``timeout_ms``."""
    settled(page.get_by_role("button", name="Undo"), timeout_ms=timeout_ms).click()
