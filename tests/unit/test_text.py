"""The bottom module: words for counts and names, cells read as text, dates, people and
e-mails, words and sentences, and the clock, with the values real tables and forms hold."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.text import (
    PEOPLE_SEPARATORS,
    TODAY_ENV,
    article,
    as_date,
    as_day,
    cell_text,
    choice_keys,
    flat,
    is_missing,
    join_emails,
    join_people,
    now,
    plural,
    possessive,
    sentences,
    split_emails,
    split_people,
    tidy_paragraphs,
    tidy_text,
    today,
    words,
)


def test_counts_read_as_words() -> None:
    """Before: "applications.csv: 1 rows"."""
    assert [plural(n, "row") for n in (0, 1, 2, 1234)] == ["0 rows", "1 row", "2 rows",
                                                          "1,234 rows"]


def test_one_of_a_thing_can_be_said_in_words() -> None:
    assert plural(1, "sign", one="one") == "one sign"
    assert plural(3, "sign", one="one") == "3 signs"


def test_the_article_goes_by_sound() -> None:
    """Issue 24, 12: "Suggested for a onsite interview"."""
    assert article("onsite") == "an onsite"
    assert article("phone") == "a phone"
    assert article("hour") == "an hour"
    assert article("user test") == "a user test"
    assert article("Unusual one") == "an Unusual one"


def test_a_name_ending_in_s_takes_the_apostrophe_alone() -> None:
    """Issue 24, 12: "Larchmont Foods's"."""
    assert possessive("Larchmont Foods") == "Larchmont Foods'"
    assert possessive("Acme Analytics ") == "Acme Analytics'"
    assert possessive("Granite Bank") == "Granite Bank's"


# --- a cell as text: every spelling of "empty" is "" ------------------------------------------

EMPTY = [None, float("nan"), np.nan, pd.NA, pd.NaT, np.datetime64("NaT")]


@pytest.mark.parametrize("value", EMPTY, ids=repr)
def test_every_empty_cell_reads_as_no_text(value: object) -> None:
    """A note must never say "Dear nan" and a form never show "<NA>" or "NaT"."""
    assert is_missing(value)
    assert cell_text(value) == "" and tidy_text(value) == "" and tidy_paragraphs(value) == ""
    assert split_people(value) == [] and split_emails(value) == []
    assert join_people(value) == "" and join_emails(value) == ""
    assert as_date(value) is None and as_day(value) is None


@pytest.mark.parametrize("value", ["", "nan", 0, 0.0, False, [1, 2], np.array([1.0, 2.0])],
                         ids=repr)
def test_a_value_that_looks_empty_is_not_missing(value: object) -> None:
    assert not is_missing(value)


def test_a_cell_keeps_its_text_trimmed() -> None:
    assert cell_text("  Acme Analytics \n") == "Acme Analytics"
    assert cell_text(3) == "3"
    assert cell_text(pd.Timestamp("2025-01-14")) == "2025-01-14 00:00:00"
    assert cell_text("1/14/25, 11:25 PM") == "1/14/25, 11:25 PM"


def test_tidy_text_is_one_line_in_one_unicode_form() -> None:
    """ "Zoë" typed with a combining diaeresis is the same name as "Zoë" in one code point."""
    decomposed = "Zoe\u0308"
    assert tidy_text(decomposed) == "Zoë" == tidy_text("Zo\u00eb")
    assert tidy_text("  Ana\u00a0 Lee\n\tPhD ") == "Ana Lee PhD"
    assert tidy_text("Thanks 🙏  so much") == "Thanks 🙏 so much"
    assert tidy_text("مرحبا   بك") == "مرحبا بك"


def test_paragraphs_keep_one_blank_line_between_them() -> None:
    assert tidy_paragraphs("  First  line \nsecond\n\n\n\nThird 👋\n\n") == (
        "First line\nsecond\n\nThird 👋")
    assert tidy_paragraphs("\n\nOnly\n") == "Only"


# --- a cell as a date ------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2026, 3, 9), D(2026, 3, 9)),
        (dt.datetime(2026, 3, 9, 17, 30), D(2026, 3, 9)),
        (pd.Timestamp(2026, 3, 9, 8), D(2026, 3, 9)),
        (pd.Timestamp("2026-03-09 23:30", tz="America/New_York"), D(2026, 3, 9)),
        (np.datetime64("2026-03-09"), D(2026, 3, 9)),
        (" 2026-03-09T10:00 ", D(2026, 3, 9)),
        ("2026-03-09 00:00:00", D(2026, 3, 9)),
        # Not the app's own writing: the importer asks which order a person meant.
        ("1/14/25, 11:25 PM", None),
        ("next Tuesday", None),
        ("", None),
    ],
    ids=repr,
)
def test_as_date_reads_the_dates_the_app_writes(value: object, expected: D | None) -> None:
    assert as_date(value) == expected


def test_as_day_is_the_same_day_at_midnight_in_the_tables_unit() -> None:
    day = as_day(pd.Timestamp("2026-03-09 17:45"))
    assert day == pd.Timestamp("2026-03-09") and day.unit == "us"
    assert as_day(D(2026, 3, 9)) == as_day("2026-03-09")


# --- people and e-mail addresses ---------------------------------------------------------------


def test_semicolons_and_new_lines_separate_people_but_commas_never_do() -> None:
    assert split_people("Raman, Priya; Bo Chen\nCy  Díaz") == ["Raman, Priya", "Bo Chen",
                                                             "Cy Díaz"]
    assert split_people("Lee, Ana") == ["Lee, Ana"]
    assert split_people("Ana; ;Bo") == ["Ana", "", "Bo"]  # slots kept, to pair with e-mails
    assert split_people("José Ñúñez 🙂") == ["José Ñúñez 🙂"]


def test_e_mails_split_on_any_separator_unless_semicolons_keep_the_slots() -> None:
    assert split_emails("p@x.io, t@x.io") == ["p@x.io", "t@x.io"]
    assert split_emails("p@x.io t@x.io\tq@x.io") == ["p@x.io", "t@x.io", "q@x.io"]
    assert split_emails("p@x.io; ;t@x.io") == ["p@x.io", "", "t@x.io"]
    assert split_emails("p@x.io\nt@x.io") == ["p@x.io", "t@x.io"]


def test_people_and_emails_are_joined_with_semicolons() -> None:
    assert join_people(" Ana Lee ;Bo Chen\nCy Diaz ; ") == "Ana Lee; Bo Chen; Cy Diaz"
    assert join_people("Lee, Ana") == "Lee, Ana"  # a comma may be part of a name
    assert join_emails("a@x.io, b@x.io;c@x.io  d@x.io") == "a@x.io; b@x.io; c@x.io; d@x.io"


def test_the_people_pattern_splits_a_column_as_split_people_splits_a_cell() -> None:
    cells = pd.Series(["Raman, Priya; Bo Chen", "Ana\nBo", None], dtype="str")
    column = cells.str.split(PEOPLE_SEPARATORS, regex=True)
    for cell, names in zip(cells[:2], column[:2], strict=True):
        assert [" ".join(n.split()) for n in names] == split_people(cell)


# --- words and sentences -----------------------------------------------------------------------


def test_words_as_a_reader_counts_them() -> None:
    assert words("Thank-you, I'm glad we met — it’s Zoë's 2nd round! 🎉") == [
        "Thank-you", "I'm", "glad", "we", "met", "it’s", "Zoë's", "2nd", "round"]
    assert words(None) == []


def test_sentences_end_at_a_stop_and_a_space_or_at_a_line() -> None:
    text = 'Hi Ana,\nThanks for the chat. I liked "the plan." Version 3.5 ships!  Great…\nBest'
    assert sentences(text) == ["Hi Ana,", "Thanks for the chat.", 'I liked "the plan."',
                               "Version 3.5 ships!", "Great…", "Best"]
    assert sentences(pd.NA) == []


# --- the clock ---------------------------------------------------------------------------------


def test_the_clock_lives_on_the_frozen_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2025-01-14")
    assert today() == D(2025, 1, 14) and now().date() == D(2025, 1, 14)


def test_the_bottom_module_imports_no_pandas() -> None:
    """The template worker imports it and must start in a blink."""
    code = "import sys, nextround.text; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def test_choice_keys_make_a_hand_edited_column_comparable() -> None:
    column = pd.Series([" Applied", "INTERVIEWING ", None, pd.NA, "closed"], dtype="object")
    assert choice_keys(column).tolist() == ["applied", "interviewing", "", "", "closed"]
    assert choice_keys(pd.Series(["Offer", None], dtype="str")).tolist() == ["offer", ""]


def test_flat_text_compares_curly_and_straight_apostrophes_and_unicode_forms_alike() -> None:
    assert flat("O’Brien") == flat("O'Brien") == "O'Brien"
    assert flat("Zoe\u0308 I’m") == "Zoë I'm"
    assert flat(None) == ""


# --- properties over any text --------------------------------------------------------------


@given(st.text())
def test_tidy_text_is_one_line_and_tidying_twice_changes_nothing(value: str) -> None:
    once = tidy_text(value)
    assert tidy_text(once) == once
    assert "\n" not in once and once == once.strip()


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=";\n\r"), min_size=1)
                .map(str.strip).filter(bool), max_size=6))
def test_people_joined_then_split_are_the_same_people(names: list[str]) -> None:
    tidy = [tidy_text(n) for n in names if tidy_text(n)]
    assert split_people(join_people("; ".join(names))) == tidy
