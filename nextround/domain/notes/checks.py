"""Checks a draft must pass before the Notes page calls it ready to send.

Each check returns a ``Check`` whose message says what to do about a problem. The rules are
the ones good notes share: a subject, a named greeting, one specific detail, a short length, no
"just checking in", nothing that reads as blame, nothing left unfilled, a full-name sign-off,
and no asking before the decision date they gave.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from nextround.domain.dates import month_day
from nextround.domain.kinds import note_kind
from nextround.domain.notes.drafting import NoteInput

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


@dataclass(frozen=True)
class Check:
    """One rule a draft passes or fails; ``message`` says what to do about it."""

    name: str
    ok: bool
    message: str


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
    spec = note_kind(kind)
    limit = spec.word_limit
    if words > limit:
        return Check(
            "length",
            False,
            f"{words} words; a {kind} note reads best at about "
            f"{limit} or fewer. Trim the longest sentence.",
        )
    if spec.sentences is not None:
        low, high = spec.sentences
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
                f"They planned to decide by {month_day(due)}. Asking before then can read as "
                "impatient; unless something big has changed (such as another offer), wait until "
                "a day or two after it."
            ),
        )
    return Check(
        "timing",
        True,
        f"Their decision date ({month_day(due)}) has passed, so asking now is reasonable.",
    )


def check_note(kind: str, subject: str, body: str, note: NoteInput) -> list[Check]:
    """Check a draft (possibly edited by the person) against the rules good notes share."""
    spec = note_kind(kind)
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
    if spec.asks_for_news and note.decision_date is not None:
        checks.append(_check_timing(note))
    return checks
