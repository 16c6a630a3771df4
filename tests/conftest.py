"""Shared test setup: the project root on sys.path, a fixed calendar for the whole run, and
fixtures any test folder may take.

The sample data is written relative to "today", and what is due depends on business days: run
on a Friday, a thank-you due "tomorrow" falls on Monday. So every test process (and every app
server a browser test starts, which inherits the environment) lives on the same Wednesday,
through the app's own clock (``nextround.domain.dates.today``). A test that needs another day
passes it explicitly or sets the variable itself; `NEXTROUND_TODAY=YYYY-MM-DD make test`
runs the whole suite on another day.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nextround.domain.dates import TODAY_ENV  # noqa: E402

#: A Wednesday, so that "a day or two ago" and "in a few days" stay within the working week.
FROZEN_DAY = "2026-11-25"
os.environ.setdefault(TODAY_ENV, FROZEN_DAY)

# One Hypothesis profile for the whole suite: no time deadline and no "too slow" health check,
# because a shared CI machine with both cores busy makes any example slow now and then (a 5 ms
# example once took 295 ms and failed the run); a fixed number of examples per property. A test
# that needs more examples says so with its own max_examples, and nothing else.
# HYPOTHESIS_PROFILE=thorough runs ten times as many examples.
settings.register_profile("nextround", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("nextround"),
                          max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "nextround"))


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
