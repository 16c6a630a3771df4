"""Which uploaded column holds what: by its name, confirmed by its values.

A name alone misleads: a Yes/No column headed "Applied" is not the date applied, and LinkedIn's
"Contact Email" is the applicant's own address on every row, not a contact. So a column is
proposed for the date only when most of its values read as dates, for the status only when its
values look like statuses, for the contact's e-mail only when it is not one address repeated on
every row. A column whose name says nothing ("Column C" of a file without a header row) can still
be proposed by its values alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from nextround.storage.imports import dates, values
from nextround.storage.validation import EMAIL_RE, URL_RE

IMPORTABLE = ("company", "role", "posting_url", "source", "location", "date_applied", "stage",
              "outcome", "contact_name", "contact_email", "priority", "notes")

NAMES_FILE = Path(__file__).with_name("column_names.toml")


@cache
def aliases() -> dict[str, tuple[str, ...]]:
    """The names other trackers and spreadsheets use for each of our columns (content, in
    ``column_names.toml``), squashed, our own name first."""
    with NAMES_FILE.open("rb") as fh:
        names = tomllib.load(fh)["names"]
    unknown = set(names) - set(IMPORTABLE)
    if unknown:
        raise ValueError(f"{NAMES_FILE.name}: not our columns: {sorted(unknown)}")
    return {ours: tuple(dict.fromkeys(squash(n) for n in (ours, *names.get(ours, ()))))
            for ours in IMPORTABLE}


#: The columns of LinkedIn's data export ("Get a copy of your data"): Jobs/Job Applications.csv
#: and Jobs/Saved Jobs.csv.
LINKEDIN_APPLIED = ("Application Date", "Contact Email", "Company Name", "Job Title", "Job Url")
LINKEDIN_SAVED = ("Saved Date", "Job Url", "Job Title", "Company Name")
_WORDS = re.compile(r"[\W_]+")


def squash(name: object) -> str:
    """A column name as compared: case-folded, punctuation and spacing gone, any script kept
    ("Date-Applied" and "date applied" are one name, and so are "公司" and " 公司 ")."""
    return " ".join(_WORDS.sub(" ", str(name).casefold()).split())


@cache
def header_words() -> frozenset[str]:
    """Every name we know a column by, squashed."""
    return frozenset(a for names in aliases().values() for a in names)


def looks_like_data(row: Sequence[str]) -> bool:
    """Whether a file's first row is already data, not column names: it holds a date, an
    e-mail address or a link, and no cell is a name we know columns by."""
    cells = [c.strip() for c in row if c and c.strip()]
    if not cells:
        return False
    known = header_words()
    if any(squash(c) in known for c in cells):
        return False
    return any(dates.written(c) is not None or EMAIL_RE.match(c) or URL_RE.match(c)
               or re.fullmatch(r"[\d.,\s$€£%-]+", c) for c in cells)


def linkedin_kind(columns: Sequence[str]) -> str | None:
    """'applications' or 'saved' for LinkedIn's export files, told by their columns."""
    have = {squash(c) for c in columns}
    if {squash(c) for c in LINKEDIN_APPLIED} <= have:
        return "applications"
    if {squash(c) for c in LINKEDIN_SAVED} <= have and "application date" not in have:
        return "saved"
    return None


def _filled(column: pd.Series) -> pd.Series:
    text = column.dropna().astype("str").str.strip()
    return text[text != ""]


def fits(ours: str, column: pd.Series) -> bool:
    """Whether a column's values could be what ``ours`` holds (only the columns whose values
    say something are checked; an empty column fits nothing that needs values)."""
    filled = _filled(column)
    if ours == "date_applied":
        return len(filled) > 0 and dates.analyse(filled).share >= 0.6
    if ours in ("stage", "outcome"):
        return values.looks_like_statuses(filled)
    if ours == "contact_email":
        addresses = filled[filled.str.match(EMAIL_RE.pattern)]
        return len(addresses) >= max(1, len(filled) // 2) and not (
            len(filled) > 1 and addresses.nunique() == 1)
    if ours == "posting_url":
        return len(filled) > 0 and filled.str.match(URL_RE.pattern).mean() >= 0.5
    if ours in ("company", "role", "contact_name"):
        return len(filled) > 0 and dates.analyse(filled).share < 0.5
    return True


def suggest_mapping(frame: pd.DataFrame) -> dict[str, str | None]:
    """For each of our columns, the uploaded column that most likely holds it."""
    columns = [str(c) for c in frame.columns]
    kind = linkedin_kind(columns)
    if kind:
        return linkedin_mapping(columns, kind)
    by_squashed: dict[str, str] = {}
    for c in columns:
        by_squashed.setdefault(squash(c), c)
    mapping: dict[str, str | None] = dict.fromkeys(IMPORTABLE)
    used: set[str] = set()
    for ours in IMPORTABLE:
        for alias in aliases()[ours]:
            theirs = by_squashed.get(alias)
            if theirs and theirs not in used and fits(ours, frame[theirs]):
                mapping[ours] = theirs
                used.add(theirs)
                break
    # Columns whose names said nothing we know: proposed by their values alone.
    for ours in ("date_applied", "posting_url", "contact_email", "stage"):
        if mapping[ours] is None:
            for c in columns:
                if c not in used and squash(c) not in header_words() and _by_values(ours, frame[c]):
                    mapping[ours] = c
                    used.add(c)
                    break
    return mapping


def _by_values(ours: str, column: pd.Series) -> bool:
    filled = _filled(column)
    if len(filled) < 2:
        return False
    if ours == "stage":
        counts = values.distinct(filled)
        return sum(n for v, n in counts if values.propose_status(v)) / len(filled) >= 0.6
    return fits(ours, column)


def linkedin_mapping(columns: Sequence[str], kind: str) -> dict[str, str | None]:
    """LinkedIn's columns on ours in one step: its applications as applied (the date from
    "Application Date"), its saved jobs as the wishlist (no date applied). "Contact Email" is
    the address of the person who applied, so it is never the contact."""
    named = {squash(c): c for c in columns}
    mapping: dict[str, str | None] = dict.fromkeys(IMPORTABLE)
    mapping |= {"company": named.get("company name"), "role": named.get("job title"),
                "posting_url": named.get("job url")}
    if kind == "applications":
        mapping["date_applied"] = named.get("application date")
    return mapping
