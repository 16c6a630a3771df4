"""A new user imports their spreadsheet of 40 applications and looks at Home, the calendar and
the funnel, in a real browser.

The spreadsheet is the user's own: its columns have other names and come in another order, its
dates are day/month/year, two rows are broken (a date nobody can read, a row without its
employer), and its stages run across the whole funnel. Every date is counted back from the day
the test runs, and only calendar-day rules are involved (a nudge a week after applying), so the
weekday never matters.

The shared fixtures (``spreadsheet``, ``imported``) are meant to be extended: re-importing the
same file and undoing an import in one step belong here too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from nextround.domain import dates

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"
SHOTS = Path(__file__).resolve().parent / "screenshots"
#: The funnel among the page's charts, found by its title (drawn as SVG text).
FUNNEL_CHART = """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
    .find(c => c.textContent.includes("How far your applications got")
               && c.querySelector("svg g.mark-text.role-mark text"))"""
TODAY = dates.today()


@dataclass(frozen=True)
class Row:
    """One line of the user's spreadsheet, in their words."""

    status: str
    days_ago: int | None
    employer: str
    title: str = "Data analyst"
    recruiter: str = ""
    comments: str = ""
    applied_on: str | None = None  # written as is, instead of the date ``days_ago`` gives

    def cells(self) -> list[str]:
        when = self.applied_on
        if when is None:
            when = "" if self.days_ago is None else (
                TODAY - timedelta(days=self.days_ago)).strftime("%d/%m/%Y")
        link = f"https://jobs.example/{len(self.employer)}"
        return [self.status, when, self.employer, link, self.title, self.recruiter, self.comments]


HEADER = ["Status", "Applied On", "Employer", "Link", "Job Title", "Recruiter", "Comments"]

#: Applied weeks ago with no answer: their nudges are long overdue (the backlog).
LONG_AGO = [Row("Applied", 30 + 3 * i, f"Früh & Söhne {i:02d}") for i in range(12)]
#: Applied nine to eleven days ago: nudges overdue by two to four days (cards).
RECENT = [Row("applied", 9 + i, name) for i, name in enumerate(
    ("Ørsted Data", "Zürich Analytics", "Nguyen & Partners"))]
#: Applied two days ago: nudges due in five days (later).
FRESH = [Row("Applied", 2, "Kraków Labs"), Row("Applied", 2, "Lyon Énergie")]
ANSWERED = (
    [Row("Phone screen", 30, f"Screenco {i}", recruiter="Lee, Ann") for i in range(5)]
    + [Row("Interviewing", 35, f"Interviewco {i}",
           comments="Round 1 went badly, I think.\nThey said \"we'll be in touch\", though.")
       for i in range(8)]
    + [Row("Offered", 50, "Offerco")]
    + [Row("Rejected", 45, f"Rejectco {i}") for i in range(4)]
    + [Row("Ghosted", 60, "Silentco"), Row("Withdrawn", 40, "Leftco"),
       Row("Declined", 55, "Declineco")]
)
BROKEN = [Row("Applied", None, "Whenco", applied_on="next Tuesday-ish"),
          Row("Interviewing", 20, "")]
ROWS = LONG_AGO[:6] + BROKEN[:1] + RECENT + ANSWERED[:9] + FRESH + BROKEN[1:] + ANSWERED[9:] \
    + LONG_AGO[6:]

#: The funnel counted by hand from ROWS: every good row applied; screening, interviewing, the
#: offer, the rejections and the declined offer got an answer; interviewing and both offers
#: were interviewed; nobody logged a second round.
FUNNEL = {
    "Applied": "38",
    "Replied": "19 · 50%",
    "Interview round 1": "10 · 53%",
    "Round 2": "0 · 0%",
    "Round 3+": "0",
    "Offer": "2 · 20%",
}


def test_the_spreadsheet_is_what_the_scenario_says() -> None:
    """40 rows, 38 of them good, the broken ones not at the top or the bottom."""
    assert len(ROWS) == 40
    assert sum(bool(r.employer) and r.applied_on is None for r in ROWS) == 38
    broken = [i for i, r in enumerate(ROWS) if r in BROKEN]
    assert len(broken) == 2 and min(broken) > 0 and max(broken) < 39


@pytest.fixture
def spreadsheet(tmp_path: Path) -> Path:
    """The user's file, written by a spreadsheet program (UTF-8 with a byte-order mark)."""
    path = tmp_path / "my job hunt 2026.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(row.cells() for row in ROWS)
    return path


