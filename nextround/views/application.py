"""One application on the Pipeline page: its history, its next interview, and the records its
forms save (what the person typed, turned into the values the writes take)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from nextround.domain.interviews import upcoming_interviews
from nextround.event_kinds import registry
from nextround.storage.schema import CHANNELS, INTERVIEW_TYPES, OUTCOMES, PRIORITIES, STAGES
from nextround.text import as_date, cell_text, join_emails, join_people, split_people

#: Which fields each kind of event asks for beyond the date and the details, and the label of the
#: details box: both from the event-kind registry.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {name: k.fields for name, k in registry().items()}
DETAILS_LABEL: dict[str, str] = {name: k.details for name, k in registry().items()}

WEB_LINK = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


# --- small helpers -----------------------------------------------------------------------------


def safe_link(url: Any) -> str | None:
    """The posting link when it is a plain web address; anything else (javascript:, data:) is
    never turned into a link."""
    text = cell_text(url)
    return text if WEB_LINK.match(text) else None


# --- one application ---------------------------------------------------------------------------


def events_of(events: pd.DataFrame, app_id: str) -> pd.DataFrame:
    return events[events["application_id"].eq(app_id).fillna(False).to_numpy()]


def history(own_events: pd.DataFrame) -> pd.DataFrame:
    """An application's events, newest first, as the detail table shows them (``id`` kept for
    deleting; the page hides it)."""
    ordered = own_events.sort_values(["date", "created_at", "id"], ascending=False,
                                     na_position="last", kind="stable")
    interview = ordered["kind"].eq("interview")
    return pd.DataFrame(
        {
            "id": ordered["id"].astype("str").to_numpy(),
            "Date": pd.to_datetime(ordered["date"]).astype("datetime64[us]").to_numpy(),
            "What": ordered["kind"].astype("str").to_numpy(),
            "Round": ordered["round"].astype("Int64").to_numpy(),
            "Type": ordered["interview_type"].astype("str").to_numpy(),
            "With": ordered["interviewers"].astype("str").where(interview).to_numpy(),
            "Decision by": pd.to_datetime(ordered["decision_date"]).astype(
                "datetime64[us]").to_numpy(),
            "Channel": ordered["channel"].astype("str").to_numpy(),
            "Details": ordered["details"].astype("str").to_numpy(),
        }
    ).astype({"Round": "Int64", "Type": "str", "With": "str", "Channel": "str", "Details": "str",
              "What": "str", "id": "str"})


def next_round(own_events: pd.DataFrame) -> int:
    """The round a new interview most likely is: one past the highest logged (or counted)."""
    interviews = own_events[own_events["kind"].eq("interview")]
    if interviews.empty:
        return 1
    stated = pd.to_numeric(interviews["round"], errors="coerce").max()
    highest = int(stated) if not pd.isna(stated) else 0
    return max(highest, len(interviews)) + 1


def latest_interview(own_events: pd.DataFrame, today: dt.date) -> str | None:
    """The id of the most recent interview that has taken place (a self-check reads it; the
    note is about it). None when there is none yet."""
    past = own_events[own_events["kind"].eq("interview")
                      & (pd.to_datetime(own_events["date"]) <= pd.Timestamp(today))]
    if past.empty:
        return None
    last = past.sort_values(["date", "created_at", "id"], kind="stable").iloc[-1]
    return str(last["id"])


def upcoming_interview(
    application: pd.DataFrame, own_events: pd.DataFrame, today: dt.date
) -> pd.Series | None:
    """The next interview still to come (today's included) of this application (a one-row
    frame) while it is open, or None: after a rejection its booked round is not coming up."""
    coming = upcoming_interviews(application, own_events, today)
    return None if coming.empty else coming.iloc[0]


def interview_words(event: Mapping[str, Any]) -> str:
    """"round 2, video, with Ana Lee and Bo Chen": an interview in a few words."""
    parts = []
    round_no = event.get("round")
    if round_no is not None and not pd.isna(round_no):
        parts.append(f"round {int(round_no)}")
    kind = cell_text(event.get("interview_type"))
    if kind:
        parts.append(kind)
    names = [n for n in split_people(event.get("interviewers")) if n]
    if names:
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"with {who}")
    return ", ".join(parts) or "interview"


def form_values(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """An application's editable fields as the form shows them (dates as dates, empty as "")."""
    row = {} if row is None else row
    values: dict[str, Any] = {
        name: cell_text(row.get(name))
        for name in ("company", "role", "posting_url", "source", "location", "contact_name",
                     "contact_email", "notes")
    }
    stage = cell_text(row.get("stage"))
    values["stage"] = stage if stage in STAGES else "applied"
    outcome = cell_text(row.get("outcome"))
    values["outcome"] = outcome if outcome in OUTCOMES else ""
    priority = cell_text(row.get("priority"))
    values["priority"] = priority if priority in PRIORITIES else ""
    values["date_applied"] = as_date(row.get("date_applied"))
    return values


def application_record(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values as records.add_application / update_application take them."""
    record = {name: cell_text(values.get(name)) for name in (
        "company", "role", "posting_url", "source", "location", "stage", "outcome",
        "contact_name", "contact_email", "priority", "notes")}
    # Notes keep their line breaks; only the ends are trimmed.
    record["notes"] = str(values.get("notes") or "").strip()
    record["date_applied"] = as_date(values.get("date_applied"))
    return record


def event_record(app_id: str, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The log-event form's values as records.log_event takes them: only the fields that
    belong to this kind of event, people and emails joined with semicolons."""
    record: dict[str, Any] = {
        "application_id": app_id,
        "kind": kind,
        "date": as_date(values.get("date")),
        "details": str(values.get("details") or "").strip(),
    }
    fields = EVENT_FIELDS.get(kind, ())
    if "round" in fields:
        round_no = values.get("round")
        record["round"] = int(round_no) if round_no not in (None, "") else None
        interview_type = cell_text(values.get("interview_type"))
        record["interview_type"] = interview_type if interview_type in INTERVIEW_TYPES else None
        record["interviewers"] = join_people(values.get("interviewers"))
        record["interviewer_emails"] = join_emails(values.get("interviewer_emails"))
        record["decision_date"] = as_date(values.get("decision_date"))
    if "channel" in fields:
        channel = cell_text(values.get("channel"))
        record["channel"] = channel if channel in CHANNELS else None
    return record


def event_label(kind: str, when: Any, round_no: Any = None) -> str:
    """"interview, round 2, on 3 Nov 2026": how a confirmation names one event."""
    day = as_date(when)
    text = kind
    if kind == "interview" and round_no is not None and not pd.isna(round_no):
        text += f", round {int(round_no)}"
    if day:
        text += f", on {day.day} {day:%b %Y}"
    return text
