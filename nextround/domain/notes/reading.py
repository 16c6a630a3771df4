"""The careful reader's checks: what a person would notice before sending a note.

Each returns a ``Check`` whose message names the sentence and the fix:
- it reads as sentences (no frame that swallowed a sentence, no doubled word or mark);
- nothing from the private notes (the application's, a logged note) is in it;
- a panel's notes are not the same note with another name at the top;
- it speaks to the reader ("your plan", not "their plan", in a note to that company);
- it mentions a conversation only with someone who was in it;
- its wording is plain (proselint's checks for clichés, jargon, redundancy, hedging, with our
  own words for each finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from nextround import text as bottom
from nextround.domain.catalog import load_catalog
from nextround.domain.notes.compose import (
    common_words,
    has_plural_before,
    pronoun_is_uncertain,
    words,
)
from nextround.domain.notes.drafting import NoteInput
from nextround.text import WORD, flat


@dataclass(frozen=True)
class Check:
    """One rule a draft passes or fails; ``message`` says what to do about it."""

    name: str
    ok: bool
    message: str


#: Abbreviations whose period never ends a sentence ("Dr. Raman", "e.g. SQL"), and company
#: suffixes whose period ends one unless a lower-case word follows ("Acme Inc. I enjoyed").
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Jr|Sr|vs|approx|e\.g|i\.e|a\.m|p\.m)\.",
                           re.I)
SUFFIXES = re.compile(r"\b(?i:Inc|Ltd|Co|Corp|etc)\.")
_PRONOUN_AFTER_FRAME = re.compile(r"\b(?:about|of)\s+(?:I|i|[Ww]e|[Tt]hey|[Ss]he|[Hh]e)\b")
_CAPITAL_AFTER_FRAME = re.compile(r"\b(about|of)\s+([A-Z][a-z]+)(['’]s)?\b")
_LABEL_AFTER_FRAME = re.compile(r"\b(?:about|of)\s+[A-Z]\w*(?:\s+\w+)?:\s")
_DOUBLED_WORD = re.compile(r"\b(\w+(?:\s+\w+){0,2})\s+\1\b", re.I)
_BELIEVE_I = re.compile(r"\bI\s+believe\s+(?:that\s+)?I\b")
_LOWER_START = re.compile(r"(?<=[.!?])\s+([a-z][\w'’-]*)")
_COLON_SENTENCE = re.compile(r":[ \t]+([A-Z][a-z]+)\b(?=[^\n]*\w)")
_DOUBLED_MARK = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:]\s*[,;:.]|[!?]\.")
_ALLOWED_DOUBLES = {"that that", "had had"}
_READER_PRONOUNS = re.compile(r"\b(?:they|their|theirs|them|themselves|they're|they've|"
                              r"they'll|they'd)\b", re.I)
_THIRD_PERSON = re.compile(r"\b(?:she|he|her|his|him|hers|herself|himself)\b", re.I)


# --- reading text ------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The sentences of a note (greeting and sign-off lines are sentences of their own)."""
    return bottom.sentences(flat(text))


def sentence_at(text: str, position: int) -> str:
    """The sentence around a position, quoted in a message (cut to a readable length)."""
    start = max(flat(text).rfind(sep, 0, position) for sep in (". ", "? ", "! ", "\n"))
    end_points = [i for i in (flat(text).find(sep, position) for sep in (". ", "? ", "! ", "\n"))
                  if i != -1]
    end = min(end_points) + 1 if end_points else len(text)
    found = " ".join(flat(text)[start + 1:end].split())
    return found if len(found) <= 140 else found[:137].rstrip() + "..."


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in WORD.findall(flat(text))]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _token_position(text: str, needle: list[str]) -> int:
    """Where a run of words starts in the text, matched as whole words (so "i" is never found
    inside "Thi"); 0 when it is not there."""
    spans = list(WORD.finditer(flat(text)))
    words_ = [m.group(0).casefold() for m in spans]
    n = len(needle)
    for i in range(len(words_) - n + 1):
        if words_[i:i + n] == needle:
            return spans[i].start()
    return 0


def message_lines(body: str) -> str:
    """The body without its greeting line and its sign-off (the last two lines)."""
    lines = flat(body).strip().splitlines()
    return "\n".join(lines[1:-2]) if len(lines) > 3 else flat(body)


