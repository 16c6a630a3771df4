"""A corpus of tracker files in the shapes people keep, each imported the way a person does it.

Every file is written here (one per shape: each family of status words, each date shape, no
header row, merge markers, .xlsx, .ods, UTF-16 and UTF-32, semicolons, a Mac's CR-only lines,
LinkedIn's two export files), with the rows it holds as (company, stage, outcome, date applied).
The test reads it, takes the suggestion, answers exactly the questions the preview asks (and
fails when it asks another or fewer), fixes what a person would fix, imports, and compares what
was stored. Run ``python -m tests.unit.storage.test_import_corpus`` for the figures per file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from nextround.commands import data as data_commands
from nextround.storage import importer
from nextround.storage.store import Store

NOW = datetime(2026, 12, 1, 12, 0)
Row = tuple[str, str, str | None, date | None]  # company, stage, outcome, date applied


@dataclass
class Case:
    """One file, what it holds, and what the person answers on the preview."""

    name: str
    payload: bytes
    rows: list[Row]
    asks: frozenset[str] = frozenset()  # the preview's open points, by kind
    mapping: dict[str, str | None] = field(default_factory=dict)
    order: str | None = None
    year: int | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    header: bool | None = None
    sheet: str | None = None
    fixes: dict[int, dict[str, str]] = field(default_factory=dict)
    refused: str | None = None  # the sentence a file that cannot be read is refused with


def _csv(header: list[str], lines: list[list[object]], sep: str = ",", end: str = "\n",
         encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    frame = pd.DataFrame(lines, columns=header)
    frame.to_csv(buffer, sep=sep, index=False, lineterminator=end)
    return buffer.getvalue().encode(encoding)


def _book(sheets: dict[str, pd.DataFrame], engine: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine=engine) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


def _old_excel(header: list[str], lines: list[list[object]]) -> bytes:
    """An Excel 97-2003 workbook (.xls), dates as date cells, written by xlwt (pandas no longer
    writes this format; people still keep files in it)."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Applications")
    as_date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for c, name in enumerate(header):
        sheet.write(0, c, name)
    for r, line in enumerate(lines, 1):
        for c, value in enumerate(line):
            style = as_date if isinstance(value, date) else xlwt.Style.default_style
            sheet.write(r, c, value, style)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


D = date
APPLIED_ROWS: list[Row] = [("Acme", "applied", None, D(2026, 1, 5)),
                           ("Beta", "interviewing", None, D(2026, 1, 14)),
                           ("Gamma", "closed", "rejected", D(2026, 2, 3))]


