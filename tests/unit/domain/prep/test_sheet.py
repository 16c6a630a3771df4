"""The printable prep sheet: ticked and open items with their dates, the practice answers and
the questions to ask, with every piece of user text made inert."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from nextround.domain.prep.answers import upsert_practice_answer
from nextround.domain.prep.checklist import checklist_plan, set_item_done
from nextround.domain.prep.content import questions_to_ask
from nextround.domain.prep.sheet import prep_sheet_markdown

INTERVIEW = date(2026, 3, 9)
NOW = datetime(2026, 3, 5, 18, 30)


# --- The printable prep sheet ---------------------------------------------------------------


def _sheet(answers: pd.DataFrame | None, label: str = "Acme, data analyst") -> str:
    progress = set_item_done(None, "E1", "prep-research-company", True, NOW)
    plan = checklist_plan(INTERVIEW, date(2026, 3, 6), progress, interview_id="E1")
    asks = [*questions_to_ask("final")[:2], "| my own | question"]
    return prep_sheet_markdown(label, INTERVIEW, plan, answers, asks, date(2026, 3, 6))


def test_prep_sheet_shows_ticked_and_open_items_with_dates():
    md = _sheet(None)
    assert "- [x] Research the company" in md
    assert "- [ ] Study the job posting (by Fri 6 Mar 2026) _(catch up)_" in md
    assert "overdue" not in md
    assert "### The day before: Sun 8 Mar 2026" in md
    assert "Mon 9 Mar 2026 (in 3 days)" in md
    assert "checklist 1 of" in md
    assert "Is there anything in my background that makes you hesitate?" in md


def test_prep_sheet_escapes_hostile_user_text():
    hostile = (
        "# Owned\n| a | b |\n- [x] fake done item\n<script>alert(1)</script>\n[x](javascript:1)"
    )
    answers = upsert_practice_answer(
        None, "tell-me-about-yourself", hostile, None, None, None, None, True, NOW
    )
    answers = upsert_practice_answer(
        answers, "gone | question", None, None, None, None, "kept", False, NOW
    )
    md = _sheet(answers, label="# Big | <b>Corp</b>")
    lines = md.splitlines()
    assert lines[0] == r"# Prep sheet: \# Big \| \<b\>Corp\</b\>"
    assert sum(line.startswith("# ") for line in lines) == 1
    assert not any(line.lstrip().startswith(("- [x] fake", "| a |", "<script>")) for line in lines)
    assert not re.search(r"(?<!\\)<", md), "raw HTML would reach a renderer"
    assert not re.search(r"(?<!\\)\]\(", md), "a user's link would be clickable"
    table_rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    unescaped_pipes = [len(re.findall(r"(?<!\\)\|", row)) for row in table_rows]
    assert unescaped_pipes == [4, 4, 4]  # header and two answers: three cells each
    assert r"gone \| question" in md
    assert r"- \| my own \| question" in md


def test_prep_sheet_for_general_prep_has_no_dates():
    plan = checklist_plan(None, date(2026, 3, 6))
    md = prep_sheet_markdown("General", None, plan, None, [], date(2026, 3, 6))
    assert "no date set" in md
    assert "### A week before\n" in md
    assert "_No practice answers yet._" in md
