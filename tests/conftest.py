"""Shared test setup: the project root on sys.path, so tests import nextround and components;
fixtures any test folder may take."""

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def deny_reading(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """``deny_reading("applications.csv")``: the operating system refuses to read files of that
    name (permission denied), as for a file owned by another user. Tests run as root here, where
    a real chmod would not stop the read."""

    def _deny(name: str) -> None:
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self.name == name:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)

    return _deny
