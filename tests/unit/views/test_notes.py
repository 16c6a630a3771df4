"""What the Notes page shows: the applications to write about, the interview a note is about,
who to write to, what earlier notes offer to start from, and what has been sent."""

from __future__ import annotations

from datetime import date, datetime

from nextround.domain.notes.people import parse_person
from nextround.storage.frames import typed_frame
from nextround.views import notes
from nextround.views.notes import (
    Typed,
    earlier_fields,
    file_name,
    interview_people,
    note_inputs,
    private_notes,
    recipients_for,
)

TODAY = date(2026, 11, 25)
APPS = typed_frame("applications", [
    {"id": "A1", "company": "Acme", "role": "Analyst", "stage": "interviewing",
     "contact_name": "Rita Recruiter", "contact_email": "rita@example.com"},
    {"id": "A2", "company": "Beta", "role": "Dev", "stage": "closed", "outcome": "rejected"},
])
APP = APPS.iloc[0]
EVENTS = typed_frame("events", [
    {"id": "E1", "application_id": "A1", "date": "2026-11-02", "kind": "interview", "round": 1,
     "interviewers": "Ana; Bo", "interviewer_emails": "ana@example.com",
     "interview_type": "video"},
    {"id": "E2", "application_id": "A1", "date": "2026-11-03", "kind": "thank-you sent"},
    {"id": "E3", "application_id": "A1", "date": "2026-11-23", "kind": "interview", "round": 2},
    {"id": "E4", "application_id": "A2", "date": "2026-11-18", "kind": "interview"},
    {"id": "E5", "application_id": "A1", "date": "2026-12-02", "kind": "interview", "round": 3},
])


# --- which application and interview ----------------------------------------------------------


def test_interviews_of_an_application_latest_first():
    assert notes.interviews_of(EVENTS, "A1")["id"].tolist() == ["E5", "E3", "E1"]
    assert notes.interviews_of(EVENTS, "A404").empty


def test_an_applications_interviews_come_with_its_record_and_by_id():
    chosen = notes.application_interviews(APPS, EVENTS, "A1")
    assert chosen.app["company"] == "Acme"
    assert chosen.interviews["id"].tolist() == ["E5", "E3", "E1"]
    assert list(chosen.by_id) == ["E5", "E3", "E1"]
    assert chosen.by_id["E1"]["interviewers"] == "Ana; Bo"
    assert notes.application_interviews(APPS, EVENTS, "A2").interviews["id"].tolist() == ["E4"]


def test_the_default_interview_is_the_latest_that_happened_else_the_next_one():
    assert notes.default_interview(notes.interviews_of(EVENTS, "A1"), TODAY) == "E3"
    only_ahead = notes.interviews_of(EVENTS[EVENTS["id"] == "E5"], "A1")
    assert notes.default_interview(only_ahead, TODAY) == "E5"
    assert notes.default_interview(notes.interviews_of(EVENTS, "A404"), TODAY) == ""


def test_picked_reads_the_interview_and_its_dates():
    picked = notes.Picked(APP, EVENTS.iloc[0])
    assert (picked.app_id, picked.event_id) == ("A1", "E1")
    assert picked.interview_date == date(2026, 11, 2)
    assert picked.decision_date is None
    none = notes.Picked(APP, None)
    assert none.event_id == "" and none.interview_date is None and none.decision_date is None


def test_the_index_lists_applications_and_reads_one_applications_events():
    index = notes.notes_index(APPS, EVENTS, TODAY)
    assert index.order == ["A1", "A2"]  # the most recent interview first
    assert index.labels == {"A1": "Acme – Analyst", "A2": "Beta – Dev (rejected)"}
    assert index.events_of(EVENTS, "A1")["id"].tolist() == ["E1", "E2", "E3", "E5"]
    assert index.events_of(EVENTS, "A404").empty


def test_labels_tell_apart_two_applications_with_the_same_name():
    twins = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "Dev", "stage": "applied"},
        {"id": "A2", "company": "Acme", "role": "Dev", "stage": "applied"},
        {"id": "A3", "company": "Zeta", "role": None, "stage": "wishlist"},
    ])
    assert notes.application_labels(twins) == {
        "A1": "Acme – Dev · A1", "A2": "Acme – Dev · A2", "A3": "Zeta"}


def test_interview_label_reads_like_a_sentence():
    interview = EVENTS.iloc[0]
    assert notes.interview_label(interview, TODAY) == (
        "Round 1 video interview, Mon 2 Nov (23 days ago)")
    assert notes.interview_label(EVENTS.iloc[3], TODAY) == "Interview, Wed 18 Nov (7 days ago)"


def test_application_order_with_no_events_at_all() -> None:
    apps = typed_frame("applications", [{"id": "A1", "company": "Solo", "role": "Analyst",
                                         "stage": "wishlist"}])
    assert notes.application_order(apps, typed_frame("events", []), TODAY) == ["A1"]


def test_application_order_is_bounded_but_keeps_the_chosen_one(one_interview_each) -> None:
    apps, events = one_interview_each(150, "applied")
    order = notes.application_order(apps, events, date(2027, 1, 1), limit=100, keep=("A00002",))
    assert len(order) == 101 and order[0] == "A00149" and order[-1] == "A00002"


# --- who to write to, and what to start from --------------------------------------------------


def _who(people):
    return [(p.name, p.email) for p in people]


def test_recipients_one_per_interviewer_and_the_contact_for_a_rejection() -> None:
    interview = EVENTS.iloc[0]
    assert _who(recipients_for("thank-you", APP, interview)) == [("Ana", "ana@example.com"),
                                                                 ("Bo", "")]
    assert _who(recipients_for("rejection reply", APP, interview)) == [
        ("Rita Recruiter", "rita@example.com")]


