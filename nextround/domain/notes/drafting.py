"""Draft the notes a person sends after an interview, and check a draft before it goes out.

The wording lives in Jinja2 templates (``templates/<kind>.<tone>.j2``), not here, so a careful
writer can improve a sentence without touching Python. This module prepares the values the
templates see, renders them, and checks the result against the rules good notes share
(DOMAIN.md section 5). It never sends anything: the page offers the text and a mailto: link.

Template convention (built-in and user templates alike): a template defines two blocks,
``{% block subject %}...{% endblock %}`` (one line) and ``{% block body %}...{% endblock %}``.
A user template may instead leave out both blocks and start with a line ``Subject: ...``; the
rest is the body. The variables a template can use are listed in ``TEMPLATE_VARIABLES``.

Text the person types is data: it is passed to the template as variables and never becomes
part of a template's source, so ``{{ 7*7 }}`` typed into a field stays ``{{ 7*7 }}``.
"""

from __future__ import annotations

import re
import traceback
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

from nextround.storage.errors import NextRoundError
from nextround.storage.paths import PROJECT_ROOT
from nextround.storage.schema import NOTE_KINDS

DEFAULT_TEMPLATE_DIR = PROJECT_ROOT / "templates"
USER_TEMPLATE_FOLDER = "templates"
TONES = ("warm", "concise")

FOLLOW_UP_KINDS = ("follow-up", "late thank-you and follow-up")

#: Optional fields each kind uses, so a form can ask only for what the note will show.
#: Every kind also uses company, role, interviewer_name, greeting_name and sender_name.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "thank-you": ("interview_date", "specific_detail", "strengths", "repair"),
    "late thank-you": ("interview_date", "specific_detail", "strengths", "repair"),
    "follow-up": ("interview_date", "specific_detail", "development", "decision_date"),
    "late thank-you and follow-up": (
        "interview_date",
        "specific_detail",
        "strengths",
        "development",
        "decision_date",
    ),
    "rejection reply": ("specific_detail", "strengths", "ask_feedback"),
}

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

# Lengths from DOMAIN.md section 5: thank-you 3-5 sentences (about 150 words), follow-ups under
# about 150 words, the combined note and the rejection reply under about 200.
WORD_LIMITS = {
    "thank-you": 150,
    "late thank-you": 165,
    "follow-up": 150,
    "late thank-you and follow-up": 200,
    "rejection reply": 200,
}
SENTENCE_RANGES = {"thank-you": (3, 5), "late thank-you": (3, 6)}

