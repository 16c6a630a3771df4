"""What the Prep page shows: the interviews to prepare for, or general preparation."""

from __future__ import annotations

from datetime import date

from nextround.storage.frames import typed_frame
from nextround.views.prep import (
    GENERAL_INTERVIEW,
    Interview,
    interview_choices,
    questions_to_practise,
)

TODAY = date(2026, 11, 25)


def test_interview_choices_upcoming_first_then_recent_open_ones() -> None:
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
    assert [i.id for i in interview_choices(apps, events, TODAY)] == ["E2", "E1"]
    assert [i.id for i in interview_choices(apps, events, TODAY, requested="E3")] == \
        ["E2", "E3", "E1"]


def test_a_rejected_application_left_at_interviewing_is_not_offered() -> None:
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "Analyst", "stage": "interviewing",
         "outcome": "rejected"},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": "2026-11-28", "kind": "interview"},
    ])
    assert interview_choices(apps, events, TODAY) == []
    assert [i.id for i in interview_choices(apps, events, TODAY, requested="E1")] == ["E1"]


def test_each_choice_carries_what_the_page_shows() -> None:
    apps = typed_frame("applications", [
        {"id": "A1", "company": " Acme ", "role": "Analyst", "stage": "interviewing"}])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": "2026-11-28", "kind": "interview",
         "round": 2, "interview_type": "panel", "interviewers": "Ana Lee; Bo Chen"}])
    (choice,) = interview_choices(apps, events, TODAY)
    assert choice == Interview("E1", date(2026, 11, 28), "Acme", "Analyst", "panel", 2,
                               "Ana Lee; Bo Chen")
    assert choice.title() == "Acme: Analyst" and choice.kind() == "Panel interview, round 2"
    assert not choice.is_general and not choice.has_passed(TODAY)
    assert choice.has_passed(date(2026, 11, 29))
    assert interview_choices(apps.iloc[0:0], events, TODAY) == []


def test_general_preparation_has_no_day() -> None:
    assert GENERAL_INTERVIEW.is_general and GENERAL_INTERVIEW.day is None
    assert GENERAL_INTERVIEW.title() == "General preparation"
    assert not GENERAL_INTERVIEW.has_passed(TODAY)
    assert Interview("E9", TODAY, "Acme").kind() == "Interview"
    assert Interview("E9", TODAY, "Acme").title() == "Acme"


def test_the_question_to_prepare_better_is_named_with_where_it_came_from() -> None:
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme *Analytics*", "role": "Analyst", "stage": "closed",
         "outcome": "rejected"}])
    checks = typed_frame("self_checks", [
        {"id": "S1", "application_id": "A1", "interview_date": "2026-11-20",
         "prepare_better": "Why are you leaving your current job?", "created_at": "2026-11-20"},
        {"id": "S2", "label": "Coffee chat", "interview_date": "2026-11-23",
         "prepare_better": "What salary do you expect?", "created_at": "2026-11-23"},
        {"id": "S3", "application_id": "A404", "prepare_better": "Tell me about yourself",
         "created_at": "2026-11-01"},
    ])
    assert questions_to_practise(checks, apps, TODAY) == [
        ("What salary do you expect?", "your self-check of Coffee chat, Mon 23 Nov"),
        ("Why are you leaving your current job?",
         "your self-check of Acme *Analytics*, Fri 20 Nov"),
        ("Tell me about yourself", "your self-check of an application since deleted"),
    ]
    assert questions_to_practise(typed_frame("self_checks", []), apps, TODAY) == []
