"""Dates in every shape, status words placed, suggestions checked against values, LinkedIn's
export, outcomes on open rows, fixes and remembered answers."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.commands import data as data_commands
from nextround.storage import importer
from nextround.storage.imports import dates, values
from nextround.storage.imports.suggest import looks_like_data
from nextround.storage.store import Store

NOW = datetime(2026, 12, 1, 12, 0)


@pytest.mark.parametrize(("text", "day"), [
    ("1/14/25, 11:25 PM", date(2025, 1, 14)),
    ("Thu, 02 Jan 2025 10:18:54 +0000", date(2025, 1, 2)),
    ("May 27, 2025", date(2025, 5, 27)),
    ("14 Jan 2026", date(2026, 1, 14)),
    ("3/15/24", date(2024, 3, 15)),
    ("2025-01-14T09:30:00.123+01:00", date(2025, 1, 14)),
    ("2025-01-14 00:00:00", date(2025, 1, 14)),
    ("14.01.2026", date(2026, 1, 14)),
    ("45678", date(2025, 1, 21)),  # Excel's serial day number
])
def test_dates_in_the_shapes_people_write(text: str, day: date) -> None:
    assert dates.read_date(text, None, None) == day


def test_a_time_zone_turns_the_moment_into_the_local_day(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    import time

    time.tzset()
    try:
        dates.written.cache_clear()
        assert dates.read_date("2025-01-14T20:30:00+00:00", None, None) == date(2025, 1, 15)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        dates.written.cache_clear()


def test_day_month_order_is_settled_by_the_values_or_asked() -> None:
    settled = dates.analyse(["03/04/2026", "14/04/2026", "05/06/2026"])
    assert settled.order == dates.DAY_FIRST and not settled.asks_order
    assert settled.settled_by == "14/04/2026"
    other_way = dates.analyse(["03/04/2026", "4/14/2026"])
    assert other_way.order == dates.MONTH_FIRST
    open_question = dates.analyse(["03/04/2026", "05/06/2026", "2026-01-02"])
    assert open_question.asks_order and open_question.ambiguous == 2
    assert "day or the month" in dates.read_date("03/04/2026", None, None)
    assert dates.read_date("03/04/2026", dates.MONTH_FIRST, None) == date(2026, 3, 4)
    # A value that can only be read one way is read that way, whatever the answer.
    assert dates.read_date("14/04/2026", dates.MONTH_FIRST, None) == date(2026, 4, 14)


def test_a_date_without_a_year_is_asked_about_never_guessed() -> None:
    column = dates.analyse(["Mar 5", "17 May", "2026-01-02"])
    assert column.yearless == 2 and column.yearless_example in ("Mar 5", "17 May")
    assert dates.read_date("Mar 5", None, None) == "'Mar 5' has no year: choose the year above"
    assert dates.read_date("Mar 5", None, 2025) == date(2025, 3, 5)
    assert dates.read_date("17 May", None, 2025) == date(2025, 5, 17)


def test_a_moment_at_the_edge_of_the_calendar_is_not_a_crash() -> None:
    assert dates.read_date("0001-01-01T00:00:00+01:00", None, None) == date(1, 1, 1)
    assert dates.read_date("9999-12-31T23:59:59-12:00", None, None) == date(9999, 12, 31)


@pytest.mark.parametrize("text", ["Yes", "next Tuesday-ish", "12", "May 2025", "31/31/2026",
                                  "Applied", "Q3"])
def test_what_is_not_a_day_is_not_read_as_one(text: str) -> None:
    assert isinstance(dates.read_date(text, dates.DAY_FIRST, 2026), str)


@pytest.mark.parametrize(("word", "choice"), [
    ("Pending", "applied"), ("Submitted", "applied"), ("New", "wishlist"),
    ("Not applied", "wishlist"), ("Awaiting response", "applied"),
    ("Phone screen", "screening"), ("Ghosted", "closed|no response"),
    ("Waitlisted", "interviewing"), ("Application closed", "closed"),
    ("No current opportunity", "closed|rejected"), ("Skip", "closed|withdrew"),
    ("Maybe", "wishlist"), ("Rejection :(", "closed|rejected"),
    ("Accepted!", "closed|offer accepted"),
    ("reeejected", "closed|rejected"), ("  INTERVIEWING 🎉 ", "interviewing"),
    ("Rejeced", "closed|rejected"), ("rejected after final round", "closed|rejected"),
    ("🔵 Screening Call", "screening"), ("📧 Email Sent", "applied"),
    ("Ready to Apply", "wishlist"), ("Follow-up", "applied"),
])
def test_status_words_are_proposed_from_the_word_list(word: str, choice: str) -> None:
    assert values.propose_status(word) == choice


@pytest.mark.parametrize("word", ["已投递", "başvuruldu", "Sleeping", "42", "In progress",
                                  "Deferred for another role"])
def test_unknown_status_words_are_asked_about(word: str) -> None:
    assert values.propose_status(word) is None


def test_every_word_in_the_list_is_placed_on_one_of_our_stages() -> None:
    words = values.known_words()
    assert len(words) > 100
    assert set(words.values()) <= set(values.status_choices())


def test_suggestions_look_at_values_as_well_as_names() -> None:
    frame = pd.DataFrame({
        "Company": ["Acme", "Beta", "Gamma"], "Position": ["Dev"] * 3,
        "Applied": ["Yes", "No", "Yes"], "Applied Date": ["2026-01-05", "", "2026-02-03"],
        "Status": ["Pending", "Not applied", "Ghosted"],
        "Email": ["me@home.example"] * 3, "Recruiter email": ["a@x.example", "", "b@y.example"],
    })
    mapping = importer.suggest_mapping(frame)
    assert mapping["date_applied"] == "Applied Date"  # before: the Yes/No "Applied"
    assert mapping["stage"] == "Status"
    assert mapping["contact_email"] == "Recruiter email"  # not one address on every row
    notes_as_status = pd.DataFrame({"Company": ["A", "B", "C"], "Role": ["x"] * 3,
                                    "Status": ["Called 3/4, went well", "See mail 2026-01-02",
                                               "https://x.example"]})
    assert importer.suggest_mapping(notes_as_status)["stage"] is None


def test_linkedin_exports_are_mapped_in_one_step_and_contact_email_is_never_the_contact(
) -> None:
    applied = pd.DataFrame({"Application Date": ["1/14/25, 11:25 PM"],
                            "Contact Email": ["me@mail.example"], "Company Name": ["Acme"],
                            "Job Title": ["Analyst"], "Job Url": ["https://linkedin.example/1"]})
    assert importer.linkedin_kind(list(applied.columns)) == "applications"
    mapping = importer.suggest_mapping(applied)
    assert {k: v for k, v in mapping.items() if v} == {
        "company": "Company Name", "role": "Job Title", "posting_url": "Job Url",
        "date_applied": "Application Date"}
    saved = pd.DataFrame({"Saved Date": ["1/14/25, 11:25 PM"], "Job Url": ["https://l.example"],
                          "Job Title": ["Analyst"], "Company Name": ["Acme"]})
    assert importer.linkedin_kind(list(saved.columns)) == "saved"
    assert importer.suggest_mapping(saved)["date_applied"] is None  # saved jobs: wishlist


def test_the_first_row_is_data_when_it_holds_dates_addresses_or_links() -> None:
    assert looks_like_data(["Acme", "Analyst", "2026-01-05"])
    assert looks_like_data(["Acme", "ann@acme.example"])
    assert not looks_like_data(["Company", "Role", "Date applied"])
    assert not looks_like_data(["Firma", "Stelle", "Bemerkung"])


def _upload(raw: bytes) -> importer.Upload:
    return importer.read_upload(raw, "t.csv")


def test_an_unknown_outcome_on_an_open_row_is_dropped_with_a_warning(store: Store) -> None:
    """Before: "unknown outcome 'negative'" refused the whole row."""
    upload = _upload(b"Company,Role,Status,Outcome,Date applied\n"
                     b"Acme,Dev,Interviewing,Meh,2026-01-05\n"
                     b"Beta,Dev,Applied,Rejected,2026-01-06\n")
    answers = importer.first_answers(upload)
    assert answers.outcomes == {"Meh": "", "Rejected": "rejected"}
    preview = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert not preview.problems
    assert preview.applications["outcome"].isna().all()
    assert preview.warnings == [
        "1 row: outcome 'Meh' is not one of ours, so it was left out.",
        "1 row: outcome 'rejected' on a row that is still open (applied), so it was left out."]


def test_an_unknown_status_waits_for_an_answer_and_the_answer_places_it(store: Store) -> None:
    upload = _upload("Company,Role,Status,Date applied\nAcme,Dev,已投递,2026-01-05\n"
                     "Beta,Dev,Applied,2026-01-06\n".encode())
    answers = importer.first_answers(upload)
    questions = importer.ask(upload.frame, answers.mapping)
    assert [(v, n, p) for v, n, p in questions.statuses] == [
        ("已投递", 1, None), ("Applied", 1, "applied")]
    assert questions.open_points(answers) == ["what 1 status value means"]
    answers.statuses["已投递"] = "applied"
    assert not questions.open_points(answers)
    preview = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert preview.applications["stage"].tolist() == ["applied", "applied"]


def test_fixes_are_imported_with_the_rest_in_one_unit(store: Store) -> None:
    upload = _upload(b"Company,Role,Date applied\nAcme,Dev,2026-01-05\n,Dev,2026-01-06\n"
                     b"Gamma,Dev,2026-02-31\n")
    answers = importer.first_answers(upload)
    refused = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert [p.row for p in refused.problems] == [3, 4]
    answers.fixes = {3: {"company": "Beta"}, 4: {"date_applied": "28 Feb 2026"}}
    preview = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert not preview.problems and preview.lines == [2, 3, 4]
    unit = data_commands.apply_import(store, preview, "t.csv", upload.digest)
    assert unit is not None and unit.rows == 3
    apps = store.load("applications")
    assert apps["company"].tolist() == ["Acme", "Beta", "Gamma"]
    assert apps["date_applied"].iloc[2] == pd.Timestamp(2026, 2, 28)
    assert len(store.load("events")) == 3
    assert upload.frame["Company"].iloc[1] is None  # the upload itself is as it was
    data_commands.undo_import(store, unit.id)
    assert store.load("applications").empty and store.load("events").empty


def test_answers_are_remembered_for_the_next_file_with_the_same_columns(store: Store) -> None:
    first = _upload(b"Firma,Stelle,Stand,Datum\nAcme,Dev,beworben,03/04/2026\n")
    answers = importer.first_answers(first, store.load("settings"))
    answers.mapping |= {"company": "Firma", "role": "Stelle", "stage": "Stand",
                        "date_applied": "Datum"}
    answers.statuses["beworben"] = "applied"
    answers.order = dates.DAY_FIRST
    preview = importer.prepare_import(first, answers, store.load("applications"), NOW)
    data_commands.apply_import(store, preview, "a.csv", first.digest,
                          remember=(list(first.frame.columns), answers))
    second = _upload(b"Datum,Stand,Stelle,Firma\n05/06/2026,beworben,QA,Beta\n")
    again = importer.first_answers(second, store.load("settings"))
    assert again.mapping["company"] == "Firma" and again.mapping["stage"] == "Stand"
    assert again.statuses["beworben"] == "applied" and again.order == dates.DAY_FIRST
    assert not importer.ask(second.frame, again.mapping).open_points(again)
    # A settings value edited by hand into nonsense is ignored, not a crash.
    key = importer.remember_key(list(second.frame.columns))
    store.update("settings", lambda f: f.assign(value=f["value"].where(f["id"] != key, "{oops")))
    assert importer.remembered(store.load("settings"), list(second.frame.columns)) is None


def test_column_names_in_other_languages_are_recognised() -> None:
    frame = pd.DataFrame({"公司": ["甲", "乙"], "职位": ["工程师"] * 2, "状态": ["已投递"] * 2,
                          "申请日期": ["2026-01-05", "2026-01-06"]})
    mapping = importer.suggest_mapping(frame)
    assert (mapping["company"], mapping["role"], mapping["stage"], mapping["date_applied"]) == (
        "公司", "职位", "状态", "申请日期")
    german = pd.DataFrame({"Firma": ["A"], "Stelle": ["B"], "Beworben am": ["05.01.2026"]})
    assert importer.suggest_mapping(german)["date_applied"] == "Beworben am"


@given(st.text(max_size=40), st.sampled_from([None, dates.DAY_FIRST, dates.MONTH_FIRST]),
       st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_any_text_is_a_day_or_a_reason(text: str, order: str | None, year: int | None) -> None:
    result = dates.read_date(text, order, year)
    assert isinstance(result, date | str)
    assert values.propose_status(text) in (None, *values.status_choices())


def test_a_date_outside_the_years_the_app_keeps_is_a_row_problem_to_fix(store: Store) -> None:
    """A year typed as 1926 for 2026 would have drawn a century of weeks on Pipeline."""
    upload = _upload(b"Company,Role,Date applied\nAcme,Dev,1926-01-05\nBeta,Dev,2026-01-05\n")
    answers = importer.first_answers(upload)
    preview = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert [(p.row, p.message) for p in preview.problems] == [
        (2, "1926-01-05 is before 2000-01-01, the earliest date the app keeps: is the year "
            "right?")]
    answers.fixes = {2: {"date_applied": "2026-01-05"}}
    fixed = importer.prepare_import(upload, answers, store.load("applications"), NOW)
    assert not fixed.problems and len(fixed.applications) == 2