# --- reads as sentences ------------------------------------------------------------------------


def _known_names(note: NoteInput) -> frozenset[str]:
    parts = [note.company, note.role, note.sender_name, note.greeting, *note.person.names()]
    return frozenset(w.casefold() for p in parts for w in WORD.findall(flat(p)))


def check_fragments(body: str, note: NoteInput) -> Check:
    """Frame plus inserted text must read as a sentence: nothing like "our conversation about
    We talked about", "I believe I have", "about about", a sentence starting in lower case,
    "add: When", or a doubled full stop."""
    text = message_lines(body)
    hide = lambda m: m.group(0).replace(".", "·")  # noqa: E731  (same length: positions hold)
    masked = SUFFIXES.sub(hide, ABBREVIATIONS.sub(hide, text))
    names = _known_names(note)
    findings: list[tuple[int, str]] = []
    for m in _PRONOUN_AFTER_FRAME.finditer(text):
        findings.append((m.start(), f'after "{m.group(0).split()[0]}", a new sentence starts. '
                         'Write it as a phrase (such as "your plan to open an office in Lisbon").'))
    for m in _CAPITAL_AFTER_FRAME.finditer(text):
        word = m.group(2).casefold()
        closed = word in words().lowerable
        common = m.group(1) == "about" and word in common_words()
        if (closed or common) and not m.group(3) and word not in names:
            findings.append((m.start(), f'"{m.group(2)}" after "{m.group(1)}" starts a new '
                             "sentence inside this one. Write it as a phrase in lower case."))
    for m in _LABEL_AFTER_FRAME.finditer(text):
        findings.append((m.start(), "this reads like a line from your notes (a label and a "
                         "colon). Write what you discussed as a phrase."))
    for m in _DOUBLED_WORD.finditer(text):
        if m.group(0).casefold() not in _ALLOWED_DOUBLES and not m.group(1).isdigit():
            findings.append((m.start(), f'"{m.group(1)}" is written twice in a row.'))
    for m in _BELIEVE_I.finditer(text):
        findings.append((m.start(), '"I believe I ..." reads as two sentences run together. '
                         'Make the strength a phrase ("five years of SQL reporting").'))
    for m in _LOWER_START.finditer(masked):
        findings.append((m.start(1), f'the sentence starting "{m.group(1)}" needs a capital.'))
    for m in _COLON_SENTENCE.finditer(text):
        if m.group(1).casefold() in words().lowerable | common_words():
            findings.append((m.start(), "a whole sentence follows a colon. Make it a sentence "
                             "of its own, or lower-case its first word."))
    for m in _DOUBLED_MARK.finditer(text):
        findings.append((m.start(), f'the marks "{m.group(0)}" are doubled; keep one.'))
    if not findings:
        return Check("reads as sentences", True, "Every sentence reads as a sentence.")
    position, fix = min(findings)
    more = f" ({len(findings) - 1} more like it.)" if len(findings) > 1 else ""
    return Check("reads as sentences", False,
                 f'In "{sentence_at(text, position)}": {fix}{more}')


# --- nothing private ---------------------------------------------------------------------------


@cache
def _catalog() -> dict:
    return load_catalog("checks")


def _private_clauses(private: str) -> list[list[str]]:
    signs = set(_catalog()["private"]["words"])
    clauses = []
    for part in re.split(r"[.!?;:\n]+", flat(private)):
        found = tokens(part)
        if len(found) >= 2 and signs & set(found):
            clauses.append(found)
    return clauses


def check_private(body: str, note: NoteInput) -> Check:
    """Nothing from the private notes (how it felt, what they did) may be in the
    note, however it got there: typed into a field, pasted into the draft."""
    if not note.private_notes:
        return Check("nothing private", True, "Nothing from your private notes.")
    signs = set(_catalog()["private"]["words"])
    found = tokens(body)
    for clause in _private_clauses(note.private_notes):
        windows = [clause] if len(clause) <= 6 else [
            clause[i:i + 6] for i in range(len(clause) - 5) if signs & set(clause[i:i + 6])]
        for window in windows:
            if _contains(found, window):
                where = _token_position(body, window)
                return Check("nothing private", False,
                             f'"{sentence_at(body, max(where, 0))}" comes from your private '
                             "notes (the application's notes, or a note you logged). Take it "
                             "out: the note should only say what you would say to them.")
    return Check("nothing private", True, "Nothing from your private notes.")


