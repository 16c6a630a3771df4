"""Checks a draft must pass before the Notes page calls it ready to send.

"Ready" means every check passes. Each check returns a ``Check`` whose message names what is
wrong and the fix. The rules are the ones good notes share (a subject, a greeting the person
would expect, one specific detail, a short length, a full-name sign-off, no asking before the
decision date they gave), a careful reader's (``reading``: it reads as sentences, nothing
private, only what you would say to them (``feelings``), one personal note each, it speaks
to them, no invented conversation), plain wording
(proselint, with our own words for each finding) and the job-search rules proselint lacks
(no "just checking in", no blame, no pressure; patterns in checks.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from nextround.domain.catalog import load_catalog
from nextround.domain.dates import month_day
from nextround.domain.kinds import note_kind
from nextround.domain.notes.drafting import NoteInput
from nextround.domain.notes.feelings import check_feelings
from nextround.domain.notes.reading import (
    ABBREVIATIONS,
    SUFFIXES,
    Check,
    check_conversation,
    check_fragments,
    check_private,
    check_pronouns,
    check_sameness,
    sentence_at,
)
from nextround.text import article, flat, plural, sentences, words

__all__ = ["Check", "check_note", "message_core", "sentence_count", "word_count"]

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
_SUFFIX_MID_SENTENCE = re.compile(SUFFIXES.pattern + r"(?=\s+[a-z])")


@cache
def _rules() -> dict:
    return load_catalog("checks")


# --- counting ------------------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Words as a reader counts them: "thank-you" and "I'm" are one word each."""
    return len(words(text))


def sentence_count(text: str) -> int:
    """Sentences, not fooled by "Dr." or "e.g." (good enough for a length guideline)."""
    text = ABBREVIATIONS.sub(lambda m: m.group(0)[:-1], text or "")
    text = _SUFFIX_MID_SENTENCE.sub(lambda m: m.group(0)[:-1], text)
    return sum(1 for part in sentences(text) if re.search(r"\w", part))


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
    return " ".join(flat(text).split()).casefold()


def _snippet(text: str, match: re.Match[str]) -> str:
    start, end = max(match.start() - 15, 0), min(match.end() + 15, len(text))
    return " ".join(text[start:end].split())


# --- the rules good notes share ----------------------------------------------------------------


def _check_greeting(body: str, note: NoteInput) -> Check:
    name = note.interviewer_name
    if not name:
        return Check("greeting", False,
                     "No name is recorded for them; add it so the note can greet them by name.")
    person = note.person
    if person.doubt and not note.greeting_name:
        return Check("greeting", False, f"{person.doubt} If the name is right, write how to "
                     f'greet them under "Greet {person.name} as" to confirm it; your answer is '
                     "remembered for every note to them.")
    first_line = flat(next((line.strip() for line in body.splitlines() if line.strip()), ""))
    for part in [note.greeting, *person.names()]:
        if part and re.search(rf"(?<!\w){re.escape(flat(part))}(?!\w)", first_line):
            return Check("greeting", True, f"It greets {person.name} as {note.greeting}.")
    return Check("greeting", False,
                 f"The greeting should name them ({note.greeting}); it reads {first_line!r}.")


def _check_detail(body: str, note: NoteInput) -> Check:
    detail = note.composed()["detail"]
    if not note.met:
        return Check("specific detail", True, "They were not in the conversation, so the note "
                     "thanks them without claiming one.")
    if not detail:
        return Check("specific detail", False,
                     "Add one specific thing you discussed with them; it shows the note was "
                     "written for them, not from a template.")
    if _normal(detail.text) in _normal(body):
        return Check("specific detail", True, "It mentions something specific you discussed.")
    return Check("specific detail", False,
                 f"What you discussed ({detail.text!r}) no longer appears in the note; put it "
                 "back or mention another specific thing you discussed.")


def _check_length(kind: str, body: str) -> Check:
    words = word_count(body)
    spec = note_kind(kind)
    if words > spec.word_limit:
        return Check("length", False, f"{words} words; {article(kind)} note reads best at about "
                     f"{spec.word_limit} or fewer. Trim the longest sentence.")
    if spec.sentences is not None:
        low, high = spec.sentences
        count = sentence_count(message_core(body))
        if count > high:
            return Check("length", False, f"{count} sentences; {article(kind)} note reads best at "
                         f"{low} to {high}. Shorten the addition or merge two sentences.")
        if count < low:
            return Check("length", False, f"Only {plural(count, 'sentence')}; "
                         f"{article(kind)} note needs {low} to {high}: add the detail you "
                         "discussed and a strength.")
        return Check("length", True, f"{words} words, {count} sentences: a good length.")
    return Check("length", True, f"{words} words: a good length.")


