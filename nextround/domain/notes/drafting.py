"""Draft the notes a person sends after an interview from Jinja2 templates.

The wording lives in the templates (``templates/<kind>.<tone>.j2``), not here, so a careful
writer can improve a sentence without touching Python. This module prepares the values the
templates see and renders them; ``compose`` reads what was typed (a phrase or a sentence, in
whose view); ``people`` reads names; ``checks`` says whether a draft is ready;
``user_templates`` renders a person's own templates in a sandbox under hard limits. Nothing
here sends anything.

Template convention (built-in and user templates alike): a template defines two blocks,
``{% block subject %}...{% endblock %}`` (one line) and ``{% block body %}...{% endblock %}``.
A user template may instead leave out both blocks and start with a line ``Subject: ...``; the
rest is the body. The variables a template can use are listed in ``TEMPLATE_VARIABLES``.

Text the person types is data: it is passed to the template as variables and never becomes
part of a template's source, so ``{{ 7*7 }}`` typed into a field stays ``{{ 7*7 }}``. The
interview's own notes (events.details) are private: no field is filled from them, and no
template can see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from nextround.domain.dates import date_in_words, month_day, when_we_met
from nextround.domain.kinds import note_kind
from nextround.domain.notes.compose import (
    FILTERS,
    Composed,
    compose_detail,
    compose_free,
    compose_strength,
)
from nextround.domain.notes.people import Person, parse_person
from nextround.domain.notes.rendering import RenderedNote, render_blocks
from nextround.storage.paths import PROJECT_ROOT
from nextround.text import as_date, tidy_paragraphs, tidy_text

DEFAULT_TEMPLATE_DIR = PROJECT_ROOT / "templates"
TONES = ("warm", "concise")

#: What a template (built-in or the user's own) can use. Shown on the notes page.
TEMPLATE_VARIABLES: dict[str, str] = {
    "kind": "The kind of note, such as thank-you or follow-up.",
    "tone": "warm or concise.",
    "company": "The company's name.",
    "role": "The job title.",
    "role_phrase": 'The role in a phrase: "the Data Analyst role at Acme".',
    "interviewer_name": "The person's name as recorded.",
    "greeting_name": "How you address them: Priya (warm), Dr. Raman (concise), or what you set.",
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
    "specific_detail": "What you discussed with them, in their view: a phrase or a sentence.",
    "detail_phrase": 'That detail when it is a phrase ("your plan to open a Lisbon office").',
    "detail_sentence": "That detail when you typed a sentence (it ends with a full stop).",
    "detail_enjoyed": 'True when that sentence already says you enjoyed it ("I loved hearing '
    '..."), so the note need not say it again.',
    "strength": "One strength for this role: a phrase or a sentence.",
    "strength_phrase": 'The strength when it is a phrase ("five years of SQL reporting").',
    "strength_sentence": 'The strength when it is a sentence ("I have led a team of eight.").',
    "repair": "Optional: a better answer, or something you forgot to say.",
    "repair_phrase": "The repair when it is a phrase.",
    "repair_sentence": "The repair when it is one or more sentences.",
    "development": "Optional: something new since the interview (an achievement, news).",
    "development_phrase": "The news when it is a phrase.",
    "development_sentence": "The news when it is a sentence.",
    "met_them": "True when they were in the conversation (a reply to a no mentions it only then).",
    "applied_when": '"on March 2": when you applied (an application nudge); empty when unknown.',
    "earlier_note_when": '"on March 3": when your first follow-up went (the second one says so).',
    "later_opening": 'The later opening their rejection offered, in their words ("the senior '
    'analyst opening in the spring"); empty when they offered none.',
    "feedback_offered": "True when their rejection offered feedback.",
    "ask_feedback": "True to ask what would make you a stronger candidate next time.",
}
TEMPLATE_FILTERS_HELP = {
    "sentence": "Ends the text with a period unless it already ends a sentence.",
    "clause": 'Drops a sentence\'s final period, to go on with ", which ...".',
    "join_and": 'Joins a list as "a, b, and c".',
}
#: Older names a person's own template may still use (each holds the one strength).
OLDER_VARIABLES = ("strengths", "strengths_text", "first_strength")


# --- input --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteInput:
    """Everything one note needs, for one person (one note per person).

    Values are tidied on creation (see ``tidy_text``). ``specific_detail`` is what you
    discussed with this person, ``strength`` and ``repair`` belong to the note; all three are
    kept as typed and composed for the template (``composed``). ``greeting_name`` is how you
    chose to greet them ("" for the greeting their parsed name gives). ``met`` is False when
    they were not in the conversation (a reply to a no from a recruiter): the note then
    mentions no conversation with them. ``private_notes`` is the interview's private text:
    never shown, only checked against.
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
    strength: str = ""
    repair: str = ""
    development: str = ""
    decision_date: date | None = None
    ask_feedback: bool = False
    greeting_name: str = ""
    met: bool = True
    private_notes: str = ""
    applied_date: date | None = None
    earlier_note_date: date | None = None
    later_opening: str = ""
    feedback_offered: bool = False

    def __post_init__(self) -> None:
        spec = note_kind(self.kind)  # raises ValueError for a kind the registry does not know
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; known: {', '.join(TONES)}")
        today = as_date(self.today)
        if today is None:
            raise ValueError("today must be a date")
        tidy = object.__setattr__
        tidy(self, "today", today)
        for name in ("company", "role", "interviewer_name", "sender_name", "interviewer_email",
                     "greeting_name", "specific_detail", "strength", "development"):
            tidy(self, name, tidy_text(getattr(self, name)))
        tidy(self, "repair", tidy_paragraphs(self.repair))
        tidy(self, "private_notes", tidy_paragraphs(self.private_notes))
        tidy(self, "interview_date", as_date(self.interview_date))
        tidy(self, "decision_date", as_date(self.decision_date))
        tidy(self, "applied_date", as_date(self.applied_date))
        tidy(self, "earlier_note_date", as_date(self.earlier_note_date))
        tidy(self, "later_opening", tidy_text(self.later_opening))
        tidy(self, "feedback_offered", bool(self.feedback_offered))
        tidy(self, "ask_feedback", bool(self.ask_feedback))
        # A note with no interview behind it (an application nudge) recalls no conversation.
        tidy(self, "met", bool(self.met) and spec.after_interview)

    @property
    def days_since_interview(self) -> int | None:
        return None if self.interview_date is None else (self.today - self.interview_date).days

    @cached_property
    def person(self) -> Person:
        return parse_person(self.interviewer_name, self.interviewer_email)

    @property
    def greeting(self) -> str:
        """How the note greets them: the name chosen on the page, else from the parsed name."""
        return self.greeting_name or self.person.greeting(self.tone)

    @cached_property
    def _composed(self) -> dict[str, Composed]:
        return self._compose()

    def composed(self) -> dict[str, Composed]:
        """The typed fields as the note uses them (read once per note)."""
        return dict(self._composed)

    def _compose(self) -> dict[str, Composed]:
        """The typed fields as the note uses them: phrase or sentence, in the reader's view.
        A detail is used only when they were in the conversation."""
        reader = (*self.person.names(), self.greeting)
        keep = (self.company, self.role, *reader)
        detail = compose_detail(self.specific_detail, reader, keep) if self.met else Composed()
        return {
            "detail": detail,
            "strength": compose_strength(self.strength, reader, keep),
            "repair": compose_free(self.repair, reader, keep),
            "development": compose_free(self.development, reader, keep),
        }


