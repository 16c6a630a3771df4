"""serve.py's guard, without a server: which Host names pass, and what every answer carries."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from serve import FRAME_HEADERS, LocalOnly, host_name


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


@pytest.mark.parametrize("host", ["evil.example:8501", "127.0.0.1.evil.example", "user@127.0.0.1",
                                  None])
def test_a_foreign_or_missing_name_is_refused(host: str | None) -> None:
    start = _call(_scope(host))[0]
    assert start["status"] == 403
    assert all(h in start["headers"] for h in FRAME_HEADERS)


@pytest.mark.parametrize("host", ["127.0.0.1:8501", "localhost:8502"])
def test_the_loopback_names_pass_and_every_answer_forbids_framing(host: str) -> None:
    start, body = _call(_scope(host))
    assert start["status"] == 200 and body["body"] == b"ok"
    assert all(h in start["headers"] for h in FRAME_HEADERS)