def _check_patterns(name: str, text: str, ok: str) -> Check:
    rules = _rules()[name.removeprefix("no ")]
    flat_text = flat(text)
    for pattern in rules["patterns"]:
        match = re.search(pattern, flat_text, re.I)
        if match:
            return Check(name, False, f'In "{sentence_at(flat_text, match.start())}", replace '
                         f'"{match.group(0)}": {rules["advice"]}')
    return Check(name, True, ok)


def _check_unfilled(subject: str, body: str) -> Check:
    for text in (subject, body):
        for pattern, what in _UNFILLED:
            match = pattern.search(text)
            if match:
                return Check("nothing left unfilled", False,
                             f"Looks like {what}: {_snippet(text, match)!r}.")
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
        return Check("timing", False,
                     f"They planned to decide by {month_day(due)}. Asking before then can read "
                     "as impatient; unless something big has changed (such as another offer), "
                     "wait until a day or two after it.")
    return Check("timing", True,
                 f"Their decision date ({month_day(due)}) has passed, so asking now is reasonable.")


# --- plain words (proselint) -------------------------------------------------------------------


@cache
def _style_checks() -> tuple:
    from proselint.checks import __register__

    chosen = _rules()["style"]["checks"]
    return tuple(c for c in __register__ if any(c.matches_partial(p) for p in chosen))


def _style_wording(path: str) -> str:
    wording = _rules()["style"]["wording"]
    family = max((k for k in wording if path == k or path.startswith(f"{k}.")), key=len)
    return wording[family]


def check_style(subject: str, body: str) -> Check:
    """Clichés, office jargon, stiff wording, redundancy, hedging and uncomparables, found by
    proselint and told in plain words (its own messages include jokes)."""
    text = f"\n{flat(subject)}\n{flat(body)}\n"
    findings = []
    for check in _style_checks():
        for result in check.check_with_flags(text):
            start, end = result.span
            findings.append((start, end, result))
    if not findings:
        return Check("plain words", True, "No clichés, jargon or padding.")
    start, end, result = min(findings, key=lambda f: f[0])
    better = (result.replacements or "").strip()
    advice = _style_wording(result.check_path).format(match=text[start:end].strip(),
                                                     better=better or "it once")
    more = f" ({len(findings) - 1} more.)" if len(findings) > 1 else ""
    return Check("plain words", False, f'In "{sentence_at(text, start)}": {advice}{more}')


# --- all of them -------------------------------------------------------------------------------


def check_note(kind: str, subject: str, body: str, note: NoteInput,
               others: Iterable[tuple[str, str]] = ()) -> list[Check]:
    """Check a draft (possibly edited by the person) against every rule; ``others`` are the
    other drafts of the same panel as (name, body), for the one-note-each check."""
    spec = note_kind(kind)
    subject, body = subject or "", body or ""
    others = list(others)
    whole = f"{subject}\n{body}"
    checks = [
        Check("subject", True, "It has a subject line.") if subject.strip() else Check(
            "subject", False,
            "Add a subject line; it tells them at a glance what the message is about."),
        _check_greeting(body, note),
        _check_detail(body, note),
        _check_length(kind, body),
        check_fragments(body, note),
        check_private(body, note),
        check_feelings(body, note),
    ]
    if others:
        checks.append(check_sameness(body, others))
    checks += [
        check_pronouns(body, note),
        check_conversation(body, note),
        check_style(subject, body),
        _check_patterns("no filler", whole,
                        'No "just checking in", "touching base" or "circling back".'),
        _check_patterns("no blame", whole, "Nothing that reads as blame for the wait."),
        _check_patterns("no pressure", whole, "Nothing that presses them for an answer."),
        _check_unfilled(subject, body),
        _check_signoff(body, note),
    ]
    if spec.asks_for_news and note.decision_date is not None:
        checks.append(_check_timing(note))
    return checks
