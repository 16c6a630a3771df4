"""The running server listens on the loopback address only (no other machine can reach it)."""

from __future__ import annotations

from pathlib import Path


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


def test_server_listens_on_loopback_only(empty_app) -> None:
    addresses = _listening_addresses(empty_app.port)
    assert addresses, "the server is not listening"
    assert set(addresses) == {"127.0.0.1"}
