"""Prep content: what a user preparing for the next interview would notice."""

from __future__ import annotations

import pytest

from nextround.domain.catalog import load_catalog
from nextround.domain.prep import content


def test_core_set_has_the_staple_questions():
    core = {q.id for q in content.questions("core")}
    assert len(core) >= 12
    staples = {
        "tell-me-about-yourself",
        "why-this-job",
        "why-leave",
        "strength-and-weakness",
        "difficult-situation",
        "why-hire-you",
        "what-do-you-know-about-us",
        "conflict-with-coworker",
        "a-mistake",
        "five-years",
        "salary-expectations",
        "questions-for-us",
    }
    assert staples <= core


@pytest.mark.parametrize("round_id", ["core", "phone screen", "behavioural", "technical", "final"])
def test_every_round_has_a_question_set_and_questions_to_ask(round_id):
    assert len(content.questions(round_id)) >= 3
    assert all(q.round == round_id for q in content.questions(round_id))
    assert content.questions_to_ask(round_id)


def test_every_question_has_tip_pitfall_and_known_tags():
    vocabulary = set(load_catalog("questions")["tag_vocabulary"])
    for q in content.questions():
        assert q.tip.strip() and q.pitfall.strip(), q.id
        assert set(q.tags) <= vocabulary, q.id
        assert q.star == ("star" in q.tags), q.id


def test_every_stated_figure_carries_a_source():
    texts = [(q.id, f"{q.figure} {q.tip}", q.source) for q in content.questions()]
    texts += [(m.id, m.text, m.source) for m in content.mistakes() if m.percent is not None]
    tips = (*content.handling_notes(), *content.waiting_tips())
    texts += [(t.id, t.text, t.source) for t in tips]
    texts += [(i.id, i.detail or "", i.source) for i in content.checklist()]
    texts += [(g.id, g.figure or "", g.source) for g in content.quality_groups()]
    with_figures = [(i, s) for i, t, s in texts if "%" in t]
    assert with_figures, "the content states figures; this test must see some"
    assert all(source for _, source in with_figures), with_figures


def test_qualities_cover_the_three_questions():
    groups = {g.id: g for g in content.quality_groups()}
    assert [g.question for g in groups.values()] == [
        "Can you do it?",
        "Will you fit?",
        "Do you want it?",
    ]
    items = content.qualities()
    assert 18 <= len(items) <= 25
    for group_id in groups:
        assert any(q.group == group_id for q in items)
    assert all(q.how_to_show.strip() for q in items)
    assert groups["can-you-do-it"].source and "61%" in (groups["can-you-do-it"].figure or "")


def test_mistakes_lead_with_the_most_counted():
    ranked = content.mistakes()
    assert ranked[0].percent == 77
    figures = [m.percent for m in ranked if m.percent is not None]
    assert figures == sorted(figures, reverse=True)
    assert ranked[-1].percent is None  # unquantified ones last


def test_star_guide_spells_star_and_par():
    guide = content.star_guide()
    assert "".join(s.letter for s in guide.steps) == "STAR"
    assert "".join(s.letter for s in guide.short_steps) == "PAR"
    assert all(s.prompt for s in (*guide.steps, *guide.short_steps))


def test_debrief_prompts_feed_the_reflection_and_note_fields():
    feeds = {p.feeds for p in content.debrief_prompts()}
    assert {"went_well", "to_change", "prepare_better", "specific_detail"} <= feeds
    assert feeds - {None} <= set(content.FEEDS)


def test_questions_to_ask_put_the_round_first_then_general_ones():
    final = content.questions_to_ask("final")
    rounds_in_order = [a.round for a in final]
    assert rounds_in_order[0] == "final"
    assert rounds_in_order == sorted(rounds_in_order, key=lambda r: r == content.ANY_ROUND)
    assert {a.round for a in content.questions_to_ask("core")} == {content.ANY_ROUND}


def test_interview_type_maps_to_a_round():
    assert content.round_for_interview_type("phone") == "phone screen"
    assert content.round_for_interview_type("panel") == "behavioural"
    assert content.round_for_interview_type("technical") == "technical"
    assert content.round_for_interview_type(None) == "core"


def test_unknown_round_is_an_error_not_an_empty_list():
    with pytest.raises(ValueError, match="unknown question round"):
        content.questions("lightning round")


def test_a_round_is_named_as_the_content_names_it_and_an_unknown_one_as_written() -> None:
    first = content.rounds()[0]
    assert content.round_name(first.id) == first.name
    assert content.round_name("no such round") == "no such round"
