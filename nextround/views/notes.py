"""What the Notes page shows: the applications to write about, the interview a note is about,
who to write to and what has been sent. Which note fits is the follow-up rules' ``next_note``,
not decided here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from nextround.domain.dates import as_date, format_day, relative_day
from nextround.domain.notes import drafting
from nextround.domain.notes.people import interviewer_list
from nextround.views.markup import safe_filename

_LEAD_INS = re.compile(
    r"^(?:we\s+)?(?:talked|spoke|chatted)\s+(?:about|through)\s+|^(?:we\s+)?discussed\s+", re.I
)


def _text(value: Any) -> str:
    return drafting.tidy_text(value)


# --- reading the records ---------------------------------------------------------------------


@dataclass(frozen=True)
class Picked:
    """The application and interview a note is about, with what the records say of them."""

    app: pd.Series
    interview: pd.Series | None
    recipients: list[tuple[str, str]] = field(default_factory=list)

    @property
    def app_id(self) -> str:
        return str(self.app["id"])

    @property
    def event_id(self) -> str:
        return "" if self.interview is None else str(self.interview["id"])

    @property
    def interview_date(self) -> date | None:
        return None if self.interview is None else as_date(self.interview["date"])

    @property
    def decision_date(self) -> date | None:
        return None if self.interview is None else as_date(self.interview["decision_date"])


def interviews_of(events: pd.DataFrame, app_id: str) -> pd.DataFrame:
    """The application's interviews, latest first."""
    mine = events[(events["application_id"] == app_id) & (events["kind"] == "interview")]
    return mine.sort_values("date", ascending=False, kind="stable")


def default_interview(interviews: pd.DataFrame, today: date) -> str:
    """The latest interview that has happened, else the next one coming; "" when there are none."""
    if interviews.empty:
        return ""
    past = interviews[interviews["date"] <= pd.Timestamp(today)]
    chosen = past.iloc[0] if not past.empty else interviews.iloc[-1]
    return str(chosen["id"])


APPLICATIONS_LISTED = 100
#: The tables the Notes page reads.
TABLES = ("applications", "events", "sent_notes", "actions", "settings")


@dataclass(frozen=True, eq=False)
class NotesIndex:
    """What the Notes page needs of the whole search, built once per change of its tables: the
    applications to offer (most recent interview first) with their labels, and each
    application's events by position, so a rerun reads one application's rows, not all."""

    order: list[str]
    labels: dict[str, str]
    positions: dict[str, Any]

    def events_of(self, events: pd.DataFrame, app_id: str) -> pd.DataFrame:
        return events.iloc[self.positions.get(app_id, [])]


def notes_index(applications: pd.DataFrame, events: pd.DataFrame, today: date,
                keep: tuple[object, ...] = ()) -> NotesIndex:
    order = application_order(applications, events, today, keep=keep)
    labels = application_labels(applications[applications["id"].isin(order)])
    return NotesIndex(order, labels, events.groupby("application_id", sort=False).indices)


def application_order(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    today: date,
    limit: int = APPLICATIONS_LISTED,
    keep: tuple[object, ...] = (),
) -> list[str]:
    """Application ids, the one with the most recent interview first, then by latest activity.

    Only the first ``limit`` (a note is about a recent interview; a long search has thousands),
    plus any id in ``keep`` (asked for by another page, or already chosen).
    """
    day = pd.Timestamp(today)
    past = events[events["date"] <= day]
    interview = past[past["kind"] == "interview"].groupby("application_id")["date"].max()
    activity = past.groupby("application_id")["date"].max()
    order = pd.DataFrame(
        {
            "id": applications["id"],
            "company": applications["company"].fillna("").str.casefold(),
            # reindex, not map: map of an empty datetime Series fails in pandas 3.
            "interview": interview.reindex(applications["id"]).to_numpy(),
            "activity": activity.reindex(applications["id"]).to_numpy(),
        }
    )
    order = order.sort_values(
        ["interview", "activity", "company"], ascending=[False, False, True], na_position="last"
    )
    ids = order["id"].tolist()
    listed = ids[:limit]
    extra = [k for k in keep if isinstance(k, str) and k in set(ids[limit:])]
    return listed + extra


def application_labels(applications: pd.DataFrame) -> dict[str, str]:
    """'Acme Analytics – Data analyst', with the outcome when it is closed; ids break ties."""
    labels: dict[str, str] = {}
    for row in applications.itertuples(index=False):
        label = " – ".join(p for p in (_text(row.company), _text(row.role)) if p) or str(row.id)
        if isinstance(row.outcome, str) and row.outcome:
            label += f" ({row.outcome})"
        labels[str(row.id)] = label
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in labels.items()}


def interview_label(row: pd.Series, today: date) -> str:
    """'Round 2 video interview, Mon 23 Nov (2 days ago)'."""
    parts = []
    if pd.notna(row["round"]):
        parts.append(f"Round {int(row['round'])}")
    kind = _text(row["interview_type"])
    parts.append(f"{kind} interview" if kind else "interview")
    text = " ".join(parts)
    text = text[0].upper() + text[1:]
    day = as_date(row["date"])
    if day is not None:
        text += f", {format_day(day, today)} ({relative_day(day, today)})"
    return text


def detail_phrase(details: Any) -> str:
    """A 'specific detail' to start from: the first sentence of the interview's notes, without a
    lead-in like "Talked about", so it fits "our conversation about ..."."""
    text = drafting.tidy_text(details.splitlines()[0] if isinstance(details, str) else "")
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return drafting.tidy_fragment(_LEAD_INS.sub("", first))


def recipients_for(kind: str, app: pd.Series, interview: pd.Series | None) -> list[tuple[str, str]]:
    """Who the notes go to: one per interviewer; a rejection reply answers the contact who wrote.

    Falls back to the other group when one is not recorded; empty when neither is.
    """
    interviewers = [] if interview is None else interviewer_list(
        interview["interviewers"], interview["interviewer_emails"]
    )
    contact_name = _text(app.get("contact_name"))
    contact = [(contact_name, _text(app.get("contact_email")))] if contact_name else []
    if kind == "rejection reply":
        return contact or interviewers[:1]
    return interviewers or contact


def sent_today(sent: pd.DataFrame, app_id: str, kind: str, today: date) -> pd.DataFrame:
    mine = sent[(sent["application_id"] == app_id) & (sent["kind"] == kind)]
    return mine[mine["sent_at"].dt.date == today]


def file_name(kind: str, company: str, recipient: str) -> str:
    """A download name such as 'thank-you-acme-maya-moreau.txt'."""
    return safe_filename(kind, company, recipient, suffix=".txt", fallback="note")
