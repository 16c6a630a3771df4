"""Home's pieces: the due actions with their buttons, upcoming interviews, the search's health."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from components.home.views import rerun_changed
from components.shared.feedback import attempt_in_callback, show_failure
from components.shared.mail_waiting import waiting_count
from components.shared.navigation import go_to, has_page
from components.shared.wait_method import how_it_is_worked_out
from nextround.commands import actions
from nextround.data_folder import Store
from nextround.domain import dates, urgency
from nextround.domain.dates import format_day
from nextround.domain.kinds import CATCH_UP, action_kind
from nextround.text import plural
from nextround.views.home import PRESSING_SHOWN, URGENCY_ICONS, Today, Waiting
from nextround.views.markup import escape_markdown
from nextround.views.snapshot import Snapshot


def health_strip(view: Today) -> None:
    health = view.health
    if health["warning"]:
        st.warning(health["warning"], icon=":material/egg:")
    a, b, c, d = st.columns(4)
    a.metric("Active applications", health["active"])
    b.metric("Due now", view.due_now,
             help="Overdue or due today. A backlog overdue for more than "
                  f"{urgency.CATCH_UP_DAYS} days is counted under '{CATCH_UP.title}'.")
    c.metric("Interviews coming up", len(view.interviews))
    since = health["days_since_last_application"]
    d.metric("Days since your last application", "none yet" if since is None else since)
    st.caption("By stage: " + " · ".join(f"{stage} {count}"
                                         for stage, count in health["by_stage"].items()))


def mail_replies() -> None:
    """The replies a mail scan found this session that wait for review (Data page, Mail)."""
    count = waiting_count()
    if count and has_page("Data"):
        st.info(f"{plural(count, 'reply', 'replies')} found in your mail to review on the "
                "Data page (Mail).", icon=":material/mail:")


def check_invitation(view: Today, today: date) -> None:
    """The moment the app is for: a recent interview that may have felt bad."""
    if view.to_check.empty or not has_page("Self-check"):
        return
    for row in view.to_check_rows:
        with st.container(border=True):
            text, button = st.columns([4, 1], vertical_alignment="center")
            text.markdown(
                f":material/psychology: **Your interview with {escape_markdown(row.company)}** "
                f"({escape_markdown(row.role)}) was {format_day(row.date.date(), today)}. "
                "Felt like it went badly? Read the signs before you decide it did."
            )
            if button.button("Check how it went", key=f"home_check_{row.id}", type="primary"):
                go_to("Self-check", application_id=row.application_id, event_id=row.id)


def action_list(store: Store, snapshot: Snapshot, view: Today, today: date) -> None:
    st.header("What to do next")
    show_failure(_ACTION_ERROR)
    pressing = view.pressing
    if pressing.empty and view.backlog.empty:
        st.success(
            "Nothing is due right now. A good moment to send one more application or to "
            "prepare for the next interview.",
            icon=":material/check_circle:",
        )
    for row in view.cards:
        _action_card(store, snapshot, row, today)
    if len(pressing) > PRESSING_SHOWN:
        # A table, not more cards: a long backlog must not cost hundreds of widgets per rerun.
        more = _lazy_expander(f"{len(view.rest):,} more: {view.rest_described}", "home_more")
        if more.open:
            with more:
                _action_table(view.rest, today)
                st.caption("Done with the ones above? These move up. Each is also on its "
                           "application in Pipeline.")
    catch_up(store, snapshot, view, today)
    if not view.later.empty:
        later = _lazy_expander(f"Later: {view.later_described}", "home_later")
        if later.open:
            with later:
                _action_table(view.later, today)


def _lazy_expander(label: str, key: str):
    """An expander whose table is built only once it is opened (opening it reruns the page):
    a long list costs nothing on the reruns that do not show it."""
    return st.expander(label, key=key, on_change="rerun")


def catch_up(store: Store, snapshot: Snapshot, view: Today, today: date) -> None:
    """A backlog of long-overdue actions as one calm entry, not a wall of red cards."""
    backlog = view.backlog
    if backlog.empty:
        return
    with st.container(border=True):
        st.markdown(f":material/inbox: **{CATCH_UP.title}** · {len(backlog):,} overdue for "
                    f"more than {urgency.CATCH_UP_DAYS} days")
        st.caption(CATCH_UP.help)
        listed = _lazy_expander(f"See the {len(backlog):,}", "home_backlog")
        if listed.open:
            with listed:
                _action_table(backlog, today)
        until = today + timedelta(days=urgency.CATCH_UP_DAYS)
        st.button(f"Snooze them until {format_day(until, today)}", key="home_snooze_backlog",
                  icon=":material/snooze:", on_click=_saved, args=(
                      lambda: actions.mark_action(store, backlog["key"].tolist(), "snoozed",
                                                  dates.now(), until,
                                                  snapshot.version("actions")),
                      f"Snoozed {len(backlog):,} until {format_day(until, today)}.",
                      store, snapshot.version("applications")))


def _action_table(actions: pd.DataFrame, today: date, limit: int = 200) -> None:
    shown = actions.head(limit)
    # Company and role in one column: four columns in half a page cut the role off.
    st.dataframe(
        pd.DataFrame({
            "when": [format_day(d.date(), today) for d in shown["due"]],
            "what": shown["title"],
            "application": [" · ".join(p for p in (c, r) if isinstance(p, str) and p)
                            for c, r in zip(shown["company"], shown["role"], strict=True)],
        }),
        hide_index=True, width="stretch",
        column_config={"when": st.column_config.TextColumn(width="small")},
    )
    if len(actions) > limit:
        st.caption(f"The first {limit} of {len(actions):,}.")


def _action_card(store: Store, snapshot: Snapshot, row, today: date) -> None:
    due = row.due.date()
    when = {"overdue": f"was due {format_day(due, today)}", "today": "due today"}.get(
        row.urgency, f"due {format_day(due, today)}")
    with st.container(border=True, key=f"home_card_{row.key}"):
        st.markdown(f"{URGENCY_ICONS[row.urgency]} **{row.title}** · {when}  \n"
                    f"{escape_markdown(row.company)} · {escape_markdown(row.role)}")
        st.caption(escape_markdown(row.reason))
        with st.container(horizontal=True):
            if row.note_kind and has_page("Notes") and st.button(
                "Write it", key=f"home_write_{row.key}", icon=":material/edit:", type="primary"
            ):
                event_id = row.anchor_event_id if isinstance(row.anchor_event_id, str) else None
                go_to("Notes", application_id=row.application_id, kind=row.note_kind,
                      event_id=event_id)
            version = snapshot.version("actions")
            drawn = snapshot.version("applications")
            st.button("Done", key=f"home_done_{row.key}", icon=":material/check:",
                      help="Already done it outside the app? This logs it.",
                      on_click=_mark_done, args=(store, version, drawn, row, today))
            # Its date and button are drawn once it is opened (opening it reruns the list):
            # closed, a card's snooze costs the browser one button on every click on Home.
            snooze = st.popover("Snooze", icon=":material/snooze:",
                                key=f"home_snooze_open_{row.key}", on_change="rerun")
            if snooze.open:
                with snooze:
                    until_key = f"home_snooze_date_{row.key}"
                    st.date_input("Remind me on", value=today + timedelta(days=2),
                                  min_value=today + timedelta(days=1), key=until_key)
                    st.button("Snooze", key=f"home_snooze_{row.key}", on_click=_snooze,
                              args=(store, version, drawn, row, until_key, today))


# The card's buttons save in their callbacks; what went wrong, if anything, is shown at the top
# of the list on the run the click starts.
_ACTION_ERROR = "home_action_error"


def _saved(action: Callable[[], object], success: str, store: Store,
           applications_version: str, application_id: str | None = None) -> None:
    """A card's save; once on disk, the parts of Home it changed are rerun (a failure is shown
    above the list, which the click reruns as it would anyway). ``application_id``: the one a
    Done logged a note on (see ``rerun_changed``)."""
    if attempt_in_callback(action, _ACTION_ERROR, success):
        rerun_changed(store, applications_version, application_id)


def _mark_done(store: Store, version: str, applications_version: str, row, today: date) -> None:
    """Log what the action stood for (so the rules see it was done) and remember it as done.

    Refused from a stale tab: another tab may have marked it done already."""
    kind = action_kind(row.kind).done_event

    def log() -> None:
        event = {"application_id": row.application_id, "date": today, "kind": kind,
                 "details": f"{row.title}: marked done on Home.",
                 "interviewers": row.person or None}  # a panel's thank-you: this person's
        actions.mark_done(store, row.key, event, dates.now(), expected_version=version)

    _saved(log, f"Logged: {kind} for {escape_markdown(row.company)}.", store,
           applications_version, row.application_id)


def _snooze(store: Store, version: str, applications_version: str, row, until_key: str,
            today: date) -> None:
    until = st.session_state[until_key]
    _saved(lambda: actions.mark_action(store, row.key, "snoozed", dates.now(), until, version),
           f"Snoozed until {format_day(until, today)}.", store, applications_version)


def upcoming_interviews(view: Today, today: date) -> None:
    st.header("Interviews coming up")
    if view.upcoming.empty:
        st.caption("No interviews scheduled. Log one on an application when it is booked.")
        return
    for row in view.upcoming_rows:
        with st.container(border=True):
            round_text = f"round {row.round}" if not pd.isna(row.round) else "interview"
            kind = f", {row.interview_type}" if isinstance(row.interview_type, str) else ""
            st.markdown(
                f":material/event: **{format_day(row.date.date(), today)}** · "
                f"{escape_markdown(row.company)} · {escape_markdown(row.role)} "
                f"({round_text}{kind})"
            )
            fraction = row.prep_done / row.prep_total if row.prep_total else 0.0
            st.progress(fraction, text=f"Prep: {row.prep_done} of {row.prep_total} done")
            if has_page("Prep") and st.button("Prepare", key=f"home_prep_{row.id}",
                                              icon=":material/checklist:"):
                go_to("Prep", interview_id=row.id)


def calendar_download(view: Today, today: date) -> None:
    if view.actions.empty and view.interviews.empty:
        return
    st.download_button(
        "Add to my calendar (.ics)", data=lambda: view.calendar(dates.now(), today),
        file_name="nextround.ics", mime="text/calendar", icon=":material/calendar_add_on:",
        key="home_ics", on_click="ignore",
        help="Due follow-ups and upcoming interviews. Importing it again updates the same "
             "entries instead of adding copies.",
    )


def waiting_list(view: Waiting, today: date) -> None:
    """Applications waiting on an answer after an interview: what they said, what the person's
    own history says, and when a follow-up becomes due (the same date as the list above)."""
    if not view.shown:
        return
    st.subheader("Waiting to hear back")
    for expected in view.shown:
        with st.container(border=True):
            st.markdown(f":material/hourglass_top: **{escape_markdown(expected.company)}** · "
                        f"{escape_markdown(expected.role)}")
            st.caption(f"Interview {format_day(expected.interview_date, today)}, "
                       f"{plural(expected.days_waited, 'day')} ago")
            shown = [*expected.said, *expected.own[:1], *expected.follow_up]
            st.markdown("\n".join(f"- {line}" for line in shown))
    first = view.shown[0]
    notes = [*first.own[1:], first.public]
    more = view.total - len(view.shown)
    if more > 0:
        notes.append(f"{more} more waiting: each is on its application in Pipeline.")
    sources = dict.fromkeys(s for e in view.shown for s in e.sources)
    st.caption(" ".join(notes) + f" Sources: {'; '.join(sources)}.")
    how_it_is_worked_out("home_wait_method")
