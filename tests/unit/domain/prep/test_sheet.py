"""The printable prep sheet: ticked and open items with their dates, the practice answers and
the questions to ask, with every piece of user text made inert."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser

import pandas as pd

from nextround.domain.prep.answers import upsert_practice_answer
from nextround.domain.prep.checklist import checklist_plan, set_item_done
from nextround.domain.prep.content import questions_to_ask
from nextround.domain.prep.sheet import prep_sheet_html

INTERVIEW = date(2026, 3, 9)
NOW = datetime(2026, 3, 5, 18, 30)


# --- The print-ready prep sheet --------------------------------------------------------------


class _Page(HTMLParser):
    """The elements and the text a browser would make of the sheet."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        if not self.tags or self.tags[-1] != "style":
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def _sheet(answers: pd.DataFrame | None, label: str = "Acme, data analyst",
           asks: list | None = None) -> str:
    progress = set_item_done(None, "E1", "prep-research-company", True, NOW)
    plan = checklist_plan(INTERVIEW, date(2026, 3, 6), progress, interview_id="E1")
    asks = [*questions_to_ask("final")[:2], "| my own | question"] if asks is None else asks
    return prep_sheet_html(label, INTERVIEW, plan, answers, asks, date(2026, 3, 6))


def test_prep_sheet_is_a_page_that_prints_cleanly():
    sheet = _sheet(None)
    assert sheet.startswith("<!doctype html>")
    assert "@media print" in sheet and "@page" in sheet
    assert ".toolbar { display: none; }" in sheet  # the print button stays off the paper
    assert "http://" not in sheet and "https://" not in sheet  # nothing fetched from outside
    page = _Page(sheet)
    assert page.tags.count("h1") == 1 and page.tags.count("script") == 0


def test_prep_sheet_shows_ticked_and_open_items_with_dates():
    sheet = _sheet(None)
    text = _Page(sheet).text
    assert '<li class="done"><span class="box" aria-label="done">&#10003;</span>' \
        '<span class="text"><bdi>Research the company</bdi>' in sheet
    assert "Study the job posting (by Fri 6 Mar 2026) (catch up)" in text
    assert "overdue" not in text
    assert "The day before: Sun 8 Mar 2026" in text
    assert "Mon 9 Mar 2026 (in 3 days)" in text
    assert "checklist 1 of" in text
    assert "Is there anything in my background that makes you hesitate?" in text


def test_prep_sheet_escapes_hostile_user_text():
    hostile = ("<script>alert(1)</script>\n</td></tr></table><img src=x onerror=alert(2)>"
               "\n\u202eRTL {{ 7*7 }} [x](javascript:1)")
    answers = upsert_practice_answer(
        None, "tell-me-about-yourself", hostile, None, None, None, None, True, NOW
    )
    answers = upsert_practice_answer(
        answers, "gone <i>question</i>", None, None, None, None, "kept", False, NOW
    )
    sheet = _sheet(answers, label="<b>Big</b> & \"Corp\"", asks=["<a href='x'>ask</a>"])
    page = _Page(sheet)
    # Not one element came from the user: the tags are exactly those of a harmless sheet.
    assert not {"script", "img", "b", "i", "a"} & set(page.tags)
    assert not [value for name, value in page.attrs if name.startswith("on") and
                value != "window.print()"]
    text = page.text
    assert "Prep sheet: <b>Big</b> & \"Corp\"" in text
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert "gone <i>question</i>" in text and "<a href='x'>ask</a>" in text
    assert "<title>Prep sheet: &lt;b&gt;Big&lt;/b&gt; &amp; &quot;Corp&quot;</title>" in sheet
    # One table: the answers' own "</table>" closed nothing.
    assert page.tags.count("table") == 1 and page.tags.count("tr") == 3


def test_prep_sheet_for_general_prep_has_no_dates():
    plan = checklist_plan(None, date(2026, 3, 6))
    text = _Page(prep_sheet_html("General", None, plan, None, [], date(2026, 3, 6))).text
    assert "no date set" in text
    assert "A week before" in text and "Mar 2026" not in text.split("Prepared")[0]
    assert "No practice answers yet." in text and "None chosen yet." in text
