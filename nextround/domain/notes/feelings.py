"""Only what you would say to them: every typed word of a note read for what belongs in a diary.

People write their notes the day after an interview that felt bad, and what they type carries
it: "the Q3 backlog, even though I think I bombed it", "Loved the office dog lol", "(they
seemed stressed about it)". ``find_hits`` reads a text for feelings about one's own performance,
judgements of the interviewer or the company, chat words and private asides, and names for each
hit the exact words, the sentence that holds them and why they do not belong. The word lists are
content (checks.toml, with their sources); the VADER sentiment lexicon is a second signal for
strong negative words the lists miss, less the everyday topics it also scores negative ("fraud
detection", "pain points").

``check_feelings`` reads the words the person typed (the fields, and every sentence of the
draft the template did not write, so their edits too); the template's own sentences are ours.
Matching is on word boundaries, always: "i" inside "Thi" is never a hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from nextround.domain.catalog import load_catalog
from nextround.domain.kinds import note_kind
from nextround.domain.notes.compose import common_words
from nextround.domain.notes.reading import Check, sentence_at, sentences
from nextround.text import WORD, flat

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from nextround.domain.notes.drafting import NoteInput

NAME = "only what you'd say to them"
_BRACKETS = re.compile(r"\(([^()]*)\)")
#: Two-letter words that are shouting in capitals ("SO excited"), not an acronym (IT, US).
_SHOUTED = frozenset({"so", "no", "oh", "go", "do", "be", "my"})
#: The order hits are told in when two overlap: the most telling reason first.
_ORDER = ("chat", "self_judgement", "hedged", "judgement", "strong", "aside", "marks", "capitals",
          "lexicon")


@dataclass(frozen=True)
class Hit:
    """One thing that does not belong: the exact ``words``, where they start in the text read,
    the ``sentence`` that holds them, and ``why`` (a clause that follows the words)."""

    words: str
    start: int
    sentence: str
    why: str
    kind: str

    def message(self) -> str:
        return f'In "{self.sentence}", "{self.words}" {self.why}'


@dataclass(frozen=True)
class _Lists:
    phrases: tuple[tuple[str, re.Pattern[str], str], ...]  # (kind, pattern, why)
    marks: tuple[re.Pattern[str], ...]
    chat_why: str
    aside_words: frozenset[str]
    aside_why: str
    topics: frozenset[str]
    threshold: float
    acronyms: frozenset[str]


@cache
def _lists() -> _Lists:
    raw = load_catalog("checks")["feelings"]
    phrases = []
    for kind in ("chat", "self_judgement", "hedged", "judgement", "strong"):
        section = raw[kind]
        for phrase in sorted(section["phrases"], key=len, reverse=True):
            words = [re.escape(w) for w in phrase.replace("’", "'").split()]
            pattern = re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])", re.I)
            phrases.append((kind, pattern, section["why"]))
    return _Lists(
        phrases=tuple(phrases),
        marks=tuple(re.compile(m) for m in raw["chat"]["marks"]),
        chat_why=raw["chat"]["why"],
        aside_words=frozenset(raw["aside"]["words"]),
        aside_why=raw["aside"]["why"],
        topics=frozenset(raw["lexicon"]["topics"]),
        threshold=float(raw["lexicon"]["threshold"]),
        acronyms=frozenset(raw["chat"]["acronyms"]),
    )


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyser, built once and only when a note is first read (it loads its
    lexicon from the package's own file)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _valence(word: str) -> float:
    return float(_analyzer().lexicon.get(word.casefold(), 0.0))


def find_hits(text: str) -> list[Hit]:
    """Everything in ``text`` that does not belong in a note, in reading order (one hit per
    place: where two lists find the same words, the more telling reason is kept)."""
    text = flat(text)
    lists = _lists()
    found: list[tuple[int, int, str, str]] = []  # start, end, kind, why
    for kind, pattern, why in lists.phrases:
        found += [(m.start(), m.end(), kind, why) for m in pattern.finditer(text)]
    for pattern in lists.marks:
        found += [(m.start(), m.end(), "marks", "is a mark from chat, not from a letter.")
                  for m in pattern.finditer(text)]
    for m in WORD.finditer(text):
        word = m.group(0)
        shouted = word.casefold() in _SHOUTED if len(word) == 2 else len(word) >= 3 and (
            word.casefold() in common_words() or _valence(word)) and (
            word.casefold() not in lists.acronyms)
        if word.isupper() and shouted:
            found.append((m.start(), m.end(), "capitals",
                          "is written in capitals, which reads as shouting."))
        elif (word.casefold() not in lists.topics and _valence(word) <= lists.threshold):
            found.append((m.start(), m.end(), "lexicon",
                          f"is a word of strong negative feeling (the VADER sentiment lexicon "
                          f"scores it {_valence(word):+.1f} on a scale of -4 to +4). Say what "
                          "you would say to them, calmly, or leave it out."))
    for m in _BRACKETS.finditer(text):
        inside = {w.casefold() for w in WORD.findall(m.group(1))}
        if inside & lists.aside_words:
            found.append((m.start(), m.end(), "aside", lists.aside_why))
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for start, end, kind, why in sorted(found, key=lambda f: (f[0], _ORDER.index(f[2]), -f[1])):
        overlaps = any(start < t_end and t_start < end for t_start, t_end in taken)
        if overlaps and kind != "aside":  # an aside is told even when a word in it was
            continue
        taken.append((start, end))
        hits.append(Hit(text[start:end], start, sentence_at(text, start), why, kind))
    return hits


#: The typed fields a note may hold, with how a message names them.
FIELDS = {"specific_detail": "what you discussed", "strength": "the strength",
          "repair": "the better answer", "development": "the news"}
_MARKER = "zqxtypedzqx"


def _template_sentences(note: NoteInput) -> frozenset[str]:
    """The sentences the built-in template writes around the typed words for this note: those
    are ours, so "I'm disappointed, of course" in a reply to a no is not the person's. They are
    found by rendering the note with each typed field left empty, and with a marker in each
    (a sentence holding the marker holds typed words, so it is not ours)."""
    from dataclasses import replace

    from nextround.domain.notes.drafting import render_note

    blank = replace(note, **{f: "" for f in FIELDS})
    marked = replace(note, **{f: _MARKER for f in FIELDS if getattr(note, f)})
    found = set(sentences(render_note(blank).body))
    found |= {s for s in sentences(render_note(marked).body) if _MARKER not in s}
    return frozenset(found)


def typed_text(body: str, note: NoteInput) -> str:
    """What the person wrote in this draft: each sentence the template did not write, one per
    line (so their edits are read, and the words they typed into the fields as they sit in the
    note)."""
    ours = _template_sentences(note)
    return "\n".join(s for s in sentences(body) if s not in ours)


def typed_fields(note: NoteInput) -> dict[str, str]:
    """The fields this kind of note uses, as typed (before any tidying drops a mark)."""
    used = set(note_kind(note.kind).fields)
    found = {label: getattr(note, field) for field, label in FIELDS.items()
             if field in used and getattr(note, field)}
    if not note.met:
        found.pop(FIELDS["specific_detail"], None)
    return found


def check_feelings(body: str, note: NoteInput) -> Check:
    """The draft holds nothing the person would keep to themselves: no feelings about how they
    did, no judgement of them, no chat words, no asides (see ``find_hits``). Read are the
    sentences of the draft the template did not write (so every edit), then each typed field
    as typed (a mark the note tidied away is still named, so the field can be put right)."""
    hits = find_hits(typed_text(body, note))
    where = ""
    if not hits:
        for label, text in typed_fields(note).items():
            hits = find_hits(text)
            if hits:
                where = f"In {label} as you typed it: "
                break
    if not hits:
        return Check(NAME, True, "No feelings, judgements, chat words or asides.")
    others = list(dict.fromkeys(h.words for h in hits[1:] if h.words != hits[0].words))
    more = " Also: " + ", ".join(f'"{w}"' for w in others) + "." if others else ""
    return Check(NAME, False, f"{where}{hits[0].message()}{more}")
