"""Drawing the Prep page: the interview picker, its header and the practice workspace (the dated
checklist is in ``checklist``, the practice round in ``practice_round``, the reading tabs in
``guides``).
The content and the logic come from nextround.prep; this module only arranges them on screen and
hands saves to the Store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.prep.checklist import checklist_bar, checklist_figure
from components.shared.feedback import attempt
from components.shared.screen import forget_form_versions, form_version
from nextround.commands.prep import save_answer
from nextround.data_folder import NextRoundError, Store
from nextround.domain import dates
from nextround.domain.dates import format_day, relative_day
from nextround.domain.prep.answers import STAR_FIELDS, answer_word_count, questions_for_weak_spots
from nextround.domain.prep.checklist import GENERAL, checklist_plan
from nextround.domain.prep.content import (
    CORE_ROUND,
    Question,
    questions,
    questions_to_ask,
    round_name,
    rounds,
    star_guide,
)
from nextround.domain.prep.sheet import prep_sheet_html
from nextround.domain.self_check.ratings import WeakSpot
from nextround.text import article, cell_text
from nextround.views.markup import escape_markdown, safe_filename
from nextround.views.prep import GENERAL_INTERVIEW, Interview
from nextround.views.snapshot import Snapshot

#: Interviews this many days back stay on the picker, for the "right after" part of the plan.
#: Speaking pace for the one-to-two-minute guide (words a minute): a rough guide only.
WORDS_PER_MINUTE_LOW = 130
WORDS_PER_MINUTE_HIGH = 150
GUIDE_LOW_WORDS = 130  # about a minute at the slower pace
GUIDE_HIGH_WORDS = 300  # about two minutes at the faster pace

#: The page's tabs, in order, and the key that holds the open one (a test opens a tab by it).
TABS = (":material/checklist: Plan", ":material/edit_note: Your answers",
        ":material/timer: Practice round", ":material/visibility: What they look for",
        ":material/help: Questions to ask", ":material/menu_book: Guides")
TAB_KEY = "prep_tab"
_PICK_KEY = "prep_interview"



# --- Which interview ------------------------------------------------------------------------


def _choice_label(interview: Interview, today: date) -> str:
    if interview.is_general or interview.day is None:
        return "General preparation (no date)"
    return (
        f"{interview.title()} · {interview.kind()} · "
        f"{format_day(interview.day, today)} ({relative_day(interview.day, today)})"
    )


def interview_picker(choices: Sequence[Interview], today: date, requested: str | None) -> Interview:
    """The selectbox; defaults to the soonest upcoming interview, else general preparation."""
    options = [*choices, GENERAL_INTERVIEW]
    by_id = {i.id: i for i in options}
    upcoming = [i for i in choices if not i.has_passed(today)]
    if requested in by_id:
        st.session_state[_PICK_KEY] = requested
    elif st.session_state.get(_PICK_KEY) not in by_id:
        st.session_state[_PICK_KEY] = upcoming[0].id if upcoming else GENERAL
    chosen = st.selectbox(
        "Preparing for",
        list(by_id),
        format_func=lambda i: _choice_label(by_id[i], today),
        key=_PICK_KEY,
        help="Upcoming interviews from your pipeline, and those of the past week for the "
        "'right after' steps.",
    )
    return by_id[chosen]


# --- Header ---------------------------------------------------------------------------------


def interview_header(store: Store, interview: Interview, plan: pd.DataFrame,
                     answers: pd.DataFrame, ask_round: str, today: date) -> None:
    """Who and when, the countdown, the checklist progress (which a tick on the plan redraws)
    and the prep sheet download."""
    title, download = st.columns([3, 1], vertical_alignment="bottom")
    with title:
        if interview.is_general:
            st.header("General preparation", anchor=False)
            st.caption(
                "Not tied to a date: work through the checklist and your answers at your own "
                "pace. Log an interview with its date in your pipeline and it appears here with "
                "a plan dated back from that day."
            )
        else:
            st.header(escape_markdown(interview.title()), anchor=False)
            line = f"{interview.kind()} on {format_day(interview.day, today)}"
            if interview.interviewers:
                names = interview.interviewers.replace(";", ",")
                line += f" · with {escape_markdown(names)}"
            st.caption(line)
    with download:
        sheet_download(store, interview, plan, answers, ask_round, today)
    if interview.day is None:
        when_label, when_value = "Interview", "no date"
    elif (interview.day - today).days > 0:
        when_label, when_value = "Days to go", str((interview.day - today).days)
    else:
        when_label, when_value = "Interview", relative_day(interview.day, today)
    left, middle, right = st.columns(3)
    left.metric(when_label, when_value)
    with middle:
        checklist_figure(store, interview, today)
    right.metric("Answers ready", ready_count(answers))
    checklist_bar(store, interview, today)


def ready_count(answers: pd.DataFrame) -> int:
    if answers.empty:
        return 0
    return int(answers["ready"].astype("boolean").fillna(False).sum())


def sheet_download(
    store: Store,
    interview: Interview,
    drawn_plan: pd.DataFrame,
    answers: pd.DataFrame,
    ask_round: str,
    today: date,
) -> None:
    label = interview.title()
    if not interview.is_general:
        label = f"{label} ({interview.kind().lower()})"

    def sheet() -> bytes:
        # The ticks as the file has them when the button is pressed: the plan below may have
        # been ticked since this header was drawn.
        try:
            plan = checklist_plan(interview.day, today, store.load("prep_progress"),
                                  interview.id)
        except NextRoundError:  # the file broke since: the ticks as this page shows them
            plan = drawn_plan
        return prep_sheet_html(
            label, interview.day, plan, answers, questions_to_ask(ask_round), today
        ).encode("utf-8")

    st.download_button(
        "Download the prep sheet",
        sheet,
        file_name=safe_filename("prep-sheet", interview.company[:40] or "general",
                                f"{today:%Y-%m-%d}", suffix=".html"),
        mime="text/html",
        key="prep_sheet_download",
        icon=":material/download:",
        width="stretch",
        on_click="ignore",
        help="The checklist, your practice answers and your questions to ask, as a page that "
        "opens in your browser, ready to print (its Print button, or Ctrl+P / Cmd+P).",
    )


def questions_to_practise(asked: Sequence[tuple[str, str]]) -> None:
    """The question(s) a recent self-check named to prepare better: whatever the company, the
    next interview is the chance to answer them well."""
    if not asked:
        return
    with st.container(border=True):
        title = "The question you wanted to prepare better" if len(asked) == 1 else \
            "The questions you wanted to prepare better"
        st.markdown(f":material/lightbulb: **{title}**")
        for text, where in asked:
            st.markdown(f"- {escape_markdown(text)} :gray[(from {escape_markdown(where)})]")
        st.caption("Practise it out loud, or build it as a STAR story under **Your answers**: "
                   "the next interview may well ask something like it.")


# --- Practice answers -----------------------------------------------------------------------


def pick_round(widget: Callable[..., Any], label: str, options: list[str], key: str,
               default: str, names: Callable[[str], str] = round_name, **shown: Any) -> str:
    """A chooser of question rounds that starts on ``default``, and goes back to it when the
    round it remembers is no longer in the content."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return widget(label, options, format_func=names, key=key, **shown) or default