_FILLER = (
    re.compile(r"\b(?:just\s+)?(?:wanted|want|wanting)\s+to\s+check\s+in\b", re.I),
    re.compile(r"\b(?:just\s+)?checking\s+in\b", re.I),
    re.compile(r"\bjust\s+check\s+in\b", re.I),
    re.compile(r"\btouch(?:ing)?\s+base\b", re.I),
    re.compile(r"\bcircl(?:e|ing)\s+back\b", re.I),
)
_ACCUSATIONS = (
    re.compile(r"\b(?:i|we)\s+(?:still\s+)?(?:haven't|have\s+not)\s+heard\b", re.I),
    re.compile(r"\b(?:haven't|have\s+not|hasn't|has\s+not)\s+heard\s+back\b", re.I),
    re.compile(r"\b(?:didn't|did\s+not|never)\s+hear\s+back\b", re.I),
    re.compile(r"\bnever\s+heard\b", re.I),
    re.compile(r"\bstill\s+waiting\b", re.I),
    re.compile(r"\bno\s+(?:reply|response|word)\s+(?:from\s+you|yet)\b", re.I),
    re.compile(
        r"\byou\s+(?:still\s+)?(?:haven't|have\s+not|never|didn't|did\s+not)\s+"
        r"(?:replied|responded|reply|respond|answered|gotten\s+back|got\s+back)\b",
        re.I,
    ),
    re.compile(r"\bwhy\s+(?:haven't|have)\s+(?:you|I)\b", re.I),
)
_UNFILLED = (
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template code"),
    (re.compile(r"\[[A-Za-z][A-Za-z .'_-]{0,30}\]"), "a placeholder in brackets"),
    (re.compile(r"<[A-Za-z][A-Za-z _-]{0,30}>"), "a placeholder in angle brackets"),
    (re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b"), "a to-do marker"),
    (re.compile(r"\bNone\b(?!\s+of\b)|\bnan\b|\bNaN\b"), "an empty value"),
    (re.compile(r"(?<=[^\s.!?]) {2,}(?=\S)"), "two spaces in a row (an empty field?)"),
    (re.compile(r"(?<=\w) [.,;:](?=\s|$)", re.M), "a space before punctuation (an empty field?)"),
    (re.compile(r",\s*[,.]"), "an empty item in a list"),
)
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|approx|e\.g|i\.e)\.", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_TITLES = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "madam", "dear"}
_USER_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}\.j2$")
USER_TEMPLATE_MAX_BYTES = 64 * 1024

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class TemplateProblem(NextRoundError):
    """A template that cannot be rendered, explained so the person can fix it.

    ``line`` is the template's line number when the problem can be tied to one.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


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


def _as_date(value: Any) -> date | None:
    """A date from a date, datetime, pandas Timestamp, numpy datetime64 or "YYYY-MM-DD" text.

    None, NaN and NaT become None: a frame's empty cell means "no date", not an error.
    """
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


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
        if self.kind not in NOTE_KINDS:
            raise ValueError(f"unknown note kind {self.kind!r}; known: {', '.join(NOTE_KINDS)}")
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; known: {', '.join(TONES)}")
        today = _as_date(self.today)
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
        tidy(self, "interview_date", _as_date(self.interview_date))
        tidy(self, "decision_date", _as_date(self.decision_date))
        tidy(self, "ask_feedback", bool(self.ask_feedback))

    @property
    def days_since_interview(self) -> int | None:
        return None if self.interview_date is None else (self.today - self.interview_date).days


@dataclass(frozen=True)
class RenderedNote:
    subject: str
    body: str


@dataclass(frozen=True)
class Check:
    """One rule a draft passes or fails; ``message`` says what to do about it."""

    name: str
    ok: bool
    message: str


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


def _month_day(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}"


def date_in_words(d: date | None, today: date) -> str:
    """'Tuesday, March 3'; the year is added only when it is not this year."""
    if d is None:
        return ""
    text = f"{_WEEKDAYS[d.weekday()]}, {_month_day(d)}"
    return text if d.year == today.year else f"{text}, {d.year}"


def interview_when(d: date | None, today: date) -> str:
    """How a person says when they met: 'yesterday', 'on Tuesday', 'on March 3'.

    No commas, so the phrase can sit mid-sentence ("... with me on March 3 about ...").
    """
    if d is None:
        return ""
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 2 <= days <= 6:
        return f"on {_WEEKDAYS[d.weekday()]}"
    if d.year == today.year:
        return f"on {_month_day(d)}"
    return f"on {d.day} {_MONTHS[d.month - 1]} {d.year}"


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
        "interview_when": interview_when(note.interview_date, note.today),
        "interview_date_text": date_in_words(note.interview_date, note.today),
        "days_since_interview": note.days_since_interview,
        "today": note.today,
        "decision_date": note.decision_date,
        "decision_date_text": _month_day(note.decision_date) if note.decision_date else "",
        "decision_passed": decision_passed,
        "specific_detail": note.specific_detail,
        "strengths": list(note.strengths),
        "strengths_text": join_and(note.strengths),
        "first_strength": note.strengths[0] if note.strengths else "",
        "repair": note.repair,
        "development": note.development,
        "ask_feedback": note.ask_feedback,
    }


_FILTERS: dict[str, Callable[..., str]] = {"sentence": end_sentence, "join_and": join_and}


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
    env.filters.update(_FILTERS)
    return env


def _render_blocks(template: Template, variables: dict[str, Any]) -> RenderedNote:
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
    return _render_blocks(template, template_variables(note))


# --- the person's own templates ------------------------------------------------------------------


class _TooLarge(SecurityError):
    """A sandbox limit this module adds; its message is already written for a person."""


class _NoteSandbox(ImmutableSandboxedEnvironment):
    """The sandbox (lists and dicts read-only), plus limits on '*' and '**' so that
    '{{ "a" * 10**10 }}' or '{{ 2 ** 10**6 }}' cannot eat the memory or the CPU."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 100_000
    MAX_POWER_BITS = 10_000

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_too_large(left, right, self.MAX_POWER_BITS):
            raise _TooLarge("that power is too large for a note template.")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > self.MAX_REPEAT:
                raise _TooLarge("that repetition is too long for a note template.")
        return super().call_binop(context, operator, left, right)


