"""What the Notes page shows: the applications to write about, the interview a note is about,
who to write to, what earlier notes offer to start from, and what has been sent. Which note fits
is the follow-up rules' ``next_note``, not decided here.

The application's notes and the details of most events are private: read only to check that no
draft repeats them, never to fill a field. What was discussed in an interview is not private
(the interview form says the notes draw on it), though every word of a note is still read for
feelings and asides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from nextround.domain.dates import format_day, relative_day
from nextround.domain.kinds import note_kind
from nextround.domain.notes import drafting
from nextround.domain.notes.people import Person, is_among, parse_person, read_people
from nextround.domain.notes.rejection import TheirOffer, their_offer
from nextround.domain.panel import person_key
from nextround.event_kinds import kinds_where
from nextround.text import as_date, tidy_text
from nextround.views.markup import safe_filename

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


@dataclass(frozen=True, eq=False)
class ApplicationInterviews:
    """One application's record and its interviews (latest first, and by id): what the
    interview picker offers, cached per application so a rerun does not filter the search."""

    app: pd.Series
    interviews: pd.DataFrame
    by_id: dict[str, pd.Series]


def application_interviews(applications: pd.DataFrame, events: pd.DataFrame, app_id: str
                           ) -> ApplicationInterviews:
    """``events`` may be only this application's (``NotesIndex.events_of``)."""
    interviews = interviews_of(events, app_id)
    return ApplicationInterviews(applications[applications["id"] == app_id].iloc[0], interviews,
                                 {str(r["id"]): r for _, r in interviews.iterrows()})


def default_interview(interviews: pd.DataFrame, today: date) -> str:
    """The latest interview that has happened, else the next one coming; "" when there are none."""
    if interviews.empty:
        return ""
    past = interviews[interviews["date"] <= pd.Timestamp(today)]
    chosen = past.iloc[0] if not past.empty else interviews.iloc[-1]
    return str(chosen["id"])


APPLICATIONS_LISTED = 100
#: The tables the Notes page reads.
TABLES = ("applications", "events", "sent_notes", "actions", "settings", "greetings")


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
        names = (tidy_text(row.company), tidy_text(row.role))
        label = " – ".join(p for p in names if p) or str(row.id)
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
    kind = tidy_text(row["interview_type"])
    parts.append(f"{kind} interview" if kind else "interview")
    text = " ".join(parts)
    text = text[0].upper() + text[1:]
    day = as_date(row["date"])
    if day is not None:
        text += f", {format_day(day, today)} ({relative_day(day, today)})"
    return text


def recipients_for(kind: str, app: pd.Series, interview: pd.Series | None) -> list[Person]:
    """Who the notes go to: one per interviewer (falling back to the contact when none is
    recorded); a reply to a no goes to whoever wrote it, the contact, and to nobody when no
    contact is recorded (the page then asks who it was)."""
    interviewers = [] if interview is None else read_people(
        interview["interviewers"], interview["interviewer_emails"])
    contact_name = tidy_text(app.get("contact_name"))
    contact = [parse_person(contact_name, app.get("contact_email"))] if contact_name else []
    if note_kind(kind).to == "contact":
        return contact
    return interviewers or contact


def still_owed(people: list[Person], owed: tuple[str, ...]) -> list[Person]:
    """The people a note is still owed to, in the records' order (``owed`` is ``NextNote.
    people``: names as recorded); everyone when the rules name nobody."""
    if not owed:
        return people
    wanted = {person_key(name) for name in owed}
    kept = [p for p in people if person_key(p.recorded) in wanted]
    return kept or people


def interview_people(events: pd.DataFrame) -> list[Person]:
    """Everyone recorded in any of these events' interviews (one application's events)."""
    interviews = events[events["kind"] == "interview"]
    people: list[Person] = []
    for names, emails in zip(interviews["interviewers"], interviews["interviewer_emails"],
                             strict=True):
        people += [p for p in read_people(names, emails) if not is_among(p, people)]
    return people


#: Events whose details the notes may use: what was discussed in an interview (its form says the
#: notes draw on it) and what they said when they answered. Every other free text is private.
SHAREABLE_DETAILS = frozenset(kinds_where(shared=True))  # from the event-kind registry


def private_notes(app: pd.Series, events: pd.DataFrame) -> str:
    """The application's private free text: its notes and the details of events other than
    the shareable ones (``SHAREABLE_DETAILS``). Only the checks read it, to make sure no
    draft repeats it; text typed as an interview's "What you discussed" is not private."""
    private_events = events[~events["kind"].isin(SHAREABLE_DETAILS)]
    texts = [app.get("notes"), *private_events["details"].tolist()]
    return "\n".join(t for t in texts if isinstance(t, str) and t.strip())