def saved_answers(answers: pd.DataFrame) -> dict[str, dict[str, Any]]:
    if answers.empty:
        return {}
    return {str(r["id"]): r for r in answers.to_dict("records")}


def _is_ready(row: Mapping[str, Any] | None) -> bool:
    value = None if row is None else row.get("ready")
    return value is not None and not pd.isna(value) and bool(value)


def has_text(row: Mapping[str, Any] | None) -> bool:
    return row is not None and answer_word_count(row) > 0


def _weak_tags(weak: Sequence[WeakSpot]) -> set[str]:
    return {tag for spot in weak for tag in spot.prep_tags}


def _question_key(round_id: str) -> str:
    return f"prep_question_{round_id.replace(' ', '_')}"


def _open_question(round_key: str, round_id: str, question_id: str) -> None:
    st.session_state[round_key] = round_id
    st.session_state[_question_key(round_id)] = question_id


def weak_spots_panel(weak: Sequence[WeakSpot], had_checks: bool, round_key: str) -> None:
    if not weak:
        if had_checks:
            st.caption(
                ":material/verified: Nothing was rated 2 or lower in your latest self-checks, "
                "so there are no weak spots to work on right now."
            )
        else:
            st.info(
                "Weak spots show up here once you finish a self-check after an interview: the "
                "skills you rate 2 or lower, with a tip and the questions that train them "
                "brought to the top.",
                icon=":material/target:",
            )
        return
    with st.container(border=True):
        st.markdown("**Your weak spots** (rated 2 or lower in your latest self-checks)")
        for spot in weak:
            st.markdown(f":material/target: **{spot.label}.** To improve: {spot.tip}")
            tags = set(spot.prep_tags)
            matching = [q for q in questions_for_weak_spots([spot]) if tags & set(q.tags)][:3]
            if matching:
                row = st.container(horizontal=True)
                for q in matching:
                    row.button(
                        q.text,
                        key=f"prep_weak_{spot.item_id}_{q.id}",
                        icon=":material/arrow_forward:",
                        type="tertiary",
                        on_click=_open_question,
                        args=(round_key, q.round, q.id),
                    )


