"""What was seen in issue 21 (items 2 to 4 and 9): typed words keep their meaning, the phrases
people type compose into sentences without saying a thing twice, the checks point at the right
words, and a greeting is confirmed when the given name is uncertain."""

from __future__ import annotations

import pytest

from nextround.domain.notes.compose import compose_detail
from nextround.domain.notes.people import parse_person

READER = ("Priya Raman", "Priya")


# --- 2. never change the meaning of typed words ---------------------------------------------------


@pytest.mark.parametrize("typed", [
    "the spring catalogue (they seemed stressed about it)",
    'the line "they never ship on Fridays"',
    "the spring catalogue - they want it by May",
])
def test_no_pronoun_is_rewritten_inside_brackets_quotes_or_asides(typed):
    assert "they" in compose_detail(typed, READER).text


def test_an_uncertain_their_is_left_and_raises_a_doubt(make_input, render_and_check, failed):
    note = make_input(specific_detail="We spent ages on their new own-label range.")
    rendered, checks = render_and_check(note)
    assert "their new own-label range" in rendered.body
    problems = failed(checks)
    assert "speaks to them" in problems
    assert '"their"' in problems["speaks to them"]
    assert "We spent ages on their new own-label range." in problems["speaks to them"]


def test_a_plain_their_phrase_still_speaks_to_them(make_input, render_and_check, failed):
    rendered, checks = render_and_check(make_input(specific_detail="their plan to open Lisbon"))
    assert "your plan to open Lisbon" in rendered.body
    assert "speaks to them" not in failed(checks)


# --- 3. phrases people type -----------------------------------------------------------------------


def test_a_wh_clause_is_a_phrase_after_about(make_input, render_and_check, failed):
    typed = "how you would price the new enterprise tier"
    assert compose_detail(typed, READER).phrase == typed
    rendered, checks = render_and_check(make_input(specific_detail=typed))
    assert f"our conversation about {typed}." in rendered.body
    assert failed(checks) == {}


def test_a_sentence_that_already_says_it_enjoyed_is_not_followed_by_saying_it_again(
        make_input, render_and_check, failed):
    for tone in ("warm", "concise"):
        rendered, checks = render_and_check(make_input(
            tone=tone, specific_detail="I loved hearing how the team ships weekly"))
        assert "I loved hearing how the team ships weekly." in rendered.body
        assert "enjoyed that part" not in rendered.body
        assert failed(checks) == {}, rendered.body


def test_a_third_person_sentence_is_a_sentence():
    assert compose_detail("The team ships weekly.", READER).sentence == "The team ships weekly."
    assert compose_detail("the team ships weekly", READER).sentence == "The team ships weekly."


# --- 4. checks point at the right words -----------------------------------------------------------


def test_the_private_check_quotes_the_sentence_that_holds_the_words(
        make_input, render_and_check, failed):
    note = make_input(interviewer_name="Thi Nguyen", greeting_name="Thi",
                      specific_detail="the Lisbon question, where I froze completely",
                      private_notes="Lisbon question, where I froze completely. Ugh.")
    _, checks = render_and_check(note)
    message = failed(checks)["nothing private"]
    assert "Dear Thi" not in message
    assert "I froze completely" in message
    note = make_input(interviewer_name="Thi Nguyen", greeting_name="Thi",
                      repair="I froze on the case study but here is my answer.",
                      private_notes="I froze on the case study")
    message = failed(render_and_check(note)[1])["nothing private"]
    assert "Dear Thi" not in message and "I froze on the case study" in message


def test_the_interviews_what_you_discussed_is_not_private(make_input, render_and_check, failed):
    from nextround.storage.frames import typed_frame
    from nextround.views.notes import private_notes

    app = typed_frame("applications", [{"id": "A1", "company": "Lumen", "role": "Analyst",
                                         "stage": "interviewing",
                                         "notes": "Salary is low; I froze on SQL."}]).iloc[0]
    events = typed_frame("events", [{"id": "E1", "application_id": "A1", "kind": "interview",
                                     "date": "2026-03-11",
                                     "details": "their plan to open an office in Lisbon"}])
    private = private_notes(app, events)
    assert "Lisbon" not in private and "Salary is low" in private
    note = make_input(specific_detail="their plan to open an office in Lisbon",
                      private_notes=private)
    assert "nothing private" not in failed(render_and_check(note)[1])


def test_her_meaning_a_third_person_is_not_taken_for_the_reader(
        make_input, render_and_check, failed):
    note = make_input(specific_detail="how your CTO Ana shaped her data-platform roadmap")
    _, checks = render_and_check(note)
    assert "speaks to them" not in failed(checks)


# --- 9. greetings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["Nguyen, Thi Minh", "Nguyen Thi Minh",
                                  "Dr. María José Fernández-López", "PRIYA RAMAN",
                                  "Raman & Co hiring team", "RAMAN Priya"])
def test_an_uncertain_given_name_carries_a_doubt(cell):
    assert parse_person(cell).doubt


@pytest.mark.parametrize("cell", ["Priya Raman", "Raman, Priya", "Tom Byrne", "Zoë Dubois",
                                  "Chen Nakamura", "Dr. Anika Chen"])
def test_a_clear_name_carries_no_doubt(cell):
    assert parse_person(cell).doubt == ""


def test_a_typed_title_is_kept_in_both_tones():
    person = parse_person("Dr. Anika Chen")
    assert person.greeting("warm") == "Dr. Chen"
    assert person.greeting("concise") == "Dr. Chen"


def test_a_doubtful_name_is_not_ready_until_confirmed(make_input, render_and_check, failed):
    _, checks = render_and_check(make_input(interviewer_name="Nguyen, Thi Minh"))
    assert "greeting" in failed(checks)
    assert "Minh" in failed(checks)["greeting"]
    _, checks = render_and_check(make_input(interviewer_name="Nguyen, Thi Minh",
                                            greeting_name="Minh"))
    assert "greeting" not in failed(checks)


@pytest.mark.parametrize(("typed", "sentence"), [
    ("When you asked about Airflow I said I hadn't used it, but I ran it for two years.", True),
    ("where the new Leeds hub fits", False),
    ("Loved the demo of the routing app", True),
    ("the spring catalogue (they seemed stressed about it)", False),
])
def test_clauses_and_asides_are_read_as_what_they_are(typed, sentence):
    from nextround.domain.notes.compose import compose_free

    composed = compose_free(typed, READER) if typed.startswith("When") else compose_detail(
        typed, READER)
    assert bool(composed.sentence) is sentence, composed
    if typed.startswith("Loved"):
        assert composed.sentence == "I loved the demo of the routing app."