def cases() -> list[Case]:
    c: list[Case] = []
    # --- each family of status words ----------------------------------------------------
    wish = ["Not applied", "New", "Maybe", "Saved", "Bookmarked", "To apply"]
    c.append(Case("status-wishlist.csv", _csv(
        ["Company", "Position", "Status"], [[f"W{i}", "Analyst", s] for i, s in enumerate(wish)]),
        [(f"W{i}", "wishlist", None, None) for i in range(len(wish))]))
    applied = ["Pending", "Submitted", "Awaiting response", "Applied!", "applied ✅", "Sent"]
    c.append(Case("status-applied.csv", _csv(
        ["Company", "Role", "Status", "Date Applied"],
        [[f"A{i}", "Dev", s, f"2026-03-{i + 1:02d}"] for i, s in enumerate(applied)]),
        [(f"A{i}", "applied", None, D(2026, 3, i + 1)) for i in range(len(applied))]))
    talks = [("Phone screen", "screening"), ("Recruiter call", "screening"),
             ("Interviewing", "interviewing"), ("Waitlisted", "interviewing"),
             ("Final round", "interviewing"), ("Offer", "offer")]
    c.append(Case("status-talking.csv", _csv(
        ["Company", "Job Title", "Stage", "Applied On"],
        [[f"T{i}", "Dev", s, f"2026-04-{i + 1:02d}"] for i, (s, _) in enumerate(talks)]),
        [(f"T{i}", stage, None, D(2026, 4, i + 1)) for i, (_, stage) in enumerate(talks)]))
    closed = [("Ghosted", "no response"), ("Rejection :(", "rejected"),
              ("reeejected", "rejected"), ("No current opportunity", "rejected"),
              ("Application closed", None), ("Skip", "withdrew"),
              ("Accepted!", "offer accepted"), ("Declined", "offer declined"),
              ("Withdrawn", "withdrew"), ("REJECTED 😢", "rejected")]
    c.append(Case("status-closed.csv", _csv(
        ["Company", "Title", "Status", "Date"],
        [[f"C{i}", "Dev", s, f"2026-05-{i + 1:02d}"] for i, (s, _) in enumerate(closed)]),
        [(f"C{i}", "closed", o, D(2026, 5, i + 1)) for i, (_, o) in enumerate(closed)]))
    chinese = [("已投递", "applied"), ("面试", "interviewing"), ("拒绝", "closed|rejected")]
    c.append(Case("status-chinese.csv", _csv(
        ["公司", "职位", "状态", "申请日期"],
        [[f"公司{i}", "工程师", s, f"2026-06-{i + 1:02d}"] for i, (s, _) in enumerate(chinese)]
        + [["公司9", "工程师", "已投递", "2026-06-09"]]),
        [(f"公司{i}", ch.split("|")[0], ch.partition("|")[2] or None, D(2026, 6, i + 1))
         for i, (_, ch) in enumerate(chinese)] + [("公司9", "applied", None, D(2026, 6, 9))],
        asks=frozenset({"statuses"}), statuses=dict(chinese)))
    turkish = [("başvuruldu", "applied"), ("mülakat", "interviewing"),
               ("reddedildi", "closed|rejected")]
    c.append(Case("status-turkish.csv", _csv(
        ["Company", "Role", "Status", "Date applied"],
        [[f"Şirket {i}", "Mühendis", s, f"2026-07-{i + 1:02d}"]
         for i, (s, _) in enumerate(turkish)] + [["Şirket 9", "Mühendis", "başvuruldu",
                                                  "2026-07-09"]]),
        [(f"Şirket {i}", ch.split("|")[0], ch.partition("|")[2] or None, D(2026, 7, i + 1))
         for i, (_, ch) in enumerate(turkish)] + [("Şirket 9", "applied", None, D(2026, 7, 9))],
        asks=frozenset({"statuses"}), statuses=dict(turkish)))
    # --- each date shape ----------------------------------------------------------------
    def dated(name: str, shapes: list[str], days: list[date], **extra: object) -> Case:
        return Case(name, _csv(["Company", "Role", "Status", "Applied Date"],
                               [[f"{name[:4]}{i}", "Dev", "Applied", s]
                                for i, s in enumerate(shapes)]),
                    [(f"{name[:4]}{i}", "applied", None, d) for i, d in enumerate(days)],
                    **extra)

    c.append(dated("dates-linkedin-shape.csv", ["1/14/25, 11:25 PM", "2/3/25, 9:05 AM",
                                                "12/30/24, 12:00 PM"],
                   [D(2025, 1, 14), D(2025, 2, 3), D(2024, 12, 30)]))
    c.append(dated("dates-email.csv", ["Thu, 02 Jan 2025 10:18:54 +0000",
                                       "Mon, 17 Feb 2025 12:00:00 +0000",
                                       "Wed, 5 Mar 2025 11:30:00 GMT"],
                   [D(2025, 1, 2), D(2025, 2, 17), D(2025, 3, 5)]))
    c.append(dated("dates-month-names.csv", ["May 27, 2025", "14 Jan 2026", "Jan 3 2026",
                                             "3 September 2025"],
                   [D(2025, 5, 27), D(2026, 1, 14), D(2026, 1, 3), D(2025, 9, 3)]))
    c.append(dated("dates-two-digit-years.csv", ["3/15/24", "4/2/24", "11/30/25"],
                   [D(2024, 3, 15), D(2024, 4, 2), D(2025, 11, 30)]))
    c.append(dated("dates-iso-time-zone.csv", ["2025-01-14T09:30:00.123+01:00",
                                               "2025-02-01T12:00:00Z", "2025-03-04 10:00:00",
                                               "2025-04-05"],
                   [D(2025, 1, 14), D(2025, 2, 1), D(2025, 3, 4), D(2025, 4, 5)]))
    c.append(dated("dates-ambiguous.csv", ["03/04/2026", "05/06/2026", "07/08/2026"],
                   [D(2026, 4, 3), D(2026, 6, 5), D(2026, 8, 7)], asks=frozenset({"order"}),
                   order="dmy"))
    c.append(dated("dates-no-year.csv", ["Mar 5", "Apr 12", "17 May"],
                   [D(2026, 3, 5), D(2026, 4, 12), D(2026, 5, 17)], asks=frozenset({"year"}),
                   year=2026))
    c.append(dated("dates-excel-serial.csv", ["45678", "45700", "46000"],
                   [D(2025, 1, 21), D(2025, 2, 12), D(2025, 12, 9)]))
    c.append(dated("dates-mixed.csv", ["2026-01-05", "May 27, 2025", "14/01/2026", "45678",
                                       "03/02/2026"],
                   [D(2026, 1, 5), D(2025, 5, 27), D(2026, 1, 14), D(2025, 1, 21),
                    D(2026, 2, 3)]))
    c.append(Case("co-op-season.csv", _csv(
        ["Company", "Position", "Date Applied", "status", "Details", "Applicant Portal"],
        [["Harbor Labs", "Data Co-Op", "9/19", "Submitted", "on their site, with a CL", ""],
         ["Harbor Labs", "Analyst Co-Op", "9/19/24", "Submitted", "", ""],
         ["Pine & Co", "Audit Co-Op", "10/3/24", "Rejected", "* rejected on Oct 7", ""],
         ["Kite Systems", "Developer Co-Op", "", "In Progress", "Need a cover letter", ""],
         ["Vale Foods", "Marketing Co-Op", "10/7/24", "Accepted!", "", ""],
         ["Orbit Bank", "Risk Co-Op", "10/16", "Interviewing", "final round next week",
          "https://orbit.example/careers"]]),
        [("Harbor Labs", "applied", None, D(2024, 9, 19)),
         ("Harbor Labs", "applied", None, D(2024, 9, 19)),
         ("Pine & Co", "closed", "rejected", D(2024, 10, 3)),
         ("Kite Systems", "wishlist", None, None),
         ("Vale Foods", "closed", "offer accepted", D(2024, 10, 7)),
         ("Orbit Bank", "interviewing", None, D(2024, 10, 16))],
        asks=frozenset({"year", "statuses"}), year=2024, statuses={"In Progress": "wishlist"}))
    # --- reading -------------------------------------------------------------------------
    c.append(Case("no-header.csv", (
        b"Acme,Data analyst,2026-01-05,ann@acme.example,https://jobs.example/1\n"
        b"Beta,Developer,2026-01-14,bo@beta.example,https://jobs.example/2\n"
        b"Gamma,Designer,2026-02-03,cy@gamma.example,https://jobs.example/3\n"),
        [("Acme", "applied", None, D(2026, 1, 5)), ("Beta", "applied", None, D(2026, 1, 14)),
         ("Gamma", "applied", None, D(2026, 2, 3))],
        mapping={"company": "Column A", "role": "Column B"}))
    c.append(Case("merge-markers.csv", (
        b"<<<<<<< HEAD\nCompany,Role,Status\n=======\nCompany,Title,Status\n>>>>>>> theirs\n"
        b"Acme,Dev,Applied\n"), [], refused="merge-conflict marker"))
    three = [["Acme", "Analyst", "Applied", "2026-01-05"],
             ["Beta", "Developer", "Interviewing", "2026-01-14"],
             ["Gamma", "Designer", "Rejected", "2026-02-03"]]
    cols = ["Company", "Role", "Status", "Date applied"]
    typed = pd.DataFrame(three, columns=cols).assign(
        **{"Date applied": lambda f: pd.to_datetime(f["Date applied"])})
    c.append(Case("tracker.xlsx", _book({"Sheet1": typed}, "openpyxl"), APPLIED_ROWS))
    c.append(Case("tracker.ods", _book({"Jobs": typed}, "odf"), APPLIED_ROWS))
    c.append(Case("tracker-97.xls", _old_excel(cols, [
        [company, role, status, date.fromisoformat(day)] for company, role, status, day in three]),
        APPLIED_ROWS))
    c.append(Case("two-sheets.xlsx", _book({"Summary": pd.DataFrame({"Total": [3]}),
                                            "Applications": typed}, "openpyxl"),
                  APPLIED_ROWS, sheet="Applications"))
    c.append(Case("unicode-text.txt", _csv(cols, three, sep="\t", end="\r\n", encoding="utf-16"),
                  APPLIED_ROWS))
    c.append(Case("utf16-no-bom.csv", _csv(cols, three, encoding="utf-16-le"), APPLIED_ROWS))
    c.append(Case("utf32.csv", _csv(cols, three, encoding="utf-32"), APPLIED_ROWS))
    german = [["Müller & Söhne", "Analyst", "Applied", "05.01.2026"],
              ["Bäckerei Groß", "Developer", "Interviewing", "14.01.2026"],
              ["Café Zoë", "Designer", "Rejected", "03.02.2026"]]
    c.append(Case("semicolons-windows-1252.csv",
                  _csv(["Firma", "Position", "Status", "Datum"], german, sep=";", end="\r\n",
                       encoding="cp1252"),
                  [("Müller & Söhne", "applied", None, D(2026, 1, 5)),
                   ("Bäckerei Groß", "interviewing", None, D(2026, 1, 14)),
                   ("Café Zoë", "closed", "rejected", D(2026, 2, 3))]))
    c.append(Case("csv-macintosh.csv", _csv(cols, three, end="\r"), APPLIED_ROWS))
    # --- LinkedIn's export ---------------------------------------------------------------
    c.append(Case("Job Applications.csv", _csv(
        ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
         "Job Title", "Job Url", "Resume Name", "Question And Answers"],
        [["1/14/25, 11:25 PM", "me@mail.example", "", "Acme", "Analyst",
          "https://www.linkedin.com/jobs/view/1", "cv.pdf", ""],
         ["1/20/25, 9:02 AM", "me@mail.example", "", "Beta", "Developer",
          "https://www.linkedin.com/jobs/view/2", "cv.pdf", ""],
         ["12/2/24, 6:40 PM", "me@mail.example", "", "Gamma", "Designer",
          "https://www.linkedin.com/jobs/view/3", "cv.pdf", ""]]),
        [("Acme", "applied", None, D(2025, 1, 14)), ("Beta", "applied", None, D(2025, 1, 20)),
         ("Gamma", "applied", None, D(2024, 12, 2))]))
    c.append(Case("Job Applications (early in the month).csv", _csv(
        ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
         "Job Title", "Job Url", "Resume Name", "Question And Answers"],
        [["1/2/26", "me@mail.example", "", "Acme", "Analyst", "", "", ""],
         ["3/4/25, 2:22 PM", "me@mail.example", "", "Beta", "Developer", "", "", ""]]),
        [("Acme", "applied", None, D(2026, 1, 2)), ("Beta", "applied", None, D(2025, 3, 4))]))
    c.append(Case("Saved Jobs.csv", _csv(
        ["Saved Date", "Job Url", "Job Title", "Company Name"],
        [["1/14/25, 11:25 PM", "https://www.linkedin.com/jobs/view/4", "Analyst", "Delta"],
         ["1/15/25, 8:00 AM", "https://www.linkedin.com/jobs/view/5", "Developer", "Epsilon"]]),
        [("Delta", "wishlist", None, None), ("Epsilon", "wishlist", None, None)]))
    # --- suggestions by value, outcomes, a row fixed -------------------------------------
    c.append(Case("applied-yes-no.csv", _csv(
        ["Company", "Position", "Applied", "Applied Date", "Status"],
        [["Acme", "Dev", "Yes", "2026-01-05", "Pending"],
         ["Beta", "Dev", "No", "", "Not applied"],
         ["Gamma", "Dev", "Yes", "2026-02-03", "Ghosted"]]),
        [("Acme", "applied", None, D(2026, 1, 5)), ("Beta", "wishlist", None, None),
         ("Gamma", "closed", "no response", D(2026, 2, 3))]))
    c.append(Case("outcome-column.csv", _csv(
        ["Company", "Role", "Status", "Outcome", "Date applied"],
        [["Acme", "Dev", "Closed", "Rejected", "2026-01-05"],
         ["Beta", "Dev", "Interviewing", "Negative", "2026-01-14"],
         ["Gamma", "Dev", "Applied", "", "2026-02-03"]]),
        [("Acme", "closed", "rejected", D(2026, 1, 5)), ("Beta", "interviewing", None,
                                                          D(2026, 1, 14)),
         ("Gamma", "applied", None, D(2026, 2, 3))]))
    c.append(Case("a-row-to-fix.csv", _csv(
        ["Company", "Role", "Status", "Date applied"],
        [["Acme", "Dev", "Applied", "2026-01-05"], ["", "Dev", "Applied", "2026-01-14"],
         ["Gamma", "Dev", "Applied", "2026-02-31"]]),
        [("Acme", "applied", None, D(2026, 1, 5)), ("Beta", "applied", None, D(2026, 1, 14)),
         ("Gamma", "applied", None, D(2026, 2, 28))],
        fixes={3: {"company": "Beta"}, 4: {"date_applied": "2026-02-28"}}))
    return c


