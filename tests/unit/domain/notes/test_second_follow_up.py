"""Issue 21, item 7: the second, last follow-up refers to the first, adds one new thing and says
it is the last; the rules never ask for a third."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.next_note import next_note
from nextround.domain.notes.drafting import NoteInput, render_note
from nextround.storage.frames import typed_frame

TODAY = date(2026, 3, 12)
NEWS = "I passed the AWS Solutions Architect exam on Monday"


@pytest.mark.parametrize("tone", ["warm", "concise"])
def test_the_second_follow_up_refers_to_the_first_adds_news_and_says_it_is_the_last(tone):
    first = render_note(NoteInput("follow-up", tone, "Lumen", "Data analyst", "Priya Raman",
                                  TODAY, "Sam Okafor", interview_date=date(2026, 2, 20),
                                  specific_detail="the churn dashboard"))
    second = render_note(NoteInput("second follow-up", tone, "Lumen", "Data analyst",
                                   "Priya Raman", TODAY, "Sam Okafor",
                                   interview_date=date(2026, 2, 20),
                                   earlier_note_date=date(2026, 3, 4),
                                   specific_detail="the churn dashboard", development=NEWS))
    assert second.body != first.body and second.subject != first.subject
    assert "on March 4" in second.body  # refers to the first
    assert NEWS in second.body  # one new thing
    assert "last note" in second.body  # says it is the last
    assert "Thank you again for speaking with me" not in second.body


def test_after_two_follow_ups_the_rules_never_ask_for_a_third():
    apps = typed_frame("applications", [{"id": "A1", "company": "Lumen", "role": "Analyst",
                                         "stage": "interviewing"}])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": date(2026, 1, 20), "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": date(2026, 1, 20), "kind": "thank-you sent"},
        {"id": "E3", "application_id": "A1", "date": date(2026, 2, 2), "kind": "follow-up sent"},
        {"id": "E4", "application_id": "A1", "date": date(2026, 2, 10), "kind": "follow-up sent"},
    ])
    note = next_note(apps, events, None, TODAY, "A1")
    assert note.kind is None and note.stop
    one = next_note(apps, events.iloc[:3], None, date(2026, 2, 16), "A1")
    assert (one.kind, one.action) == ("second follow-up", "second follow-up")
