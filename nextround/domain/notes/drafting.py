"""Draft the notes a person sends after an interview from Jinja2 templates.

The wording lives in the templates (``templates/<kind>.<tone>.j2``), not here, so a careful
writer can improve a sentence without touching Python. This module prepares the values the
templates see and renders them; ``checks`` says whether a draft is ready; ``user_templates``
renders a person's own templates in a sandbox. Nothing here sends anything.

Template convention (built-in and user templates alike): a template defines two blocks,
``{% block subject %}...{% endblock %}`` (one line) and ``{% block body %}...{% endblock %}``.
A user template may instead leave out both blocks and start with a line ``Subject: ...``; the
rest is the body. The variables a template can use are listed in ``TEMPLATE_VARIABLES``.

Text the person types is data: it is passed to the template as variables and never becomes
part of a template's source, so ``{{ 7*7 }}`` typed into a field stays ``{{ 7*7 }}``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from nextround.domain.dates import as_date, date_in_words, month_day, when_we_met
from nextround.domain.kinds import note_kind
from nextround.storage.paths import PROJECT_ROOT

DEFAULT_TEMPLATE_DIR = PROJECT_ROOT / "templates"
TONES = ("warm", "concise")

#: What a template (built-in or the user's own) can use. Shown on the notes page.
TEMPLATE_VARIABLES: dict[str, str] = {
    "kind": "The kind of note, such as thank-you or follow-up.",
    "tone": "warm or concise.",
    "company": "The company's name.",
    "role": "The job title.",
    "role_phrase": 'The role in a phrase: "the Data Analyst role at Acme".',
    "interviewer_name": "The interviewer's name as recorded.",
    "greeting_name": "How you address them (Priya, Dr. Raman); defaults to the recorded name.",
    "interviewer_email": "Their email address (may be empty).",
    "sender_name": "Your full name, for the sign-off.",
    "interview_date": "The interview's date (a date, or empty when unknown).",
    "interview_when": '"today", "yesterday", "on Tuesday" or "on March 3"; empty when unknown.',
    "interview_date_text": 'The date in words: "Tuesday, March 3"; empty when unknown.',
    "days_since_interview": "Whole days since the interview, or empty when unknown.",
    "today": "Today's date.",
    "decision_date": "The date they said they would decide by, or empty.",
    "decision_date_text": 'That date in words: "March 20"; empty when none was given.',
    "decision_passed": "True when that date is in the past.",
    "specific_detail": "One specific thing you discussed (a phrase, without a final period).",
    "strengths": "Your strengths for this role: a list of one to three short phrases.",
    "strengths_text": 'The strengths joined: "SQL, testing, and calm stakeholder work".',
    "first_strength": "The first strength (empty when none).",
    "repair": "Optional: a better answer, or something you forgot to say.",
    "development": "Optional: something new since the interview (an achievement, news).",
    "ask_feedback": "True to ask what would make you a stronger candidate next time.",
}
TEMPLATE_FILTERS_HELP = {
    "sentence": "Ends the text with a period unless it already ends a sentence.",
    "join_and": 'Joins a list as "a, b, and c".',
}

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


# --- input --------------------------------------------------------------------------------------


def tidy_text(value: Any) -> str:
    """One line of text: missing values (None, NaN) become "", whitespace runs one space.

    Values come from forms and from DataFrames, where an empty cell is NaN; a note must never
    say "Dear nan". NFC normalisation makes "Zoë" typed two ways compare equal.
    """
    if not isinstance(value, str):
        return ""
    return " ".join(unicodedata.normalize("NFC", value).split())


def tidy_fragment(value: Any) -> str:
    """A phrase that sits inside a template's sentence: no trailing period or comma of its own."""
    return tidy_text(value).rstrip(" .,;:")


def tidy_paragraphs(value: Any) -> str:
    """Multi-line text keeping paragraph breaks, at most one blank line between them."""
    if not isinstance(value, str):
        return ""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", value).splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def _as_strengths(value: Any) -> tuple[str, ...]:
    items = value.split(";") if isinstance(value, str) else list(value or ())
    return tuple(s for s in (tidy_fragment(v) for v in items) if s)


