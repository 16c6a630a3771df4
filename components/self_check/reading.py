"""The self-check page's reading and what follows it: the reading with its caveats (opening
with a few warm words when it points down), the dated plan, and looking back over past checks.

Session state keys all start with "sc_".
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from components.self_check.choose_and_save import PENDING_KEY, Target
from components.shared.navigation import go_to, has_page, page_path
from nextround.charts.self_check import contributions_chart, score_gauge
from nextround.charts.spec import shipped
from nextround.domain.dates import format_day
from nextround.domain.self_check.content import (
    not_enough_band,
    rating_scale,
    rests_on_words,
    sign_sources,
    signs_catalog,
    survey_figure,
    weights_note,
)
from nextround.domain.self_check.plan import PlanStep
from nextround.domain.self_check.saved import QUICK_CHECK_LABEL, newest_first
from nextround.domain.self_check.scoring import (
    CheckResult,
    SignEffect,
    opening_words,
    rests_on_sentence,
)
from nextround.views.markup import escape_markdown
from nextround.views.self_check import Drawn, reading_words

NOT_PREDICTION = "caveat-not-prediction"

# ---- The reading -----------------------------------------------------------------------------


def _effect_line(effect: SignEffect) -> str:
    answer = f"{effect.answer}, {effect.basis}" if effect.inferred else effect.answer
    return f"- {escape_markdown(effect.label)} ({escape_markdown(answer)})"


def rests_on_text(result: CheckResult) -> str:
    """'What it rests on: only 2 signs, so treat it as rough.': words first."""
    return f"**{rests_on_words()['label']}:** {rests_on_sentence(result)}"


def reading(result: CheckResult, rejected: bool = False) -> None:
    """The band in words, what it rests on, the score as a picture, why, and the caveats,
    always together. A rejection logged since is said first and connected to the reading; a
    reading that points down opens with a few warm words in proportion to it."""
    st.header("Your reading", anchor="reading")
    for line in opening_words(result, rejected):
        st.markdown(f":material/favorite: {line}")
    caveats = {c.id: c for c in result.caveats}
    not_prediction = caveats.pop(NOT_PREDICTION, None)
    with st.container(border=True):
        st.markdown(f"### {result.band}")
        st.markdown(result.band_meaning)
        if result.score is not None:
            st.markdown(rests_on_text(result))
            title = f"Where the signs balance: {result.score:.0f} of 100"
            st.vega_lite_chart(spec=shipped(score_gauge(result).properties(title=title)),
                               width="stretch")
        if not_prediction is not None:
            st.info(f"**Not a prediction.** {not_prediction.text}", icon=":material/info:")
    if result.score is not None:
        up, down = st.columns(2, gap="large")
        with up:
            st.markdown("**Pointing up most**")
            lines = [_effect_line(e) for e in result.top_up]
            st.markdown("\n".join(lines) if lines else "Nothing you answered points up.")
        with down:
            st.markdown("**Pointing down most**")
            lines = [_effect_line(e) for e in result.top_down]
            st.markdown("\n".join(lines) if lines else "Nothing you answered points down.")
    # The columns above already list what pointed up and down, and the band's meaning is shown
    # with it; the rest of the explanation is what is left to say.
    # "What it rests on" above already says when to treat it as rough.
    rough = signs_catalog()["reading"]
    said = (not_enough_band().meaning, "Pointing up most:", "Pointing down most:",
            "Nothing you answered points", rough["rough"], rough["rough_light"])
    why = [line for line in result.explanation if not line.startswith(said)]
    if why:
        st.markdown("**Why it reads this way**")
        st.markdown("\n".join(f"- {line}" for line in why))
    if result.score is not None:
        st.vega_lite_chart(spec=shipped(contributions_chart(result)), width="stretch")
    st.markdown("**Keep in mind**")
    st.markdown(
        "\n".join(
            f"- {c.text} :gray[({escape_markdown(c.source)})]" for c in caveats.values()
        )
    )
    how_it_works()


def how_it_works() -> None:
    scale = rating_scale()
    figure = survey_figure()
    sources = sign_sources()
    with st.expander("How this reading works", icon=":material/menu_book:"):
        st.markdown(
            "Each sign you answer **yes** counts by its weight (1 weak, 2 moderate, 3 strong), "
            "up for an encouraging sign and down for a warning sign. A **no** counts far less, "
            "because not seeing a good sign tells little; **not sure** counts for nothing. "
            "On some kinds of interview a sign counts for less or not at all (a recruiter "
            "screen asks everyone about pay), and two signs that describe one fact count once. "
            "Your self-rating adjusts the reading a little. The total is placed on a 0 to 100 "
            "scale that stops short of both ends: it shows how the signs you answered balance, "
            "not how likely an offer is."
        )
        st.markdown(f"**About the weights.** {weights_note()}")
        st.markdown(
            f"**The one measured sign.** {figure['text']} :gray[(Source: "
            f"{escape_markdown(figure['source'])}.)]"
        )
        st.markdown(
            f"**Self-rating.** {scale['threshold_note']} :gray[(Source: "
            f"{escape_markdown(scale['source'])}.)]"
        )
        st.caption(f"Sources for the encouraging signs: {escape_markdown(sources['positive'])}")
        st.caption(f"Sources for the warning signs: {escape_markdown(sources['negative'])}")


# ---- The plan --------------------------------------------------------------------------------


def _when(due: date | None, today: date) -> str:
    if due is None:
        return ""
    if due <= today:
        return "Today"
    if due == today + timedelta(days=1):
        return "Tomorrow"
    return format_day(due, today)


def _step_action(i: int, step: PlanStep, target: Target) -> None:
    key = f"sc_step_{target.key}_{i}"
    if step.action == "write_note" and has_page("Notes"):
        label = "Write it" if target.application_id else "Open Notes"
        if st.button(label, key=key, icon=":material/edit:", type="primary", width="stretch"):
            if target.application_id:
                go_to("Notes", application_id=target.application_id, kind=step.note_kind,
                      event_id=target.event_id)
            else:
                go_to("Notes")
    elif step.action == "prepare" and has_page("Prep"):
        if st.button("Open Prep", key=key, icon=":material/checklist:", width="stretch"):
            go_to("Prep")
    elif step.action in ("add_application", "review_applications"):
        # Follow-up dates live on Home; new applications are added on the Pipeline page.
        title = "Pipeline" if step.action == "add_application" and has_page("Pipeline") \
            else "Home"
        st.page_link(page_path(title), label=f"Open {title}",
                     icon=":material/view_kanban:" if title == "Pipeline" else ":material/home:")
    elif step.action == "reflect":
        st.caption(":material/south: Write it below")


def plan_steps(steps: list[PlanStep], result: CheckResult, target: Target,
               today: date) -> None:
    st.header("What now", anchor="plan")
    st.caption("The same steps help whatever the reading says: acting is what makes the wait "
               "easier.")
    for i, step in enumerate(steps):
        with st.container(border=True):
            text, when, action = st.columns([6, 1.3, 1.6], vertical_alignment="center")
            with text:
                st.markdown(f"**{i + 1}. {escape_markdown(step.title)}**")
                st.markdown(escape_markdown(step.detail))
                if step.lines:
                    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in step.lines))
                if step.source:
                    st.caption(f"Source: {escape_markdown(step.source)}")
                if step.action == "prepare" and result.weak_spots:
                    for spot in result.weak_spots:
                        st.caption(f"**{escape_markdown(spot.label)}** ({spot.rating} of 5): "
                                   f"{escape_markdown(spot.tip)}")
            label = _when(step.due, today)
            if label:
                when.markdown(f":material/event: **{label}**")
            with action:
                _step_action(i, step, target)


# ---- Looking back ----------------------------------------------------------------------------


def history(charts: tuple[Drawn, ...]) -> None:
    """``charts`` is ``views.self_check.readings_over_time`` (the page caches it)."""
    st.subheader("Your readings over time")
    if not charts:
        st.caption("Saved checks with a reading appear here as a line over time, so you can see "
                   "how your interviews read from one to the next.")
        return
    for chart in charts:
        st.vega_lite_chart(spec=chart.spec, width="stretch")
        st.caption(escape_markdown(chart.summary))


def saved_checks(checks: pd.DataFrame, choices: pd.DataFrame, today: date) -> None:
    """Every saved check, with a way to reopen any of them."""
    if checks.empty:
        return
    ordered = newest_first(checks)
    labels = dict(zip(choices["event_id"], choices["label"], strict=True))
    what = [
        labels.get(e, "An interview no longer in your records") if isinstance(e, str)
        else (lbl if isinstance(lbl, str) else QUICK_CHECK_LABEL)
        for e, lbl in zip(ordered["event_id"], ordered["label"], strict=True)
    ]
    with st.expander(f"All saved checks ({len(ordered)})", icon=":material/history:"):
        st.dataframe(
            pd.DataFrame({
                "Interview": what,
                "Reading": [reading_words(s, b) for s, b in
                            zip(ordered["score"], ordered["band"], strict=True)],
                "Saved": ordered["updated_at"].fillna(ordered["created_at"]),
            }),
            hide_index=True,
            width="stretch",
            column_config={"Saved": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
        )
        reopenable = [
            cid for cid, e in zip(ordered["id"], ordered["event_id"], strict=True)
            if not isinstance(e, str) or e in labels
        ]
        names = dict(zip(ordered["id"], what, strict=True))
        if not reopenable:
            return
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            "Reopen a check", reopenable, key="sc_reopen",
            format_func=lambda cid: f"{names[cid]} ({cid})",
        )
        if right.button("Reopen", key="sc_reopen_go", icon=":material/open_in_new:"):
            row = checks[checks["id"] == chosen].iloc[0]
            event_id = row["event_id"] if isinstance(row["event_id"], str) else None
            st.session_state[PENDING_KEY] = {"event_id": event_id, "check_id": chosen}
            st.rerun()