@dataclass(frozen=True)
class Earlier:
    """What earlier notes offer to start from for one person: how they were greeted, what was
    discussed with them (this application only) and the strength named for this job."""

    greeting: str = ""
    detail: str = ""
    strength: str = ""


def earlier_fields(sent: pd.DataFrame, app_id: str, person: Person) -> Earlier:
    """The latest non-empty value of each field from notes already sent; never from private
    text. A greeting carries over between applications (it is how they like to be named)."""
    if sent.empty or not person.recorded:
        return Earlier()
    ordered = sent.sort_values("sent_at", kind="stable")
    to_them = ordered[[is_among(parse_person(n), [person])
                       for n in ordered["recipient_name"].fillna("")]]
    here = ordered["application_id"] == app_id

    def latest(frame: pd.DataFrame, column: str) -> str:
        values = [v for v in frame[column].tolist() if isinstance(v, str) and v.strip()]
        return tidy_text(values[-1]) if values else ""

    return Earlier(latest(to_them, "greeting"),
                   latest(to_them[to_them["application_id"] == app_id], "detail"),
                   latest(ordered[here], "strength"))


def sent_today(sent: pd.DataFrame, app_id: str, kind: str, today: date) -> pd.DataFrame:
    mine = sent[(sent["application_id"] == app_id) & (sent["kind"] == kind)]
    return mine[mine["sent_at"].dt.date == today]


def file_name(kind: str, company: str, recipient: str) -> str:
    """A download name such as 'thank-you-acme-maya-moreau.txt'."""
    return safe_filename(kind, company, recipient, suffix=".txt", fallback="note")


# --- from what was typed to one note per person ------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """What the person typed on the page for one set of notes: per person (by their name as
    written) what was discussed and how to greet them; per note the rest. ``repair_for`` is
    the one person the repair is meant for ("" for everyone)."""

    sender_name: str
    details: dict[str, str] = field(default_factory=dict)
    greetings: dict[str, str] = field(default_factory=dict)
    strength: str = ""
    repair: str = ""
    repair_for: str = ""
    development: str = ""
    decision_date: date | None = None
    ask_feedback: bool = False


@dataclass(frozen=True)
class Context:
    """What the records say around a note beyond the interview: when the person applied (an
    application nudge says so), when their last follow-up went (the second one refers to it),
    and what the rejection offered, in their words (the reply to a no takes it up)."""

    applied: date | None = None
    earlier_follow_up: date | None = None
    offer: TheirOffer = field(default_factory=TheirOffer)


def note_context(app: pd.Series, events: pd.DataFrame) -> Context:
    """The context of one application's notes, from its record and its events."""
    kinds = events["kind"].astype("str")
    follow_ups = events.loc[kinds.eq("follow-up sent"), "date"].dropna()
    rejections = events[kinds.eq("rejection")].sort_values("date", kind="stable")
    offer = their_offer(rejections["details"].iloc[-1]) if not rejections.empty else TheirOffer()
    applied = as_date(app.get("date_applied"))
    if applied is None:
        dates = events.loc[kinds.eq("applied"), "date"].dropna()
        applied = as_date(dates.max()) if not dates.empty else None
    return Context(applied, as_date(follow_ups.max()) if not follow_ups.empty else None, offer)


def note_inputs(kind: str, tone: str, picked: Picked, people: list[Person], typed: Typed,
                today: date, interviewed: list[Person], private: str,
                context: Context | None = None) -> list[drafting.NoteInput]:
    """One note per person. A reply to a no mentions a conversation only with someone who was
    in an interview (recorded, or you wrote what you discussed with them); a note with no
    interview behind it (an application nudge) mentions none at all."""
    spec = note_kind(kind)
    context = context or Context()
    notes = []
    for person in people or [Person("")]:
        detail = typed.details.get(person.recorded, "") if "specific_detail" in spec.fields else ""
        met = spec.after_interview and (
            not spec.replies_to_no or is_among(person, interviewed) or bool(tidy_text(detail)))
        repair = typed.repair if typed.repair_for in ("", person.recorded) else ""
        notes.append(drafting.NoteInput(
            kind=kind, tone=tone, company=picked.app["company"], role=picked.app["role"],
            interviewer_name=person.recorded, interviewer_email=person.email,
            greeting_name=typed.greetings.get(person.recorded, ""), today=today,
            sender_name=typed.sender_name,
            interview_date=picked.interview_date if spec.after_interview else None,
            specific_detail=detail, strength=typed.strength, repair=repair,
            development=typed.development, decision_date=typed.decision_date,
            ask_feedback=typed.ask_feedback, met=met, private_notes=private,
            applied_date=context.applied, earlier_note_date=context.earlier_follow_up,
            later_opening=context.offer.opening if spec.replies_to_no else "",
            feedback_offered=spec.replies_to_no and context.offer.feedback,
        ))
    return notes
