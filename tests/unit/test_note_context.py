"""Reading what a note is about from the records."""

from __future__ import annotations

import pandas as pd

from nextround.storage.frames import typed_frame
from nextround.views.markup import safe_filename
from nextround.views.notes import detail_phrase, file_name, note_history, recipients_for

APP = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                    "stage": "interviewing", "contact_name": "Rita Recruiter",
                                    "contact_email": "rita@example.com"}]).iloc[0]
EVENTS = typed_frame("events", [
    {"id": "E1", "application_id": "A1", "date": "2026-11-02", "kind": "interview", "round": 1,
     "interviewers": "Ana; Bo", "interviewer_emails": "ana@example.com"},
    {"id": "E2", "application_id": "A1", "date": "2026-11-03", "kind": "thank-you sent"},
    {"id": "E3", "application_id": "A1", "date": "2026-11-10", "kind": "interview", "round": 2},
    {"id": "E4", "application_id": "A1", "date": "2026-11-18", "kind": "follow-up sent"},
])
NO_ACTIONS = typed_frame("actions", [])


def test_history_counts_only_this_rounds_notes() -> None:
    first, second = EVENTS.iloc[0], EVENTS.iloc[2]
    assert note_history(EVENTS, NO_ACTIONS, APP, first) == (True, 0, False)
    assert note_history(EVENTS, NO_ACTIONS, APP, second) == (False, 1, False)


def test_thank_you_marked_done_on_home_counts() -> None:
    done = typed_frame("actions", [{"id": "A1:thank-you:E3", "status": "done"}])
    assert note_history(EVENTS, done, APP, EVENTS.iloc[2])[0] is True


def test_recipients_one_per_interviewer_and_contact_for_a_rejection() -> None:
    interview = EVENTS.iloc[0]
    assert recipients_for("thank-you", APP, interview) == [("Ana", "ana@example.com"),
                                                           ("Bo", "")]
    assert recipients_for("rejection reply", APP, interview) == [("Rita Recruiter",
                                                                  "rita@example.com")]


def test_detail_phrase_drops_the_lead_in() -> None:
    assert detail_phrase("Talked about the Lisbon office. Then salary.") == "the Lisbon office"
    assert detail_phrase(pd.NA) == ""


def test_file_names_never_carry_paths_or_odd_characters() -> None:
    assert file_name("thank-you", "Acme/../../etc", "Zoë <x>") == "thank-you-acme-etc-zo-x.txt"
    assert safe_filename("", "  ", suffix=".md", fallback="prep") == "prep.md"


def test_interview_choices_upcoming_first_then_recent_open_ones() -> None:
    from datetime import date

    from nextround.domain.interviews import interview_choices, relative_day

    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "Analyst", "stage": "interviewing"},
        {"id": "A2", "company": "Beta", "role": "Dev", "stage": "closed", "outcome": "rejected"},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": "2026-11-20", "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": "2026-11-28", "kind": "interview"},
        {"id": "E3", "application_id": "A2", "date": "2026-11-21", "kind": "interview"},
        {"id": "E4", "application_id": "A1", "date": "2026-10-01", "kind": "interview"},
    ])
    today = date(2026, 11, 25)
    assert [i.id for i in interview_choices(apps, events, today)] == ["E2", "E1"]
    assert [i.id for i in interview_choices(apps, events, today, requested="E3")] == \
        ["E2", "E3", "E1"]
    assert relative_day(date(2026, 11, 28), today) == "in 3 days"


def test_application_order_with_no_events_at_all() -> None:
    from datetime import date

    from nextround.views.notes import application_order

    apps = typed_frame("applications", [{"id": "A1", "company": "Solo", "role": "Analyst",
                                         "stage": "wishlist"}])
    assert application_order(apps, typed_frame("events", []), date(2026, 11, 25)) == ["A1"]


def test_application_order_is_bounded_but_keeps_the_chosen_one() -> None:
    from datetime import date

    from nextround.views.notes import application_order

    apps = typed_frame("applications", [
        {"id": f"A{i:05d}", "company": f"C{i}", "role": "R", "stage": "applied"}
        for i in range(150)])
    events = typed_frame("events", [
        {"id": f"E{i:05d}", "application_id": f"A{i:05d}",
         "date": date(2026, 1, 1) + pd.Timedelta(days=i), "kind": "interview"}
        for i in range(150)])
    order = application_order(apps, events, date(2027, 1, 1), limit=100, keep=("A00002",))
    assert len(order) == 101 and order[0] == "A00149" and order[-1] == "A00002"