@dataclass(frozen=True)
class NoteInput:
    """Everything one note needs, for one interviewer (one note per interviewer).

    Values are tidied on creation (see ``tidy_text``), so what the note shows is exactly what
    these attributes hold. ``strengths`` accepts a list or a semicolon-separated string.
    """

    kind: str
    tone: str
    company: str
    role: str
    interviewer_name: str
    today: date
    sender_name: str
    interviewer_email: str = ""
    interview_date: date | None = None
    specific_detail: str = ""
    strengths: tuple[str, ...] = field(default_factory=tuple)
    repair: str = ""
    development: str = ""
    decision_date: date | None = None
    ask_feedback: bool = False
    greeting_name: str = ""

    def __post_init__(self) -> None:
        note_kind(self.kind)  # raises ValueError for a kind the registry does not know
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; known: {', '.join(TONES)}")
        today = as_date(self.today)
        if today is None:
            raise ValueError("today must be a date")
        tidy = object.__setattr__
        tidy(self, "today", today)
        for name in ("company", "role", "interviewer_name", "sender_name", "interviewer_email"):
            tidy(self, name, tidy_text(getattr(self, name)))
        tidy(self, "greeting_name", tidy_text(self.greeting_name) or self.interviewer_name)
        tidy(self, "specific_detail", tidy_fragment(self.specific_detail))
        tidy(self, "development", tidy_text(self.development))
        tidy(self, "repair", tidy_paragraphs(self.repair))
        tidy(self, "strengths", _as_strengths(self.strengths))
        tidy(self, "interview_date", as_date(self.interview_date))
        tidy(self, "decision_date", as_date(self.decision_date))
        tidy(self, "ask_feedback", bool(self.ask_feedback))

    @property
    def days_since_interview(self) -> int | None:
        return None if self.interview_date is None else (self.today - self.interview_date).days


@dataclass(frozen=True)
class RenderedNote:
    subject: str
    body: str




# --- wording helpers shared by every template ----------------------------------------------------


def end_sentence(text: Any) -> str:
    """Add a period unless the text already ends a sentence (so "Acme Inc." is not "Inc..")."""
    text = "" if text is None else str(text)
    if not text or _TERMINAL.search(text.rstrip()):
        return text
    return text + "."


def join_and(items: Iterable[Any]) -> str:
    """'a', 'a and b', 'a, b, and c' (the serial comma keeps "SQL and dbt" from blurring)."""
    words = [str(i) for i in items if str(i)]
    if len(words) < 3:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def role_phrase(role: str, company: str) -> str:
    """'the Data Analyst role at Acme', degrading gracefully when either is missing."""
    if role:
        last = role.split()[-1].lower()
        noun = role if last in ("role", "position", "job", "opening") else f"{role} role"
        phrase = f"the {noun}"
    else:
        phrase = "the role"
    return f"{phrase} at {company}" if company else phrase


def template_variables(note: NoteInput) -> dict[str, Any]:
    """The values every template sees (documented in ``TEMPLATE_VARIABLES``)."""
    decision_passed = note.decision_date is not None and note.decision_date < note.today
    return {
        "kind": note.kind,
        "tone": note.tone,
        "company": note.company,
        "role": note.role,
        "role_phrase": role_phrase(note.role, note.company),
        "interviewer_name": note.interviewer_name,
        "greeting_name": note.greeting_name,
        "interviewer_email": note.interviewer_email,
        "sender_name": note.sender_name,
        "interview_date": note.interview_date,
        "interview_when": when_we_met(note.interview_date, note.today),
        "interview_date_text": date_in_words(note.interview_date, note.today),
        "days_since_interview": note.days_since_interview,
        "today": note.today,
        "decision_date": note.decision_date,
        "decision_date_text": month_day(note.decision_date) if note.decision_date else "",
        "decision_passed": decision_passed,
        "specific_detail": note.specific_detail,
        "strengths": list(note.strengths),
        "strengths_text": join_and(note.strengths),
        "first_strength": note.strengths[0] if note.strengths else "",
        "repair": note.repair,
        "development": note.development,
        "ask_feedback": note.ask_feedback,
    }


FILTERS: dict[str, Callable[..., str]] = {"sentence": end_sentence, "join_and": join_and}


def tidy_output(text: str) -> str:
    """No trailing spaces, no runs of blank lines, nothing before the greeting or after the name."""
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


# --- rendering the built-in templates ----------------------------------------------------------


def template_name(kind: str, tone: str) -> str:
    """'late thank-you' + 'warm' -> 'late-thank-you.warm.j2'."""
    return f"{kind.replace(' ', '-')}.{tone}.j2"


@cache
def _environment(template_dir: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(template_dir),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text email; the app never renders a note as HTML
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def render_blocks(template: Template, variables: dict[str, Any]) -> RenderedNote:
    context = template.new_context(variables)
    subject = "".join(template.blocks["subject"](context))
    body = "".join(template.blocks["body"](context))
    return RenderedNote(subject=tidy_text(subject), body=tidy_output(body))


def render_note(note: NoteInput, template_dir: Path = DEFAULT_TEMPLATE_DIR) -> RenderedNote:
    """Render the built-in template for the note's kind and tone."""
    template = _environment(str(Path(template_dir).resolve())).get_template(
        template_name(note.kind, note.tone)
    )
    missing = {"subject", "body"} - set(template.blocks)
    if missing:
        raise ValueError(f"{template.name} lacks block(s): {', '.join(sorted(missing))}")
    return render_blocks(template, template_variables(note))
