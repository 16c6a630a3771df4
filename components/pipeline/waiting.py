"""Pipeline's "when will I hear back": the waits going on now beside the reply times, and one
application's expected answer on its detail."""

from __future__ import annotations

import streamlit as st

from components.shared.chart_downloads import csv_button, image_buttons
from components.shared.wait_method import how_it_is_worked_out
from nextround.domain import waiting
from nextround.domain.dates import format_day
from nextround.text import plural
from nextround.views.markup import escape_markdown as md
from nextround.views.pipeline import PipelineView

#: Waits named one by one; the rest are counted ("and 1 more"), so the list agrees with its count.
LISTED = 5


def waiting_section(view: PipelineView) -> None:
    """Beside the reply times: the waits going on now and the person's own "still waiting"
    curve after an interview, with the current waits marked on it."""
    _, past = view.waits
    now = view.waiting_now
    words, curve = st.columns(2, gap="large")
    with words:
        count = plural(len(now), "application")
        st.markdown(f"**Waiting to hear back after an interview: {count}**")
        if not now.empty:
            listed = [f"- {md(name)}: {plural(int(days), 'day')} so far" for name, days in
                      zip(now["name"].head(LISTED), now["days"].head(LISTED), strict=True)]
            if len(now) > LISTED:
                listed.append(f"- and {len(now) - LISTED} more: each is on its application below")
            st.markdown("\n".join(listed))
        public, sources = waiting.for_perspective()
        st.caption(" ".join([*waiting.history_summary(past), public, f"({'; '.join(sources)}.)",
                             "Open an application for its own dates."]))
    with curve:
        spec, plain = view.waiting_curve
        st.vega_lite_chart(spec=spec, width="stretch")
        with st.container(horizontal=True):
            csv_button(lambda: past.table, "nextround-still-waiting", "Curve data (CSV)",
                        "pipeline_csv_waiting")
            image_buttons(plain, "nextround-still-waiting", "pipeline_image_waiting")


def expectation(view: PipelineView, app_id: str) -> None:
    """When this application may hear back, dated, each part with where it comes from."""
    expected = view.expectation(app_id)
    if expected is None:
        return
    st.markdown(f"**When you may hear back** · {plural(expected.days_waited, 'day')} since "
                f"the interview on {format_day(expected.interview_date, view.today)}")
    st.markdown("\n".join(f"- {line}" for line in expected.lines))
    st.caption(f"Sources: {'; '.join(expected.sources)}.")
    how_it_is_worked_out(f"pipeline_wait_method_{app_id}")