# --- wording helpers shared by every template ----------------------------------------------------


def role_phrase(role: str, company: str) -> str:
    """'the Data Analyst role at Acme', degrading gracefully when either is missing."""
    if role:
        last = role.split()[-1].lower()
        noun = role if last in ("role", "position", "job", "opening") else f"{role} role"
        phrase = f"the {noun}"
    else:
        phrase = "the role"
    return f"{phrase} at {company}" if company else phrase


def _on_day(day: date | None, today: date) -> str:
    """'on March 2' (or 'yesterday', 'on Tuesday'): when something was sent, mid-sentence."""
    return when_we_met(day, today)


def template_variables(note: NoteInput) -> dict[str, Any]:
    """The values every template sees (documented in ``TEMPLATE_VARIABLES``)."""
    decision_passed = note.decision_date is not None and note.decision_date < note.today
    composed = note.composed()
    values: dict[str, Any] = {
        "kind": note.kind,
        "tone": note.tone,
        "company": note.company,
        "role": note.role,
        "role_phrase": role_phrase(note.role, note.company),
        "interviewer_name": note.interviewer_name,
        "greeting_name": note.greeting,
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
        "met_them": note.met,
        "ask_feedback": note.ask_feedback,
        "applied_when": _on_day(note.applied_date, note.today),
        "earlier_note_when": _on_day(note.earlier_note_date, note.today),
        "later_opening": note.later_opening,
        "feedback_offered": note.feedback_offered,
    }
    for field, name in (("detail", "specific_detail"), ("strength", "strength"),
                        ("repair", "repair"), ("development", "development")):
        part = composed[field]
        values[name] = part.text
        values[f"{field}_phrase"] = part.phrase
        values[f"{field}_sentence"] = part.sentence
    values["detail_enjoyed"] = composed["detail"].enjoyed
    strength = values["strength"]
    values |= {"strengths": [strength] if strength else [], "strengths_text": strength,
               "first_strength": strength}
    return values


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


def render_note(note: NoteInput, template_dir: Path = DEFAULT_TEMPLATE_DIR) -> RenderedNote:
    """Render the built-in template for the note's kind and tone."""
    template = _environment(str(Path(template_dir).resolve())).get_template(
        template_name(note.kind, note.tone)
    )
    missing = {"subject", "body"} - set(template.blocks)
    if missing:
        raise ValueError(f"{template.name} lacks block(s): {', '.join(sorted(missing))}")
    return render_blocks(template, template_variables(note))
