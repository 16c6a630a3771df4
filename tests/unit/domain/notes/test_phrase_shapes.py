"""The shapes of phrase people type into "What you discussed" (issue 21, seen 3), generated:
noun phrases, wh-clauses, gerunds, and sentences in the first and third person, each with or
without a capital at the start and a full stop at the end. Each composes into a note that reads
as sentences, keeps every typed word, says nothing twice and is ready to send; then a table of
real inputs and what the note makes of them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.notes.compose import compose_detail
from nextround.domain.notes.drafting import TONES
from tests.examples import more_examples

NOUNS = ["returns portal", "pricing review", "loyalty scheme", "dispatch rota", "claims backlog",
         "partner API", "Leeds warehouse", "onboarding survey", "churn model", "grant pipeline"]
ADJECTIVES = ["", "new ", "regional ", "quarterly ", "weekly "]
OWNERS = ["the ", "your ", "the team's "]
TAILS = ["", " for the autumn", " in the Bristol stores", " before the spring launch"]
WH = ["how", "why", "whether", "when"]
WH_SUBJECTS = ["you", "the team", "your analysts"]
WH_VERBS = ["would price", "plan to change", "decided to rebuild", "measure"]
GERUNDS = ["rebuilding", "pricing", "automating", "moving", "testing"]
SUBJECTS_3 = ["The team", "Your team", "The support desk", "Your CTO"]
VERBS_3 = ["ships", "reviews", "runs", "launched", "rebuilt", "showed me"]
FIRST = ["I asked about", "I enjoyed hearing about", "I loved seeing", "We compared notes on"]

noun_phrase = st.builds(lambda o, a, n, t: f"{o}{a}{n}{t}", st.sampled_from(OWNERS),
                        st.sampled_from(ADJECTIVES), st.sampled_from(NOUNS),
                        st.sampled_from(TAILS))
plain_np = st.builds(lambda a, n: f"the {a}{n}", st.sampled_from(ADJECTIVES),
                     st.sampled_from(NOUNS))
wh_clause = st.builds(lambda w, s, v, n: f"{w} {s} {v} {n}", st.sampled_from(WH),
                      st.sampled_from(WH_SUBJECTS), st.sampled_from(WH_VERBS), plain_np)
gerund = st.builds(lambda g, n: f"{g} {n}", st.sampled_from(GERUNDS), plain_np)
third = st.builds(lambda s, v, n: f"{s} {v} {n}", st.sampled_from(SUBJECTS_3),
                  st.sampled_from(VERBS_3), plain_np)
first = st.builds(lambda s, n: f"{s} {n}", st.sampled_from(FIRST), plain_np)
PHRASES = st.one_of(noun_phrase, wh_clause, gerund).map(lambda t: ("phrase", t))
SENTENCES = st.one_of(third, first).map(lambda t: ("sentence", t))


def _dressed(shape_text, capital: bool, stop: bool) -> tuple[str, str]:
    shape, text = shape_text
    if capital:
        text = text[0].upper() + text[1:]
    return shape, text + ("." if stop else "")


SHAPES = st.builds(_dressed, st.one_of(PHRASES, SENTENCES), st.booleans(), st.booleans())


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[\w'’-]+", text)]


@more_examples(1.5)
@given(shape=SHAPES, tone=st.sampled_from(TONES))
def test_every_shape_composes_into_a_ready_note_that_keeps_its_words(
        shape, tone, make_input, render_and_check, failed):
    kind, typed = shape
    composed = compose_detail(typed, ("Grace Mensah", "Grace"))
    assert bool(composed.phrase) == (kind == "phrase"), (typed, composed)
    rendered, checks = render_and_check(make_input(tone=tone, specific_detail=typed))
    assert failed(checks) == {}, rendered.body
    body_words = _words(rendered.body)
    typed_words = [w for w in _words(typed) if w not in ("their", "the team's")]
    joined = " ".join(body_words)
    assert " ".join(typed_words) in joined, (typed, rendered.body)
    if composed.enjoyed:
        assert "enjoyed that part" not in rendered.body


# What people really typed, and the sentence the warm thank-you makes of it.
REAL = [
    ("how you would price the loyalty tier for small cafés",
     "I especially enjoyed our conversation about how you would price the loyalty tier for "
     "small cafés."),
    ("Why the team moved the nightly jobs to Airflow.",
     "I especially enjoyed our conversation about why the team moved the nightly jobs to "
     "Airflow."),
    ("Automating the weekly stock report",
     "I especially enjoyed our conversation about automating the weekly stock report."),
    ("The support desk answers every ticket within four hours.",
     "The support desk answers every ticket within four hours. I especially enjoyed that part "
     "of our conversation."),
    ("The team ships a release every Thursday",
     "The team ships a release every Thursday. I especially enjoyed that part of our "
     "conversation."),
    ("I loved seeing the new dispatch board",
     "I loved seeing the new dispatch board. From what you described"),
    ("I asked how your analysts share their dashboards",
     "I asked how your analysts share their dashboards. I especially enjoyed that part"),
    ("their plan to merge the two returns teams",
     "I especially enjoyed our conversation about your plan to merge the two returns teams."),
    ("We talked about the claims backlog.",
     "I especially enjoyed our conversation about the claims backlog."),
    ("what a good first ninety days looks like",
     "I especially enjoyed our conversation about what a good first ninety days looks like."),
]


@pytest.mark.parametrize(("typed", "expected"), REAL)
def test_real_inputs_read_as_the_note_should_say_them(typed, expected, make_input,
                                                      render_and_check, failed):
    rendered, checks = render_and_check(make_input(specific_detail=typed))
    assert expected in " ".join(rendered.body.split()), rendered.body
    assert failed(checks) == {}, rendered.body
