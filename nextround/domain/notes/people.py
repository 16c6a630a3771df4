"""The people a note goes to: read from what the records say, with nameparser.

Semicolons and new lines separate people; a comma never does, because people write
"Raman, Priya" (surname first) and "Priya Raman, PhD" (a credential). Each name is parsed into
title, first name, surname and suffix, so the greeting is what the person would expect: their
first name in a warm note, title and surname in a concise one when a title is known. A name
the parser cannot be sure of (two people joined by "and", a comma between two full names, a
role instead of a name) carries a ``doubt`` the page shows, so the person can correct it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nameparser import HumanName
from nameparser.config import CONSTANTS

from nextround.domain.catalog import load_catalog
from nextround.text import flat, split_emails, split_people, tidy_text

_ANGLE_EMAIL = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*$")
_PARENTHESES = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_JOINED = re.compile(r"\s(?:and|&|\+)\s|\s*/\s*", re.I)
#: Credentials after a name that mean the person is addressed as "Dr." in a formal note.
_DOCTORATES = {"phd", "md", "dphil", "edd", "dds", "dvm", "dsc", "dr"}
#: Titles used with the first name, not the surname ("Sir Ian", "Dame Judi").
_FIRST_NAME_TITLES = {"sir", "dame"}
#: Words that make a "name" a role: "Hiring Manager", "the recruiter", "HR team".
_ROLE_WORDS = {
    "hiring", "manager", "managers", "recruiter", "recruiters", "recruiting", "recruitment",
    "talent", "acquisition", "team", "hr", "human", "resources", "panel", "interviewer",
    "interviewers", "committee", "department", "people", "partner", "the", "and", "of", "sir",
    "madam", "or", "to", "whom", "it", "may", "concern", "lead", "head",
}


def _fold(text: str) -> str:
    return flat(text).casefold().strip(" .,")


@dataclass(frozen=True)
class Person:
    """One person, as recorded and as parsed. ``doubt`` says why the parse may be wrong
    ("" when it reads clearly); the page shows it so the person can correct the name."""

    recorded: str
    email: str = ""
    title: str = ""
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    doubt: str = ""

    @property
    def name(self) -> str:
        """The name without title or credentials: "Priya Raman" for "Raman, Priya, PhD"."""
        parts = [self.first, self.middle, self.last]
        return " ".join(p for p in parts if p) or self.recorded

    @property
    def formal_title(self) -> str:
        """The title a formal note uses: the recorded one, or "Dr." for a doctorate after the
        name ("Priya Raman, PhD")."""
        if self.title:
            return self.title
        credentials = {_fold(s).replace(".", "") for s in re.split(r"[,\s]+", self.suffix) if s}
        return "Dr." if credentials & _DOCTORATES else ""

    def greeting(self, tone: str) -> str:
        """How to address them: a title typed before the name is kept in both tones ("Dr.
        Anika Chen" is "Dr. Chen"); otherwise the first name in a warm note, and title and
        surname in a concise one when a credential gives one ("Priya Raman, PhD"), else the full
        name. An initial ("J.") is not a first name."""
        if not self.recorded:
            return ""
        first_usable = len(self.first.rstrip(".")) > 1
        title = self.formal_title
        if title and _fold(title) in _FIRST_NAME_TITLES and first_usable:
            return f"{title} {self.first}"
        if self.title and self.last:  # a title they typed is kept, in both tones
            return f"{self.title} {self.last}"
        if tone == "warm" and first_usable:
            return self.first
        if title and self.last:
            return f"{title} {self.last}"
        return self.name

    def names(self) -> tuple[str, ...]:
        """Every way the note may name them, longest first (for checks and possessives)."""
        found = {self.name, self.first, self.last, self.recorded}
        return tuple(sorted((n for n in found if n), key=len, reverse=True))

    def is_same(self, other: Person) -> bool:
        """The same person under two spellings: "Raman, Priya" is "Priya Raman"."""
        if not self.recorded or not other.recorded:
            return False
        if _fold(self.name) == _fold(other.name):
            return True
        return bool(self.first and self.last and _fold(self.first) == _fold(other.first)
                    and _fold(self.last) == _fold(other.last))


def _role_like(text: str) -> bool:
    words = [w for w in re.split(r"[\s,.]+", _fold(text)) if w]
    return bool(words) and all(w in _ROLE_WORDS for w in words)


def _doubt(text: str, parsed: HumanName) -> str:
    """Why this reading of one name may be wrong; "" when it reads clearly."""
    if _role_like(text):
        return (f"'{text}' reads as a role, not a name. A note to a named person reads far "
                "better: add their name if you can find it.")
    if _JOINED.search(text):
        return (f"'{text}' looks like more than one person. If so, put each on its own line "
                "(or separate them with a semicolon) so each gets their own note.")
    if re.search(r"[@\d]", text):
        return f"'{text}' does not look like a name; write the person's name here."
    given = _given_name_doubt(text, parsed)
    if given:
        return given
    if "," in text:
        before, after = text.split(",", 1)
        prefixes = set(CONSTANTS.prefixes) | set(CONSTANTS.conjunctions)
        left = [w for w in before.split() if _fold(w) not in prefixes]
        right = [w for w in after.replace(",", " ").split()
                 if _fold(w).replace(".", "") not in CONSTANTS.suffix_acronyms
                 and _fold(w).replace(".", "") not in CONSTANTS.suffix_not_acronyms
                 and _fold(w).replace(".", "") not in CONSTANTS.titles]
        if len(left) >= 2 and len(right) >= 2:
            name = " ".join(p for p in (parsed.first, parsed.middle, parsed.last) if p)
            return (f"'{text}' was read as one person ({name}): a comma never separates "
                    "people here. If these are two people, put each on its own line.")
    return ""


@lru_cache(maxsize=1)
def _name_lists() -> dict[str, frozenset[str]]:
    raw = load_catalog("people")
    return {key: frozenset(raw[key]) for key in ("family_first", "middle_markers",
                                                  "compound_starts")}


def _given_name_doubt(text: str, parsed: HumanName) -> str:
    """Why the given name (what a warm note greets them by) is uncertain; "" when it is clear.
    The reasons and their sources are in people.toml: the family name first ("Nguyen, Thi
    Minh", "Nguyen Thi Minh"), two given names that may be one ("María José"), or capitals that
    may mark the family name ("RAMAN Priya", "PRIYA RAMAN")."""
    lists = _name_lists()
    words = [w for w in re.split(r"\s+", text.replace(",", " ")) if w]
    letters = [w for w in words if re.search(r"[^\W\d_]{2,}", w)]
    folded = [_fold(w).replace(".", "") for w in letters]
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        given_words = [w for w in given.split() if _fold(w).replace(".", "") not in
                       CONSTANTS.suffix_acronyms | CONSTANTS.suffix_not_acronyms]
        if len(given_words) >= 2 and len(family.split()) == 1:
            last = given_words[-1]
            return (f"'{text}' puts the family name ({family}) first, and {' '.join(given_words)} "
                    "may be more than one given name: which one they go by is not certain (in "
                    f"a Vietnamese name it is usually the last, {last}).")
    if len(folded) >= 2 and folded[0] in lists["family_first"] and (
            len(folded) >= 3 or folded[1] in lists["middle_markers"]):
        return (f"'{text}' may put the family name ({letters[0]}) first, as Vietnamese names do; "
                f"then they go by {letters[-1]}, not {letters[0]}.")
    first, middle = _fold(parsed.first), _fold(parsed.middle)
    if first in lists["compound_starts"] and middle and len(middle.replace(".", "")) > 1:
        return (f"'{parsed.first} {parsed.middle}' may be one given name (compound given names "
                f"are common); they may go by both, not {parsed.first} alone.")
    credentials = CONSTANTS.suffix_acronyms | CONSTANTS.suffix_not_acronyms | CONSTANTS.titles
    capitals = [w for w in letters if w.isupper() and len(w) > 1
                and _fold(w).replace(".", "") not in credentials]
    letters = [w for w in letters if _fold(w).replace(".", "") not in credentials]
    if capitals and not re.search(r"[@\d]", text):
        if len(capitals) == len(letters):
            return (f"'{text}' is written in capitals, so which part is the given name is not "
                    "certain.")
        return (f"'{text}' writes {capitals[0]} in capitals, which often marks the family name; "
                "which part is the given name is not certain.")
    return ""


def parse_person(text: Any, email: Any = "") -> Person:
    """One person from one recorded name (and their email)."""
    return _parse_person(tidy_text(text), tidy_text(email))


@lru_cache(maxsize=4096)
def _parse_person(raw: str, email: str) -> Person:
    match = _ANGLE_EMAIL.match(raw)
    if match:
        raw, email = tidy_text(match.group("name")), match.group("email")
    raw = raw.strip(" ,;")
    name = _PARENTHESES.sub("", raw).strip(" ,") or raw
    if not name:
        return Person("", tidy_text(email))
    if _role_like(name):
        role = re.sub(r"^the\s+", "", name, flags=re.I)
        return Person(raw, tidy_text(email).strip("<>"), last=role[:1].upper() + role[1:],
                      doubt=_doubt(name, HumanName(name)))
    parsed = HumanName(name)
    if (name == name.lower() or name == name.upper()) and not re.search(r"[@\d]", name):
        parsed.capitalize(force=True)
    return Person(
        recorded=raw,
        email=tidy_text(email).strip("<>"),
        title=parsed.title,
        first=parsed.first,
        middle=parsed.middle,
        last=parsed.last,
        suffix=parsed.suffix,
        doubt=_doubt(name, parsed),
    )


def read_people(names: Any, emails: Any = "") -> list[Person]:
    """The people of a record: names paired with their emails by position.

    Missing cells (NaN) count as empty; a missing email is ""; an empty name slot is dropped
    (its email with it, so the others stay paired).
    """
    name_items = split_people(names)
    email_items = split_emails(emails)
    people = []
    for i, name in enumerate(name_items):
        if name:
            people.append(parse_person(name, email_items[i] if i < len(email_items) else ""))
    return people


def people_text(people: list[Person]) -> str:
    """People as the page lets a person edit them: one per line, "Name <email>"."""
    return "\n".join(f"{p.recorded} <{p.email}>" if p.email else p.recorded for p in people)


def is_among(person: Person, others: list[Person]) -> bool:
    return any(person.is_same(other) for other in others)
