"""The Next Round server: `streamlit run serve.py` (what `make run` does).

It serves app.py through Streamlit's own ASGI application (``st.App``), adding a guard that
Streamlit's configuration cannot express:

- Only the loopback names may be used to reach the app. A web page on any other site can point
  its own name at 127.0.0.1 (DNS rebinding) and would then be "same origin" with the app.
  ``server.allowedHosts`` in .streamlit/config.toml makes Streamlit refuse such a name on its
  WebSocket, which is where the data travels; the guard refuses it on every other request too,
  from the same list, so the page and its files are not served under a foreign name either.
- No other site may show the app inside a frame (clickjacking: a hidden frame under a decoy
  button): every response says so with ``X-Frame-Options: DENY`` and the Content Security
  Policy ``frame-ancestors 'none'``. Streamlit has no setting for these headers.

`streamlit run app.py` still works (and still refuses foreign names on the WebSocket); it only
lacks the two headers and the check on plain requests.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.middleware import Middleware

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                Awaitable[None]]

LOOPBACK = ("127.0.0.1", "localhost")
FRAME_HEADERS = ((b"x-frame-options", b"DENY"),
                 (b"content-security-policy", b"frame-ancestors 'none'"))


def allowed_hosts() -> tuple[str, ...]:
    """The names the app may be reached under: ``server.allowedHosts`` (loopback if unset)."""
    from streamlit import config

    configured = [h.strip().lower().rstrip(".") for h in config.get_option("server.allowedHosts")]
    return tuple(h for h in configured if h) or LOOPBACK


def host_name(scope: Scope) -> str | None:
    """The name in the request's Host header, without the port ("[::1]:8501" gives "::1"), or
    None when the header is missing or not a plain host[:port].

    The rules are those of Streamlit's own check on its WebSocket (``is_host_allowed`` in
    streamlit/web/server/starlette/starlette_websocket.py): the header is read as a URL's
    authority, and a user name ("127.0.0.1:8501@evil.example"), a path, a port that is not a
    number from 0 to 65535 ("localhost:99999") or brackets around anything but an IPv6 address
    ("[localhost]:8501") make it no name at all. tests/unit/test_serve.py holds the two checks
    to the same answers.
    """
    raw = dict(scope.get("headers") or []).get(b"host")
    if raw is None:
        return None
    try:
        parsed = urlsplit("//" + raw.decode("latin-1"))
        name = parsed.hostname
        _ = parsed.port  # a port must be a number in range
    except ValueError:
        return None
    if (name is None or parsed.username is not None or parsed.password is not None
            or parsed.path or parsed.query or parsed.fragment):
        return None
    return name.lower().rstrip(".")


def host_allowed(name: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether ``name`` is one of ``allowed`` (with Streamlit's "*" and "*.domain" forms)."""
    if name is None:
        return False
    for pattern in allowed:
        if pattern == "*" or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
        if name == pattern:
            return True
    return False


class LocalOnly:
    """ASGI middleware: refuse foreign Host names, forbid framing."""

    def __init__(self, app: ASGI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not host_allowed(host_name(scope), allowed_hosts()):
            await _refuse(scope, send)
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        async def send_framing_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *FRAME_HEADERS]
            await send(message)

        await self.app(scope, receive, send_framing_headers)


async def _refuse(scope: Scope, send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"This app answers only at http://127.0.0.1 or http://localhost.\n"
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *FRAME_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def import_the_first_page() -> None:
    """Import what the first page (Home) runs on, in the background, while the server starts
    and the browser loads Streamlit's own scripts: the first page then finds pandas, the rules
    and the holiday calendars ready instead of importing them after the browser has connected
    (about half of a cold start's extra time over a bare Streamlit app). Only imports: nothing is
    read or written, and an import that fails here fails again, with its message, in the page."""
    try:
        import components.home.parts
        import components.shared.screen
        import components.shared.sidebar
        import components.shared.welcome  # noqa: F401
        from nextround.domain import dates

        dates.add_business_days(dates.today(), 1)  # the holiday calendar of the default country
    except Exception:
        return


def build_the_first_pages_view() -> None:
    """Then read the tables Home shows into the store's cache (the one store every session
    shares) and build Home's views into the views' cache, so the first page's run parses no
    file and runs no rules: it finds them ready, as a rerun does. Only reads, and only a
    folder that exists: opening it (finishing a change a crash left half-done) is what the
    first page does anyway, under the same lock; a file that cannot be read is left for the
    page to explain."""
    try:
        from components.home.views import today_view
        from components.shared.store import get_store
        from nextround.data_folder import default_data_dir
        from nextround.domain import dates
        from nextround.views.home import TABLES
        from nextround.views.snapshot import Snapshot

        if not default_data_dir().is_dir():
            return
        snapshot = Snapshot.load(get_store(), TABLES)
        if not snapshot["applications"].empty:
            today_view(snapshot, dates.today(), in_a_session=False)[1]()  # and the waits
    except Exception:
        return


def warm_up() -> None:
    import_the_first_page()
    build_the_first_pages_view()


threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
app = st.App("app.py", middleware=[Middleware(LocalOnly)])
