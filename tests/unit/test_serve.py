"""serve.py's guard, without a server: which Host names pass, and what every answer carries."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from serve import FRAME_HEADERS, LocalOnly, allowed_hosts, host_allowed, host_name


def _scope(host: str | None, kind: str = "http") -> dict:
    headers = [] if host is None else [(b"host", host.encode("latin-1"))]
    return {"type": kind, "headers": headers, "path": "/"}


@pytest.mark.parametrize(("host", "name"), [
    ("127.0.0.1:8501", "127.0.0.1"), ("LOCALHOST:8501", "localhost"), ("localhost.", "localhost"),
    ("[::1]:8501", "::1"), ("evil.example", "evil.example"), ("::1", None)])
def test_the_name_is_read_without_its_port(host: str, name: str | None) -> None:
    assert host_name(_scope(host)) == name


def _call(scope: dict) -> list[dict]:
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message) -> None:
        sent.append(message)

    # A thread of its own: the browser tests' session-wide Playwright keeps an event loop running
    # in the main thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, LocalOnly(app)(scope, receive, send)).result()
    return sent


#: Host headers that are no plain loopback host[:port]: the three forms the attack found passing
#: on plain HTTP (a user name before "@", brackets around a name, a port out of range) first.
REFUSED = ["127.0.0.1:8631@evil.example", "[localhost]:8631", "localhost:99999",
           "evil.example:8501", "127.0.0.1.evil.example", "user@127.0.0.1", "user:pw@localhost",
           "localhost:8501@evil.example", "[127.0.0.1]:8501", "localhost:-1", "localhost:65536",
           "localhost:8501/evil", "localhost?x", "localhost#x", "localhost:+80", "localhost: 80",
           "localhost:85\xb2", "::1", "[::1", "localhost evil", "", "localhost:8501:1",
           "%6cocalhost", "localhost%00.evil.example", "xn--localhost",
           None]
#: Forms of the loopback names that pass.
PASSED = ["127.0.0.1:8501", "localhost:8502", "LOCALHOST", "localhost.", "localhost:",
          "127.0.0.1:0", "localhost:65535", "localhost:08501", "localhost.."]


@pytest.mark.parametrize("host", REFUSED)
def test_a_foreign_or_missing_name_is_refused(host: str | None) -> None:
    start = _call(_scope(host))[0]
    assert start["status"] == 403
    assert all(h in start["headers"] for h in FRAME_HEADERS)


@pytest.mark.parametrize("host", ["127.0.0.1:8501", "localhost:8502"])
def test_the_loopback_names_pass_and_every_answer_forbids_framing(host: str) -> None:
    start, body = _call(_scope(host))
    assert start["status"] == 200 and body["body"] == b"ok"
    assert all(h in start["headers"] for h in FRAME_HEADERS)


@pytest.mark.parametrize("host", [h for h in REFUSED + PASSED + ["[::1]:8501", "evil.example"]
                                  if h is not None])
def test_the_guard_answers_as_streamlits_websocket_check(host: str) -> None:
    """The guard on plain requests and Streamlit's own check on its WebSocket agree on every
    form (before: the guard took "127.0.0.1:8631@evil.example", "[localhost]:8631" and
    "localhost:99999", which the WebSocket refused). Streamlit's function is internal: if an
    upgrade moves it, this test says so."""
    from streamlit.web.server.starlette.starlette_websocket import is_host_allowed

    assert host_allowed(host_name(_scope(host)), allowed_hosts()) == is_host_allowed(host)


@pytest.mark.parametrize("host", PASSED)
def test_every_loopback_form_passes(host: str) -> None:
    assert _call(_scope(host))[0]["status"] == 200