def _power_too_large(base: Any, exponent: Any, max_bits: int) -> bool:
    if not isinstance(exponent, int | float) or not isinstance(base, int | float):
        return False
    if isinstance(base, float) or isinstance(exponent, float):
        return abs(exponent) > 1_000  # floats overflow to an error, not to a huge number
    return abs(exponent) > max_bits or max(abs(base).bit_length(), 1) * exponent > max_bits


@cache
def _sandbox() -> SandboxedEnvironment:
    env = _NoteSandbox(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(_FILTERS)
    return env


def _template_line(exc: BaseException, outermost: bool = False) -> int | None:
    """The template line an error happened on, from the frames Jinja rewrites to template lines."""
    lines = [
        lineno
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
        if frame.f_code.co_filename == "<template>"
    ]
    if not lines:
        return None
    return lines[0] if outermost else lines[-1]


def _explain(exc: BaseException) -> TemplateProblem:
    """Turn whatever went wrong into a sentence a person can act on."""
    listed = "Variables you can use: " + ", ".join(TEMPLATE_VARIABLES) + "."
    if isinstance(exc, TemplateSyntaxError):
        reason = (exc.message or "").rstrip(".")
        return TemplateProblem(
            f"the template's syntax is not valid ({reason}). Check that every {{{{ has a "
            "matching }}, and every {% if %}, {% for %} or {% block %} is closed.",
            exc.lineno,
        )
    if isinstance(exc, _TooLarge):
        return TemplateProblem(str(exc), _template_line(exc))
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            "the template reaches for something outside the note's variables (for example a "
            f"name starting with an underscore), which is not allowed. {listed}",
            _template_line(exc),
        )
    if isinstance(exc, UndefinedError):
        match = re.search(r"'([^']+)' is undefined", exc.message or "")
        what = f"{match.group(1)!r} is not a variable notes provide" if match else exc.message
        return TemplateProblem(f"{what}. Check the spelling. {listed}", _template_line(exc))
    if isinstance(exc, RecursionError):
        return TemplateProblem(
            "the template calls itself without end (a macro that calls itself?).",
            _template_line(exc, outermost=True),
        )
    if isinstance(exc, TemplateError):
        return TemplateProblem(f"the template could not be used: {exc}.", _template_line(exc))
    return TemplateProblem(
        f"the template failed while filling in the note ({type(exc).__name__}: {exc}).",
        _template_line(exc),
    )


