"""Prep content and logic: what a user preparing for the next interview would notice."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime

import pandas as pd
import pytest

from nextround.domain.catalog import load_catalog
from nextround.domain.prep import content
from nextround.storage.frames import convert_columns, to_csv_text, typed_frame
from nextround.storage.schema import get_table

INTERVIEW = date(2026, 3, 9)
NOW = datetime(2026, 3, 5, 18, 30)


def shipped_catalogs() -> dict[str, dict]:
    """Deep copies, so a test can break one without touching the cached originals."""
    return {name: copy.deepcopy(load_catalog(name)) for name in content.CATALOG_NAMES}


# --- Content --------------------------------------------------------------------------------


def test_shipped_content_validates():
    assert content.validate_content() == []


def test_core_set_has_the_staple_questions():
    core = {q.id for q in content.questions("core")}
    assert len(core) >= 12
    staples = {
        "tell-me-about-yourself",
        "why-this-job",
        "why-leave",
        "strength-and-weakness",
        "difficult-situation",
        "why-hire-you",
        "what-do-you-know-about-us",
        "conflict-with-coworker",
        "a-mistake",
        "five-years",
        "salary-expectations",
        "questions-for-us",
    }
    assert staples <= core


@pytest.mark.parametrize("round_id", ["core", "phone screen", "behavioural", "technical", "final"])
def test_every_round_has_a_question_set_and_questions_to_ask(round_id):
    assert len(content.questions(round_id)) >= 3
    assert all(q.round == round_id for q in content.questions(round_id))
    assert content.questions_to_ask(round_id)


def test_every_question_has_tip_pitfall_and_known_tags():
    vocabulary = set(load_catalog("questions")["tag_vocabulary"])
    for q in content.questions():
        assert q.tip.strip() and q.pitfall.strip(), q.id
        assert set(q.tags) <= vocabulary, q.id
        assert q.star == ("star" in q.tags), q.id


def test_every_stated_figure_carries_a_source():
    texts = [(q.id, f"{q.figure} {q.tip}", q.source) for q in content.questions()]
    texts += [(m.id, m.text, m.source) for m in content.mistakes() if m.percent is not None]
    tips = (*content.handling_notes(), *content.waiting_tips())
    texts += [(t.id, t.text, t.source) for t in tips]
    texts += [(i.id, i.detail or "", i.source) for i in content.checklist()]
    texts += [(g.id, g.figure or "", g.source) for g in content.quality_groups()]
    with_figures = [(i, s) for i, t, s in texts if "%" in t]
    assert with_figures, "the content states figures; this test must see some"
    assert all(source for _, source in with_figures), with_figures


def test_qualities_cover_the_three_questions():
    groups = {g.id: g for g in content.quality_groups()}
    assert [g.question for g in groups.values()] == [
        "Can you do it?",
        "Will you fit?",
        "Do you want it?",
    ]
    items = content.qualities()
    assert 18 <= len(items) <= 25
    for group_id in groups:
        assert any(q.group == group_id for q in items)
    assert all(q.how_to_show.strip() for q in items)
    assert groups["can-you-do-it"].source and "61%" in (groups["can-you-do-it"].figure or "")


def test_mistakes_lead_with_the_most_counted():
    ranked = content.mistakes()
    assert ranked[0].percent == 77
    figures = [m.percent for m in ranked if m.percent is not None]
    assert figures == sorted(figures, reverse=True)
    assert ranked[-1].percent is None  # unquantified ones last


def test_star_guide_spells_star_and_par():
    guide = content.star_guide()
    assert "".join(s.letter for s in guide.steps) == "STAR"
    assert "".join(s.letter for s in guide.short_steps) == "PAR"
    assert all(s.prompt for s in (*guide.steps, *guide.short_steps))


def test_debrief_prompts_feed_the_reflection_and_note_fields():
    feeds = {p.feeds for p in content.debrief_prompts()}
    assert {"went_well", "to_change", "prepare_better", "specific_detail"} <= feeds
    assert feeds - {None} <= set(content.FEEDS)


def test_questions_to_ask_put_the_round_first_then_general_ones():
    final = content.questions_to_ask("final")
    rounds_in_order = [a.round for a in final]
    assert rounds_in_order[0] == "final"
    assert rounds_in_order == sorted(rounds_in_order, key=lambda r: r == content.ANY_ROUND)
    assert {a.round for a in content.questions_to_ask("core")} == {content.ANY_ROUND}


def test_interview_type_maps_to_a_round():
    assert content.round_for_interview_type("phone") == "phone screen"
    assert content.round_for_interview_type("panel") == "behavioural"
    assert content.round_for_interview_type("technical") == "technical"
    assert content.round_for_interview_type(None) == "core"


def test_unknown_round_is_an_error_not_an_empty_list():
    with pytest.raises(ValueError, match="unknown question round"):
        content.questions("lightning round")


# --- The validator catches what it promises to catch ----------------------------------------


def test_validator_reports_an_id_used_in_two_files():
    cats = shipped_catalogs()
    cats["checklist"]["items"][0]["id"] = "tell-me-about-yourself"
    problems = content.validate_content(cats)
    assert any("'tell-me-about-yourself' is also used" in p for p in problems)


def test_validator_reports_a_figure_without_a_source():
    cats = shipped_catalogs()
    del cats["questions"]["questions"][0]["source"]
    problems = content.validate_content(cats)
    assert any("tell-me-about-yourself" in p and "no source" in p for p in problems)


def test_validator_reports_missing_tip_unknown_tag_and_thin_core_set():
    cats = shipped_catalogs()
    questions = cats["questions"]["questions"]
    questions[1]["tip"] = "  "
    questions[2]["tags"] = ["charisma"]
    dropped = {"five-years", "greatest-achievement", "how-colleagues-describe-you"}
    cats["questions"]["questions"] = [q for q in questions if q["id"] not in dropped]
    problems = "\n".join(content.validate_content(cats))
    assert "why-this-job) has no tip" in problems
    assert "unknown tag 'charisma'" in problems
    assert "round 'core' has 11 questions" in problems


# --- The dated checklist --------------------------------------------------------------------


def _plan_row(plan: pd.DataFrame, item_id: str) -> pd.Series:
    return plan.set_index("item_id").loc[item_id]


def test_plan_counts_dates_back_from_the_interview():
    plan = content.checklist_plan(INTERVIEW, today=date(2026, 3, 1))
    assert list(plan.columns) == list(content.PLAN_COLUMNS)
    assert _plan_row(plan, "prep-research-company")["due"] == pd.Timestamp(2026, 3, 2)
    assert _plan_row(plan, "prep-plan-route")["due"] == pd.Timestamp(2026, 3, 8)
    assert _plan_row(plan, "prep-arrive-early")["due"] == pd.Timestamp(2026, 3, 9)
    assert _plan_row(plan, "prep-thank-you")["due"] == pd.Timestamp(2026, 3, 10)
    assert set(plan["status"]) == {"upcoming"}
    assert plan["due"].dtype == "datetime64[us]"


def test_plan_statuses_on_the_day_before():
    progress = content.set_item_done(None, "E00007", "prep-study-posting", True, NOW)
    plan = content.checklist_plan(INTERVIEW, date(2026, 3, 8), progress, interview_id="E00007")
    assert _plan_row(plan, "prep-research-company")["status"] == "overdue"
    assert _plan_row(plan, "prep-study-posting")["status"] == "done"
    assert _plan_row(plan, "prep-plan-route")["status"] == "due today"
    assert _plan_row(plan, "prep-arrive-early")["status"] == "upcoming"
    assert content.progress_summary(plan) == (1, len(plan), 1 / len(plan))


def test_general_plan_has_no_due_dates():
    progress = content.set_item_done(None, content.GENERAL, "prep-know-resume", True, NOW)
    plan = content.checklist_plan(None, date(2026, 3, 8), progress, interview_id=content.GENERAL)
    assert plan["due"].isna().all()
    assert set(plan["status"]) == {"upcoming", "done"}
    assert _plan_row(plan, "prep-know-resume")["done"]


def test_progress_of_another_interview_does_not_tick_this_one():
    progress = content.set_item_done(None, "E00001", "prep-research-company", True, NOW)
    plan = content.checklist_plan(INTERVIEW, date(2026, 3, 1), progress, interview_id="E00002")
    assert not plan["done"].any()


def test_progress_with_missing_done_cells_counts_as_not_done():
    progress = typed_frame(
        "prep_progress",
        [{"id": "E1:prep-print", "interview_id": "E1", "item_id": "prep-print", "done": None}],
    )
    plan = content.checklist_plan(INTERVIEW, date(2026, 3, 1), progress, interview_id="E1")
    assert content.progress_summary(plan)[0] == 0


def test_empty_plan_summary():
    empty = content.checklist_plan(INTERVIEW, date(2026, 3, 1)).iloc[0:0]
    assert content.progress_summary(empty) == (0, 0, 0.0)


# --- Progress storage -----------------------------------------------------------------------


def test_progress_key_joins_interview_and_item():
    assert content.progress_key("E00012", "prep-print") == "E00012:prep-print"
    with pytest.raises(ValueError):
        content.progress_key("", "prep-print")


def test_ticking_and_unticking_keeps_one_row_per_item():
    first = content.set_item_done(None, "E1", "prep-print", True, NOW)
    second = content.set_item_done(first, "E1", "prep-clothes", True, NOW)
    untick = content.set_item_done(second, "E1", "prep-print", False, datetime(2026, 3, 6, 9))
    assert list(untick["id"]) == ["E1:prep-print", "E1:prep-clothes"]
    print_row = untick.set_index("id").loc["E1:prep-print"]
    assert not print_row["done"]
    assert pd.isna(print_row["done_at"])
    assert untick.set_index("id").loc["E1:prep-clothes", "done_at"] == pd.Timestamp(NOW)
    expected = {
        c.name: str(dt)
        for c, dt in zip(
            get_table("prep_progress").columns,
            ["str", "str", "str", "boolean", "datetime64[us]"],
            strict=True,
        )
    }
    assert {k: str(v) for k, v in untick.dtypes.items()} == expected


def test_progress_survives_a_csv_round_trip():
    progress = content.set_item_done(None, "E1", "prep-print", True, NOW)
    progress = content.set_item_done(progress, content.GENERAL, "prep-reread", False, NOW)
    table = get_table("prep_progress")
    text = to_csv_text(table, progress)
    reloaded, problems = convert_columns(table, text)
    assert problems == []
    pd.testing.assert_frame_equal(reloaded, progress)
    plan = content.checklist_plan(INTERVIEW, date(2026, 3, 1), reloaded, interview_id="E1")
    assert list(plan.loc[plan["done"], "item_id"]) == ["prep-print"]


def test_user_columns_in_progress_survive_an_update():
    progress = content.set_item_done(None, "E1", "prep-print", True, NOW)
    progress["my_note"] = pd.Series(["printed twice"], dtype="str")
    updated = content.set_item_done(progress, "E1", "prep-clothes", True, NOW)
    assert updated["my_note"].dtype == "str"
    assert updated["my_note"].iloc[0] == "printed twice"
    assert pd.isna(updated["my_note"].iloc[1])


# --- Practice answers -----------------------------------------------------------------------


def test_practice_answer_upsert_replaces_in_place():
    answers = content.upsert_practice_answer(
        None, "why-leave", None, None, None, None, "Looking for bigger projects.", False, NOW
    )
    answers = content.upsert_practice_answer(
        answers,
        "a-mistake",
        "At my last job",
        "I owned reports",
        "I rebuilt the check",
        "",
        "  ",
        False,
        NOW,
    )
    later = datetime(2026, 3, 7, 8)
    answers = content.upsert_practice_answer(
        answers, "why-leave", None, None, None, None, "I want to lead a team.", True, later
    )
    assert list(answers["id"]) == ["why-leave", "a-mistake"]
    first = answers.iloc[0]
    assert first["answer"] == "I want to lead a team."
    assert bool(first["ready"]) and first["updated_at"] == pd.Timestamp(later)
    assert pd.isna(answers.iloc[1]["result"]) and pd.isna(answers.iloc[1]["answer"])
    assert answers["ready"].dtype == "boolean"


def test_word_count_uses_the_spoken_answer_else_the_star_notes():
    spoken = {"situation": "one two", "answer": "I led a team of four."}
    assert content.answer_word_count(spoken) == 6
    notes = {"situation": "At a shop", "task": float("nan"), "action": "I fixed it", "result": None}
    assert content.answer_word_count(notes) == 6
    assert content.answer_word_count({}) == 0


# --- Weak spots -----------------------------------------------------------------------------


def _self_checks(ratings_by_day: list[tuple[date, str | None]]) -> pd.DataFrame:
    return typed_frame(
        "self_checks",
        [
            {"id": f"S{i:04d}", "interview_date": day, "ratings": ratings}
            for i, (day, ratings) in enumerate(ratings_by_day)
        ],
    )


def test_weak_spots_ignore_broken_json_and_bad_scores():
    checks = _self_checks(
        [
            (date(2026, 3, 1), "{not json"),
            (date(2026, 3, 2), json.dumps({"listening": 1, "rapport": 9, "clarity": "2"})),
            (date(2026, 3, 3), json.dumps(["listening", 1])),
            (date(2026, 3, 4), None),
        ]
    )
    checks = checks.iloc[[3, 0, 2, 1]]  # row order must not matter, only the dates
    assert content.weak_spots(checks, recent=4) == ["listening", "clarity"]


def test_weak_spots_rank_repeated_lows_first_and_forget_old_checks():
    checks = _self_checks(
        [
            (date(2026, 1, 5), json.dumps({"on-time": 1})),  # old: outside the recent window
            (date(2026, 2, 1), json.dumps({"opening": 2, "closing": 1, "listening": 5})),
            (date(2026, 2, 20), json.dumps({"opening": 2, "closing": 4})),
            (date(2026, 3, 2), json.dumps({"opening": 1, "weakness": 2})),
        ]
    )
    # opening: low three times. weakness and closing: low once each, but closing has since
    # been rated 4, so its average (2.5) is better than weakness's (2).
    assert content.weak_spots(checks, limit=3, recent=3) == ["opening", "weakness", "closing"]
    assert content.weak_spots(checks, limit=1) == ["opening"]
    assert content.weak_spots(None) == []


def test_questions_for_weak_spots_put_matching_tags_first():
    rating_items = [
        {"id": "asking-questions", "prep_tags": ["questions-to-ask"]},
        {"id": "opening", "prep_tags": ["opening"]},
        {"id": "on-time", "prep_tags": []},
    ]
    ordered = content.questions_for_weak_spots(["asking-questions", "opening"], rating_items)
    assert ordered[0].id == "questions-for-us"
    matching = [q for q in ordered if {"questions-to-ask", "opening"} & set(q.tags)]
    assert ordered[: len(matching)] == matching
    assert "opening" in ordered[1].tags
    assert sorted(q.id for q in ordered) == sorted(q.id for q in content.questions())
    unchanged = content.questions_for_weak_spots(["on-time", "not-an-item"], rating_items)
    assert unchanged == content.questions()


def test_practice_round_is_a_repeatable_shuffle():
    ids = [q.id for q in content.questions()]
    first = content.practice_round(content.questions(), seed=7)
    assert first == content.practice_round(ids, seed=7)
    assert sorted(first) == sorted(ids)
    assert first != ids
    assert first != content.practice_round(ids, seed=8)


# --- The printable prep sheet ---------------------------------------------------------------


def _sheet(answers: pd.DataFrame | None, label: str = "Acme, data analyst") -> str:
    progress = content.set_item_done(None, "E1", "prep-research-company", True, NOW)
    plan = content.checklist_plan(INTERVIEW, date(2026, 3, 6), progress, interview_id="E1")
    asks = [*content.questions_to_ask("final")[:2], "| my own | question"]
    return content.prep_sheet_markdown(label, INTERVIEW, plan, answers, asks, date(2026, 3, 6))


def test_prep_sheet_shows_ticked_and_open_items_with_dates():
    md = _sheet(None)
    assert "- [x] Research the company" in md
    assert "- [ ] Study the job posting _(overdue)_" in md
    assert "### The day before: Sun 8 Mar 2026" in md
    assert "Mon 9 Mar 2026 (in 3 days)" in md
    assert "checklist 1 of" in md
    assert "Is there anything in my background that makes you hesitate?" in md


def test_prep_sheet_escapes_hostile_user_text():
    hostile = (
        "# Owned\n| a | b |\n- [x] fake done item\n<script>alert(1)</script>\n[x](javascript:1)"
    )
    answers = content.upsert_practice_answer(
        None, "tell-me-about-yourself", hostile, None, None, None, None, True, NOW
    )
    answers = content.upsert_practice_answer(
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
    plan = content.checklist_plan(None, date(2026, 3, 6))
    md = content.prep_sheet_markdown("General", None, plan, None, [], date(2026, 3, 6))
    assert "no date set" in md
    assert "### A week before\n" in md
    assert "_No practice answers yet._" in md
