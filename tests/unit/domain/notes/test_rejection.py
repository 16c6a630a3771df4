"""Issue 21, item 11: a reply to a no uses what they said. A later opening they offered is taken
up in their words, feedback they offered is accepted, and nothing is invented when they offered
neither."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.notes.drafting import NoteInput, render_note
from nextround.domain.notes.rejection import TheirOffer, their_offer
from nextround.storage.frames import typed_frame
from nextround.views.notes import Picked, Typed, note_context, note_inputs, private_notes

TODAY = date(2026, 3, 12)
SPRING = ("They went with someone more senior, but said they'd keep me in mind for a senior "
          "analyst opening in the spring.")


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        (SPRING, TheirOffer("the senior analyst opening in the spring", False)),
        ("Not a fit right now. Happy to share feedback if I want a call.", TheirOffer("", True)),
        ("She encouraged me to apply for our upcoming product analyst position.",
         TheirOffer("your upcoming product analyst position", False)),
        ("We will not be moving forward. We cannot give individual feedback.", TheirOffer()),
        ("The role has been filled.", TheirOffer()),
        ("We have decided to move forward with other candidates.", TheirOffer()),
        ("", TheirOffer()),
        (None, TheirOffer()),
    ],
)
def test_their_offer_is_read_from_their_words_and_never_invented(details, expected):
    assert their_offer(details) == expected


@pytest.mark.parametrize("tone", ["warm", "concise"])
def test_the_reply_takes_up_the_opening_they_offered_in_their_words(tone):
    note = NoteInput("rejection reply", tone, "Lumen Health", "Data analyst", "Priya Raman",
                     TODAY, "Sam Okafor", interview_date=date(2026, 3, 2),
                     later_opening="the senior analyst opening in the spring",
                     feedback_offered=True)
    body = render_note(note).body
    assert "considered for the senior analyst opening in the spring" in body
    assert "future openings" not in body
    assert "offering feedback" in body
    plain = render_note(NoteInput("rejection reply", tone, "Lumen Health", "Data analyst",
                                  "Priya Raman", TODAY, "Sam Okafor")).body
    assert "future openings" in plain and "spring" not in plain and "feedback" not in plain


def test_the_notes_page_passes_the_rejections_offer_to_the_reply_only():
    app = typed_frame("applications", [{"id": "A1", "company": "Lumen Health",
                                         "role": "Data analyst", "stage": "closed",
                                         "outcome": "rejected", "contact_name": "Rita Okoye",
                                         "date_applied": date(2026, 2, 1)}]).iloc[0]
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": date(2026, 3, 2), "kind": "interview",
         "interviewers": "Priya Raman"},
        {"id": "E2", "application_id": "A1", "date": date(2026, 3, 4), "kind": "follow-up sent"},
        {"id": "E3", "application_id": "A1", "date": date(2026, 3, 10), "kind": "rejection",
         "details": SPRING}])
    context = note_context(app, events)
    assert context.offer.opening == "the senior analyst opening in the spring"
    assert context.applied == date(2026, 2, 1) and context.earlier_follow_up == date(2026, 3, 4)
    picked = Picked(app, events.iloc[0])
    typed = Typed("Sam Okafor")
    [reply] = note_inputs("rejection reply", "warm", picked, [], typed, TODAY, [], "", context)
    [thanks] = note_inputs("thank-you", "warm", picked, [], typed, TODAY, [], "", context)
    assert reply.later_opening == "the senior analyst opening in the spring"
    assert thanks.later_opening == ""
    # What they said in the rejection may be quoted back: it is not private text.
    assert "senior analyst opening in the spring" not in private_notes(app, events)