def _split_subject_line(text: str) -> RenderedNote:
    """For a template without blocks: a first line 'Subject: ...' is the subject."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.lower().startswith("subject:"):
        return RenderedNote(tidy_text(first[len("subject:") :]), tidy_output(rest))
    return RenderedNote("", tidy_output(text))


def render_user_template(source: str, note: NoteInput) -> RenderedNote:
    """Render a template the person wrote, in Jinja's sandbox.

    Every failure becomes a ``TemplateProblem``, so a bad template shows a message on the
    page instead of a traceback. The sandbox stops code execution, not long loops: a template
    can still be slow, but it runs on the person's own machine with their own file.
    """
    try:
        template = _sandbox().from_string(source)
        blocks = {"subject", "body"} & set(template.blocks)
        if len(blocks) == 1:
            raise TemplateProblem(
                "define both {% block subject %} and {% block body %}, or neither and start "
                "the template with a line 'Subject: ...'."
            )
        if blocks:
            return _render_blocks(template, template_variables(note))
        return _split_subject_line(template.render(template_variables(note)))
    except TemplateProblem:
        raise
    except (Exception, RecursionError) as exc:
        raise _explain(exc) from exc


def list_user_templates(data_dir: Path) -> list[Path]:
    """The person's own templates: *.j2 files directly in <data_dir>/templates, sorted by name.

    Names outside a plain allowlist and links that lead outside the folder are skipped, so a
    file name can never steer the app to read elsewhere.
    """
    folder = Path(data_dir) / USER_TEMPLATE_FOLDER
    if not folder.is_dir():
        return []
    root = folder.resolve()
    found = []
    for path in folder.iterdir():
        if not _USER_TEMPLATE_NAME.match(path.name):
            continue
        resolved = path.resolve()
        if resolved.parent == root and resolved.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.name.lower())


def read_user_template(data_dir: Path, name: str) -> str:
    """The text of one listed user template; only names ``list_user_templates`` returns work."""
    matches = [p for p in list_user_templates(data_dir) if p.name == name]
    if not matches:
        raise TemplateProblem(f"there is no template called {name!r} in your templates folder.")
    path = matches[0]
    if path.stat().st_size > USER_TEMPLATE_MAX_BYTES:
        raise TemplateProblem(f"{name} is larger than 64 KB; a note template should be short.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateProblem(f"{name} is not UTF-8 text; save it as UTF-8 and reload.") from exc


# --- which note fits now -------------------------------------------------------------------------


def suggest_kind(
    interview_date: date | None,
    today: date,
    thank_you_logged: bool,
    follow_ups_logged: int,
    rejected: bool,
) -> tuple[str, str]:
    """The note that fits the application's history, and why, in one plain sentence."""
    if rejected:
        return "rejection reply", (
            "They said no, and a short, gracious reply keeps the door open for other roles."
        )
    days = None if interview_date is None else (today - interview_date).days
    if thank_you_logged:
        if follow_ups_logged >= 2:
            return "follow-up", (
                "You have already followed up twice, so most advice says stop here and put the "
                "time into other applications."
            )
        if days is not None and days < 5:
            return "follow-up", (
                "Your thank-you is sent; a follow-up fits once about a week passes without news."
            )
        return "follow-up", (
            "Your thank-you is sent and time has passed, so one polite follow-up is reasonable."
        )
    if days is None:
        return "follow-up", (
            "No interview is logged, so a polite follow-up on your application fits; if there "
            "was an interview, log it on the Pipeline page for a thank-you."
        )
    if days < 0:
        return "thank-you", "The interview is still ahead; draft the thank-you for afterwards."
    if days <= 3:
        return "thank-you", (
            f"The interview was {_days_ago(days)} and no thank-you is logged yet; within a day "
            "is best, but up to about three days needs no apology, so send it today."
        )
    if days <= 13:
        return "late thank-you", (
            f"The interview was {days} days ago with no thank-you logged; a late one with a "
            "brief word about the delay still helps."
        )
    if follow_ups_logged == 0:
        return "late thank-you and follow-up", (
            f"It has been {days} days with no thank-you or follow-up, so one note can thank "
            "them and ask about the timeline."
        )
    return "follow-up", "A follow-up is already logged, so the next note is another follow-up."


def _days_ago(days: int) -> str:
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


# --- checking a draft ---------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Words as a reader counts them: "thank-you" and "I'm" are one word each."""
    return len(_WORD.findall(text or ""))