def _kinds(points: list[str]) -> set[str]:
    return {"order" if "day first" in p else "year" if "year" in p else "statuses"
            for p in points}


def run_case(case: Case, data_dir: Path) -> tuple[int, list[Row], importer.ImportPreview]:
    """Import one file as a person would; returns the rows read right, what was stored and
    the preview."""
    store = Store(data_dir)
    upload = importer.read_upload(case.payload, case.name, sheet=case.sheet, header=case.header)
    answers = importer.first_answers(upload, store.load("settings"))
    answers.mapping |= case.mapping
    questions = importer.ask(upload.frame, answers.mapping)
    for value, _, proposed in questions.statuses:
        if proposed and value not in answers.statuses:
            answers.statuses[value] = proposed
    assert _kinds(questions.open_points(answers)) == set(case.asks), case.name
    answers.order = answers.order or case.order
    answers.year = case.year
    answers.statuses |= case.statuses
    answers.fixes = case.fixes
    assert not questions.open_points(answers), case.name
    preview = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    unit = data_commands.apply_import(store, preview, case.name, upload.digest,
                                 remember=(list(upload.frame.columns), answers))
    stored = store.load("applications")
    events = store.load("events")
    # Nothing half-imported: every previewed row and an "applied" event for each dated one.
    assert unit is not None and len(stored) == len(preview.applications), case.name
    assert len(events) == int(stored["date_applied"].notna().sum()), case.name
    got: list[Row] = [
        (r.company, r.stage, None if pd.isna(r.outcome) else r.outcome,
         None if pd.isna(r.date_applied) else r.date_applied.date())
        for r in stored.itertuples()]
    right = sum(1 for row in case.rows if row in got)
    return right, got, preview


