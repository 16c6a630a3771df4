"""Practice answers: saved one row per question, counted as spoken, the questions that train a
weak spot first, and a repeatable practice round."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from nextround.commands import prep as prep_commands
from nextround.domain.prep import answers
from nextround.domain.prep.content import questions
from nextround.domain.self_check.ratings import WeakSpot, weak_spots
from nextround.storage.errors import StaleDataError
from nextround.storage.store import Store

NOW = datetime(2026, 3, 5, 18, 30)


# --- Practice answers -----------------------------------------------------------------------


def test_practice_answer_upsert_replaces_in_place():
    saved = answers.upsert_practice_answer(
        None, "why-leave", None, None, None, None, "Looking for bigger projects.", False, NOW
    )
    saved = answers.upsert_practice_answer(
        saved,
        "a-mistake",
        "At my last job",
        "I owned reports",
        "I rebuilt the check",
        "",
        "  ",
        False,
        NOW,
    )
    later = datetime(2026, 3, 7, 8)
    saved = answers.upsert_practice_answer(
        saved, "why-leave", None, None, None, None, "I want to lead a team.", True, later
    )
    assert list(saved["id"]) == ["why-leave", "a-mistake"]
    first = saved.iloc[0]
    assert first["answer"] == "I want to lead a team."
    assert bool(first["ready"]) and first["updated_at"] == pd.Timestamp(later)
    assert pd.isna(saved.iloc[1]["result"]) and pd.isna(saved.iloc[1]["answer"])
    assert saved["ready"].dtype == "boolean"


def test_word_count_uses_the_spoken_answer_else_the_star_notes():
    spoken = {"situation": "one two", "answer": "I led a team of four."}
    assert answers.answer_word_count(spoken) == 6
    notes = {"situation": "At a shop", "task": float("nan"), "action": "I fixed it", "result": None}
    assert answers.answer_word_count(notes) == 6
    assert answers.answer_word_count({}) == 0


def spot(item_id: str, *tags: str, rating: float = 2.0) -> WeakSpot:
    return WeakSpot(item_id, item_id.title(), "a tip", tags, rating)


def test_questions_for_weak_spots_put_matching_tags_first():
    weak = [spot("asking-questions", "questions-to-ask", rating=1), spot("opening", "opening")]
    ordered = answers.questions_for_weak_spots(weak)
    assert ordered[0].id == "questions-for-us"
    matching = [q for q in ordered if {"questions-to-ask", "opening"} & set(q.tags)]
    assert ordered[: len(matching)] == matching
    assert "opening" in ordered[1].tags
    assert sorted(q.id for q in ordered) == sorted(q.id for q in questions())
    unchanged = answers.questions_for_weak_spots([spot("on-time"), spot("gone", "not-a-tag")])
    assert unchanged == questions()
    assert answers.questions_for_weak_spots([]) == questions()


def test_the_weakest_spot_from_the_self_rating_leads_the_practice_questions():
    weak = weak_spots([{"rating-strong-close": 1, "rating-weakness": 2}])
    assert [w.item_id for w in weak] == ["rating-strong-close", "rating-weakness"]
    ordered = answers.questions_for_weak_spots(weak)
    assert "closing" in ordered[0].tags
    first_weakness = next(i for i, q in enumerate(ordered) if "weakness" in q.tags)
    last_closing = max(i for i, q in enumerate(ordered) if "closing" in q.tags)
    assert last_closing < first_weakness


def test_questions_for_weak_spots_orders_only_the_questions_it_is_given():
    pool = questions("behavioural")
    ordered = answers.questions_for_weak_spots([spot("x", "conflict")], pool)
    assert sorted(q.id for q in ordered) == sorted(q.id for q in pool)


def test_practice_round_is_a_repeatable_shuffle():
    ids = [q.id for q in questions()]
    first = answers.practice_round(questions(), seed=7)
    assert first == answers.practice_round(ids, seed=7)
    assert sorted(first) == sorted(ids)
    assert first != ids
    assert first != answers.practice_round(ids, seed=8)


def test_save_answer_keeps_one_row_per_question_and_refuses_a_stale_tab(store: Store):
    prep_commands.save_answer(store, "why-leave", {"answer": " Bigger projects. ", "task": "  "},
                        False, NOW)
    _, version = store.load_with_version("practice_answers")
    later = datetime(2026, 3, 6, 8)
    prep_commands.save_answer(store, "why-leave", {"answer": "To lead a team."}, True, later,
                        expected_version=version)
    saved = store.load("practice_answers")
    assert saved["id"].tolist() == ["why-leave"]
    row = saved.iloc[0]
    assert row["answer"] == "To lead a team." and bool(row["ready"])
    assert row["updated_at"] == pd.Timestamp(later)
    with pytest.raises(StaleDataError):  # the same answer, changed since that version
        prep_commands.save_answer(store, "why-leave", {"answer": "x"}, False, NOW,
                            expected_version=version)
    assert store.load("practice_answers")["answer"].tolist() == ["To lead a team."]


def test_a_practice_answer_needs_a_question_id():
    with pytest.raises(ValueError):
        answers.upsert_practice_answer(None, "", None, None, None, None, "x", False, NOW)
