"""Saved self-checks: choosing what to check, saving and reopening checks, the plan's facts.

The self-check page reads and writes the ``self_checks`` table only through these functions, so
what a check stores (and how its reading is worked out again when it is reopened) is decided in
one tested place. Nothing here imports Streamlit.

What a saved check holds:

* ``answers`` keeps the signs answered yes or no (a sign left out reads as "not sure") and, under
  ``DECISION_KEY``, whether they gave a date for their decision. ``selfcheck.clean_answers``
  ignores that extra key, so it never counts as a sign.
* ``score`` and ``band`` are worked out again from the answers on every save, never taken from
  the caller, so the file always agrees with the reading the page shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

from nextround.domain import followup
from nextround.domain.followup import RuleSettings, format_day
from nextround.domain.interviews import interview_events
from nextround.domain.selfcheck import scoring as sc
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_id
from nextround.storage.store import Store

#: Where a check's answers keep "did they give a date for their decision?" (yes / no / not sure).
DECISION_KEY = "context-decision-date"
#: Stages that are not an application in progress.
NOT_ACTIVE_STAGES = ("closed", "wishlist")
FOLLOW_UP_KINDS = ("follow-up", "second follow-up")
COMBINED_NOTE = "late thank-you and follow-up"
TEXT_FIELDS = ("label", "went_well", "to_change", "prepare_better")
QUICK_CHECK_LABEL = "Quick check"
CHOICES_LIMIT = 100

CHOICE_COLUMNS = [
    "event_id",
    "application_id",
    "date",
    "round",
    "company",
    "role",
    "decision_date",
    "label",
]


# ---- Choosing what to check ------------------------------------------------------------------


def interview_label(company: Any, role: Any, round_no: Any, day: date, today: date) -> str:
    """'Acme Analytics · Data analyst · round 2, Mon 23 Nov' (the year only when not this one)."""
    parts = [str(p).strip() for p in (company, role) if isinstance(p, str) and p.strip()]
    has_round = round_no is not None and not pd.isna(round_no)
    which = f"round {int(round_no)}" if has_round else "interview"
    return " · ".join([*parts, which]) + f", {format_day(day, today)}"


def interview_choices(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    today: date,
    limit: int = CHOICES_LIMIT,
    keep_events: Iterable[Any] = (),
    keep_applications: Iterable[Any] = (),
) -> pd.DataFrame:
    """Interviews that have happened (today included), most recent first, each with its label.

    Only the ``limit`` most recent are listed (a long search has thousands; the list is for the
    interview you just had), plus any in ``keep_events`` and the latest of each application in
    ``keep_applications`` (another page asked for them, or a saved check points at them).
    Columns: CHOICE_COLUMNS. Interviews still to come are left out: there is nothing to read yet.
    """
    joined = interview_events(applications, events)
    joined = joined[joined["date"] <= pd.Timestamp(today)]
    joined = joined.sort_values(["date", "id"], ascending=[False, False], kind="stable")
    keep_ids = {str(k) for k in keep_events if isinstance(k, str)}
    keep_apps = {str(k) for k in keep_applications if isinstance(k, str)}
    latest_of_kept = ~joined.duplicated("application_id") & joined["application_id"].isin(keep_apps)
    rank = pd.Series(range(len(joined)), index=joined.index)
    joined = joined[(rank < limit) | joined["id"].isin(keep_ids) | latest_of_kept]
    labels = [
        interview_label(c, r, n, d.date(), today)
        for c, r, n, d in zip(
            joined["company"], joined["role"], joined["round"], joined["date"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "event_id": joined["id"].astype("str"),
            "application_id": joined["application_id"].astype("str"),
            "date": joined["date"].astype("datetime64[us]"),
            "round": joined["round"].astype("Int64"),
            "company": joined["company"].astype("str"),
            "role": joined["role"].astype("str"),
            "decision_date": joined["decision_date"].astype("datetime64[us]"),
            "label": pd.Series(labels, index=joined.index, dtype="str"),
        },
        columns=CHOICE_COLUMNS,
    ).reset_index(drop=True)


def requested_interview(
    choices: pd.DataFrame, application_id: Any = None, event_id: Any = None
) -> str | None:
    """The interview another page asked for: the event itself, else the application's latest."""
    if isinstance(event_id, str) and event_id in set(choices["event_id"]):
        return event_id
    if isinstance(application_id, str):
        mine = choices[choices["application_id"] == application_id]
        if not mine.empty:
            return str(mine["event_id"].iloc[0])
    return None


# ---- Saved checks ----------------------------------------------------------------------------


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