def answers_section(
    store: Store,
    snapshot: Snapshot,
    interview: Interview,
    default_round: str,
    weak: Sequence[WeakSpot],
) -> None:
    saved = saved_answers(snapshot["practice_answers"])
    round_key = f"prep_round_{interview.id}"
    weak_spots_panel(weak, not snapshot["self_checks"].empty, round_key)
    round_id = pick_round(
        st.radio, "Questions for", [r.id for r in rounds()], round_key, default_round,
        horizontal=True,
    )
    blurb = {r.id: r.blurb for r in rounds()}[round_id]
    if not interview.is_general and round_id == default_round != CORE_ROUND:
        blurb += f" Suggested for {article(interview.interview_type)} interview."
    st.caption(blurb)

    ordered = questions_for_weak_spots(weak, questions(round_id))
    weak_tags = _weak_tags(weak)
    by_id = {q.id: q for q in ordered}
    pick_key = _question_key(round_id)
    if st.session_state.get(pick_key) not in by_id:
        st.session_state[pick_key] = ordered[0].id

    def label(qid: str) -> str:
        row = saved.get(qid)
        mark = ""
        if _is_ready(row):
            mark = ":green[:material/check_circle:]"
        elif has_text(row):
            mark = ":orange[:material/edit_note:]"
        extra = " :violet[:material/target:]" if weak_tags & set(by_id[qid].tags) else ""
        return f"{mark} {by_id[qid].text}{extra}".strip()

    ready_here = sum(_is_ready(saved.get(q.id)) for q in ordered)
    pick, work = st.columns([2, 3], gap="large")
    with pick:
        qid = st.radio(
            f"{ready_here} of {len(ordered)} answers ready in this round",
            list(by_id),
            format_func=label,
            key=pick_key,
        )
        legend = ":green[:material/check_circle:] ready · :orange[:material/edit_note:] draft"
        if weak_tags:
            legend += " · :violet[:material/target:] trains a weak spot"
        st.caption(legend)
    with work:
        practice_area(store, snapshot, by_id[qid], saved.get(qid))


def tip_and_pitfall(question: Question, key: str) -> None:
    row = st.container(horizontal=True)
    with row.popover("How to answer it", icon=":material/lightbulb:", key=f"{key}_tip"):
        st.markdown(question.tip)
    with row.popover("Common pitfall", icon=":material/report:", key=f"{key}_pitfall"):
        st.markdown(question.pitfall)


def field_text(row: Mapping[str, Any] | None, name: str) -> str:
    """A saved answer's field for its box: "" while there is no saved answer or no text."""
    return "" if row is None else cell_text(row.get(name))


