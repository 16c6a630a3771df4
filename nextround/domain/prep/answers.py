"""Practice answers: saving one (a save with the stale-tab check), how long it runs spoken,
the questions that train a weak spot first, and a shuffled practice round."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from nextround.domain.prep.checklist import upsert
from nextround.domain.prep.content import Question, _all_questions
from nextround.domain.self_check.ratings import WeakSpot
from nextround.text import cell_text

STAR_FIELDS = ("situation", "task", "action", "result")


def upsert_practice_answer(
    answers_df: pd.DataFrame | None,
    question_id: str,
    situation: str | None,
    task: str | None,
    action: str | None,
    result: str | None,
    answer: str | None,
    ready: bool,
    now: datetime,
) -> pd.DataFrame:
    """The practice_answers table with this question's answer saved (one row per question).

    Whitespace-only fields are stored as empty so an untouched box does not count as written.
    """
    if not question_id:
        raise ValueError("a practice answer needs a question id")
    record = {
        "id": question_id,
        "situation": cell_text(situation) or None,
        "task": cell_text(task) or None,
        "action": cell_text(action) or None,
        "result": cell_text(result) or None,
        "answer": cell_text(answer) or None,
        "ready": bool(ready),
        "updated_at": now,
    }
    return upsert(answers_df, "practice_answers", record)


def answer_word_count(row: Mapping[str, Any] | pd.Series) -> int:
    """Words in the answer as it would be spoken.

    The free-form answer is the spoken version when there is one; otherwise the STAR notes
    are the answer. Counting both would double a well-prepared answer.
    """
    answer = cell_text(row.get("answer"))
    if answer.strip():
        return len(answer.split())
    return sum(len(cell_text(row.get(f)).split()) for f in STAR_FIELDS)


def questions_for_weak_spots(
    weak: Sequence[WeakSpot], questions: Sequence[Question] | None = None
) -> list[Question]:
    """Every question, those that train a weak spot first.

    A question trains a weak spot when they share a tag. Matching questions are ordered by the
    weakest spot they train (the order of ``weak``, as ``ratings.weak_spots`` gives it), then
    by how many tags they share; the rest keep catalogue order.
    """
    pool = list(_all_questions()) if questions is None else list(questions)
    tag_rank: dict[str, int] = {}
    for rank, spot in enumerate(weak):
        for tag in spot.prep_tags:
            tag_rank.setdefault(tag, rank)

    def sort_key(indexed: tuple[int, Question]) -> tuple[int, int, int, int]:
        position, question = indexed
        ranks = [tag_rank[t] for t in question.tags if t in tag_rank]
        if not ranks:
            return (1, 0, 0, position)
        return (0, min(ranks), -len(ranks), position)

    return [q for _, q in sorted(enumerate(pool), key=sort_key)]


def practice_round(questions: Sequence[Question | str], seed: int | str) -> list[str]:
    """Question ids in a shuffled order for one-at-a-time practice; the same seed, same order."""
    ids = [q if isinstance(q, str) else q.id for q in questions]
    random.Random(seed).shuffle(ids)
    return ids