# --- one note each -----------------------------------------------------------------------------


def _core(body: str) -> str:
    return " ".join(tokens(message_lines(body)))


def check_sameness(body: str, others: Iterable[tuple[str, str]]) -> Check:
    """A panel gets one personal note each: two notes that differ only in the greeting read
    as a form letter when the people compare them."""
    mine = _core(body)
    same = [name for name, other in others if _core(other) == mine]
    if same:
        return Check("one note each", False,
                     f"This note is the same as the one to {same[0]} apart from the greeting. "
                     "Add what you discussed with this person, so each note is their own.")
    return Check("one note each", True, "Each person's note says something of its own.")


# --- speaks to them ----------------------------------------------------------------------------


def _inserted(note: NoteInput) -> list[str]:
    return [c.text for c in note.composed().values() if c]


def _names_someone_else(part: str, position: int, note: NoteInput) -> bool:
    """True when a person other than the reader is named before ``position`` ("your CTO Ana
    ... her roadmap", "my manager ... she"): a "she" or "her" after it may be them."""
    reader = {t.casefold() for n in note.person.names() for t in WORD.findall(flat(n))}
    before = WORD.findall(flat(part)[:position])
    people = words().person_nouns
    for i, token in enumerate(before):
        if token.casefold() in people:
            return True
        if i and token[:1].isupper() and token.casefold() not in reader \
                and token.casefold() not in common_words():
            return True
    return False


def check_pronouns(body: str, note: NoteInput) -> Check:
    """Written to the company's own staff, "their plan" is "your plan", and the reader is
    "you", not "she" or "Priya's". Where who "they" or "their" means is not certain (in
    brackets, quotes or an aside, or in a sentence about what "we" did), the words are left as
    typed and this check asks; a pronoun after a plural noun ("customers ... their") is theirs."""
    text = message_lines(body)
    company = note.company or "the company"
    for sentence in sentences(text):
        for m in _READER_PRONOUNS.finditer(sentence):
            before = tokens(sentence[:m.start()])
            if pronoun_is_uncertain(sentence, m.start()):
                return Check("speaks to them", False,
                             f'In "{sentence}", who "{m.group(0)}" means is not clear. If it '
                             f'means {company}, write "your" (or "you"); if someone else, name '
                             "them. Nothing was changed: these are your words.")
            if not has_plural_before([*before, ""], len(before)):
                return Check("speaks to them", False,
                             f'In "{sentence}", "{m.group(0)}" reads as if about someone else. '
                             f'Written to them, it is "your" (or "you").')
    for name in (note.person.first, note.person.name):
        if name and re.search(rf"(?<!\w){re.escape(name)}['’]s\b", text):
            return Check("speaks to them", False,
                         f'The note says "{name}\'s" to {name}; write "your" instead.')
    for part in _inserted(note):
        for m in _THIRD_PERSON.finditer(part):
            if flat(part) in text and not _names_someone_else(part, m.start(), note):
                return Check("speaks to them", False,
                             f'In "{sentence_at(part, m.start())}", "{m.group(0)}" is written '
                             f"to {note.greeting or 'them'}. If it means them, write \"you\" "
                             '(or "your"); if someone else, name them first.')
    return Check("speaks to them", True, "It speaks to them directly.")


# --- only real conversations -------------------------------------------------------------------


def check_conversation(body: str, note: NoteInput) -> Check:
    """A note to someone who was not in the interview (the recruiter who wrote the no) must
    not thank them for a conversation they were not in."""
    if note.met:
        return Check("only real conversations", True, "They were in the conversation.")
    text = flat(message_lines(body))
    for pattern in _catalog()["conversation"]["patterns"]:
        m = re.search(pattern, text, re.I)
        if m:
            who = note.greeting or "This person"
            return Check("only real conversations", False,
                         f'"{sentence_at(text, m.start())}" mentions a conversation, but {who} '
                         "was not among your interviewers. Thank them for letting you know "
                         "instead, or add them to the interview if they were there.")
    return Check("only real conversations", True,
                 "It mentions no conversation they were not in.")