CASES = cases()


def test_the_corpus_has_a_file_for_every_shape() -> None:
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_row_comes_in_with_its_status_and_date(case: Case, tmp_path: Path) -> None:
    if case.refused:
        with pytest.raises(importer.ImportFileError, match=case.refused):
            importer.read_upload(case.payload, case.name)
        return
    right, got, preview = run_case(case, tmp_path / "data")
    assert got == case.rows, preview.problems
    assert right == len(case.rows)


def test_the_corpus_figures_hold(tmp_path: Path) -> None:
    """At least 95% of all rows imported with their statuses and dates (here: every row)."""
    total = right = 0
    for i, case in enumerate(c for c in CASES if not c.refused):
        got, _, _ = run_case(case, tmp_path / f"data{i}")
        total, right = total + len(case.rows), right + got
    assert right / total >= 0.95
    assert right == total


def main() -> None:  # pragma: no cover - the figures for the report
    import tempfile

    total = right = 0
    print(f"{'file':34} rows read / total")
    with tempfile.TemporaryDirectory() as folder:
        for i, case in enumerate(CASES):
            if case.refused:
                try:
                    importer.read_upload(case.payload, case.name)
                except importer.ImportFileError as error:
                    print(f"{case.name:34} refused: {str(error)[:70]}...")
                continue
            got, _, _ = run_case(case, Path(folder) / f"data{i}")
            total, right = total + len(case.rows), right + got
            print(f"{case.name:34} {got} / {len(case.rows)}")
    print(f"{'all files':34} {right} / {total} ({right / total:.0%})")


if __name__ == "__main__":  # pragma: no cover
    main()
