"""Turn what a person types into words that sit right in a note's sentences.

A field asks for a phrase ("their plan to rebuild the churn dashboard"), but people type
sentences ("We talked about their move to Zendesk."), lead-ins, capitals, their own view of the
company ("their plan", written to that company's staff) and stray punctuation. ``compose``
reads the text once and says whether it is a phrase (it fits after "about") or a sentence (the
template then uses a sentence frame), with the candidate's pronouns turned to the reader's.

The word lists are content, in compose.toml. Nothing here imports pandas: the sandbox that
renders a person's own templates imports the filters from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from nextround.domain.catalog import load_catalog
from nextround.text import WORD, tidy_paragraphs, tidy_text

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)\"'”’][.!?])\s+(?=[\"'“‘(]?[A-Z0-9])")
_PERSONAL_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "i'm", "we're",
                                "you're", "they're", "i've", "we've", "i'd", "we'd"})
_CLAUSE_WITH_SUBJECT = re.compile(r",\s+(?:i|we|you|they|he|she)\b", re.I)
_LONE_I = re.compile(r"(?<![\w'’-])i(?=(?:['’](?:m|ve|d|ll))?(?![\w'’-]))")
_DOUBLED_MARKS = re.compile(r"([,;:!?])\1+|(?<!\.)\.\.(?!\.)")
_SPACE_BEFORE_MARK = re.compile(r"\s+([,;:.!?])(?=\s|$)")
_QUOTES = "\"'“”‘’"
#: Brackets, double or curly quotes, and a dash aside to the end of the text (or the next dash).
_ASIDE = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?|\"[^\"]*\"?|“[^”]*”?|(?<=\s)[-–—]\s[^-–—]*")


# --- tidying what was typed ------------------------------------------------------------------


def tidy_fragment(value: Any) -> str:
    """A phrase that sits inside a template's sentence: no trailing punctuation of its own."""
    return tidy_text(value).rstrip(" .,;:!?")


def end_sentence(text: Any) -> str:
    """Add a period unless the text already ends a sentence (so "Acme Inc." is not "Inc..")."""
    text = "" if text is None else str(text)
    if not text or _TERMINAL.search(text.rstrip()):
        return text
    return text + "."


def as_clause(text: Any) -> str:
    """A sentence without its final full stop, to continue it (", which I believe ...")."""
    text = "" if text is None else str(text).rstrip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def join_and(items: Iterable[Any]) -> str:
    """'a', 'a and b', 'a, b, and c' (the serial comma keeps "SQL and dbt" from blurring)."""
    words = [str(i) for i in items if str(i)]
    if len(words) < 3:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


#: Filters every template (built-in or the person's own) can use.
FILTERS = {"sentence": end_sentence, "join_and": join_and, "clause": as_clause}


# --- the word lists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    detail_lead_ins: tuple[str, ...]
    strength_lead_ins: tuple[str, ...]
    subjects: frozenset[str]
    finite_verbs: frozenset[str]
    relative_words: frozenset[str]
    subjectless_verbs: frozenset[str]
    subjectless_objects: frozenset[str]
    lowerable: frozenset[str]
    ing_names: frozenset[str]
    reader_pronouns: dict[str, str]
    not_plural: frozenset[str]
    not_antecedents: frozenset[str]
    person_nouns: frozenset[str]
    past_verbs: frozenset[str]
    present_verbs: frozenset[str]
    not_before_verb: frozenset[str]
    after_verb: frozenset[str]
    enjoyment: frozenset[str]
    object_starts: frozenset[str]
    first_person_verbs: frozenset[str]