@pytest.fixture
def imported(ui, empty_app, spreadsheet):
    """A fresh app with the spreadsheet imported through the Data page, the two broken rows
    skipped, as a new user does it. Returns the app."""
    page = ui.page
    ui.open(empty_app, "data")
    page.get_by_role("tab", name="Import").click()  # tabs switch in the browser: no rerun
    ui.rerun(lambda: page.locator("input[type='file']").set_input_files(str(spreadsheet)),
             "uploading the spreadsheet")
    ui.assert_no_exception()
    # Day first: settled by the dates themselves (a 13 or more in the first place).
    dates_are = page.get_by_role("radiogroup", name="Dates are written as")
    assert dates_are.get_by_role("radio", name="Day first (31/12/2026)").is_checked()
    # The two broken rows are listed; importing means choosing to skip them.
    page.get_by_text(re.compile(r"\b2 of 40 rows\b")).first.wait_for()
    _tick(ui, page.locator("[class*='st-key-data_import_skip_bad_']"), "skipping the broken rows")
    ui.click(page.locator(".st-key-data_import_go").get_by_role("button"), "importing")
    ui.assert_no_exception()
    stored = (empty_app.data_dir / "applications.csv").read_text(encoding="utf-8-sig")
    assert stored.count("https://jobs.example/") == 38
    return empty_app


def _tick(ui, widget, what: str, attempts: int = 3) -> None:
    """Tick a checkbox by its label (the label covers the box) and wait until the box shows
    the tick and the run it caused has finished; a click lost to a re-layout is tried again."""
    box = widget.get_by_role("checkbox")
    for _ in range(attempts):
        before = ui.runs()
        widget.locator("label").click()
        try:
            ui.page.wait_for_function("(box) => box.checked", arg=box.element_handle(),
                                      timeout=5_000)
        except Exception:
            continue
        ui.settled(before, f"the run after {what}")
        return
    raise AssertionError(f"the checkbox for {what} did not take the tick")


def _calendar(page) -> Calendar:
    button = page.get_by_role("button", name="Add to my calendar (.ics)")
    with page.expect_download() as download:
        button.click()
    return Calendar.from_ical(Path(download.value.path()).read_bytes())


def _funnel_labels(page) -> dict[str, str]:
    """The funnel's bars as drawn: step name (the y axis) to the label beside its bar."""
    page.wait_for_function(f"() => !!({FUNNEL_CHART})()", timeout=30_000)
    steps, labels = page.evaluate(
        f"""() => {{
            const chart = ({FUNNEL_CHART})();
            const axis = [...chart.querySelectorAll("svg g.role-axis")]
                .find(a => (a.getAttribute("aria-label") || "").startsWith("Y-axis"));
            const steps = [...axis.querySelectorAll("g.role-axis-label text")]
                .map(t => t.textContent);
            const labels = [...chart.querySelectorAll("svg g.mark-text.role-mark text")]
                .map(t => t.textContent);
            return [steps, labels];
        }}"""
    )
    assert len(steps) == len(labels), (steps, labels)
    return dict(zip(steps, labels, strict=True))


def test_home_after_the_import_is_calm_and_the_calendar_has_no_pile(ui, imported) -> None:
    page = ui.page
    ui.open(imported, "")
    ui.assert_no_exception()
    actions = page.locator("[data-testid='stColumn']").filter(
        has=page.get_by_role("heading", name="What to do next"))
    text = actions.first.inner_text()
    # Three cards: the recent nudges. Nobody at screening or interviewing is nudged.
    assert text.count("Nudge about your application") == 3
    for name in ("Ørsted Data", "Zürich Analytics", "Nguyen & Partners"):
        assert name in text
    assert "Screenco" not in text and "Interviewco" not in text
    # The twelve long-overdue ones are one calm entry, and the lists say what they hold.
    assert "Catch up on these · 12 overdue for more than 7 days" in text
    assert "See the 12" in text
    assert "Later: 2 due in more than 3 days" in text
    assert "more due soon" not in text
    due_now = page.locator("[data-testid='stMetric']").filter(has_text="Due now")
    assert due_now.inner_text().split()[-1] == "3"
    ui.screenshot("import-scenario-home")

    calendar = _calendar(page)
    events = calendar.walk("VEVENT")
    on_today = [str(e["summary"]) for e in events if e["dtstart"].dt == TODAY]
    assert on_today == ["Catch up on 15 overdue follow-ups"]
    ahead = sorted((e["dtstart"].dt, str(e["summary"])) for e in events
                   if e["dtstart"].dt != TODAY)
    assert ahead == [
        (TODAY + timedelta(days=5), "Nudge about your application: Kraków Labs, Data analyst"),
        (TODAY + timedelta(days=5), "Nudge about your application: Lyon Énergie, Data analyst"),
    ]


def test_the_funnel_after_the_import_matches_the_hand_count(ui, imported) -> None:
    page = ui.page
    ui.open(imported, "pipeline")
    ui.assert_no_exception()
    assert _funnel_labels(page) == FUNNEL
    ui.screenshot("import-scenario-pipeline")
    funnel = page.locator(CHART).filter(has_text="How far your applications got")
    funnel.scroll_into_view_if_needed()
    funnel.screenshot(path=str(SHOTS / "import-scenario-funnel.png"))
