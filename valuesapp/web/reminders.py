"""The page that turns reminders on for one device (`/reminders`), and the push worker it registers.

A plain server-rendered page like `/login`, not Flutter: it must load at once on a phone and run one
short script, which only a page of our own can (the CSP allows that script by the page's nonce). It is
private like every path of the app: the owner's gate sends a stranger to sign in.

The worker is served at `/push/sw.js` and registered with the scope `/push/`, its own folder, so no
`Service-Worker-Allowed` header is needed. That scope is chosen because of what Flet's web client does
(flet_web's `flutter_bootstrap.js`, Flutter's loader): it is given no `serviceWorkerUrl`, so it asks
`navigator.serviceWorker.getRegistration()` for the app page's own URL (`/`, `/today`, ...) and only
if one controls that URL does it register `flutter_service_worker.js?v=...` at the scope `/`. That
bundled worker unregisters *its own* registration on activation and reloads the windows it controls.
A worker at `/` would therefore make the loader register Flutter's worker over it, which would then
unregister it: reminders would stop after the next visit. A worker at `/push/` controls no app page,
so the loader finds nothing, registers nothing and touches nothing of ours; push events are delivered
to a registration whatever pages it controls. (No app screen may ever live under `/push/`.)

The worker's script is public: it holds not a word of the owner's data, and the browser fetches it
again to update it after a push, when the sign-in may have ended; a refused update would keep the old
worker forever. It is `no-cache`, so a new valuesapp's worker is picked up on the next check.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from fastapi.responses import Response

from valuesapp.web import pages
from valuesapp.web.gate import page_nonce, page_policy

PAGE_PATH = "/reminders"
WORKER_PATH = "/push/sw.js"
WORKER_SCOPE = "/push/"
PUBLIC_FILES = frozenset({WORKER_PATH})

def reminders_policy(nonce: str) -> str:
    """The plain pages' policy, plus this page's script (by its nonce) and what that script does: fetch
    the key from this server, send the subscription to it, and register the worker from it."""
    return page_policy(nonce) + f"; script-src 'nonce-{nonce}'; connect-src 'self'; worker-src 'self'"


@cache
def _script(name: str) -> str:
    return files("valuesapp.web").joinpath(name).read_text(encoding="utf-8")


def worker_script() -> str:
    return _script("push_worker.js")


PAGE_STYLE = """
#status { min-height: 1.5rem; margin: 1rem 0; font-weight: 600; }
#status.ok { color: var(--seed); }
@media (prefers-color-scheme: dark) { #status.ok { color: #8FD5C2; } a { color: #8FD5C2; } }
button:disabled { opacity: .6; cursor: default; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .35rem; }
ol { margin: 0 0 1rem; padding-left: 1.25rem; color: var(--muted); }
"""


def reminders_page(*, nonce: str) -> str:
    """What turning reminders on does, the one button, where its outcome is said, and the iPhone way."""
    body = f"""<style nonce="{nonce}">{PAGE_STYLE}</style>
<h1>Reminders on this device</h1>
<p>Turn reminders on and this phone or computer shows the morning card, the evening prompt and the weekly
repairs nudge as notifications, even while the app is closed. The browser asks once whether to allow
notifications; tapping one opens the app where it belongs.</p>
<button type="button" id="turn-on">Turn on reminders on this device</button>
<p id="status" role="status" aria-live="polite"></p>
<p class="note"><a href="/settings">Back to the app</a></p>
<h2>On iPhone or iPad</h2>
<p>Reminders reach an iPhone or iPad (iOS or iPadOS 16.4 or later) only from the app added to the Home
Screen:</p>
<ol>
<li>Open the app in Safari, tap Share, then Add to Home Screen.</li>
<li>Open valuesapp from the Home Screen, then Settings, Turn on reminders on this device, and allow
notifications.</li>
</ol>
<p class="note">Each device is listed in Settings, under Reminders on your devices, where you can remove it.</p>
<script nonce="{nonce}">{_script("reminders.js")}</script>"""
    return pages.document("Reminders on this device", body, nonce)


def add_routes(app) -> None:
    """`GET /reminders` (behind the owner's gate) and `GET /push/sw.js` (public, see the module's docstring)."""

    @app.get(PAGE_PATH)
    async def reminders() -> Response:
        nonce = page_nonce()
        return Response(reminders_page(nonce=nonce), media_type="text/html", headers={
            "content-security-policy": reminders_policy(nonce), "cache-control": "no-store",
        })

    @app.get(WORKER_PATH)
    async def push_worker() -> Response:
        return Response(worker_script(), media_type="text/javascript", headers={"cache-control": "no-cache"})