def practice_area(
    store: Store,
    snapshot: Snapshot,
    question: Question,
    row: Mapping[str, Any] | None,
) -> None:
    # The answers' version when this page drew them: a save refuses another tab's newer answer.
    expected = form_version("prep_answers", snapshot, "practice_answers")
    st.subheader(question.text, anchor=False)
    if question.figure:
        st.caption(f":material/bar_chart: {question.figure} Source: {question.source}.")
    tip_and_pitfall(question, f"prep_answer_{question.id}")
    guide = star_guide()
    star_written = any(field_text(row, f) for f in STAR_FIELDS)
    with st.form(f"prep_answer_form_{question.id}", border=True):
        if question.star:
            st.caption(f"A {guide.name} story fits this question. {guide.intro}")
            star_box = st.container()
        else:
            star_box = st.expander(
                f"Build it as a {guide.name} story (optional)", expanded=star_written
            )
        values: dict[str, str] = {}
        with star_box:
            for field_name, step in zip(STAR_FIELDS, guide.steps, strict=True):
                values[field_name] = st.text_area(
                    f"{step.letter}: {step.name}",
                    value=field_text(row, field_name),
                    placeholder=step.prompt,
                    key=f"prep_answer_{field_name}_{question.id}",
                    height=80,
                )
        values["answer"] = st.text_area(
            "Your answer, as you would say it",
            value=field_text(row, "answer"),
            placeholder="Write it the way you would say it out loud.",
            key=f"prep_answer_answer_{question.id}",
            height=160,
        )
        ready = st.toggle(
            "Ready: I am happy with this answer",
            value=_is_ready(row),
            key=f"prep_answer_ready_{question.id}",
        )
        submitted = st.form_submit_button("Save answer", icon=":material/save:", type="primary")
        if submitted:
            _save_answer(store, expected, question, row, values, ready)
    _length_guide(row)


def _save_answer(
    store: Store,
    expected: str,
    question: Question,
    row: Mapping[str, Any] | None,
    values: Mapping[str, str],
    ready: bool,
) -> None:
    if row is None and not any(v.strip() for v in values.values()):
        st.warning("Write at least a few words first.", icon=":material/edit:")
        return
    def save() -> None:
        save_answer(store, question.id, values, ready, dates.now(), expected)

    message = "Answer saved and marked ready." if ready else "Answer saved."
    if attempt(save, success=message):
        forget_form_versions("practice_answers")
        st.rerun()


def _spoken(words: int) -> str:
    seconds_slow = round(words / WORDS_PER_MINUTE_LOW * 60)
    seconds_fast = round(words / WORDS_PER_MINUTE_HIGH * 60)
    low, high = sorted((seconds_fast, seconds_slow))

    def fmt(seconds: int) -> str:
        return f"{seconds // 60}:{seconds % 60:02d}"

    return f"about {fmt(low)} to {fmt(high)} spoken"


def _length_guide(row: Mapping[str, Any] | None) -> None:
    words = answer_word_count(row) if row is not None else 0
    guide = (
        f"Aim for one to two minutes. At a usual speaking pace of about "
        f"{WORDS_PER_MINUTE_LOW} to {WORDS_PER_MINUTE_HIGH} words a minute that is roughly "
        f"{GUIDE_LOW_WORDS} to {GUIDE_HIGH_WORDS} words: a rough guide, since everyone speaks "
        "at their own pace. Time yourself in the practice round."
    )
    if not words:
        st.caption(f":material/timer: {guide}")
        return
    if words < GUIDE_LOW_WORDS:
        verdict = "on the short side: fine for a quick question; a story may need its result."
    elif words <= GUIDE_HIGH_WORDS:
        verdict = "within the one-to-two-minute range."
    else:
        verdict = "over two minutes: try cutting the situation short and ending on the result."
    st.markdown(f":material/timer: **Saved answer: {words} words**, {_spoken(words)}: {verdict}")
    st.caption(guide)