@cache
def words() -> _Words:
    raw = load_catalog("compose")

    def longest_first(items: list[str]) -> tuple[str, ...]:
        return tuple(sorted(items, key=len, reverse=True))

    return _Words(
        detail_lead_ins=longest_first(raw["detail_lead_ins"]),
        strength_lead_ins=longest_first(raw["strength_lead_ins"]),
        subjects=frozenset(raw["subjects"]),
        finite_verbs=frozenset(raw["finite_verbs"]),
        relative_words=frozenset(raw["relative_words"]),
        subjectless_verbs=frozenset(raw["subjectless_verbs"]),
        subjectless_objects=frozenset(raw["subjectless_objects"]),
        lowerable=frozenset(raw["lowerable"]),
        ing_names=frozenset(raw["ing_names"]),
        reader_pronouns=dict(raw["reader_pronouns"]),
        not_plural=frozenset(raw["plural"]["not_plural"]),
        not_antecedents=frozenset(raw["plural"]["not_antecedents"]),
        person_nouns=frozenset(raw["person_nouns"]),
        past_verbs=frozenset(raw["verbs"]["past"]),
        present_verbs=frozenset(raw["verbs"]["present"]),
        not_before_verb=frozenset(raw["verbs"]["not_before"]),
        after_verb=frozenset(raw["verbs"]["after"]),
        enjoyment=frozenset(raw["enjoyment"]["words"]),
        object_starts=frozenset(raw["verbs"]["object_starts"]),
        first_person_verbs=frozenset(raw["verbs"]["first_person"]),
    )


@cache
def common_words() -> frozenset[str]:
    """Proselint's list of the 1,000 most common English words: a capitalised one of these at
    the start of a phrase is a sentence habit ("Felt", "Strong"), not a name."""
    from proselint.checks.restricted.top1000 import TOP1000_TERMS

    return frozenset(w.strip().casefold() for w in TOP1000_TERMS if w.strip())


def _key(word: str) -> str:
    return word.casefold().replace("’", "'").strip(_QUOTES + ".,;:!?()")


# --- reading a phrase or a sentence ------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    """What a person typed, ready for a note: ``phrase`` fits after "about" or "I believe";
    ``sentence`` is set instead when they typed a sentence (ending with a full stop). At most
    one of the two is set; both are empty when nothing was typed."""

    phrase: str = ""
    sentence: str = ""

    @property
    def enjoyed(self) -> bool:
        """A sentence that already says it was enjoyed (see ``says_enjoyed``)."""
        return bool(self.sentence) and says_enjoyed(self.sentence)

    @property
    def text(self) -> str:
        return self.phrase or self.sentence

    def __bool__(self) -> bool:
        return bool(self.phrase or self.sentence)


def _strip_quotes(text: str) -> str:
    while len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def _drop_lead_in(text: str, lead_ins: Iterable[str]) -> str:
    flat = text.casefold().replace("’", "'")
    for lead in lead_ins:
        if flat.startswith(lead) and (len(flat) == len(lead) or not flat[len(lead)].isalnum()):
            return text[len(lead):].lstrip(" :,-–—")
    return text


def _lexical_verb_at(tokens: list[str], names: list[bool], index: int) -> bool:
    """True when ``tokens[index]`` reads as the verb of a clause ("the team ships weekly",
    "Priya showed me ..."): a verb form from the list, not straight after a determiner, a
    preposition or an adverb (where it is a noun or an adjective: "the launched app", "their
    plans"); a form that is also a plural noun ("ships", "plans") counts only when what follows
    it fits a verb ("weekly", "the", "me"). "The dashboard Priya built last year" is a phrase:
    a name between a noun and the verb, with no object after it. ``names`` marks the tokens
    typed with a capital (after the first)."""
    w = words()
    token = tokens[index]
    before = tokens[index - 1]
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    if before in w.not_before_verb or before.endswith("ly"):
        return False
    if token in w.past_verbs:
        relative = (index >= 2 and names[index - 1] and tokens[index - 2] not in w.not_before_verb
                    and after not in w.after_verb)
        return not relative
    if token in w.present_verbs:
        return after in w.after_verb or (after.endswith("ly") and len(after) > 3)
    # Any other present form ("the desk answers every ticket"): only before a determiner or
    # an object pronoun, where a plural noun cannot stand.
    return (index >= 2 and len(token) > 3 and token.endswith("s")
            and not token.endswith(("ss", "us", "is", "'s")) and after in w.object_starts)


def is_sentence(text: str) -> bool:
    """True when the text reads as a sentence rather than a phrase: it holds more than one
    sentence, starts with a subject ("I", "We", "They" ...), has a subject after a comma
    ("When you asked, I said ..."), or has a verb that no relative word comes before ("the
    churn problem is growing", "the team ships weekly"; but "the plan that was announced" is a
    phrase). A clause opening with a question word is a phrase ("how you would price the new
    tier" fits after "about") unless it is a question ("How would you price it?")."""
    text = _ASIDE.sub(" ", text) if _ASIDE.sub(" ", text).strip() else text  # asides aside
    tokens = [_key(w) for w in WORD.findall(text)]
    if not tokens:
        return False
    if _SENTENCE_BREAK.search(text.strip().rstrip(".!?")):
        return True
    w = words()
    if tokens[0] in w.subjects and len(tokens) > 1:
        return True
    if _CLAUSE_WITH_SUBJECT.search(text):
        return True
    if tokens[0] in w.relative_words:
        question = len(tokens) > 2 and tokens[1] in w.finite_verbs and tokens[2] in w.subjects
        # "When you asked about Airflow I said ...": a clause, then a main clause with its own
        # subject, is a sentence; "how you would price it" has one subject and is a phrase.
        two_clauses = sum(t in _PERSONAL_SUBJECTS for t in tokens[1:]) >= 2
        return text.rstrip().endswith("?") or question or two_clauses
    names = [i > 0 and t[:1].isupper() for i, t in enumerate(WORD.findall(text))]
    for i, token in enumerate(tokens[1:], start=1):
        if token in w.relative_words:
            return False
        if token in w.finite_verbs or _lexical_verb_at(tokens, names, i):
            return True
    return False


def says_enjoyed(text: str) -> bool:
    """True when the typed sentence already says the conversation was enjoyed ("I loved hearing
    how the team ships weekly"): the note then adds no "I enjoyed that part" of its own."""
    return bool({_key(t) for t in WORD.findall(text)} & words().enjoyment)


def has_plural_before(tokens: list[str], index: int) -> bool:
    """True when a plural noun that could be who "their" means comes before ``tokens[index]``
    ("customers ... their"): a "their" after it may be theirs, not the reader's. Words of time
    and amount ("we spent ages on their range", "years") are never who a pronoun means."""
    w = words()
    for token in tokens[:index]:
        if (len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "'s"))
                and token not in w.not_plural and token not in w.not_antecedents):
            return True
    return False


