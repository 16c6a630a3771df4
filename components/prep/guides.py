"""The Prep page's reading tabs: what interviewers look for, questions to ask them, and the
guides (STAR, the mistakes hiring managers count, the debrief, the wait). Content only: nothing
here saves."""

from __future__ import annotations

import streamlit as st

from components.prep.checklist import debrief_section
from components.prep.workspace import pick_round
from nextround.domain.prep.content import (
    CORE_ROUND,
    handling_notes,
    mistakes,
    qualities,
    quality_groups,
    questions_to_ask,
    round_name,
    rounds,
    star_guide,
    waiting_tips,
)
from nextround.views.prep import Interview

# --- What interviewers look for -------------------------------------------------------------


def qualities_section() -> None:
    st.caption(
        "Every question in an interview serves one of three questions. Answer all three and "
        "you have given them what they came for."
    )
    groups = quality_groups()
    every = qualities()
    for column, group in zip(st.columns(len(groups)), groups, strict=True):
        with column, st.container(border=True):
            st.subheader(group.question, anchor=False)
            st.write(group.explains)
            if group.figure:
                st.caption(f":material/bar_chart: {group.figure} Source: {group.source}.")
            for quality in (q for q in every if q.group == group.id):
                mark = " :gray[:small[:material/star:]]" if quality.source else ""
                st.markdown(f"**{quality.name}**{mark}  \n{quality.how_to_show}")
    sources = sorted({q.source for q in every if q.source})
    if sources:
        st.caption(
            ":material/star: Named by employers in a survey. Source: " + "; ".join(sources) + "."
        )


# --- Questions to ask and the guides --------------------------------------------------------


def ask_round_key(interview: Interview) -> str:
    return f"prep_ask_round_{interview.id}"


def ask_section(interview: Interview, default_round: str) -> None:
    round_id = pick_round(
        st.radio, "Round", [r.id for r in rounds()], ask_round_key(interview), default_round,
        names=lambda r: "Any round" if r == CORE_ROUND else round_name(r), horizontal=True)
    st.caption(
        "Bring three or four, and add one that builds on something said in the interview. "
        "Always have some: not asking good questions is a mistake 34% of hiring managers count "
        "against a candidate (CareerBuilder hiring-manager surveys, 2010-2016). These go on "
        "your prep sheet."
    )
    for ask in questions_to_ask(round_id):
        text = f":material/help: **{ask.text}**"
        if ask.why:
            text += f"  \n{ask.why}"
        st.markdown(text)


def guides_section() -> None:
    star, avoid = st.columns(2, gap="large")
    with star:
        guide = star_guide()
        st.subheader(f"The {guide.name} method", anchor=False)
        st.write(guide.intro)
        for step in guide.steps:
            st.markdown(f"**{step.letter}: {step.name}.** {step.prompt}")
        st.markdown(f"**{guide.short_name}**, the short version. {guide.short_intro}")
        st.markdown(" · ".join(f"**{s.letter}**: {s.name}" for s in guide.short_steps))
        st.subheader("Answering well", anchor=False)
        for note in handling_notes():
            st.markdown(f"- {note.text}" + (f" _(Source: {note.source}.)_" if note.source else ""))
    with avoid:
        st.subheader("Mistakes hiring managers count most", anchor=False)
        for mistake in mistakes():
            share = f"**{mistake.percent}%** · " if mistake.percent is not None else ""
            st.markdown(f"{share}**{mistake.text}.** {mistake.avoid}")
        sources = sorted({m.source for m in mistakes() if m.source})
        st.caption("Share of hiring managers who named it. Source: " + "; ".join(sources) + ".")
        st.subheader("Right after: your debrief", anchor=False)
        debrief_section()
    st.subheader("Staying sane while you wait", anchor=False)
    for tip in waiting_tips():
        st.markdown(f"- {tip.text}" + (f" _(Source: {tip.source}.)_" if tip.source else ""))
