"""The tables Next Round keeps, one CSV each, and the rules every row must follow.

The schema lives in one place so that the storage layer, the validators, the importer, the
README's column reference and the ``doctor`` command all agree on what a valid file is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The allowed event kinds come from the event-kind registry (nextround/event_kinds.toml), a
# bottom-level module: storage takes them from there without importing the domain.
from nextround.event_kinds import EVENT_KINDS as EVENT_KINDS
from nextround.stages import stage_names

ColumnKind = Literal["text", "date", "datetime", "int", "float", "bool"]

#: Bumped whenever a step in ``nextround.storage.migrations`` changes the files on disk.
SCHEMA_VERSION = 2

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

#: The stages, in order, from the stage registry (nextround/stages.toml).
STAGES = stage_names()
OUTCOMES = ("offer accepted", "offer declined", "rejected", "withdrew", "no response")
PRIORITIES = ("low", "medium", "high")
INTERVIEW_TYPES = ("phone", "video", "onsite", "panel", "technical", "final")
CHANNELS = ("email", "phone", "linkedin", "in person", "other")


@dataclass(frozen=True)
class Column:
    """One CSV column: its type on load, whether a row may leave it empty, and allowed values."""

    name: str
    kind: ColumnKind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Table:
    """A table is a CSV file in the data folder; ``key`` identifies a row for updates."""

    name: str
    columns: tuple[Column, ...]
    key: str = "id"
    help: str = ""
    parent: tuple[str, str] | None = None  # (column, table) that this table's rows belong to

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")


APPLICATIONS = Table(
    name="applications",
    help="One row per job you applied to (or want to).",
    columns=(
        Column("id", required=True, help="Stable identifier, such as A00001. Do not change it."),
        Column("company", required=True, help="Company name."),
        Column("role", required=True, help="Job title."),
        Column("posting_url", help="Link to the job posting."),
        Column("source", help="Where you found it: referral, job board, company site..."),
        Column("location", help="City, or remote."),
        Column("date_applied", "date", help="YYYY-MM-DD; empty while on the wishlist."),
        Column("stage", required=True, choices=STAGES, help="Where it stands now."),
        Column("outcome", choices=OUTCOMES, help="How it ended; empty while it is open."),
        Column("contact_name", help="Recruiter or hiring manager."),
        Column("contact_email", help="Their email address."),
        Column("priority", choices=PRIORITIES, help="How much you want it."),
        Column("notes", help="Anything else; may span several lines."),
        Column("created_at", "datetime", help="When the row was added (YYYY-MM-DD HH:MM:SS)."),
        Column("updated_at", "datetime", help="When the row last changed."),
    ),
)

EVENTS = Table(
    name="events",
    help="The dated history of each application; the pipeline timeline is drawn from it.",
    parent=("application_id", "applications"),
    columns=(
        Column("id", required=True, help="Stable identifier, such as E000001."),
        Column("application_id", required=True, help="The id of the application it belongs to."),
        Column("date", "date", required=True, help="YYYY-MM-DD."),
        Column("kind", required=True, choices=EVENT_KINDS, help="What happened."),
        Column("round", "int", help="Interview round number (1, 2, ...)."),
        Column("interview_type", choices=INTERVIEW_TYPES, help="Interviews only."),
        Column("interviewers", help="Interviewer names, separated by semicolons."),
        Column("interviewer_emails", help="Their emails, in the same order, separated by ;."),
        Column("decision_date", "date", help="The date they said they would decide by."),
        Column("channel", choices=CHANNELS, help="For notes and follow-ups: how it was sent."),
        Column("details", help="Free text: what was discussed, what they said."),
        Column("created_at", "datetime", help="When the row was added."),
    ),
)

NOTE_KINDS = (
    "thank-you",
    "late thank-you",
    "follow-up",
    "second follow-up",
    "late thank-you and follow-up",
    "rejection reply",
    "application nudge",
)
ANSWERS = ("yes", "no", "not sure")

SELF_CHECKS = Table(
    name="self_checks",
    help="Saved interview self-checks: the signs you saw, your self-rating and the reading.",
    columns=(
        Column("id", required=True, help="Stable identifier, such as S0001."),
        Column("application_id", help="The application; empty for a quick check."),
        Column("event_id", help="The interview event it reads; empty for a quick check."),
        Column("label", help="A name for a quick check with no application."),
        Column("interview_date", "date", help="YYYY-MM-DD."),
        Column(
            "answers",
            help='Signs answered yes or no, as JSON ({"sign id": "yes"}); a sign left out was '
            '"not sure". Only when you answered whether they gave a decision date does the key '
            '"context-decision-date" appear, holding yes or no; "context-interview-type" holds '
            'the kind of interview the reading assumed, when one was chosen.',
        ),
        Column("ratings", help='Self-rating, as JSON: {"item id": 1..5}.'),
        Column("scheduled_minutes", "int", help="How long it was meant to last."),
        Column("actual_minutes", "int", help="How long it really lasted."),
        Column("score", "float", help="0 to 100; empty when there was not enough to tell."),
        Column("band", help="The reading in words."),
        Column("went_well", help="Reflection: what went well."),
        Column("to_change", help="Reflection: what to change next time."),
        Column("prepare_better", help="Reflection: the question to prepare better."),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
)

SENT_NOTES = Table(
    name="sent_notes",
    help="Notes you marked as sent, with the exact text.",
    parent=("application_id", "applications"),
    columns=(
        Column("id", required=True, help="Stable identifier, such as N0001."),
        Column("application_id", required=True),
        Column("event_id", help="The thank-you or follow-up event this note logged."),
        Column("kind", required=True, choices=NOTE_KINDS),
        Column("tone", help="warm or concise."),
        Column("recipient_name"),
        Column("recipient_email"),
        Column("subject"),
        Column("body"),
        Column("sent_at", "datetime", required=True),
        Column("greeting", help="How you greeted them (Priya, Dr. Raman); offered next time."),
        Column("detail", help="What you discussed with them, as you typed it; offered again "
               "in your next note to them."),
        Column("strength", help="The strength the note named; offered again for this job."),
        Column("repair", help="The answer you improved or the thing you added, if any."),
    ),
)

GREETINGS = Table(
    name="greetings",
    help="How you confirmed to greet a person whose given name was not certain (Minh for "
    "'Nguyen, Thi Minh'); every note to them uses it.",
    columns=(
        Column("id", required=True, help="The person's name as read, in lower case."),
        Column("name", help="Their name as you wrote it."),
        Column("greeting", required=True, help="How to greet them: Minh, Dr. Chen, María José."),
        Column("updated_at", "datetime"),
    ),
)

PREP_PROGRESS = Table(
    name="prep_progress",
    help="Ticked preparation checklist items, per upcoming interview.",
    columns=(
        Column("id", required=True, help="<interview event id or 'general'>:<item id>."),
        Column("interview_id", required=True, help="An interview event id, or general."),
        Column("item_id", required=True, help="The checklist item."),
        Column("done", "bool", help="true or false."),
        Column("done_at", "datetime"),
    ),
)

PRACTICE_ANSWERS = Table(
    name="practice_answers",
    help="Your practice answers to common interview questions (STAR notes).",
    columns=(
        Column("id", required=True, help="The question id."),
        Column("situation"),
        Column("task"),
        Column("action"),
        Column("result"),
        Column("answer", help="Free-form answer or notes."),
        Column("ready", "bool", help="true when you are happy with it."),
        Column("updated_at", "datetime"),
    ),
)

ACTIONS = Table(
    name="actions",
    help="Follow-up actions you marked done or snoozed on Home.",
    columns=(
        Column("id", required=True, help="The action's key: application, kind and anchor event."),
        Column("status", required=True, choices=("done", "snoozed")),
        Column("snoozed_until", "date"),
        Column("updated_at", "datetime"),
    ),
)

SETTINGS = Table(
    name="settings",
    help="Your settings (follow-up timing and the like), one per row.",
    columns=(
        Column("id", required=True, help="The setting's name."),
        Column("value", help="Its value."),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        APPLICATIONS,
        EVENTS,
        SELF_CHECKS,
        SENT_NOTES,
        GREETINGS,
        PREP_PROGRESS,
        PRACTICE_ANSWERS,
        ACTIONS,
        SETTINGS,
    )
}


def register(table: Table) -> Table:
    """Add a screen's own table, so it gets the same storage guarantees as the core ones."""
    existing = TABLES.get(table.name)
    if existing is not None and existing != table:
        raise ValueError(f"table {table.name!r} is already registered with another schema")
    TABLES[table.name] = table
    return table


def get_table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(sorted(TABLES))}") from None


def columns_markdown() -> str:
    """The column reference that README.md carries (a test keeps the two in step)."""
    kinds = {"text": "text", "date": "date YYYY-MM-DD", "datetime": "YYYY-MM-DD HH:MM:SS",
             "int": "whole number", "float": "number", "bool": "true/false"}
    parts = []
    for table in TABLES.values():
        parts.append(f"### {table.filename}\n\n{table.help}\n")
        parts.append("| column | type | required | allowed values / meaning |")
        parts.append("|---|---|---|---|")
        for c in table.columns:
            meaning = ", ".join(c.choices) if c.choices else c.help
            if c.choices and c.help:
                meaning = f"{c.help} ({meaning})"
            parts.append(
                f"| {c.name} | {kinds[c.kind]} | {'yes' if c.required else ''} | {meaning} |"
            )
        parts.append("")
    return "\n".join(parts)
