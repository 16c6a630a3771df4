"""Every typed word of a note read for feelings, judgements, chat and asides (issue 21, seen 1).

A hit names the exact words, the sentence that holds them and why; the draft is then not ready.
"""

from __future__ import annotations

import pytest

from nextround.domain.notes.feelings import NAME, check_feelings, find_hits


@pytest.mark.parametrize(("field", "typed", "words"), [
    ("specific_detail", "the Q3 backlog, even though I think I bombed it", "I think I"),
    ("specific_detail", "the reorg - felt like a red flag tbh", "red flag"),
    ("specific_detail", "Loved the office dog lol", "lol"),
    ("repair", "I think I came across badly because I was nervous.", "I think I"),
    ("repair", "Sorry I was so nervous.", "Sorry I"),
    ("development", "ugh, I finally passed the AWS exam", "ugh"),
    ("strength", "calm under pressure (unlike yesterday haha)", "(unlike yesterday haha)"),
])
def test_feelings_typed_into_a_field_are_named_and_the_draft_is_not_ready(
        make_input, render_and_check, failed, field, typed, words):
    note = make_input("follow-up" if field == "development" else "thank-you", **{field: typed})
    rendered, checks = render_and_check(note)
    problems = failed(checks)
    assert NAME in problems, rendered.body
    assert f'"{words}"'.casefold() in problems[NAME].casefold()
    assert typed.split()[1] in problems[NAME]  # the sentence that holds it is quoted


def test_an_aside_about_them_is_named_even_inside_a_phrase(make_input, render_and_check, failed):
    note = make_input(specific_detail="the spring catalogue (they seemed stressed about it)")
    rendered, checks = render_and_check(note)
    assert "(they seemed stressed about it)" in rendered.body  # never rewritten to "you"
    assert "(they seemed stressed about it)" in failed(checks)[NAME]


def test_feelings_typed_into_the_draft_itself_are_caught(make_input, render_and_check, failed):
    rendered, checks = render_and_check(make_input())
    assert NAME not in failed(checks)
    edited = rendered.body.replace("I'm excited about the role",
                                   "Honestly I was a wreck, but I'm excited about the role")
    problems = failed(check_feelings(edited, make_input()) for _ in [0])
    assert '"Honestly"' in problems[NAME] or '"a wreck"' in problems[NAME]


def test_the_templates_own_sentences_are_never_a_hit(make_input, render_and_check, failed):
    for kind in ("thank-you", "late thank-you", "follow-up", "late thank-you and follow-up",
                 "rejection reply"):
        for tone in ("warm", "concise"):
            _, checks = render_and_check(make_input(kind, tone, ask_feedback=True))
            assert NAME not in failed(checks), (kind, tone)


@pytest.mark.parametrize("clean", [
    "the fraud-loss model and its false positives",
    "their disaster recovery drills",
    "the pain points in the checkout flow",
    "how the team handles failed deploys",
    "the HIPAA audit and the SOC2 report",
    "Dear Thi, thank you",
    "the spring launch (for the EMEA region)",
    "how you would price the new enterprise tier",
])
def test_everyday_topics_the_lexicon_scores_negative_are_not_hits(clean):
    assert find_hits(clean) == []


def test_matching_is_on_word_boundaries():
    assert find_hits("the Lolland site and the uglier parts of the Ugh-free API") == [] or all(
        h.words.casefold() not in ("lol",) for h in find_hits("the Lolland site"))
    assert find_hits("the Lolland site") == []
    assert find_hits("Imogen's team (IMO squad)") != []  # "IMO" is the chat word, as a word
    assert [h.words for h in find_hits("lol")] == ["lol"]


def test_a_hit_says_why():
    hit = find_hits("I was so nervous I blanked on the SQL question")[0]
    assert hit.words == "nervous"
    assert "judges how you did" in hit.why
    assert hit.sentence.startswith("I was so nervous")


def test_shouting_is_a_common_word_in_capitals_never_an_acronym():
    assert [h.words for h in find_hits("I am SO EXCITED to hear more")] == ["SO", "EXCITED"]
    assert find_hits("the WHO guidance, NICE rules, the IT team, HIPAA and the US office") == []