def _asides(text: str) -> list[tuple[int, int]]:
    """Where the text is an aside or a quotation: brackets, quotes, and what follows a dash.
    Words there are the person's own remark and keep their pronouns ("(they seemed stressed)"
    is never turned into "(you seemed stressed)")."""
    return [m.span() for m in _ASIDE.finditer(text)]


def pronoun_is_uncertain(text: str, position: int) -> bool:
    """True when who a "they/their" at ``position`` means cannot be known from the text: inside
    an aside or a quotation, or in a sentence whose subject is "we" (the reader is among "we",
    so "their" there is someone else, or the reader after all)."""
    if any(start <= position < end for start, end in _asides(text)):
        return True
    before = [_key(t) for t in WORD.findall(text[:position])]
    return "we" in before or "we're" in before or "we've" in before


def to_reader(text: str, reader_names: Iterable[str] = ()) -> str:
    """The candidate's view turned to the reader's: "their plan" -> "your plan" (and they,
    them, theirs), "Priya's plan" -> "your plan" in a note to Priya. Only where that is
    certain: a pronoun after a plural noun ("how customers use their dashboards"), inside
    brackets, quotes or an aside, or in a sentence about what "we" did is left as typed (the
    checks then ask who it means); "the team's" stays."""
    pronouns = words().reader_pronouns
    names = sorted({n for n in reader_names if n}, key=len, reverse=True)
    for name in names:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}['’]s\b", "your", text)
    matches = list(WORD.finditer(text))
    tokens = [_key(m.group(0)) for m in matches]
    out, last = [], 0
    for i, match in enumerate(matches):
        replacement = pronouns.get(tokens[i])
        if (replacement is None or has_plural_before(tokens, i)
                or pronoun_is_uncertain(text, match.start())):
            continue
        word = match.group(0)
        if word[0].isupper():
            replacement = replacement[0].upper() + replacement[1:]
        out.append(text[last:match.start()] + replacement.replace("'", "’" if "’" in word else "'"))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _lowerable(word: str, keep: frozenset[str]) -> bool:
    key = _key(word)
    w = words()
    if not word[:1].isupper() or word.isupper() or key in keep:
        return False
    if any(c.isupper() for c in word[1:]):  # "iPhone", "McKinsey", "GitHub"
        return False
    if key in w.lowerable or key in common_words():
        return True
    return key.endswith("ing") and len(key) > 5 and key not in w.ing_names


def lower_first(text: str, keep: Iterable[str] = ()) -> str:
    """Lower the first word when its capital only marks the start of what was typed ("The
    plan", "Strong SQL", "Rebuilding"); names ("Zendesk", "Python", "Priya's") keep theirs."""
    match = WORD.match(text)
    if not match:
        return text
    word = match.group(0)
    followed = text[match.end():match.end() + 2]
    keep_keys = frozenset(_key(k) for name in keep for k in name.split())
    if followed in ("'s", "’s") or not _lowerable(word, keep_keys):
        return text
    return word[0].lower() + text[1:]


def _capitalise(text: str) -> str:
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1:]
        if char not in _QUOTES + "(":
            return text
    return text


