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
import shutil
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
# that needs more examples asks for a multiple of the profile's (``more_examples`` in
# tests/examples.py), never a count of its own, and sets nothing else.
# HYPOTHESIS_PROFILE=thorough runs ten times as many examples; the quick tier while working
# (`make test-fast`) a tenth as many, `make test` and CI the full count.
settings.register_profile("nextround", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("nextround"),
                          max_examples=1000)
settings.register_profile("quick", parent=settings.get_profile("nextround"),
                          max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "nextround"))


def _validate_each_chart_spec_once() -> None:
    """Every chart a test turns into a spec is checked against Vega-Lite's JSON schema (the app
    leaves the check to the tests: ``CHECK_SPECS`` in nextround/charts/spec.py). The page tests
    draw the same charts over the same sample search hundreds of times, and that check was a
    sixth of a Pipeline or Self-check page test's time. Whether a spec is valid depends only
    on the spec and the schema, so a spec found valid is remembered (keyed on its exact text,
    ``repr`` telling 1 from 1.0, True and "1", a list from a tuple) and not checked again in
    this process. A spec not seen before is checked in full, and an invalid one fails each
    time it is made."""
    from altair.utils import schemapi

    from nextround.charts import spec as chart_specs

    chart_specs.CHECK_SPECS = True

    check = schemapi.validate_jsonschema
    valid: set[tuple[int, int, str]] = set()

    def validate_jsonschema(spec, schema, rootschema=None, *, raise_error=True):
        key = (id(schema), id(rootschema), repr(spec))
        if key in valid:
            return None
        error = check(spec, schema, rootschema, raise_error=raise_error)
        if error is None:
            valid.add(key)
        return error

    schemapi.validate_jsonschema = validate_jsonschema


_validate_each_chart_spec_once()


def _refuse_channels_altair_must_look_up() -> None:
    """Every chart a test builds gives its channels as Altair's channel objects (``alt.X("c:Q")``,
    ``alt.X2("e:T")``, ``alt.YValue(4)``), not as a shorthand string ("c:Q") or ``alt.value``.
    Both give the same spec, but Altair 6 turns a string or a plain value into an object
    through ``from_dict``, which first hashes every class of its schema: about 4 ms a channel,
    fifteen on the Pipeline page's first run (upstream: vega/altair#3547). So the one path
    that takes ``from_dict`` fails here, naming the way to write it."""
    from altair.utils import schemapi

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError(
            "a chart channel given as a shorthand string or alt.value: write alt.X('field:Q'),"
            " alt.Text(...), alt.YValue(4) and so on (Altair's from_dict costs ~4 ms each)")

    schemapi._FromDict.__init__ = refuse


_refuse_channels_altair_must_look_up()


#: Started first, longest first: the browser sweeps, then the other browser tests and the slow
#: trials, then the page tests, the unit tests last. pytest-xdist (``--dist worksteal`` in
#: pyproject.toml) splits this order in two and a worker that runs out takes the tail of the
#: other's share, so the run ends on short unit tests and both workers finish together. (With
#: the default ``load`` one worker got 69 of the 75 browser tests; in the run measured both
#: still finished together, so this order is a safeguard, not a measured gain.)
LONGEST_FIRST = ("tests/browser/test_every_page.py",
                 "tests/browser/test_no_outside_requests.py::test_every_page_shows",
                 "tests/browser/", "tests/app/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        for place, start in enumerate(LONGEST_FIRST):
            if item.nodeid.startswith(start):
                return place if place < 3 or not item.get_closest_marker("slow") else 2
        return 2 if item.get_closest_marker("slow") else len(LONGEST_FIRST)

    items.sort(key=rank)


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


def copy_folder(source: Path, folder: Path) -> None:
    """Copy a data folder's files into ``folder`` (made if missing). Each file is a new file with
    today's modification time, as a fresh write would leave it, never a link to the original."""
    shutil.copytree(source, folder, dirs_exist_ok=True, copy_function=shutil.copyfile)


class FolderTemplates:
    """Data folders that cost a second or more to write, written once per test process (per
    day: a test may move the app's clock) and copied into each test's own folder, which costs a
    millisecond. What each test gets is what writing it afresh would give, file for file, but for
    the times of day recorded in it (those of the first write, earlier the same day)."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._made: dict[tuple[str, str], tuple[Path, object]] = {}

    def _template(self, kind: str, write: Callable[[Path], object]) -> tuple[Path, object]:
        from nextround.domain import dates

        key = (kind, dates.today().isoformat())
        if key not in self._made:
            folder = self._factory.mktemp(f"template-{kind}") / "data"
            self._made[key] = (folder, write(folder))
        return self._made[key]

    def sample(self, folder: Path) -> Path:
        """The sample search in ``folder``, as ``write_sample(folder, dates.today())`` writes it,
        marked as the sample (the mark names each file's version, so it is written again for
        the copies: a copy is a new file)."""
        from nextround import demo
        from nextround.commands.sample import write_sample
        from nextround.domain import dates
        from nextround.storage.store import Store

        source, _ = self._template("sample", lambda f: write_sample(f, dates.today()))
        copy_folder(source, folder)
        store = Store(folder)
        written = store.read_meta()[demo.SAMPLE_MARK]
        store.write_meta(**{demo.SAMPLE_MARK: {name: store.version(name) for name in written}})
        assert not demo.holds_user_data(folder)
        return folder

    def markup(self, folder: Path) -> list[dict[str, str]]:
        """``seed_markup(folder)``, copied; returns the same ids."""
        source, ids = self._template("markup", seed_markup)
        copy_folder(source, folder)
        return [dict(row) for row in ids]  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def folder_templates(tmp_path_factory: pytest.TempPathFactory) -> FolderTemplates:
    return FolderTemplates(tmp_path_factory)


@pytest.fixture(scope="session")
def markup_seed(folder_templates: FolderTemplates) -> Callable[[Path], list[dict[str, str]]]:
    """``markup_seed(folder)``: see ``seed_markup`` (copied from the one written per process)."""
    return folder_templates.markup
