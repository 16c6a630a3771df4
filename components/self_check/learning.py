"""The self-check page's "What your outcomes say": readings against what happened, every
difference with its 90% interval and "too few to tell" when it spans none, the rates by source,
and the readings drawn against outcomes once there are enough."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from nextround.domain.self_check.learning import (
    MIN_FOR_CALIBRATION,
    rate_text,
)
from nextround.views.markup import escape_markdown
from nextround.views.self_check import OutcomesView


def learning(view: OutcomesView) -> None:
    """``view`` is ``views.self_check.outcomes_view`` (the page caches it)."""
    learned = view.said.learned
    st.subheader("What your outcomes say")
    if not learned.ready:
        st.progress(min(1.0, learned.known / learned.needed), text=learned.progress)
        st.caption(
            "A check's outcome is known once its application moves on (another round, an "
            f"offer) or ends (a rejection, no response). At {learned.needed} known outcomes "
            "this shows how your readings compared with what happened, and which signs most "
            "often came before a good outcome for you, each with its 90% interval."
        )
    else:
        _readings(view)


def tables(view: OutcomesView) -> None:
    """Below the two columns, at the page's width: the signs and the sources, whose intervals
    need the room, then the small-sample caveat."""
    said = view.said
    learned = said.learned
    if learned.ready:
        _signs(learned.sign_rates)
    _sources(said.sources)
    if learned.ready:
        st.warning(learned.caveat, icon=":material/science:")


def _readings(view: OutcomesView) -> None:
    learned = view.said.learned
    st.caption("Average reading before each kind of outcome (how many in brackets)")
    good, other = st.columns(2)
    good.metric(
        f"Good outcome ({learned.n_good})",
        "none yet" if learned.mean_score_good is None else f"{learned.mean_score_good:.0f}",
    )
    other.metric(
        f"Other outcomes ({learned.n_not_good})",
        "none yet" if learned.mean_score_not_good is None
        else f"{learned.mean_score_not_good:.0f}",
    )
    st.markdown(f"**The difference:** {escape_markdown(learned.score_words)}.")
    if view.calibration is None:
        st.caption(f"At {MIN_FOR_CALIBRATION} known outcomes, a chart of your readings against "
                   f"what happened appears here ({learned.known} so far).")
    else:
        st.vega_lite_chart(spec=view.calibration.spec, width="stretch")
        st.caption(escape_markdown(view.calibration.summary))


def _signs(rates: pd.DataFrame) -> None:
    top = rates[rates["difference"] != 0].head(6)
    if top.empty:
        st.caption("No sign was seen more often before one kind of outcome than the other.")
        return
    st.markdown("**Signs seen more often before one kind of outcome**")
    st.dataframe(
        top[["label", "seen_good", "seen_not_good", "says"]],
        hide_index=True, width="stretch",
        column_config={
            "label": st.column_config.TextColumn("Sign", width="medium"),
            "seen_good": st.column_config.TextColumn("Good outcomes", width="small"),
            "seen_not_good": st.column_config.TextColumn("Other outcomes", width="small"),
            "says": st.column_config.TextColumn(
                "Difference and what it says", width="large",
                help="In percentage points, with its 90% interval. \"Too few to tell\": the "
                     "interval spans no difference, so chance could explain it."),
        },
    )


def _sources(sources: pd.DataFrame) -> None:
    if sources.empty:
        return
    st.markdown("**Answers and interviews by where you found the job**")
    st.dataframe(
        pd.DataFrame({
            "Source": sources["source"],
            "Got an answer": [rate_text(k, n, lo, hi) for k, n, lo, hi in zip(
                sources["answered"], sources["applications"], sources["answer_low"],
                sources["answer_high"], strict=True)],
            "Reached an interview": [rate_text(k, n, lo, hi) for k, n, lo, hi in zip(
                sources["interviewed"], sources["applications"], sources["interview_low"],
                sources["interview_high"], strict=True)],
            "Answers compared with your other sources": sources["says"],
        }),
        hide_index=True, width="stretch",
    )
    st.caption("From the Source column of your applications. Each rate has its 90% interval; "
               "with a handful of applications per source these are wide, and \"too few to "
               "tell\" means chance could explain the gap.")
