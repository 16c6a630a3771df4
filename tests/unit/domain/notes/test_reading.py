"""The careful reader's checks catch every defect seen in the old drafts (quoted below as they
were sent to the page), name the sentence, and pass the repaired drafts."""

from __future__ import annotations

import pytest

from nextround.domain.notes.drafting import render_note
from nextround.domain.notes.reading import (
    check_conversation,
    check_fragments,
    check_private,
    check_pronouns,
    check_sameness,
)

PRIVATE = ("Felt awful. She checked her phone the whole time and I froze on the SQL question.\n"
           "Recruiter screen: salary and notice period.")


def body(middle: str) -> str:
    return f"Dear Priya,\n\n{middle}\n\nWarm regards,\nSam Okafor"


# Sentences the old templates produced and the page called ready.
OLD_FRAGMENTS = [
    "I especially enjoyed our conversation about Felt awful, and it has stayed with me since.",
    "I especially enjoyed our conversation about We talked about their move to Zendesk.",
    "I believe I have led a team of eight for three years would let me contribute.",
    "Thinking it over, there is one thing I'd like to add: When you asked about SQL, I froze.",
    "I enjoyed meeting the team, especially our discussion of Recruiter screen: salary.",
    "I enjoyed our discussion of the the Lisbon office.",
    "Thank you for meeting me. the plan sounds great.",
    "I enjoyed our talk about the Lisbon office..",
]


@pytest.mark.parametrize("sentence", OLD_FRAGMENTS)
def test_a_frame_that_swallowed_a_sentence_is_caught_and_named(sentence, make_input):
    check = check_fragments(body(sentence), make_input())
    assert not check.ok
    quoted = check.message.split('"')[1]
    assert quoted.rstrip(".") in sentence  # the sentence is named


@pytest.mark.parametrize(
    "sentence",
    ["I especially enjoyed our conversation about Zendesk's move to Lisbon.",
     "I enjoyed our discussion of Python testing.",
     "Thank you for speaking with me about the Data Analyst role at Lumen Health.",
     "I enjoyed hearing about Priya's team, e.g. the way it plans."],
)
def test_names_after_a_frame_are_not_fragments(sentence, make_input):
    assert check_fragments(body(sentence), make_input()).ok


def test_private_notes_are_caught_however_they_got_in(make_input):
    note = make_input(private_notes=PRIVATE)
    leaked = check_private(body("I especially enjoyed our conversation about felt awful."), note)
    assert not leaked.ok and "private" in leaked.message
    pasted = body("Thanks again. She checked her phone the whole time, I know.")
    assert not check_private(pasted, note).ok
    assert check_private(body("I enjoyed our talk about the SQL question."), note).ok


def test_a_topic_from_the_private_notes_is_not_a_leak(make_input):
    note = make_input(private_notes="Talked about the Lisbon office; churn dashboard")
    assert check_private(body("I enjoyed our conversation about the churn dashboard."), note).ok


def test_panel_notes_that_differ_only_in_the_greeting_are_caught():
    mine = body("Thank you for speaking with me. I enjoyed our conversation.")
    theirs = mine.replace("Dear Priya,", "Dear Tom,")
    check = check_sameness(mine, [("Tom Byrne", theirs)])
    assert not check.ok and "Tom Byrne" in check.message
    assert check_sameness(mine, [("Tom Byrne", theirs.replace("conversation", "chat"))]).ok


def test_their_view_of_the_company_is_caught_and_plural_theirs_is_not(make_input):
    note = make_input()
    check = check_pronouns(body("I enjoyed our conversation about their plan to grow."), note)
    assert not check.ok and '"their"' in check.message
    assert check_pronouns(body("I liked how customers use their dashboards."), note).ok
    assert not check_pronouns(body("I loved Priya's plan to grow."), note).ok


def test_she_in_what_was_discussed_is_caught(make_input):
    note = make_input(specific_detail="She showed me the new dashboard")
    assert not check_pronouns(render_note(note).body, note).ok


def test_a_conversation_is_mentioned_only_with_someone_who_was_in_it(make_input):
    recruiter = make_input("rejection reply", met=False)
    invented = body("I enjoyed meeting the team, especially our conversation about churn.")
    check = check_conversation(invented, recruiter)
    assert not check.ok and "not among your interviewers" in check.message
    assert check_conversation(render_note(recruiter).body, recruiter).ok
    assert check_conversation(invented, make_input("rejection reply")).ok