def sentence_count(text: str) -> int:
    """Sentences, not fooled by "Dr." or "e.g." (good enough for a length guideline)."""
    text = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1], text or "")
    return sum(1 for part in _SENTENCE_END.split(text.strip()) if re.search(r"\w", part))


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]


def _is_salutation(line: str, max_words: int) -> bool:
    return line.rstrip().endswith((",", ":")) and word_count(line) <= max_words


def message_core(body: str) -> str:
    """The body without the greeting and the sign-off: what the sentence guideline is about."""
    paras = _paragraphs(body)
    if paras and "\n" not in paras[0] and _is_salutation(paras[0], 8):
        paras = paras[1:]
    if paras and _is_salutation(paras[-1].split("\n")[0], 4):
        paras = paras[:-1]
    return "\n\n".join(paras)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("’", "'").split()).casefold()


def _snippet(text: str, match: re.Match[str]) -> str:
    start, end = max(match.start() - 15, 0), min(match.end() + 15, len(text))
    return " ".join(text[start:end].split())


def _name_parts(name: str) -> list[str]:
    parts = [p.strip(".,") for p in name.split()]
    return [p for p in parts if p and p.casefold().strip(".") not in _TITLES]


def _check_greeting(body: str, note: NoteInput) -> Check:
    name = note.interviewer_name
    if not name:
        return Check(
            "greeting",
            False,
            "No interviewer name is recorded; add it so the note can greet them by name.",
        )
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    greeting = unicodedata.normalize("NFC", first_line)
    for part in [name, *_name_parts(name)]:
        if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", greeting):
            return Check("greeting", True, f"The greeting names {name} as recorded.")
    return Check(
        "greeting",
        False,
        f"The greeting should name the interviewer as recorded ({name}); it reads {first_line!r}.",
    )


def _check_detail(body: str, note: NoteInput) -> Check:
    detail = note.specific_detail
    if not detail:
        return Check(
            "specific detail",
            False,
            "Add one specific thing you discussed; it shows "
            "the note was written for them, not from a template.",
        )
    if _normal(detail) in _normal(body):
        return Check("specific detail", True, "It mentions something specific you discussed.")
    return Check(
        "specific detail",
        False,
        f"The detail you entered ({detail!r}) no longer appears in the note; put it back or "
        "mention another specific thing you discussed.",
    )


def _check_length(kind: str, body: str) -> Check:
    words = word_count(body)
    limit = WORD_LIMITS[kind]
    if words > limit:
        return Check(
            "length",
            False,
            f"{words} words; a {kind} note reads best at about "
            f"{limit} or fewer. Trim the longest sentence.",
        )
    if kind in SENTENCE_RANGES:
        low, high = SENTENCE_RANGES[kind]
        count = sentence_count(message_core(body))
        if count > high:
            return Check(
                "length",
                False,
                f"{count} sentences; a {kind} note reads best at "
                f"{low} to {high}. Shorten the addition or merge two sentences.",
            )
        if count < low:
            return Check(
                "length",
                False,
                f"Only {count} sentence(s); a {kind} note needs "
                f"{low} to {high}: add the detail you discussed and a strength.",
            )
        return Check("length", True, f"{words} words, {count} sentences: a good length.")
    return Check("length", True, f"{words} words: a good length.")


def _check_patterns(
    name: str, text: str, patterns: Iterable[re.Pattern[str]], advice: str, ok: str
) -> Check:
    flat = text.replace("’", "'")
    for pattern in patterns:
        match = pattern.search(flat)
        if match:
            return Check(name, False, f'Replace "{match.group(0)}": {advice}')
    return Check(name, True, ok)


def _check_unfilled(subject: str, body: str) -> Check:
    for text in (subject, body):
        for pattern, what in _UNFILLED:
            match = pattern.search(text)
            if match:
                return Check(
                    "nothing left unfilled", False, f"Looks like {what}: {_snippet(text, match)!r}."
                )
    return Check("nothing left unfilled", True, "No placeholders or empty fields.")