def _tidy_marks(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    text = _LONE_I.sub("I", text)
    return _DOUBLED_MARKS.sub(lambda m: m.group(1) or ".", text)


def compose(
    value: Any,
    lead_ins: Iterable[str] = (),
    reader_names: Iterable[str] = (),
    keep: Iterable[str] = (),
    subjectless: bool = False,
) -> Composed:
    """Read what was typed as a phrase or a sentence, ready for a frame.

    ``lead_ins`` are dropped from the front ("We talked about"); ``reader_names`` are the
    reader's own names (for "Priya's plan" -> "your plan"); ``keep`` are names whose capital
    stays (the company, the role); ``subjectless`` reads "Showed me the dashboard" as "You
    showed me the dashboard" (a detail about one person).
    """
    text = _strip_quotes(tidy_text(value))
    stripped = _drop_lead_in(text, lead_ins)
    if stripped != text and not _SENTENCE_BREAK.search(stripped.rstrip(".!?")):
        text = stripped
    text = _tidy_marks(to_reader(text, reader_names))
    if not text.strip(" .,;:!?"):
        return Composed()
    first = _key(WORD.match(text).group(0)) if WORD.match(text) else ""
    tokens = [_key(t) for t in WORD.findall(text)]
    w = words()
    if subjectless and first in w.subjectless_verbs and len(tokens) > 1 \
            and tokens[1] in w.subjectless_objects:
        text = "You " + text[0].lower() + text[1:]
    elif subjectless and first in w.first_person_verbs and len(tokens) > 1:
        text = "I " + text[0].lower() + text[1:]  # "Loved the demo" is "I loved the demo"
    if is_sentence(text):
        return Composed(sentence=end_sentence(_capitalise(text.rstrip(" ,;:"))))
    return Composed(phrase=lower_first(text.rstrip(" .,;:!?"), keep))


def compose_detail(value: Any, reader_names: Iterable[str] = (), keep: Iterable[str] = ()
                   ) -> Composed:
    """What was discussed with one person: a phrase for "our conversation about ___", or a
    sentence; lead-ins such as "We talked about" are dropped."""
    return compose(value, words().detail_lead_ins, reader_names, keep, subjectless=True)


def compose_strength(value: Any, reader_names: Iterable[str] = (), keep: Iterable[str] = ()
                     ) -> Composed:
    """A strength: a phrase for "I believe ___ would ...", or a sentence ("I have led ...")."""
    return compose(value, words().strength_lead_ins, reader_names, keep)


def compose_free(value: Any, reader_names: Iterable[str] = (), keep: Iterable[str] = ()
                 ) -> Composed:
    """An addition (a repair, news since the interview), kept as typed, line breaks included,
    with each paragraph tidied: a phrase, or sentences starting with a capital."""
    paragraphs = tidy_paragraphs(value).split("\n")
    if len([p for p in paragraphs if p]) <= 1:
        return compose(value, (), reader_names, keep)
    parts = [compose(p, (), reader_names, keep) for p in paragraphs]
    lines = [end_sentence(_capitalise(p.text)) if p else "" for p in parts]
    return Composed(sentence="\n".join(lines))
