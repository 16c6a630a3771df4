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
#: A page that crashes must fail its test: the app's friendly panel for unexpected errors would
#: hide it, so the tests (and the servers the browser tests start) let the error through.
os.environ.setdefault("NEXTROUND_DEBUG", "1")
#: And a failing test shows the real error: the app's config keeps Streamlit's error details off.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

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


#: Text that Streamlit's Markdown would turn into a request for a remote image, a link, an icon,
#: the Streamlit logo, maths, bold or coloured text, each stored exactly as one field's whole
#: value (a person's name among them: the name parser keeps each of these whole, so the page
#: shows it as typed). 203.0.113.9 is TEST-NET-3, nobody's address.
MARKUP_PAYLOADS = (
    "![x](http://203.0.113.9/iv.png)",
    "http://203.0.113.9/x",
    ":material/skull:",
    ":streamlit:",
    "$\\frac12$",
    "[x](http://203.0.113.9/l)",
    "**bold**",
    ":red[RED-MARK]",
)


def seed_markup(folder: Path) -> list[dict[str, str]]:
    """The sample search plus, for each payload, an application whose company, role, location,
    contact, notes, interviewers (a past and an upcoming interview), self-checks (of the
    interview and a quick one) and a sent note's recipient hold exactly that payload. Returns,
    in the payloads' order, each application's id and its past and upcoming interviews' ids."""
    from datetime import timedelta

    from nextround.commands import applications
    from nextround.commands.notes import record_sent_note
    from nextround.commands.sample import write_sample
    from nextround.commands.self_check import save_check
    from nextround.domain import dates
    from nextround.storage.store import Store

    today, now = dates.today(), dates.now()
    write_sample(folder, today)
    store = Store(folder)
    ids = []
    for text in MARKUP_PAYLOADS:
        app_id = applications.add_application(
            store, {"company": text, "role": text, "location": text, "contact_name": text,
                    "notes": text, "source": text, "stage": "interviewing",
                    "date_applied": today - timedelta(days=6)}, now)
        past = applications.log_event(
            store, {"application_id": app_id, "kind": "interview", "round": 1,
                    "date": today - timedelta(days=1), "interviewers": text, "details": text},
            now)
        upcoming = applications.log_event(
            store, {"application_id": app_id, "kind": "interview", "round": 2,
                    "date": today + timedelta(days=2), "interviewers": text, "details": text},
            now)
        save_check(store, {"application_id": app_id, "event_id": past, "went_well": text,
                           "to_change": text, "prepare_better": text,
                           "interview_date": today - timedelta(days=1)}, now)
        save_check(store, {"label": text, "prepare_better": text, "interview_date": today}, now)
        record_sent_note(store, {"application_id": app_id, "kind": "thank-you", "tone": "warm",
                                 "recipient_name": text, "subject": text, "body": text,
                                 "greeting": text, "detail": text}, today, now)
        ids.append({"application_id": app_id, "past": past, "upcoming": upcoming})
    return ids


@pytest.fixture
def markup_seed() -> Callable[[Path], list[dict[str, str]]]:
    """``markup_seed(folder)``: see ``seed_markup``."""
    return seed_markup
