"""Saved self-checks: what a check stores (``check_row``; ``nextround.commands.self_check``
saves and deletes them) and reopening them.

What a saved check holds:

* ``answers`` keeps the signs answered yes or no (a sign left out reads as "not sure"), under
  ``DECISION_KEY`` whether they gave a date for their decision, and under ``TYPE_KEY`` the kind
  of interview the reading assumed. ``content.clean_answers`` ignores those extra keys, so they
  never count as signs.
* ``score`` and ``band`` are worked out again from the answers on every save, never taken from
  the caller, so the file always agrees with the reading the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from nextround.domain.self_check.content import (
    answers_from_json,
    answers_to_json,
    clean_answers,
    interview_type,
)
from nextround.domain.self_check.ratings import clean_ratings, ratings_from_json, ratings_to_json
from nextround.domain.self_check.scoring import CheckResult, score_check
from nextround.text import cell_text, is_missing

#: Where a check's answers keep "did they give a date for their decision?" (yes / no / not sure).
DECISION_KEY = "context-decision-date"
#: Where a check's answers keep the kind of interview it was read as ("phone", "panel"...).
TYPE_KEY = "context-interview-type"
TEXT_FIELDS = ("label", "went_well", "to_change", "prepare_better")
QUICK_CHECK_LABEL = "Quick check"


def newest_first(checks: pd.DataFrame) -> pd.DataFrame:
    """Saved checks by their last change, newest first (ties: the higher id first)."""
    when = checks["updated_at"].fillna(checks["created_at"])
    return (
        checks.assign(_when=when)
        .sort_values(["_when", "id"], ascending=[False, False], kind="stable", na_position="last")
        .drop(columns="_when")
        .reset_index(drop=True)
    )


def checks_for(checks: pd.DataFrame, event_id: str | None) -> pd.DataFrame:
    """The saved checks of one interview, or the quick checks when ``event_id`` is None.

    Newest first (by last change), so the first row is the one to reopen.
    """
    if event_id is None:
        mine = checks[checks["event_id"].isna() & checks["application_id"].isna()]
    else:
        mine = checks[checks["event_id"] == event_id]
    return newest_first(mine)


def _minutes(value: Any) -> int | None:
    if is_missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def form_values(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """A saved check as the values the form starts from (an empty check when ``row`` is None).

    Keys: answers (sign id -> answer, only known signs), decision ("yes" / "no" / "not sure"),
    interview_type (a known type id, or None when the check names none), ratings,
    scheduled_minutes, actual_minutes, label, interview_date (date or None) and the three
    reflection fields.
    """
    row = row or {}
    raw = answers_from_json(row.get("answers"))
    decision = str(raw.get(DECISION_KEY, "not sure")).strip().lower()
    day = row.get("interview_date")
    return {
        "answers": clean_answers(raw),
        "decision": decision if decision in ("yes", "no") else "not sure",
        "interview_type": _type_id(raw.get(TYPE_KEY)),
        "ratings": clean_ratings(ratings_from_json(row.get("ratings"))),
        "scheduled_minutes": _minutes(row.get("scheduled_minutes")),
        "actual_minutes": _minutes(row.get("actual_minutes")),
        "label": cell_text(row.get("label")),
        "interview_date": None if is_missing(day) else pd.Timestamp(day).date(),
        "went_well": cell_text(row.get("went_well")),
        "to_change": cell_text(row.get("to_change")),
        "prepare_better": cell_text(row.get("prepare_better")),
    }


def _type_id(value: Any) -> str | None:
    known = interview_type(value)
    return known.id if known else None


def decision_given(answer: Any) -> bool | None:
    """The decision-date answer as the scoring wants it: True, False or None (not sure)."""
    return {"yes": True, "no": False}.get(str(answer).strip().lower()) if answer else None


def reading_of(values: Mapping[str, Any]) -> CheckResult:
    """The reading of a check's values (as ``form_values`` returns them, or the form gives)."""
    return score_check(
        values.get("answers") or {},
        values.get("ratings") or {},
        values.get("scheduled_minutes"),
        values.get("actual_minutes"),
        decision_given(values.get("decision")),
        values.get("interview_type"),
    )


def _stored_answers(values: Mapping[str, Any]) -> str:
    answers = {
        k: v for k, v in clean_answers(values.get("answers")).items() if v in ("yes", "no")
    }
    decision = str(values.get("decision") or "").strip().lower()
    if decision in ("yes", "no"):
        answers[DECISION_KEY] = decision
    kind = _type_id(values.get("interview_type"))
    if kind:
        answers[TYPE_KEY] = kind
    return answers_to_json(answers)


def check_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a save writes, from the form's values; the reading is worked out here."""
    result = reading_of(values)
    app_id = cell_text(values.get("application_id")) or None
    event_id = cell_text(values.get("event_id")) or None
    texts = {k: cell_text(values.get(k)) or None for k in TEXT_FIELDS}
    if app_id is None and not texts["label"]:
        texts["label"] = QUICK_CHECK_LABEL
    day = values.get("interview_date")
    return {
        "application_id": app_id,
        "event_id": event_id,
        "interview_date": None if is_missing(day) else pd.Timestamp(day).normalize(),
        "answers": _stored_answers(values),
        "ratings": ratings_to_json(clean_ratings(values.get("ratings"))),
        "scheduled_minutes": _minutes(values.get("scheduled_minutes")),
        "actual_minutes": _minutes(values.get("actual_minutes")),
        "score": None if result.score is None else round(result.score, 1),
        "band": result.band,
        **texts,
    }


#: How many of the latest questions to prepare better the Prep page brings forward.
PREPARE_SHOWN = 3


def questions_to_prepare(checks: pd.DataFrame, limit: int = PREPARE_SHOWN) -> pd.DataFrame:
    """The reflection's "question to prepare better" from the latest checks, newest first.

    Whatever the company: the next interview is where a better answer helps, wherever it is.
    The same question written twice appears once. Columns: text, interview_date,
    application_id, label (the check's own name, for a quick check).
    """
    columns = ["text", "interview_date", "application_id", "label"]
    asked = checks[checks["prepare_better"].fillna("").str.strip().ne("")]
    ordered = asked.sort_values(["interview_date", "created_at", "id"], ascending=False,
                                na_position="last", kind="stable")
    key = ordered["prepare_better"].str.strip().str.casefold()
    ordered = ordered[~key.duplicated()].head(limit)
    return pd.DataFrame({
        "text": ordered["prepare_better"].str.strip(),
        "interview_date": ordered["interview_date"],
        "application_id": ordered["application_id"],
        "label": ordered["label"],
    }, columns=columns).reset_index(drop=True)