def _check_signoff(body: str, note: NoteInput) -> Check:
    if not note.sender_name:
        return Check("sign-off", False, "Add your full name so the note can be signed.")
    tail = "\n".join(body.strip().splitlines()[-2:])
    if _normal(note.sender_name) in _normal(tail):
        return Check("sign-off", True, "Signed with your full name.")
    return Check("sign-off", False, f"End the note with your full name ({note.sender_name}).")


def _check_timing(note: NoteInput) -> Check:
    due = note.decision_date
    assert due is not None
    if due >= note.today:
        return Check(
            "timing",
            False,
            (
                f"They planned to decide by {_month_day(due)}. Asking before then can read as "
                "impatient; unless something big has changed (such as another offer), wait until "
                "a day or two after it."
            ),
        )
    return Check(
        "timing",
        True,
        f"Their decision date ({_month_day(due)}) has passed, so asking now is reasonable.",
    )


def check_note(kind: str, subject: str, body: str, note: NoteInput) -> list[Check]:
    """Check a draft (possibly edited by the person) against the rules good notes share."""
    if kind not in NOTE_KINDS:
        raise ValueError(f"unknown note kind {kind!r}")
    subject = subject or ""
    body = body or ""
    checks = [
        Check("subject", True, "It has a subject line.")
        if subject.strip()
        else Check(
            "subject",
            False,
            "Add a subject line; it tells them at a glance what the message is about.",
        ),
        _check_greeting(body, note),
        _check_detail(body, note),
        _check_length(kind, body),
        _check_patterns(
            "no filler",
            f"{subject}\n{body}",
            _FILLER,
            "say what you are asking, or share something new instead.",
            'No "just checking in", "touching base" or "circling back".',
        ),
        _check_patterns(
            "no blame",
            f"{subject}\n{body}",
            _ACCUSATIONS,
            "it can read as an accusation; ask politely about the timeline instead.",
            "Nothing that reads as blame for the wait.",
        ),
        _check_unfilled(subject, body),
        _check_signoff(body, note),
    ]
    if kind in FOLLOW_UP_KINDS and note.decision_date is not None:
        checks.append(_check_timing(note))
    return checks


# --- sending (the person's own mail program does it) --------------------------------------------

_ADDRESS = re.compile(r"^[^\s@?&#%<>\"',;:/\\()\[\]=]+@[^\s@?&#%<>\"',;:/\\()\[\]=]+$")


def mailto_link(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens a draft in the person's mail program.

    Subject and body are UTF-8 percent-encoded with line breaks as %0D%0A and spaces as %20.
    An address that could smuggle extra fields (?, &, line breaks, commas) is refused.
    """
    address = unicodedata.normalize("NFC", to or "").strip()
    if address and not _ADDRESS.match(address):
        raise ValueError(
            f"{to!r} does not look like a single email address; fix it in the interview's "
            "interviewer emails."
        )

    def encode(text: str) -> str:
        lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "%0D%0A".join(quote(line, safe="") for line in lines)

    return f"mailto:{quote(address, safe='@.+-_~')}?subject={encode(subject)}&body={encode(body)}"


def _split_people(cell: Any) -> list[str]:
    """Semicolons separate people; commas do when no semicolon is used (people type both)."""
    if not isinstance(cell, str):
        return []
    separator = ";" if ";" in cell or "," not in cell else ","
    return [tidy_text(part) for part in cell.split(separator)]


def interviewer_list(names: Any, emails: Any) -> list[tuple[str, str]]:
    """Pair the events table's semicolon-separated interviewers with their emails by position.

    Missing cells (NaN) count as empty; a missing email is ""; an empty name slot is dropped
    (its email with it, so the others stay paired).
    """
    name_items = _split_people(names)
    email_items = _split_people(emails)
    pairs = []
    for i, name in enumerate(name_items):
        if name:
            pairs.append((name, email_items[i] if i < len(email_items) else ""))
    return pairs
