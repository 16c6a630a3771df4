"""The Pipeline page's pieces: the figures, the timeline, the funnel and pace charts, the
applications table with its filters, and one application's detail.

Everything derived from the whole search comes from one ``PipelineView`` per snapshot (the
page's view cache), so a rerun at 10,000 applications only draws. Session state keys all start
with "pipeline_".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from components.pipeline import forms as forms
from components.pipeline.waiting import expectation
from components.shared.chart_downloads import chart_caption, csv_button, image_buttons
from components.shared.navigation import go_to, has_page, page_path
from nextround.charts.timeline import MAX_ROWS_LIMIT
from nextround.data_folder import OUTCOMES, STAGES, Store
from nextround.domain.applications import is_open
from nextround.domain.dates import format_day
from nextround.domain.figures import figure, figures
from nextround.domain.kinds import action_kind
from nextround.domain.next_note import NextNote
from nextround.stages import stage_badge, stage_label
from nextround.text import plural
from nextround.views import application as one
from nextround.views.home import URGENCY_ICONS
from nextround.views.markup import escape_markdown
from nextround.views.pipeline import (
    ORDERS,
    URGENCY_ORDER,
    Overview,
    PipelineView,
    table_export,
)
from nextround.views.snapshot import Snapshot

TABLE_KEY = "pipeline_table"
_LAST_ROWS = "pipeline_last_rows"
_LAST_IDS = "pipeline_last_ids"
TABLE_ROWS_VISIBLE = 15
URGENCY_COLOURS = {"overdue": "red", "today": "orange"}
SAVE_HINT = "Save a chart as a picture (PNG or SVG) or its figures as CSV with the buttons."

md = escape_markdown


# --- requests and the empty state --------------------------------------------------------------


def apply_request(request: dict, applications: pd.DataFrame) -> None:
    """Open the application another page asked for (go_to("Pipeline", application_id=...))."""
    app_id = request.get("application_id")
    if isinstance(app_id, str) and applications["id"].eq(app_id).any():
        st.session_state[forms.OPEN_KEY] = app_id


def empty_state(store: Store, today: date) -> None:
    st.markdown(
        "Nothing here yet. Each job you add gets a row on the timeline, a history of its "
        "interviews and notes, and a reminder when a thank-you or a follow-up is due. It "
        "starts with one."
    )
    st.markdown(
        "- Add a job you applied to, or one you mean to (leave the date empty for a wishlist "
        "entry).\n"
        "- After an interview, log it here: who you met and when they said they would decide. "
        "The thank-you and the follow-up then come up on Home when they are due.\n"
        "- Rather explore first? Home offers a sample search to try. Already tracking in a "
        "spreadsheet? Import it on the Data page."
    )
    st.header("Add your first application")
    forms.add_form(store, today)
    st.page_link(page_path("Data"), label="Import from a spreadsheet instead",
                 icon=":material/upload_file:")


# --- the figures -------------------------------------------------------------------------------


def summary_strip(view: Overview) -> None:
    f = view.figures
    a, b, c, d, e = st.columns(5)
    a.metric("In progress", f"{f['open']:,}", border=True,
             help="Applied, screening, interviewing or holding an offer.")
    b.metric("Interviewing", f"{f['interviewing']:,}", border=True)
    rate = f["reply_rate"]
    c.metric("Got an answer", "–" if rate is None else f"{rate:.0%}", border=True,
             help=f"{f['replied']:,} of {f['applied']:,} applications heard something back: a "
             "reply, an interview, an offer or a no.")
    days = f["median_reply_days"]
    d.metric("Median reply time", "–" if days is None else f"{days:g} days",
             border=True,
             help="From applying to the first answer, half of yours came sooner. For "
             f"comparison, {figure('reply_days').cited}.")
    backlog = (f" Not counted here: {plural(f['catch_up'], 'long-overdue action')} in Home's "
               "\"catch up on these\" list." if f["catch_up"] else "")
    e.metric("Follow-ups due now", f"{f['due_now']:,}", border=True,
             help="Overdue or due today, as on Home, where each has a button to write it."
             + backlog)
    if view.warning:
        st.info(view.warning, icon=":material/egg:")


# --- charts ------------------------------------------------------------------------------------


@st.fragment
def timeline_section(view: PipelineView) -> None:
    """A fragment: how many rows and which ones change the timeline alone, so the slider
    answers without the funnel, the table and the forms below being drawn again."""
    total = len(view.applications)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        max_rows = 25
        if total > 5:
            high = min(MAX_ROWS_LIMIT, total)
            max_rows = int(st.number_input(
                "Applications on the timeline", min_value=5, max_value=high,
                value=min(25, high), step=5, key="pipeline_rows", width=200,
                help="The most recently active first; up to 50."))
        open_only = st.toggle("Only those still open", key="pipeline_open_only")
    drawn = view.timeline(max_rows, open_only)
    # The spec is the same for every choice above, the height beside it: a switch only
    # replaces the chart's data in the browser (see nextround/charts/timeline.py).
    st.vega_lite_chart(spec=drawn.spec, width="stretch", height=drawn.height or "content")
    st.caption(md(drawn.caption))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(
            "Each bar runs from applying to the end, or to today while it is open. Symbols are "
            "events; rings are follow-ups due, red when overdue. " + SAVE_HINT
        )
        csv_button(lambda: drawn.rows, "nextround-timeline", "Timeline data (CSV)",
                    "pipeline_csv_timeline")
        image_buttons(drawn.plain, "nextround-timeline", "pipeline_image_timeline")


def insights_section(view: Overview, waiting_row: Callable[[], None] | None = None) -> None:
    """The funnel and reply times side by side, then ``waiting_row`` (the "still waiting" row
    under the reply times), then the weekly pace."""
    st.header("How the search is going")
    funnel_col, reply_col = st.columns(2, gap="large")
    with funnel_col:
        st.vega_lite_chart(spec=view.specs["funnel"], width="stretch")
        st.caption(
            chart_caption(view.specs["funnel"]) + f" For perspective: "
            f"{figure('interview_to_offer').cited}, and {figure('resumes_per_opening').cited}. "
            "A low rate is the norm, not a verdict on you."
        )
        with st.container(horizontal=True):
            csv_button(lambda: view.exports["funnel"], "nextround-funnel",
                        "Funnel data (CSV)", "pipeline_csv_funnel")
            image_buttons(view.plain["funnel"], "nextround-funnel", "pipeline_image_funnel")
    with reply_col:
        st.vega_lite_chart(spec=view.specs["reply"], width="stretch")
        st.caption(
            chart_caption(view.specs["reply"]) + " Silence is common and rarely personal: "
            f"{figure('month_wait').cited}."
        )
        with st.container(horizontal=True):
            csv_button(lambda: view.exports["reply"], "nextround-reply-times",
                        "Reply times data (CSV)", "pipeline_csv_reply")
            image_buttons(view.plain["reply"], "nextround-reply-times",
                           "pipeline_image_reply")
    if waiting_row is not None:
        waiting_row()
    st.vega_lite_chart(spec=view.specs["weekly"], width="stretch")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(chart_caption(view.specs["weekly"]) + " " + SAVE_HINT)
        csv_button(lambda: view.exports["weekly"], "nextround-weekly-activity",
                    "Weekly data (CSV)", "pipeline_csv_weekly")
        image_buttons(view.plain["weekly"], "nextround-weekly-activity",
                       "pipeline_image_weekly")
    with st.expander("Sources for the figures", icon=":material/menu_book:"):
        st.markdown(
            "".join(f"- {f.source_line}\n" for f in figures().values())
            + "\nYour own figures come only from what you logged here: an answer you did not "
            "log counts as silence."
        )


# --- the table ---------------------------------------------------------------------------------

TABLE_CONFIG = {
    "Company": st.column_config.TextColumn(width=140),
    "Role": st.column_config.TextColumn(width=175),
    "Stage": st.column_config.TextColumn(width=92),
    "Next step": st.column_config.TextColumn(
        width=200, help="The most pressing follow-up, if any. Home has a button to write it."),
    "Due": st.column_config.DateColumn(format="ddd D MMM", width=90),
    "Waiting": st.column_config.NumberColumn(
        format="%d d", width=66, help="Days in the current stage."),
    "Quiet": st.column_config.NumberColumn(
        format="%d d", width=58, help="Days since the last contact, either way."),
    "Interviews": st.column_config.NumberColumn(format="%d", width=78),
    "Applied": st.column_config.DateColumn(format="D MMM YYYY", width=100),
    "Outcome": st.column_config.TextColumn(width=110),
    "Priority": st.column_config.TextColumn(width=70),
    "Location": st.column_config.TextColumn(width=110),
    "Source": st.column_config.TextColumn(width=100),
    "Posting": st.column_config.LinkColumn(display_text="open", width=70),
}


def _filters() -> tuple[tuple, str]:
    stage_col, outcome_col, dates_col, text_col, order_col = st.columns([5, 5, 4, 5, 5])
    stages = stage_col.multiselect("Stage", STAGES, key="pipeline_f_stage",
                                   placeholder="Any stage")
    outcomes = outcome_col.multiselect("Outcome", OUTCOMES, key="pipeline_f_outcome",
                                       placeholder="Any outcome")
    # No default once the widget has a value in session state (Streamlit warns about both).
    default = {} if "pipeline_f_dates" in st.session_state else {"value": []}
    picked = dates_col.date_input("Applied between", key="pipeline_f_dates", **default,
                                  min_value=forms.EARLIEST,
                                  help="Pick the first and the last day.")
    picked = tuple(picked) if isinstance(picked, (list, tuple)) else (picked,)
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    text = text_col.text_input("Search", key="pipeline_f_text",
                               placeholder="Company, role, location or notes")
    order = order_col.selectbox("Order", list(ORDERS), key="pipeline_order")
    return (tuple(stages), tuple(outcomes), start, end, text.strip()), order


def _sync_selection(ids: np.ndarray) -> None:
    """Keep the open application and the highlighted row in step.

    A selection is a row position in the frame drawn last time: when it changed, the person
    clicked, so open (or close) what they clicked. Then highlight the open application in the
    frame drawn now, wherever the filters and the order put it.
    """
    state = st.session_state.get(TABLE_KEY)
    rows = list(state["selection"]["rows"]) if state else []
    last_rows = st.session_state.get(_LAST_ROWS, [])
    if rows != last_rows:
        last_ids = st.session_state.get(_LAST_IDS)
        picked = rows[0] if rows else None
        if picked is not None and last_ids is not None and picked < len(last_ids):
            st.session_state[forms.OPEN_KEY] = str(last_ids[picked])
        else:
            st.session_state.pop(forms.OPEN_KEY, None)
    open_id = st.session_state.get(forms.OPEN_KEY)
    at = np.flatnonzero(ids == open_id) if open_id else []
    wanted = [int(at[0])] if len(at) else []
    if wanted != rows:
        st.session_state[TABLE_KEY] = {"selection": {"rows": wanted, "columns": []}}
    st.session_state[_LAST_ROWS] = wanted
    st.session_state[_LAST_IDS] = ids


def applications_section(store: Store, view: PipelineView) -> None:
    st.header("Applications")
    if st.session_state.pop(forms.CLOSE_ADD, False):
        st.session_state[forms.ADD_OPEN] = False
    adding = st.expander("Add an application", icon=":material/add:", key=forms.ADD_OPEN,
                         on_change="rerun")
    if adding.open:
        with adding:
            forms.add_form(store, view.today)
    filters, order = _filters()
    frame, ids, matched = view.rows(filters, order)
    if TABLE_KEY not in st.session_state:
        # First draw since the page was opened: edits start from the files as they are now,
        # and a row ticked on an earlier visit is no longer on screen.
        st.session_state.pop(_LAST_ROWS, None)
        st.session_state.pop(_LAST_IDS, None)
    _sync_selection(ids)
    total = len(view.applications)
    with st.container(horizontal=True, vertical_alignment="center"):
        everything = plural(total, "application")
        shown = ((f"All {everything}" if total > 1 else everything) if matched == total
                 else f"{matched:,} of {everything} match")
        st.caption(f"{shown}. Select a row to open it; click a column title to sort.")
        if matched:
            csv_button(lambda: table_export(frame), "nextround-applications",
                        "These rows (CSV)", "pipeline_csv_table")
    if not matched:
        st.info("Nothing matches these filters. Clear one to see more.",
                icon=":material/filter_alt_off:")
    visible = min(max(matched, 1), TABLE_ROWS_VISIBLE)
    st.dataframe(
        frame, key=TABLE_KEY, on_select="rerun", selection_mode="single-row", hide_index=True,
        column_config=TABLE_CONFIG, width="stretch", height=(visible + 1) * 35 + 3,
        placeholder="",
    )


# --- one application ---------------------------------------------------------------------------


DETAIL_TABS = ("History", "Log an event", "Edit details", "Delete")


def detail(store: Store, snapshot: Snapshot, view: PipelineView) -> None:
    app_id = st.session_state.get(forms.OPEN_KEY)
    if not app_id:
        return
    today = view.today
    apps = view.applications
    found = apps[apps["id"].eq(app_id).to_numpy()]
    if found.empty:
        st.session_state.pop(forms.OPEN_KEY, None)
        return
    row = found.iloc[0]
    own = one.events_of(view.events, app_id)
    mine = view.actions[view.actions["application_id"].eq(app_id)]
    with st.container(border=True, key="pipeline_detail"):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.subheader(f"{md(row['company'])} · {md(row['role'])}", anchor=False)
        if close.button("Close", key="pipeline_close", icon=":material/close:", width="stretch"):
            st.session_state.pop(forms.OPEN_KEY, None)
            st.rerun()
        st.markdown(_badges(row, own, today))
        left, right = st.columns([3, 2], gap="large")
        with left:
            detail_spec = view.detail_spec(app_id)
            st.vega_lite_chart(spec=detail_spec, width="stretch")
            st.caption(chart_caption(detail_spec))
        with right:
            note = view.next_note(app_id)
            _next_steps(row, mine, own, today, one.upcoming_interview(found, own, today), note)
            expectation(view, app_id)
        _facts(row)
        history_tab, log_tab, edit_tab, delete_tab = st.tabs(
            list(DETAIL_TABS), key=f"pipeline_tabs_{app_id}", on_change="rerun")
        # Only the open tab is drawn: the forms cost nothing until they are wanted.
        if history_tab.open:
            with history_tab:
                _history(snapshot, row, own)
        if log_tab.open:
            with log_tab:
                forms.event_form(store, snapshot, row, own, today)
        if edit_tab.open:
            with edit_tab:
                forms.edit_form(store, snapshot, row, today)
        if delete_tab.open:
            with delete_tab:
                forms.delete_controls(snapshot, row, len(own))


def _badges(row: pd.Series, own: pd.DataFrame, today: date) -> str:
    stage = str(row["stage"])
    parts = [f":{stage_badge(stage)}-badge[{md(stage_label(stage))}]"]
    if isinstance(row["outcome"], str) and row["outcome"]:
        parts.append(f":gray-badge[{md(row['outcome'].capitalize())}]")
    if isinstance(row["priority"], str) and row["priority"]:
        parts.append(f":gray-badge[{md(row['priority'].capitalize())} priority]")
    applied = row["date_applied"]
    if not pd.isna(applied):
        parts.append(f"applied {format_day(applied.date(), today)}")
    interviews = int(own["kind"].eq("interview").sum())
    if interviews:
        parts.append(plural(interviews, "interview"))
    return " · ".join(parts)


def _next_steps(row: pd.Series, mine: pd.DataFrame, own: pd.DataFrame, today: date,
                coming: pd.Series | None, note: NextNote) -> None:
    st.markdown("**Next steps**")
    if mine.empty and coming is None:
        closed = not bool(is_open(row.to_frame().T).iloc[0])
        st.caption("Nothing to send right now." if not closed else
                   "It is closed: nothing more to send.")
    if coming is not None:
        when = "today" if coming["date"].date() == today else format_day(coming["date"].date(),
                                                                          today)
        st.markdown(f":material/event: **Interview {when}** · "
                    f"{md(one.interview_words(coming))}")
        if has_page("Prep") and st.button("Prepare for it", key="pipeline_prep",
                                          icon=":material/checklist:"):
            go_to("Prep", interview_id=str(coming["id"]))
    rank = mine["urgency"].map(URGENCY_ORDER).fillna(9)
    ordered = mine.assign(_rank=rank).sort_values(["_rank", "due"], kind="stable")
    for action in ordered.itertuples(index=False):
        due = action.due.date()
        when = {"overdue": f"was due {format_day(due, today)}", "today": "due today"}.get(
            action.urgency, f"due {format_day(due, today)}")
        icon = URGENCY_ICONS.get(action.urgency, "")
        colour = URGENCY_COLOURS.get(action.urgency)
        st.markdown(f"{f':{colour}[{icon}]' if colour else icon} "
                    f"**{action_kind(action.kind, action.note_kind).title}** · {when}")
        st.caption(md(action.reason))
    interview = one.latest_interview(own, today)
    # Which note and which interview it is about: the domain's one answer (next_note).
    kind = note.kind if note.action else None
    with st.container(horizontal=True):
        if has_page("Notes") and st.button(
            f"Write the {kind}" if kind else "Write a note", key="pipeline_write",
            icon=":material/edit:", type="primary" if kind else "secondary",
        ):
            go_to("Notes", application_id=str(row["id"]), kind=kind,
                  event_id=note.anchor_event_id or interview)
        if has_page("Self-check") and st.button(
            "Self-check the interview", key="pipeline_self_check",
            icon=":material/psychology:", disabled=interview is None,
            help=None if interview else "Log an interview first.",
        ):
            go_to("Self-check", application_id=str(row["id"]), event_id=interview)


def _facts(row: pd.Series) -> None:
    facts = []
    for label, name in (("Source", "source"), ("Location", "location"),
                        ("Contact", "contact_name"), ("Email", "contact_email")):
        value = row[name]
        if isinstance(value, str) and value.strip():
            facts.append(f"{label}: {md(value)}")
    link = one.safe_link(row["posting_url"])
    with st.container(horizontal=True, vertical_alignment="center"):
        if facts:
            st.caption(" · ".join(facts))
        if link:
            st.link_button("Posting", link, icon=":material/open_in_new:", type="tertiary")
    notes = row["notes"]
    if isinstance(notes, str) and notes.strip():
        with st.expander("Notes", icon=":material/sticky_note_2:"):
            st.text(notes)


HISTORY_CONFIG = {
    "Date": st.column_config.DateColumn(format="ddd D MMM YYYY", width=125),
    "What": st.column_config.TextColumn(width=115),
    "Round": st.column_config.NumberColumn(format="%d", width=60),
    "Type": st.column_config.TextColumn(width=80),
    "With": st.column_config.TextColumn(width=150),
    "Decision by": st.column_config.DateColumn(format="D MMM YYYY", width=100),
    "Channel": st.column_config.TextColumn(width=80),
    "Details": st.column_config.TextColumn(width="large"),
}


def _history(snapshot: Snapshot, row: pd.Series, own: pd.DataFrame) -> None:
    if own.empty:
        st.caption("No events yet. Log the first one in the next tab.")
        return
    table = one.history(own)
    columns = [c for c in table.columns if c != "id" and table[c].notna().any()]
    picked = st.dataframe(
        table[columns], key=f"pipeline_history_{row['id']}", on_select="rerun",
        selection_mode="single-row", hide_index=True, column_config=HISTORY_CONFIG,
        width="stretch", placeholder="",
    )
    rows = list(picked.selection.rows)
    if not rows or rows[0] >= len(table):
        st.caption("Select an event to delete it.")
        return
    chosen = table.iloc[rows[0]]
    forms.event_version(snapshot, chosen["id"])  # what this tab saw when it offered the delete
    description = one.event_label(chosen["What"], chosen["Date"], chosen["Round"])
    if st.button(f"Delete the {description}", key="pipeline_delete_event_button",
                 icon=":material/delete:"):
        forms.ask_delete_event(snapshot, f"{md(row['company'])} · {md(row['role'])}",
                               chosen["id"], description)


# --- follow-up timing --------------------------------------------------------------------------


def settings_section(store: Store, snapshot: Snapshot) -> None:
    timing = st.expander("Follow-up timing", icon=":material/schedule:",
                         key="pipeline_timing_open", on_change="rerun")
    if not timing.open:
        return
    with timing:
        st.caption(
            "When each note becomes due. The defaults follow common advice: a thank-you within "
            "a day, a follow-up about a week after the interview or just after their decision "
            "date, at most two follow-ups, then let it go. Change them to suit your field or "
            "country."
        )
        forms.settings_form(store, snapshot)
