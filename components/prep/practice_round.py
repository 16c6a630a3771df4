"""The Prep page's practice round: one question at a time, in a shuffled order, answered out
loud against a clock (a fragment that reruns each second while it runs)."""

from __future__ import annotations

import random
import time

import pandas as pd
import streamlit as st

from components.prep.workspace import (
    field_text,
    has_text,
    pick_round,
    saved_answers,
    tip_and_pitfall,
)
from nextround.domain.prep.answers import STAR_FIELDS, practice_round
from nextround.domain.prep.content import question_by_id, questions, round_name, rounds
from nextround.views.prep import Interview

_DRILL_SEED = "prep_drill_seed"
_DRILL_INDEX = "prep_drill_index"
_DRILL_STARTED = "prep_drill_started"
_DRILL_LAST = "prep_drill_last"


# --- Practice round -------------------------------------------------------------------------

ALL_ROUNDS = "all"


def _drill_start() -> None:
    st.session_state[_DRILL_STARTED] = time.time()
    st.session_state.pop(_DRILL_LAST, None)


def _drill_stop() -> None:
    started = st.session_state.pop(_DRILL_STARTED, None)
    if started is not None:
        st.session_state[_DRILL_LAST] = time.time() - started


def _drill_next() -> None:
    st.session_state[_DRILL_INDEX] = st.session_state.get(_DRILL_INDEX, 0) + 1
    st.session_state.pop(_DRILL_LAST, None)
    if _DRILL_STARTED in st.session_state:
        st.session_state[_DRILL_STARTED] = time.time()


def _drill_shuffle() -> None:
    st.session_state[_DRILL_SEED] = random.randrange(1_000_000)
    st.session_state[_DRILL_INDEX] = 0
    st.session_state.pop(_DRILL_STARTED, None)
    st.session_state.pop(_DRILL_LAST, None)


def _clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _clock() -> None:
    started = st.session_state.get(_DRILL_STARTED)
    if started is not None:
        elapsed = time.time() - started
        note = "keep going" if elapsed < 60 else "good length" if elapsed <= 120 else "wrap up"
        st.subheader(f":material/timer: {_clock_text(elapsed)} · {note}", anchor=False)
        return
    last = st.session_state.get(_DRILL_LAST)
    if last is not None:
        st.subheader(f":material/timer_off: {_clock_text(last)}", anchor=False)
        st.caption("Your time for this question. One to two minutes is a good length.")
    else:
        st.caption(
            ":material/timer: Press **Start**, answer out loud as if they had just asked, "
            "then press **Next question**."
        )


def practice_round_section(interview: Interview, default_round: str, answers: pd.DataFrame) -> None:
    st.caption(
        "One question at a time, in a shuffled order, answered out loud against the clock. "
        "Saying it is what makes it stick."
    )
    pool_id = pick_round(
        st.selectbox, "Questions from", [ALL_ROUNDS, *(r.id for r in rounds())],
        f"prep_drill_round_{interview.id}", default_round,
        names=lambda r: "Every round" if r == ALL_ROUNDS else round_name(r), width=320)
    pool = questions(None if pool_id == ALL_ROUNDS else pool_id)
    seed = st.session_state.setdefault(_DRILL_SEED, random.randrange(1_000_000))
    order = practice_round(pool, seed)
    index = st.session_state.get(_DRILL_INDEX, 0) % len(order)
    question = question_by_id()[order[index]]
    with st.container(border=True):
        st.caption(f"Question {index + 1} of {len(order)} · {round_name(question.round)}")
        st.subheader(question.text, anchor=False)
        running = _DRILL_STARTED in st.session_state
        st.fragment(_clock, run_every=1 if running else None)()
        buttons = st.container(horizontal=True)
        if running:
            buttons.button("Stop", key="prep_drill_stop", icon=":material/stop:",
                           on_click=_drill_stop)
        else:
            buttons.button("Start", key="prep_drill_start", icon=":material/play_arrow:",
                           type="primary", on_click=_drill_start)
        buttons.button("Next question", key="prep_drill_next", icon=":material/skip_next:",
                       on_click=_drill_next)
        buttons.button("Shuffle again", key="prep_drill_shuffle", icon=":material/shuffle:",
                       on_click=_drill_shuffle)
        tip_and_pitfall(question, "prep_drill")
        row = saved_answers(answers).get(question.id)
        if has_text(row):
            with st.expander("Your saved answer", icon=":material/description:"):
                for name in (*STAR_FIELDS, "answer"):
                    text = field_text(row, name)
                    if text:
                        st.caption(name.capitalize())
                        st.text(text)
