"""Composing what people type: a phrase stays a phrase in the reader's view, a sentence stays a
sentence, capitals and marks are tidied, and nothing typed is lost or doubled."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.notes.compose import (
    Composed,
    as_clause,
    compose_detail,
    compose_free,
    compose_strength,
    end_sentence,
    is_sentence,
    join_and,
    lower_first,
    pronoun_is_uncertain,
    to_reader,
)
from tests.examples import more_examples

READER = ("Priya Raman", "Priya")
KEEP = ("Acme Analytics", "Data analyst", *READER)

# What people really typed into "what you discussed", and what the note must use.
DETAILS = [
    ("their plan to open an office in Lisbon",
     Composed(phrase="your plan to open an office in Lisbon")),
    ("We talked about their move to Zendesk.", Composed(phrase="your move to Zendesk")),
    ("Talked about the migration of their reporting to a new warehouse.",
     Composed(phrase="the migration of your reporting to a new warehouse")),
    ("we discussed how the team runs its weekly planning",
     Composed(phrase="how the team runs its weekly planning")),
    ("The plan to rebuild the churn dashboard.",
     Composed(phrase="the plan to rebuild the churn dashboard")),
    ("Their onboarding redesign", Composed(phrase="your onboarding redesign")),
    ("Rebuilding the data platform", Composed(phrase="rebuilding the data platform")),
    ("Zendesk migration", Composed(phrase="Zendesk migration")),
    ("Python testing at scale", Composed(phrase="Python testing at scale")),
    ("Priya's plan to hire two analysts", Composed(phrase="your plan to hire two analysts")),
    ("the team's roadmap for spring", Composed(phrase="the team's roadmap for spring")),
    ("how customers use their dashboards", Composed(phrase="how customers use their dashboards")),
    ("“the Lisbon office”", Composed(phrase="the Lisbon office")),
    ("the Lisbon office!!", Composed(phrase="the Lisbon office")),
    ("about the SQL take-home.", Composed(phrase="the SQL take-home")),
    ("their plan , and what they need", Composed(phrase="your plan, and what you need")),
    ("Showed me the new on-call rota", Composed(sentence="You showed me the new on-call rota.")),
    ("i asked about their on-call rota and loved the answer",
     Composed(sentence="I asked about your on-call rota and loved the answer.")),
    ("They walked me through their release process.",
     Composed(sentence="You walked me through your release process.")),
    ("the churn problem is growing", Composed(sentence="The churn problem is growing.")),
    ("We compared two ways to cut churn. It was fun.",
     Composed(sentence="We compared two ways to cut churn. It was fun.")),
    ("", Composed()),
    ("   ...  ", Composed()),
]


@pytest.mark.parametrize(("typed", "expected"), DETAILS)
def test_real_details_become_a_phrase_or_a_sentence_in_the_readers_view(typed, expected):
    assert compose_detail(typed, READER, KEEP) == expected


STRENGTHS = [
    ("five years of SQL reporting", Composed(phrase="five years of SQL reporting")),
    ("Strong SQL skills", Composed(phrase="strong SQL skills")),
    ("My strength is Python.", Composed(phrase="Python")),
    ("SQL", Composed(phrase="SQL")),
    ("I have led a team of eight for three years",
     Composed(sentence="I have led a team of eight for three years.")),
    ("i'm fluent in Portuguese", Composed(sentence="I'm fluent in Portuguese.")),
]


@pytest.mark.parametrize(("typed", "expected"), STRENGTHS)
def test_real_strengths_become_a_phrase_or_a_sentence(typed, expected):
    assert compose_strength(typed, READER, KEEP) == expected


def test_a_repair_keeps_its_paragraphs_and_turns_their_view():
    typed = "When they asked about Airflow I said no.\n\n\n\nBut I ran it for two years"
    assert compose_free(typed).sentence == (
        "When you asked about Airflow I said no.\n\nBut I ran it for two years.")
    assert compose_free("the HIPAA audit I led") == Composed(phrase="the HIPAA audit I led")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the plan that was announced", False), ("the churn problem is growing", True),
     ("how the team runs its planning", False), ("When you asked, I froze", True),
     ("I froze", True), ("SQL", False), ("Done. Next.", True)],
)
def test_is_sentence(text, expected):
    assert is_sentence(text) is expected


def test_lower_first_keeps_names_and_acronyms():
    assert lower_first("The plan") == "the plan"
    assert lower_first("SQL reporting") == "SQL reporting"
    assert lower_first("iPhone app") == "iPhone app"
    assert lower_first("Mark's plan") == "Mark's plan"
    assert lower_first("Beijing office") == "Beijing office"
    assert lower_first("Acme rollout", keep=["Acme"]) == "Acme rollout"


def test_to_reader_keeps_pronouns_that_belong_to_others():
    assert to_reader("their plan") == "your plan"
    assert to_reader("They’re hiring") == "You’re hiring"
    assert to_reader("what customers say about their bills") == \
        "what customers say about their bills"


def test_small_wording_helpers():
    assert end_sentence("Acme Inc.") == "Acme Inc."
    assert end_sentence("Done") == "Done."
    assert as_clause("I led a team.") == "I led a team"
    assert as_clause("Wait...") == "Wait..."
    assert join_and(["a", "b", "c"]) == "a, b, and c"


# --- properties ---------------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["their", "They", "plan", "the", "The", "Lisbon", "office", "we", "talked", "about", "I",
     "was", "is", "customers", "SQL", "Zoë", "and", ",", ".", "!", "?", ":", "  ", "’s", "it"])
PHRASES = st.one_of(st.lists(WORDS, max_size=12).map(" ".join), st.text(max_size=40))


@more_examples(4)
@given(typed=PHRASES)
def test_any_typed_text_composes_into_one_clean_form(typed):
    for composed in (compose_detail(typed, READER, KEEP), compose_strength(typed, READER, KEEP)):
        assert not (composed.phrase and composed.sentence)
        if composed.phrase:
            assert composed.phrase == composed.phrase.strip()
            assert not composed.phrase.endswith((".", ",", ";", ":", "!", "?"))
        if composed.sentence:
            assert composed.sentence[-1] in ".!?…\"'”’)]"
        text = composed.text
        assert not re.search(r"(?<!\.)\.\.(?!\.)|,,|;;|\s[,.;:!?](?:\s|$)", text)
        # A "their" is left only where who it means is not certain (after a plural noun, in
        # an aside or a quotation, or after "we"); the checks then ask.
        for m in re.finditer(r"\b[Tt]heir\b", text):
            assert "customers" in text[:m.start()].casefold() or pronoun_is_uncertain(
                text, m.start()), text


@more_examples(2)
@given(typed=PHRASES)
def test_the_words_that_were_typed_are_kept(typed):
    composed = compose_detail(typed, (), ())
    kept = set(re.findall(r"[A-Za-z]{4,}", composed.text.casefold()))
    typed_words = set(re.findall(r"[A-Za-z]{4,}", typed.casefold()))
    dropped = {"talked", "about", "their", "they", "them", "theirs"}
    assert typed_words - dropped - {"your", "yours"} <= kept | dropped
