"""The few plain HTML pages served beside the app: sign-in, sign-out, a friend's note, thanks, not found.

No Flutter and no script: they load at once on any phone browser. Every piece of text that came from a
person goes through ``escape``; the only style is inline, allowed by the page's own nonce.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from valuesapp.core.limits import LINK_NOTE_MAX
from valuesapp.core.states import FEEDBACK_KINDS

if TYPE_CHECKING:  # the sign-in page is served before the services are loaded
    from valuesapp.services.views import FriendForm

STYLE = """
:root { color-scheme: light dark; --seed: #2E6B5E; --bg: #F5FBF7; --fg: #171D1B; --muted: #3F4946;
        --card: #FFFFFF; --line: #BFC9C5; --error: #BA1A1A; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0E1513; --fg: #DEE4E1; --muted: #BFC9C5; --card: #1A211F; --line: #3F4946; --error: #FFB4AB; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
       Roboto, sans-serif; }
main { max-width: 30rem; margin: 0 auto; padding: 2.5rem 1.25rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 16px; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
p { margin: 0 0 1rem; color: var(--muted); }
label { display: block; font-weight: 600; margin: 1rem 0 .35rem; }
input, textarea, select { width: 100%; font: inherit; color: inherit; background: transparent;
       border: 1px solid var(--line); border-radius: 8px; padding: .65rem .75rem; min-height: 48px; }
textarea { min-height: 10rem; resize: vertical; }
button { margin-top: 1.25rem; width: 100%; font: inherit; font-weight: 600; color: #fff; background: var(--seed);
         border: 0; border-radius: 999px; padding: .75rem 1rem; cursor: pointer; }
.error { color: var(--error); font-weight: 600; margin: .5rem 0 0; }
.note { font-size: .9rem; }
a { color: var(--seed); }
"""


def document(title: str, body: str, nonce: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style nonce="{nonce}">{STYLE}</style>
</head>
<body><main><div class="card">
{body}
</div></main></body>
</html>"""


def _error(message: str | None, field: str) -> str:
    return f'<p class="error" id="{field}-error" role="alert">{escape(message)}</p>' if message else ""


def sign_in(*, form_token: str, nonce: str, next_path: str = "/", error: str | None = None,
            notice: str | None = None) -> str:
    described = ' aria-describedby="passphrase-error" aria-invalid="true"' if error else ""
    body = f"""<h1>valuesapp</h1>
<p>{escape(notice) if notice else "Your values, journal and repairs are private. Enter your passphrase."}</p>
<form method="post" action="/login">
<input type="hidden" name="form_token" value="{escape(form_token)}">
<input type="hidden" name="next" value="{escape(next_path)}">
<label for="passphrase">Passphrase</label>
<input id="passphrase" name="passphrase" type="password" autocomplete="current-password" required autofocus{described}>
{_error(error, "passphrase")}
<button type="submit">Sign in</button>
</form>"""
    return document("Sign in to valuesapp", body, nonce)


def sign_out(*, form_token: str, nonce: str) -> str:
    body = f"""<h1>Sign out?</h1>
<p>This browser will need the passphrase again to open your values.</p>
<form method="post" action="/signout">
<input type="hidden" name="form_token" value="{escape(form_token)}">
<button type="submit">Sign out</button>
</form>
<p class="note"><a href="/">Back to the app</a></p>"""
    return document("Sign out of valuesapp", body, nonce)


def friend_note(form: FriendForm, *, action: str, form_token: str, nonce: str, note: str = "",
                kind: str = "", value_id: int | None = None, error: str | None = None) -> str:
    described = ' aria-describedby="note-error" aria-invalid="true"' if error else ""
    kinds = "".join(
        f'<option value="{k}"{" selected" if k == kind else ""}>{k.capitalize()}</option>' for k in FEEDBACK_KINDS
    )
    values = ""
    if form.values:
        options = "".join(
            f'<option value="{vid}"{" selected" if vid == value_id else ""}>{escape(title)}</option>'
            for vid, title in form.values
        )
        values = f"""<label for="value">Which of their values it touches (optional)</label>
<select id="value" name="value"><option value="">None in particular</option>{options}</select>"""
    body = f"""<h1>A note from you, {escape(form.friend)}</h1>
<p>{_who_asked(form.owner)}</p>
<form method="post" action="{escape(action)}">
<input type="hidden" name="form_token" value="{escape(form_token)}">
<label for="note">Your note</label>
<textarea id="note" name="note" maxlength="{LINK_NOTE_MAX}" required{described}>{escape(note)}</textarea>
{_error(error, "note")}
<label for="kind">What kind of note (optional)</label>
<select id="kind" name="kind"><option value="">Just a note</option>{kinds}</select>
{values}
<button type="submit">Send</button>
</form>"""
    return document("Leave a note", body, nonce)


def _who_asked(owner: str) -> str:
    """Whose values these are, in the owner's own (escaped) words; with no name set, nobody is named and
    the page does not pretend to know more than that someone sent this link."""
    if owner:
        return (f"{escape(owner)} asked you for honest feedback on the values they live by: where they fall "
                "short of them, bluntly if need be, or where they live up to them. Only they will read it.")
    return ("The person who sent you this link asked you for honest feedback on the values they live by: where "
            "they fall short of them, bluntly if need be, or where they live up to them. Only they will read it.")


def thanks(form: FriendForm, *, again: str, nonce: str) -> str:
    delivered = f"Your note was delivered to {escape(form.owner)}." if form.owner else "Your note was delivered."
    body = f"""<h1>Thank you, {escape(form.friend)}</h1>
<p>{delivered} Honest words like these are how people get better.</p>
<p class="note"><a href="{escape(again)}">Write another note</a></p>"""
    return document("Note sent", body, nonce)


def not_found(nonce: str) -> str:
    return document("Not found", "<h1>Not found</h1><p>There is nothing here.</p>", nonce)
