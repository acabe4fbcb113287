"""The served app as one ASGI application: sign-in and friends' pages beside the Flet app, behind the gate.

The Flet app is mounted in Flet's own FastAPI (whose lifespan runs Flet's session housekeeping); our
routes are added first so they win over the app's catch-all. With no passphrase set (allowed only on
this machine's loopback address) the gate stands open, but headers and friends' pages work the same.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import flet as ft
import flet.fastapi as flet_fastapi
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from flet_web import get_package_web_dir
from platformdirs import user_cache_dir

from valuesapp.core.clock import Clock, SystemClock
from valuesapp.core.errors import UserError
from valuesapp.core.waiting import retry_after_seconds, wait_in_words
from valuesapp.web import pages, reminders
from valuesapp.web.client_files import ClientFiles, default_cache
from valuesapp.web.csrf import FormTokens
from valuesapp.web.forms import FormRefused, read_form, value_choice
from valuesapp.web.fonts import FallbackFonts, fallback_fonts_from_env
from valuesapp.web.gate import (
    SESSION_COOKIE,
    OwnerGate,
    SecurityHeaders,
    cookie,
    page_nonce,
    page_policy,
    static_client_paths,
)
from valuesapp.web.hosts import AllowedHosts, HostCheck
from valuesapp.web.hosts import allowed_hosts as hosts_for
from valuesapp.web.later import Later
from valuesapp.web.push import add_push_routes
from valuesapp.web.signins import SESSION_COOKIE_MAX_AGE, SignIns

if TYPE_CHECKING:  # the server listens before the services (and SQLAlchemy under them) are loaded
    from valuesapp.services import Services

FLET_SESSION_TIMEOUT = 120  # seconds a disconnected tab's session is kept for a reload to re-attach
# Served with a passphrase that was then cleared: stay shut (never open up while running); the owner
# sets one again, or restarts the server, which on this machine's own address then asks for none.
NOBODY_CAN_SIGN_IN = ("No passphrase is set any more, so nobody can sign in: set one with `valuesapp passphrase set` "
                      "on the computer serving the app.")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _html(text: str, nonce: str, status: int = 200, *, retry_after: timedelta | None = None) -> HTMLResponse:
    """One of our pages; a 429 says in Retry-After how many seconds to wait, as its text says in words."""
    headers = {"content-security-policy": page_policy(nonce), "cache-control": "no-store"}
    if retry_after is not None:
        headers["retry-after"] = str(retry_after_seconds(retry_after))
    return HTMLResponse(text, status_code=status, headers=headers)


def _safe_next(target: str | None) -> str:
    """Only a path on this server (never //elsewhere or a full URL) may follow a sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def build_web_app(services: Services | Later[Services], main: Callable, *, assets_dir: Path | None, gated: bool,
                  clock: Clock | None = None, signins: SignIns | None = None, fonts: FallbackFonts | None = None,
                  allowed_hosts: AllowedHosts | Iterable[str] | None = None, public_url: str | None = None,
                  client_cache: Path | None = None, brotli_quality: int = 11):
    """The whole served application (ASGI). ``gated``: the owner's passphrase is required.

    ``allowed_hosts``: the names browsers reach it by (see ``hosts.allowed_hosts``; a plain list of
    names for tests); by default those of a server on 127.0.0.1. ``public_url``: where a proxy in front
    serves it; an https one makes the session cookie Secure even on a request that came without
    X-Forwarded-Proto (a proxy on another machine, or one that does not say). ``client_cache``: where
    the client's compressed files are kept (see ``client_files``). ``services`` may still be opening
    (``Later``): every route that needs them, and the gate, wait for them; the client's files do not.
    """
    hosted_on_https = (public_url or "").lower().startswith("https://")
    clock = clock or SystemClock()
    fonts = fonts or fallback_fonts_from_env(Path(user_cache_dir("valuesapp", appauthor=False)) / "fonts", os.environ)
    later = services if isinstance(services, Later) else Later.now(services)
    signins_later = Later.now(signins) if signins else later.then(lambda opened: SignIns(opened.access, clock))
    tokens = FormTokens(clock)
    app = flet_fastapi.FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/login")
    async def login_page(request: Request):
        nonce = page_nonce()
        if not gated:
            return RedirectResponse("/", status_code=303)
        notice = "You are signed out." if request.query_params.get("signed_out") else None
        if not await asyncio.to_thread((await later.wait()).access.passphrase_set):
            notice = NOBODY_CAN_SIGN_IN
        next_path = _safe_next(request.query_params.get("next"))
        return _html(pages.sign_in(form_token=tokens.issue("login"), nonce=nonce, next_path=next_path,
                                   notice=notice), nonce)

    @app.post("/login")
    async def login(request: Request):
        nonce = page_nonce()
        if not gated:
            return RedirectResponse("/", status_code=303)
        try:
            form = await read_form(request)
        except FormRefused as refused:
            message = "That was far too long to be a passphrase." if refused.status == 413 else refused.message
            return _html(pages.sign_in(form_token=tokens.issue("login"), nonce=nonce, error=message), nonce,
                         refused.status)
        next_path = _safe_next(form.get("next"))

        def again(message: str, status: int, retry_after: timedelta | None = None) -> HTMLResponse:
            return _html(pages.sign_in(form_token=tokens.issue("login"), nonce=nonce, next_path=next_path,
                                       error=message), nonce, status, retry_after=retry_after)

        if not tokens.check(form.get("form_token"), "login"):
            return again("This page had expired; enter the passphrase again.", 400)
        result = await asyncio.to_thread((await signins_later.wait()).attempt, _address(request),
                                         form.get("passphrase", ""))
        if result.token is None:
            if result.no_passphrase:
                return again(NOBODY_CAN_SIGN_IN, 403)
            if result.wait.total_seconds() > 0 and form.get("passphrase") is not None:
                return again(f"Too many wrong attempts from this address; try again in {wait_in_words(result.wait)}.",
                             429, result.wait)
            return again("That passphrase is not right.", 401)
        response = RedirectResponse(next_path, status_code=303)
        response.set_cookie(SESSION_COOKIE, result.token, max_age=SESSION_COOKIE_MAX_AGE, path="/", httponly=True,
                            samesite="strict", secure=hosted_on_https or request.url.scheme == "https")
        response.headers["cache-control"] = "no-store"
        return response

    @app.get("/signout")
    async def sign_out_page(request: Request):
        nonce = page_nonce()
        token = cookie(request.headers.raw, SESSION_COOKIE) or ""
        return _html(pages.sign_out(form_token=tokens.issue("signout:" + token), nonce=nonce), nonce)

    @app.post("/signout")
    async def sign_out(request: Request):
        try:
            form = await read_form(request)
        except FormRefused as refused:
            return Response(refused.message, status_code=refused.status, media_type="text/plain")
        token = cookie(request.headers.raw, SESSION_COOKIE) or ""
        if not tokens.check(form.get("form_token"), "signout:" + token):
            return Response("This page had expired; go back and sign out again.", status_code=400,
                            media_type="text/plain")
        (await signins_later.wait()).sign_out(token, _address(request))
        response = RedirectResponse("/login?signed_out=1" if gated else "/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                               secure=hosted_on_https or request.url.scheme == "https")
        return response

    def not_found() -> HTMLResponse:
        nonce = page_nonce()
        return _html(pages.not_found(nonce), nonce, 404)

    @app.get("/f/{token}")
    async def friend_page(token: str, request: Request):
        """The friend's form; with ``?sent=1`` (where a sent note is redirected to) the thank-you page,
        which a reload shows again and sends nothing."""
        form = await asyncio.to_thread((await later.wait()).links.form, token)
        if form is None:
            return not_found()
        nonce = page_nonce()
        if request.query_params.get("sent"):
            return _html(pages.thanks(form, again=f"/f/{token}", nonce=nonce), nonce)
        return _html(pages.friend_note(form, action=f"/f/{token}", form_token=tokens.issue("f:" + token),
                                       nonce=nonce), nonce)

    @app.post("/f/{token}")
    async def friend_sends(token: str, request: Request):
        link_form = await asyncio.to_thread((await later.wait()).links.form, token)
        if link_form is None:
            return not_found()
        nonce = page_nonce()
        try:
            posted = await read_form(request)
        except FormRefused as refused:
            message = "That note is far too long to send." if refused.status == 413 else refused.message
            return _html(pages.friend_note(link_form, action=f"/f/{token}", form_token=tokens.issue("f:" + token),
                                           nonce=nonce, error=message), nonce, refused.status)
        note, kind = posted.get("note", ""), posted.get("kind", "")
        try:
            value_id, unlisted = value_choice(posted.get("value", "")), None
        except ValueError as exc:
            value_id, unlisted = None, str(exc)

        def again(message: str, status: int, retry_after: timedelta | None = None) -> HTMLResponse:
            return _html(pages.friend_note(link_form, action=f"/f/{token}", form_token=tokens.issue("f:" + token),
                                           nonce=nonce, note=note, kind=kind, value_id=value_id, error=message),
                         nonce, status, retry_after=retry_after)

        if not tokens.check(posted.get("form_token"), "f:" + token):
            return again("This page had expired; your note is still here: press Send again.", 400)
        if unlisted:
            return again(unlisted, 400)
        from valuesapp.services.links import TooManyNotes  # loaded with the services, by then

        opened = await later.wait()
        try:
            sent = await asyncio.to_thread(opened.links.send, token, note, kind=kind or None, value_id=value_id,
                                           form_token=posted.get("form_token"))
        except TooManyNotes as exc:
            return again(exc.message, 429, exc.wait)
        except UserError as exc:
            return again(exc.message, 400)
        if not sent:
            return not_found()
        # Post, then redirect: the thank-you page is a GET of its own, so reloading it sends nothing.
        return RedirectResponse(f"/f/{token}?sent=1", status_code=303, headers={"cache-control": "no-store"})

    # Three parts, as in Flutter's table of Noto fallbacks: Flet's own /assets/fonts/roboto.woff2 (the font
    # of every text) is not matched here and stays with Flet's static files.
    @app.get("/assets/fonts/{family}/{version}/{file}")
    async def fallback_font(family: str, version: str, file: str):
        found = await asyncio.to_thread(fonts.get, f"{family}/{version}/{file}")
        if found is None:
            return not_found()
        data, real = found
        # A real font never changes under its versioned name; a blank one is asked for again next visit.
        cache = "public, max-age=31536000, immutable" if real else "no-store"
        return Response(data, media_type="font/woff2" if real else "font/ttf", headers={"cache-control": cache})

    # GET /push/key, POST /push/subscriptions; the names allowed are read as they stand at the end of this function.
    add_push_routes(app, later, lambda: allowed_hosts)
    reminders.add_routes(app)  # /reminders and its push worker /push/sw.js

    app.mount("/", flet_fastapi.app(
        main,
        assets_dir=str(assets_dir) if assets_dir else None,
        app_name="valuesapp",
        app_short_name="valuesapp",
        no_cdn=True,
        # Chromium browsers (Android's Chrome among them) load the WebAssembly build drawn by skwasm; Safari and
        # Firefox, which Flutter's loader keeps off it, the JavaScript build drawn by CanvasKit. Measured at
        # phone size on ten years (benchmarks/results.md): skwasm shows a kept screen in about half the time.
        web_renderer=ft.WebRenderer.AUTO,
        session_timeout_seconds=FLET_SESSION_TIMEOUT,
    ))
    web_dir = Path(get_package_web_dir())
    client = ClientFiles(app, folders=[*([assets_dir] if assets_dir else []), web_dir],
                         cache=client_cache or default_cache(), brotli_quality=brotli_quality)
    public = static_client_paths(web_dir, *([assets_dir] if assets_dir else [])) | client.extra_paths
    public |= reminders.PUBLIC_FILES
    if allowed_hosts is None:
        allowed_hosts = hosts_for("127.0.0.1")
    elif not isinstance(allowed_hosts, AllowedHosts):
        allowed_hosts = AllowedHosts(names=frozenset(allowed_hosts))
    return HostCheck(SecurityHeaders(OwnerGate(client, signins_later, public, enabled=lambda: gated), static_files=public),
                     allowed_hosts)


def log_sign_ins(to_file: Path | None) -> None:
    """Sign-in attempts go to the server's output and, for a store on disk, to access.log beside it."""
    access_log = logging.getLogger("valuesapp.access")
    if access_log.handlers:
        return
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if to_file is not None:
        handlers.append(logging.FileHandler(to_file, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)


def run_server(asgi_app, *, host: str, port: int, alongside: Callable[[Callable[[], None]], None] | None = None) -> None:
    """uvicorn, trusting X-Forwarded-* only from a reverse proxy on this machine (see the README's Caddy).

    ``alongside(stop)`` runs in a thread of its own once uvicorn listens (``serve`` opens the store
    there); calling ``stop`` stops the server as Ctrl+C does. Not run if the server never listened.

    Ctrl+C and SIGTERM (what a service manager sends) stop it cleanly and this returns, so the caller
    shuts the scheduler down and closes the store, and the process exits with 0. Left to itself, uvicorn
    raises the signal again once it has stopped, into the handler that was there before it: SIGTERM's
    default kills the process before the store is closed, and the one a failed desktop window's Flet
    leaves behind touches its closed event loop ("Event loop is closed").
    """
    import threading

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(asgi_app, host=host, port=port, log_level="warning", proxy_headers=True,
                                           forwarded_allow_ips="127.0.0.1"))
    ended = threading.Event()

    def stop_server() -> None:
        server.should_exit = True

    def once_listening() -> None:
        while not server.started:
            if ended.wait(0.005):
                return
        alongside(stop_server)

    if alongside is not None:
        threading.Thread(target=once_listening, name="valuesapp-opening", daemon=True).start()
    try:
        _run(server)
    finally:
        ended.set()


def _run(server) -> None:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread has signals
        server.run()
        return
    stopped: list[int] = []

    def stop(signum: int, _frame) -> None:  # a signal before uvicorn listens, and the one it passes on after
        stopped.append(signum)
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not server.started and not stopped:
        raise SystemExit(3)  # as uvicorn.run: it could not start, and its log has said why
