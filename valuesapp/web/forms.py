"""Reading what the public forms (sign-in, a friend's note) post: counted as it arrives, text only.

Why not Starlette's ``request.form()``: its size check is only what Content-Length claims, so a chunked
body with no length streamed on without end, and a multipart file part went to a temporary file on
disk, on pages anyone may reach. Our pages post ``application/x-www-form-urlencoded`` and nothing
else (no file inputs), so that is all this accepts: a few fields, a few kilobytes, never a file.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FORM_BYTES = 64 * 1024  # a 5,000-character note percent-encoded is under 45 KB
MAX_FORM_FIELDS = 10  # our forms have at most four
URLENCODED = "application/x-www-form-urlencoded"
CHOOSE_A_LISTED_VALUE = "Choose one of the values listed, or none."


class FormRefused(Exception):
    """A body that is none of our forms: 413 when too big, 400 when not plain fields of text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# Each refusal as (status, message); a fresh exception is raised each time (an instance shared across
# requests would collect their tracebacks).
TOO_BIG = (413, "That was far too long to send.")
NOT_TEXT = (400, "This form takes typed text only (no files); nothing was sent.")
TOO_MANY_FIELDS = (400, "This form came with fields it does not have; nothing was sent.")
NOT_UTF8 = (400, "This form was not sent as UTF-8 text; nothing was sent.")


async def read_form(request: Request) -> dict[str, str]:
    """The posted fields (the last of a repeated name wins), read up to MAX_FORM_BYTES and no further.

    A declared length over the cap is refused before reading; an undeclared (chunked) one is counted
    chunk by chunk and refused at the first byte past the cap, the rest never read.
    """
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind not in ("", URLENCODED):
        raise FormRefused(*NOT_TEXT)
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise FormRefused(*NOT_TEXT)
        if int(declared) > MAX_FORM_BYTES:
            raise FormRefused(*TOO_BIG)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormRefused(*TOO_BIG)
    try:
        pairs = parse_qsl(bytes(body).decode("utf-8"), keep_blank_values=True, encoding="utf-8",
                          errors="strict", max_num_fields=MAX_FORM_FIELDS)
    except UnicodeDecodeError:
        raise FormRefused(*NOT_UTF8) from None
    except ValueError:  # parse_qsl's "Max number of fields exceeded"
        raise FormRefused(*TOO_MANY_FIELDS) from None
    return dict(pairs)


def value_choice(raw: str) -> int | None:
    """A friend's "which value" field: empty for none, else an id in plain digits ("²", "-1", "1e3" are not).

    Raises ValueError with the one line to show; whether the id is one of the listed values is the
    service's to say.
    """
    if raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):  # 18 digits always fit a database integer
        raise ValueError(CHOOSE_A_LISTED_VALUE)
    return int(raw)
