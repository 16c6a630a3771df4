"""Status and outcome words placed on our stages: proposals the person confirms or changes.

Trackers write "Phone screen", "Awaiting response", "Rejection :(", "reeejected" or "已投递"; no
file seen had more than a dozen distinct values, so the import lists each with its row count
and a proposal from ``status_words.toml``, and asks about the ones it does not know.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from nextround.storage.schema import OUTCOMES, STAGES

WORDS_FILE = Path(__file__).with_name("status_words.toml")
#: A choice on the value step: a stage, or "closed|outcome".
CLOSED_SEP = "|"
#: The choice that leaves an outcome empty.
NO_OUTCOME = ""


def status_choices() -> list[str]:
    """Every placement a status value can be given, in funnel order."""
    return [s for s in STAGES if s != "closed"] + [
        f"closed{CLOSED_SEP}{o}" for o in OUTCOMES] + ["closed"]


def choice_label(choice: str) -> str:
    """How a placement reads in a picker: 'closed: rejected'."""
    stage, _, outcome = choice.partition(CLOSED_SEP)
    return f"{stage}: {outcome}" if outcome else stage


def split_choice(choice: str) -> tuple[str, str | None]:
    stage, _, outcome = choice.partition(CLOSED_SEP)
    return stage, outcome or None


def normalise(value: object) -> str:
    """A value as compared: trimmed, case-folded, accents kept, emoji and punctuation gone,
    runs of three or more of the same letter cut to one ('reeejected' is 'rejected')."""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    kept = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text)
    kept = re.sub(r"(.)\1{2,}", r"\1", kept)
    return " ".join(kept.split())


@cache
def known_words() -> dict[str, str]:
    """Each listed word and the placement it is proposed as."""
    with WORDS_FILE.open("rb") as fh:
        entries = tomllib.load(fh)["status"]
    words: dict[str, str] = {}
    for entry in entries:
        stage, outcome = entry["stage"], entry.get("outcome")
        if stage not in STAGES or (outcome and outcome not in OUTCOMES):
            raise ValueError(f"{WORDS_FILE.name}: {stage!r}/{outcome!r} is not ours")
        choice = f"{stage}{CLOSED_SEP}{outcome}" if outcome else stage
        for word in entry["words"]:
            words[normalise(word)] = choice
    return words


def propose_status(value: object) -> str | None:
    """The placement proposed for a status value, or None when it is not a word we know."""
    word = normalise(value)
    if not word:
        return None
    words = known_words()
    if word in words:
        return words[word]
    squeezed = re.sub(r"(.)\1+", r"\1", word)
    for known, choice in words.items():
        if re.sub(r"(.)\1+", r"\1", known) == squeezed:
            return choice
    if len(word) >= 5:
        close = difflib.get_close_matches(word, [w for w in words if len(w) >= 5], n=1,
                                          cutoff=0.85)
        if close:
            return words[close[0]]
    # Known phrases inside a longer one ("rejected after the final round"): the one furthest
    # along (an application interviewed and then rejected is closed, not interviewing).
    inside = [words[k] for k in words
              if len(k) >= 5 and re.search(rf"\b{re.escape(k)}\b", word)]
    return max(inside, key=_furthest) if inside else None


def _furthest(choice: str) -> tuple[int, bool]:
    stage, outcome = split_choice(choice)
    return STAGES.index(stage), outcome is not None


def propose_outcome(value: object) -> str | None:
    """The outcome proposed for an outcome column's value, or None (unknown: left empty)."""
    word = normalise(value)
    if word in OUTCOMES:
        return word
    choice = propose_status(value)
    return split_choice(choice)[1] if choice else None


def distinct(values: Iterable[object]) -> list[tuple[str, int]]:
    """Each distinct non-empty value (trimmed) and its row count, the most common first."""
    counts = Counter(str(v).strip() for v in values if v is not None and str(v).strip())
    return counts.most_common()


def looks_like_statuses(values: Iterable[object]) -> bool:
    """Most rows hold a status word we know, or the column holds a few short words repeated
    (another language's statuses): not dates, numbers, addresses or free text."""
    counts = distinct(values)
    rows = sum(n for _, n in counts)
    if not rows:
        return False
    known = sum(n for v, n in counts if propose_status(v))
    if known / rows >= 0.5:
        return True
    few = len(counts) <= 15 and len(counts) < rows
    return few and all(len(v) <= 30 and not re.search(r"\d|@|://", v) for v, _ in counts)
