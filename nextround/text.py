"""Text and small values, the one home every layer uses: words for counts and names ("1 row",
"an onsite interview", "Larchmont Foods'"), a cell read as text or as a date, the people and
e-mail addresses in a cell, words and sentences, and the app's clock.

Cells arrive from CSV tables, spreadsheets, forms and DataFrames, where "empty" is spelled
None, NaN, NaT or ``pd.NA``: every reader here turns each of them into the same empty value, so
a note never says "Dear nan" and a form never rejects "<NA>". The bottom of the package: it
imports nothing from nextround, so storage, the domain, views, charts and components may all
use it (an import-linter contract keeps it so). It imports no pandas either: the worker that
renders a person's own note template tidies text with it and must start in a blink.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# --- words for counts and names ----------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None, one: str | None = None) -> str:
    """ "1 row", "2 rows", "1,234 rows" (``one="one"``: "one row")."""
    if count == 1:
        return f"{one or count} {word}"
    return f"{count:,} {many or word + 's'}"


#: Words that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = ("one", "once", "uni", "use", "usu", "eu")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def article(phrase: str) -> str:
    """ "a phone screen", "an onsite interview", "an hour", "a user": the article by sound."""
    text = phrase.strip()
    low = text.lower()
    if low.startswith(_VOWEL_SOUND):
        return f"an {text}"
    vowel = low[:1] in "aeiou" and not low.startswith(_CONSONANT_SOUND)
    return f"{'an' if vowel and low else 'a'} {text}"


def possessive(name: str) -> str:
    """ "Acme's", "Larchmont Foods'" (a name ending in s takes the apostrophe alone)."""
    text = name.strip()
    return f"{text}'" if text.lower().endswith("s") else f"{text}'s"


# --- a cell as text ----------------------------------------------------------------------------


def is_missing(value: object) -> bool:
    """True for every spelling of an empty cell: None, NaN, NaT (numpy's or pandas') and
    ``pd.NA``; False for everything else, text included.

    ``pd.isna`` would need pandas here, and ``value != value`` alone raises on ``pd.NA``, whose
    comparisons are themselves NA; an array (a list of values) is not one missing value.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return type(value).__name__ == "NAType"


def cell_text(value: object) -> str:
    """A cell or form value as text with its ends trimmed; any empty cell is "".

    Numbers and dates keep their text ("3", "2025-01-14 00:00:00"); a missing value is never
    "nan" or "<NA>", which is what ``str()`` alone would write into a form or a file.
    """
    return "" if is_missing(value) else str(value).strip()


def tidy_text(value: Any) -> str:
    """One line of user text: missing values (None, NaN, pd.NA) become "", every run of
    whitespace (new lines, tabs, no-break spaces) one space.

    NFC normalisation makes "Zoë" typed two ways (one code point, or e and a combining
    diaeresis) the same text, so it compares, sorts and greets alike.
    """
    return " ".join(unicodedata.normalize("NFC", cell_text(value)).split())


def tidy_paragraphs(value: Any) -> str:
    """Multi-line text keeping its paragraph breaks, at most one blank line between them, each
    line tidied as ``tidy_text`` tidies one."""
    text = unicodedata.normalize("NFC", cell_text(value))
    kept: list[str] = []
    for line in (" ".join(raw.split()) for raw in text.splitlines()):
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def choice_keys(column: pd.Series) -> pd.Series:
    """A column of choices (a stage, an event kind, an action's status) as the keys the rules
    compare: text, trimmed, in lower case, a missing cell "" (a hand-edited " Applied" is
    "applied"; a missing stage is no stage, never NA that every comparison must guard)."""
    return column.astype("str").str.strip().str.lower().fillna("")


def flat(text: Any) -> str:
    """Text in one form for comparing and matching: NFC (so "Zoë" typed two ways is one
    string) and straight apostrophes (phones type "O’Brien" and "I’m", keyboards "O'Brien" and
    "I'm"; a word list holds one of them)."""
    return unicodedata.normalize("NFC", cell_text(text)).replace("’", "'")


