"""What the Self-check page shows: the interviews to choose from, how saved checks are named,
the readings over time with company names and their charts, and what the outcomes say with
its chart (charts shipped as small specs, built inside the page's view cache)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from nextround.charts.self_check import calibration_chart, history_chart
from nextround.charts.spec import chart_summary, shipped
from nextround.domain.dates import format_day
from nextround.domain.interviews import interview_events
from nextround.domain.self_check.content import not_enough_band
from nextround.domain.self_check.learning import WhatOutcomesSay, history_frame, what_outcomes_say
from nextround.text import cell_text, is_missing

CHOICES_LIMIT = 100
#: The tables the Self-check page reads (settings and actions for the plan's next note).
TABLES = ("applications", "events", "actions", "self_checks", "settings")

CHOICE_COLUMNS = [
    "event_id",
    "application_id",
    "date",
    "round",
    "company",
    "role",
    "decision_date",
    "interview_type",
    "label",
]




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
            "interview_type": joined["interview_type"].astype("str"),
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


def reading_words(score: Any, band: Any) -> str:
    """'Mixed signs (52 of 100)', or only the band when there is no number."""
    band_text = cell_text(band) or not_enough_band().label
    if is_missing(score):
        return band_text
    return f"{band_text} ({float(score):.0f} of 100)"


def check_option_label(row: Mapping[str, Any], today: date) -> str:
    """How a saved check is named in a list: its label or date, when saved, and its reading."""
    saved = row.get("updated_at")
    if is_missing(saved):
        saved = row.get("created_at")
    saved_text = (
        f"saved {format_day(saved.date(), today)} {saved:%H:%M}" if not is_missing(saved) else ""
    )
    name = cell_text(row.get("label"))
    day = row.get("interview_date")
    if not name and not is_missing(day):
        name = f"Interview of {format_day(day.date(), today)}"
    head = " · ".join(p for p in (name, saved_text) if p)
    head = head[:1].upper() + head[1:]
    return f"{head} · {reading_words(row.get('score'), row.get('band'))}"


@dataclass(frozen=True)
class Drawn:
    """A chart as the page draws it: the shipped spec and its text alternative."""

    spec: dict
    summary: str


def _drawn(chart: alt.TopLevelMixin) -> Drawn:
    return Drawn(shipped(chart), chart_summary(chart))


def readings_over_time(checks: pd.DataFrame, applications: pd.DataFrame,
                       application_id: str | None, company: str) -> tuple[Drawn, ...]:
    """The readings-over-time charts: the chosen application's own checks (when it has any),
    then all the checks (when there are others); none while no check has a reading."""
    frame = history_with_names(history_frame(checks), applications)
    mine = frame[frame["application_id"] == application_id] if application_id else frame.iloc[:0]
    charts = []
    if not mine.empty:
        charts.append(_drawn(history_chart(mine, company)))
    if len(mine) < len(frame):
        charts.append(_drawn(history_chart(frame, "All your checks")))
    return tuple(charts)


@dataclass(frozen=True)
class OutcomesView:
    """``learning.what_outcomes_say`` and its calibration chart (None below the outcomes it
    needs)."""

    said: WhatOutcomesSay
    calibration: Drawn | None


def outcomes_view(checks: pd.DataFrame, applications: pd.DataFrame, events: pd.DataFrame,
                  today: date) -> OutcomesView:
    said = what_outcomes_say(checks, applications, events, today)
    chart = None if said.calibration.empty else _drawn(calibration_chart(said.calibration))
    return OutcomesView(said, chart)


def history_with_names(history: pd.DataFrame, applications: pd.DataFrame) -> pd.DataFrame:
    """``self_check.history_frame`` with each application's company in place of its id."""
    mine = applications[applications["id"].isin(history["application_id"])]
    names = dict(zip(mine["id"], mine["company"], strict=True))
    named = history["application_id"].map(names)
    is_app = history["application_id"].notna() & named.notna()
    label = history["label"].where(~is_app, named)
    return history.assign(label=label.astype("str"))