def _is_blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def reading_words(score: Any, band: Any) -> str:
    """'Mixed signs (52 of 100)', or only the band when there is no number."""
    band_text = _text(band) or sc.not_enough_band().label
    if _is_blank(score) or (isinstance(score, float) and math.isnan(score)):
        return band_text
    return f"{band_text} ({float(score):.0f} of 100)"


def check_option_label(row: Mapping[str, Any], today: date) -> str:
    """How a saved check is named in a list: its label or date, when saved, and its reading."""
    saved = row.get("updated_at")
    if _is_blank(saved):
        saved = row.get("created_at")
    saved_text = (
        f"saved {format_day(saved.date(), today)} {saved:%H:%M}" if not _is_blank(saved) else ""
    )
    name = _text(row.get("label")).strip()
    day = row.get("interview_date")
    if not name and not _is_blank(day):
        name = f"Interview of {format_day(day.date(), today)}"
    head = " · ".join(p for p in (name, saved_text) if p)
    head = head[:1].upper() + head[1:]
    return f"{head} · {reading_words(row.get('score'), row.get('band'))}"


def _minutes(value: Any) -> int | None:
    if _is_blank(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def form_values(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """A saved check as the values the form starts from (an empty check when ``row`` is None).

    Keys: answers (sign id -> answer, only known signs), decision ("yes" / "no" / "not sure"),
    ratings, scheduled_minutes, actual_minutes, label, interview_date (date or None) and the
    three reflection fields.
    """
    row = row or {}
    raw = sc.answers_from_json(row.get("answers"))
    decision = str(raw.get(DECISION_KEY, "not sure")).strip().lower()
    day = row.get("interview_date")
    return {
        "answers": sc.clean_answers(raw),
        "decision": decision if decision in ("yes", "no") else "not sure",
        "ratings": sc.clean_ratings(sc.ratings_from_json(row.get("ratings"))),
        "scheduled_minutes": _minutes(row.get("scheduled_minutes")),
        "actual_minutes": _minutes(row.get("actual_minutes")),
        "label": _text(row.get("label")),
        "interview_date": None if _is_blank(day) else pd.Timestamp(day).date(),
        "went_well": _text(row.get("went_well")),
        "to_change": _text(row.get("to_change")),
        "prepare_better": _text(row.get("prepare_better")),
    }


def decision_given(answer: Any) -> bool | None:
    """The decision-date answer as the scoring wants it: True, False or None (not sure)."""
    return {"yes": True, "no": False}.get(str(answer).strip().lower()) if answer else None


def reading_of(values: Mapping[str, Any]) -> sc.CheckResult:
    """The reading of a check's values (as ``form_values`` returns them, or the form gives)."""
    return sc.score_check(
        values.get("answers") or {},
        values.get("ratings") or {},
        values.get("scheduled_minutes"),
        values.get("actual_minutes"),
        decision_given(values.get("decision")),
    )


def _stored_answers(values: Mapping[str, Any]) -> str:
    answers = {
        k: v for k, v in sc.clean_answers(values.get("answers")).items() if v in ("yes", "no")
    }
    decision = str(values.get("decision") or "").strip().lower()
    if decision in ("yes", "no"):
        answers[DECISION_KEY] = decision
    return sc.answers_to_json(answers)


def _row(values: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a save writes, from the form's values; the reading is worked out here."""
    result = reading_of(values)
    app_id = _text(values.get("application_id")).strip() or None
    event_id = _text(values.get("event_id")).strip() or None
    texts = {k: _text(values.get(k)).strip() or None for k in TEXT_FIELDS}
    if app_id is None and not texts["label"]:
        texts["label"] = QUICK_CHECK_LABEL
    day = values.get("interview_date")
    return {
        "application_id": app_id,
        "event_id": event_id,
        "interview_date": None if _is_blank(day) else pd.Timestamp(day).normalize(),
        "answers": _stored_answers(values),
        "ratings": sc.ratings_to_json(sc.clean_ratings(values.get("ratings"))),
        "scheduled_minutes": _minutes(values.get("scheduled_minutes")),
        "actual_minutes": _minutes(values.get("actual_minutes")),
        "score": None if result.score is None else round(result.score, 1),
        "band": result.band,
        **texts,
    }


def save_check(
    store: Store,
    values: Mapping[str, Any],
    now: datetime,
    check_id: str | None = None,
    expected_version: str | None = None,
) -> str:
    """Save a check (new when ``check_id`` is None, else an edit of that one); returns its id.

    ``values`` holds application_id and event_id (both empty for a quick check), label,
    interview_date, answers (sign id -> answer), decision, ratings, scheduled_minutes,
    actual_minutes and the reflection fields. An edit passes the version the page read, so a
    stale tab is refused with StaleDataError; a check deleted meanwhile is refused too.
    """
    row = _row(values)
    stamp = pd.Timestamp(now.replace(microsecond=0))
    saved: dict[str, str] = {}

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        if check_id is None:
            saved["id"] = new_id("self_checks", frame["id"])
            record = row | {"id": saved["id"], "created_at": stamp, "updated_at": stamp}
            return pd.concat([frame, typed_frame("self_checks", [record])], ignore_index=True)
        mask = frame["id"] == check_id
        if not mask.any():
            raise NextRoundError("That check no longer exists (deleted in another tab?).")
        saved["id"] = check_id
        patch = typed_frame("self_checks", [row | {"updated_at": stamp}])
        for column in [*row, "updated_at"]:
            frame.loc[mask, column] = patch.loc[0, column]
        return frame

    store.update("self_checks", write, expected_version=expected_version)
    return saved["id"]


def delete_check(store: Store, check_id: str, expected_version: str | None = None) -> None:
    store.update(
        "self_checks", lambda f: f[f["id"] != check_id], expected_version=expected_version
    )


# ---- The facts the plan needs ----------------------------------------------------------------


def active_count(applications: pd.DataFrame, excluding: str | None = None) -> int:
    """Applications in progress (not closed, not on the wishlist), leaving one out."""
    stage = applications["stage"].astype("str").str.strip().str.lower()
    mask = stage.notna() & ~stage.isin(NOT_ACTIVE_STAGES)
    if excluding is not None:
        mask &= applications["id"] != excluding
    return int(mask.sum())


def _follow_up_due(actions: pd.DataFrame, application_id: str) -> date | None:
    """When the rules expect a follow-up for this application; a combined note is due now."""
    mine = actions[actions["application_id"] == application_id]
    due = mine.loc[
        mine["kind"].isin(FOLLOW_UP_KINDS) | mine["note_kind"].eq(COMBINED_NOTE), "due"
    ].dropna()
    return None if due.empty else due.min().date()


def application_state(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    today: date,
    application_id: str | None = None,
    event_id: str | None = None,
    interview_date: date | None = None,
    settings: RuleSettings | None = None,
    action_state: pd.DataFrame | None = None,
) -> sc.ApplicationState:
    """What ``selfcheck.plan`` needs to know, read from the records.

    A thank-you counts when a "thank-you sent" event is dated on or after the interview; the
    application counts as rejected after a rejection event since the interview or when its
    outcome says so; the follow-up date is the one the follow-up rules give (Home shows the same).
    A quick check (no application) only learns how many applications are active.
    """
    known = applications[applications["id"] == application_id] if application_id else None
    if known is None or known.empty:
        return sc.ApplicationState(
            today=today,
            interview_date=interview_date,
            active_applications=active_count(applications),
        )
    app = known.iloc[0]
    mine = events[events["application_id"] == application_id]
    if interview_date is None and event_id:
        dates = mine.loc[mine["id"] == event_id, "date"].dropna()
        interview_date = dates.iloc[0].date() if not dates.empty else None
    since = mine if interview_date is None else mine[mine["date"] >= pd.Timestamp(interview_date)]
    kinds = since["kind"].astype("str").str.strip().str.lower()
    thank_you = bool(kinds.eq("thank-you sent").fillna(False).any())
    rejected = bool(kinds.eq("rejection").fillna(False).any()) or app["outcome"] == "rejected"
    actions = followup.due_actions(applications, events, settings, today, action_state)
    return sc.ApplicationState(
        today=today,
        interview_date=interview_date,
        thank_you_logged=thank_you,
        rejected=bool(rejected),
        active_applications=active_count(applications, excluding=application_id),
        follow_up_due=_follow_up_due(actions, application_id),
        company=_text(app["company"]),
        role=_text(app["role"]),
    )


# ---- History ---------------------------------------------------------------------------------


def history_with_names(history: pd.DataFrame, applications: pd.DataFrame) -> pd.DataFrame:
    """``selfcheck.history_frame`` with each application's company in place of its id."""
    mine = applications[applications["id"].isin(history["application_id"])]
    names = dict(zip(mine["id"], mine["company"], strict=True))
    named = history["application_id"].map(names)
    is_app = history["application_id"].notna() & named.notna()
    label = history["label"].where(~is_app, named)
    return history.assign(label=label.astype("str"))