def test_recipients_fall_back_to_the_contact_and_a_reply_needs_whoever_wrote_the_no():
    no_people = EVENTS.iloc[2]  # round 2: no interviewers recorded
    assert _who(recipients_for("follow-up", APP, no_people)) == [
        ("Rita Recruiter", "rita@example.com")]
    no_contact = APPS.iloc[1]
    assert recipients_for("rejection reply", no_contact, EVENTS.iloc[0]) == []
    assert recipients_for("thank-you", no_contact, None) == []


def test_a_comma_in_the_record_never_splits_a_person() -> None:
    interview = typed_frame("events", [{"id": "E9", "application_id": "A1", "date": TODAY,
                                        "kind": "interview", "interviewers": "Raman, Priya"}])
    assert _who(recipients_for("thank-you", APP, interview.iloc[0])) == [("Priya Raman", "")]


def test_interview_people_are_everyone_in_any_round_once() -> None:
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": TODAY, "kind": "interview",
         "interviewers": "Priya Raman; Tom"},
        {"id": "E2", "application_id": "A1", "date": TODAY, "kind": "interview",
         "interviewers": "Raman, Priya"},
        {"id": "E3", "application_id": "A1", "date": TODAY, "kind": "note",
         "interviewers": "Not Counted"},
    ])
    assert [p.name for p in interview_people(events)] == ["Priya Raman", "Tom"]


def test_private_notes_gather_the_records_private_free_text() -> None:
    """The application's notes and a note event are private; what was discussed in an
    interview is what the notes draw on (the form says so), so it is not."""
    app = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "R",
                                        "stage": "applied", "notes": "Low salary."}]).iloc[0]
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": TODAY, "kind": "interview",
         "details": "Their move to Zendesk."},
        {"id": "E2", "application_id": "A1", "date": TODAY, "kind": "rejection"},
        {"id": "E3", "application_id": "A1", "date": TODAY, "kind": "note",
         "details": "Felt awful."}])
    assert private_notes(app, events) == "Low salary.\nFelt awful."


SENT = typed_frame("sent_notes", [
    {"id": "N1", "application_id": "A1", "kind": "thank-you", "recipient_name": "Priya Raman",
     "sent_at": datetime(2026, 11, 3, 9), "greeting": "Dr. Raman",
     "detail": "their Lisbon office", "strength": "SQL"},
    {"id": "N2", "application_id": "A2", "kind": "thank-you", "recipient_name": "Raman, Priya",
     "sent_at": datetime(2026, 11, 4, 9), "detail": "another job's topic",
     "strength": "another job's strength"},
    {"id": "N3", "application_id": "A1", "kind": "thank-you", "recipient_name": "Tom",
     "sent_at": datetime(2026, 11, 5, 9), "detail": "Tom's topic"},
])


def test_earlier_notes_offer_their_fields_for_the_same_person_and_job() -> None:
    earlier = earlier_fields(SENT, "A1", parse_person("Raman, Priya"))
    assert (earlier.greeting, earlier.detail, earlier.strength) == (
        "Dr. Raman", "their Lisbon office", "SQL")
    fresh = earlier_fields(SENT, "A2", parse_person("Priya Raman"))
    assert (fresh.greeting, fresh.detail, fresh.strength) == (
        "Dr. Raman", "another job's topic", "another job's strength")
    assert earlier_fields(SENT, "A1", parse_person("Zoë")).detail == ""


def test_note_inputs_give_one_note_per_person_and_no_conversation_with_a_stranger() -> None:
    picked = notes.Picked(APP, EVENTS.iloc[0])
    people = [parse_person("Ana"), parse_person("Bo")]
    typed = Typed("Sam Okafor", details={"Ana": "their roadmap", "Bo": ""},
                  greetings={"Bo": "Dr. Bo"}, strength="SQL", repair="I forgot X.",
                  repair_for="Ana")
    made = note_inputs("thank-you", "warm", picked, people, typed, TODAY, people, "private")
    assert [(n.interviewer_name, n.greeting, n.specific_detail, n.repair) for n in made] == [
        ("Ana", "Ana", "their roadmap", "I forgot X."), ("Bo", "Dr. Bo", "", "")]
    assert all(n.private_notes == "private" for n in made)
    reply = note_inputs("rejection reply", "warm", picked, [parse_person("Rita Recruiter")],
                        Typed("Sam"), TODAY, people, "")
    assert reply[0].met is False
    told = Typed("Sam", details={"Rita Recruiter": "the screening call"})
    assert note_inputs("rejection reply", "warm", picked, [parse_person("Rita Recruiter")],
                       told, TODAY, people, "")[0].met is True


def test_file_names_never_carry_paths_or_odd_characters() -> None:
    assert file_name("thank-you", "Acme/../../etc", "Zoë <x>") == "thank-you-acme-etc-zo-x.txt"
    assert file_name("", "", "") == "note.txt"


def test_sent_today_lists_one_kind_for_one_application():
    sent = typed_frame("sent_notes", [
        {"id": "N1", "application_id": "A1", "kind": "thank-you",
         "sent_at": datetime(2026, 11, 25, 9)},
        {"id": "N2", "application_id": "A1", "kind": "thank-you",
         "sent_at": datetime(2026, 11, 24, 9)},
        {"id": "N3", "application_id": "A1", "kind": "follow-up",
         "sent_at": datetime(2026, 11, 25, 9)},
    ])
    assert notes.sent_today(sent, "A1", "thank-you", TODAY)["id"].tolist() == ["N1"]
