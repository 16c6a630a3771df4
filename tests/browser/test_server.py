"""The running server is for this computer only: it listens on the loopback address, answers
only to the loopback names (a web page elsewhere that points its own name at 127.0.0.1 gets
nothing), and no other site can show it inside a frame."""

from __future__ import annotations

import http.client
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import CHROMIUM_FLAGS, chromium_path, free_port

pytestmark = pytest.mark.browser

UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol": "streamlit"}


def _listening_addresses(port: int) -> list[str]:
    found = []
    for table, width in ((Path("/proc/net/tcp"), 8), (Path("/proc/net/tcp6"), 32)):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                found.append(address if width == 32 else ".".join(
                    str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def _request(port: int, path: str, host: str, headers: dict[str, str] | None = None,
             ) -> http.client.HTTPResponse:
    """A request to the server on 127.0.0.1 that names ``host`` in its Host header, as a
    browser does when a name resolves to 127.0.0.1."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"{host}:{port}")
    connection.putheader("Origin", f"http://{host}:{port}")
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    return connection.getresponse()


def test_server_listens_on_loopback_only(served_sample) -> None:
    addresses = _listening_addresses(served_sample.port)
    assert addresses, "the server is not listening"
    assert set(addresses) == {"127.0.0.1"}


def test_a_foreign_host_name_is_refused_and_the_loopback_names_work(served_sample) -> None:
    """DNS rebinding: before, Host: evil.example got the page (200) and its WebSocket was
    accepted (101), so a page on that name could read every application."""
    port = served_sample.port
    for host in ("127.0.0.1", "localhost"):
        assert _request(port, "/", host).status == 200, host
        assert _request(port, "/_stcore/stream", host, UPGRADE).status == 101, host
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example"):
        assert _request(port, "/", host).status == 403, host
        assert _request(port, "/_stcore/health", host).status == 403, host
        assert _request(port, "/_stcore/stream", host, UPGRADE).status != 101, host


def _raw_host(port: int, path: str, host: str, headers: dict[str, str] | None = None) -> int:
    """The status of a request whose Host header is exactly ``host``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    return connection.getresponse().status


def test_host_forms_the_websocket_refuses_are_refused_on_plain_requests(served_sample) -> None:
    """Before: these three forms got the page (200) on plain HTTP while the WebSocket refused
    them; the guard now reads a Host header as Streamlit's WebSocket check does."""
    port = served_sample.port
    for host in (f"127.0.0.1:{port}@evil.example", f"[localhost]:{port}", "localhost:99999"):
        for path in ("/", "/_stcore/health"):
            assert _raw_host(port, path, host) in (400, 403), (host, path)
        assert _raw_host(port, "/_stcore/stream", host, UPGRADE) != 101, host
    assert _raw_host(port, "/", f"localhost:{port}") == 200


def test_a_page_on_a_rebound_name_receives_nothing(browser, served_sample) -> None:
    """Chromium told that evil.example is 127.0.0.1, as a rebinding attack arranges: the app
    under that name shows nothing of the user's data; under localhost it does. (Before, the
    page under evil.example listed every application.)"""
    flags = [*CHROMIUM_FLAGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"]
    rebound = browser.browser_type.launch(executable_path=chromium_path(), args=flags)
    try:
        page = rebound.new_page()
        response = page.goto(f"http://evil.example:{served_sample.port}/pipeline")
        assert response is not None and response.status == 403
        assert "Acme Analytics" not in page.content()
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(f"http://localhost:{served_sample.port}/pipeline")
        page.get_by_text("Acme Analytics").first.wait_for(timeout=30_000)
        assert sockets, "the loopback name should open the app's WebSocket"
    finally:
        rebound.close()


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[str]:
    """A web page on another origin (another port) that tries to show the app in a frame."""
    folder = tmp_path / "site"
    folder.mkdir()
    port = free_port()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def test_another_site_cannot_show_the_app_in_a_frame(served_sample, other_site, page,
                                                     tmp_path: Path) -> None:
    """Clickjacking: before, any site could frame the app (no X-Frame-Options, no CSP)."""
    (tmp_path / "site" / "frame.html").write_text(
        f'<p>decoy</p><iframe id="app" src="{served_sample.url}/pipeline" width="900" '
        'height="600" onload="document.body.dataset.framed = 1"></iframe>')
    response = _request(served_sample.port, "/", "127.0.0.1")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in (response.getheader("Content-Security-Policy") or "")
    page.goto(f"{other_site}/frame.html")
    page.wait_for_function("() => document.body.dataset.framed === '1'", timeout=30_000)
    framed = next(f for f in page.frames if f is not page.main_frame)
    assert not framed.url.startswith(served_sample.url), "the app loaded inside another site"
    assert framed.locator("[data-testid='stApp']").count() == 0