# --- a cell as a date --------------------------------------------------------------------------


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, Timestamp, datetime64 or 'YYYY-MM-DD' text.

    Any empty cell and text that is not an ISO date become None: an empty cell means "no date",
    and guessing the order of "1/2/25" is the importer's job (``storage.imports.dates``), where
    the person is asked; here a value the app wrote itself is read back.
    """
    if is_missing(value):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    import pandas as pd  # a numpy datetime64 or another date-like value: pandas reads them all

    try:
        return pd.Timestamp(value).date()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def as_day(value: object) -> pd.Timestamp | None:
    """The same day as ``as_date``, as a midnight Timestamp (microsecond unit, the unit the
    tables use), for comparing with a date column without a type mismatch."""
    import pandas as pd

    day = as_date(value)
    return None if day is None else pd.Timestamp(day).as_unit("us")


# --- people and e-mail addresses in a cell -----------------------------------------------------

#: What separates people in a cell: semicolons and new lines. A comma never does, since people
#: write "Raman, Priya" (surname first) and "Priya Raman, PhD". A pattern string, so pandas'
#: vectorised ``str.split`` reads a whole column the same way.
PEOPLE_SEPARATORS = r"[;\n\r]+"
_PEOPLE = re.compile(PEOPLE_SEPARATORS)
#: An address holds no semicolon, comma or space, so any of them separates two.
_EMAILS = re.compile(r"[;,\s]+")


def split_people(cell: Any) -> list[str]:
    """The names in a cell, each tidied, in order; an empty slot is kept ("Ana; ;Bo" is three)
    so names stay paired with their e-mails by position."""
    text = cell_text(cell)
    return [tidy_text(part) for part in _PEOPLE.split(text)] if text else []


def split_emails(cell: Any) -> list[str]:
    """The e-mail addresses in a cell. Separated by semicolons or new lines (the way the app
    writes them), empty slots are kept, to keep the pairing with ``split_people``; otherwise
    commas and spaces separate them too ("a@x.io, b@x.io")."""
    text = cell_text(cell)
    if not text:
        return []
    if ";" in text or "\n" in text:
        return [tidy_text(part) for part in _PEOPLE.split(text)]
    return [part for part in _EMAILS.split(text) if part]


def join_people(cell: Any) -> str:
    """Names as the events file keeps them, "Ana Lee; Bo Chen", whatever line breaks or
    semicolons the person typed between them (empty slots dropped)."""
    return "; ".join(name for name in split_people(cell) if name)


def join_emails(cell: Any) -> str:
    """E-mail addresses as the events file keeps them, "a@x.io; b@x.io", whatever the person
    separated them with (semicolons, commas, spaces or new lines)."""
    return "; ".join(part for part in _EMAILS.split(cell_text(cell)) if part)


# --- words and sentences -----------------------------------------------------------------------

#: A word as a reader counts it: letters or digits in any script, "thank-you" and "I'm" (with
#: a straight or a curly apostrophe) one word each.
WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: Where one sentence ends: . ! ? or … (perhaps with a closing quote or bracket) and a space,
#: or a new line. A full stop inside "3.5" or "e.g" is no end.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+|\n+")


def words(text: Any) -> list[str]:
    """The words of a text as written, in order (see ``WORD``)."""
    return WORD.findall(cell_text(text))


def sentences(text: Any) -> list[str]:
    """The sentences of a text, trimmed, in order; each line is a sentence of its own (a
    greeting, a sign-off). Abbreviations ("Dr.", "Inc.") are the caller's to take out first:
    which ones matter depends on what is being read."""
    return [part.strip() for part in _SENTENCE_END.split(cell_text(text)) if part.strip()]


# --- the app's clock ---------------------------------------------------------------------------

#: Set to a date (YYYY-MM-DD) to make the app live on that day: the tests freeze the calendar
#: with it, so what is due never depends on the weekday they happen to run on.
TODAY_ENV = "NEXTROUND_TODAY"


def today() -> dt.date:
    """The day the app lives on: the real date, or NEXTROUND_TODAY when it is set."""
    frozen = os.environ.get(TODAY_ENV, "").strip()
    return dt.date.fromisoformat(frozen) if frozen else dt.date.today()


def now() -> dt.datetime:
    """The time of a change as the app records it: now, on the day ``today`` says. Storage
    stamps rows with it as the domain does, so a frozen day in the tests is the day of every
    stamp."""
    moment = dt.datetime.now()
    return dt.datetime.combine(today(), moment.time()) if os.environ.get(TODAY_ENV) else moment
