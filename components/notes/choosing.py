"""The Notes page's pieces around the drafts: which interview the note is about, which kind,
the notes already sent, and the help. The form and the drafts are in ``drafts``.

The note wording and the checks live in ``nextround.domain.notes``. Text from the records or
typed by the person is shown with st.text, st.code or text widgets, or in Markdown only after
``md`` has escaped it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components.pipeline.forms import OPEN_KEY as PIPELINE_OPEN
from components.shared.feedback import attempt, flash
from components.shared.navigation import page_path
from components.shared.screen import cached_view, forget_form_versions, form_version
from nextround.commands.notes import remember_sender as keep_sender
from nextround.data_folder import Store
from nextround.domain.dates import format_day, relative_day
from nextround.domain.kinds import NOTES, replies_to_no
from nextround.domain.next_note import NextNote
from nextround.domain.notes.compose import join_and
from nextround.domain.notes.drafting import (
    OLDER_VARIABLES,
    TEMPLATE_FILTERS_HELP,
    TEMPLATE_VARIABLES,
    TONES,
)
from nextround.domain.notes.user_templates import USER_TEMPLATE_FOLDER
from nextround.views.markup import escape_markdown
from nextround.views.notes import (
    NotesIndex,
    Picked,
    application_interviews,
    default_interview,
    interview_label,
    interviews_of,
    recipients_for,
)
from nextround.views.snapshot import Snapshot

BUILT_IN = ""  # the "wording" choice for the built-in templates
_PENDING_KIND = "notes_pending_kind"


def md(text: Any) -> str:
    """User or record text made inert for st.markdown."""
    return escape_markdown("" if text is None else text)


def remember_sender(store: Store, snapshot: Snapshot, name: str, saved: str) -> None:
    """Save a new sign-off name, with a toast; a failed save says why and changes nothing."""
    expected = form_version("notes_sender", snapshot, "settings")
    if name and name != saved and attempt(lambda: keep_sender(store, name, expected)):
        forget_form_versions("settings")
        flash("Your name is saved for the next note.")
        st.rerun()


# --- choosing --------------------------------------------------------------------------------


def _choose(widget: Any, label: str, options: list, key: str, default: Any, **kwargs: Any) -> Any:
    """A keyed choice whose default is set through session state (never both ways at once)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    return widget(label, options, key=key, **kwargs)


def empty_state() -> None:
    st.info(
        "Notes are drafted from an application you track: the company, the role, who "
        "interviewed you and when. Add your first application (or try the sample data) on "
        "Home, then come back here for the thank-you.",
        icon=":material/edit_note:",
    )
    st.page_link(page_path("Home"), label="Go to Home", icon=":material/home:")


def came_from(request: dict) -> str | None:
    """The application the person came from: the one another page asked for (go_to), else,
    opened from the menu, the one open on Pipeline. None when Notes' own choice stands (the
    person is already on Notes, or came from nowhere in particular)."""
    if request.get("application_id"):
        return str(request["application_id"])
    if "notes_application" in st.session_state:
        return None  # already on Notes: keep what the person chose here
    opened = st.session_state.get(PIPELINE_OPEN)
    return str(opened) if opened else None


def apply_request(
    request: dict, applications: pd.DataFrame, events: pd.DataFrame, index: NotesIndex
) -> None:
    """Preselect what another page asked for (go_to("Notes", application_id=..., ...)), or
    the application open on Pipeline when Notes is opened from the menu."""
    app_id = came_from(request)
    if not app_id or not applications["id"].eq(app_id).any():
        return
    if app_id not in index.order:
        return
    st.session_state["notes_application"] = app_id
    event_id = request.get("event_id")
    if event_id and event_id in set(interviews_of(index.events_of(events, app_id), app_id)["id"]):
        st.session_state[f"notes_interview_{app_id}"] = event_id
    if request.get("kind") in NOTES:
        st.session_state[_PENDING_KIND] = (app_id, request["kind"])


def pick_interview(snapshot: Snapshot, index: NotesIndex, today: date) -> Picked:
    order, labels = index.order, index.labels
    left, right = st.columns(2)
    app_id = _choose(
        left.selectbox, "Application", order, "notes_application", order[0],
        format_func=lambda i: labels.get(i, i),
    )
    chosen = cached_view(snapshot.only("applications", "events"),
                         lambda s: application_interviews(
                             s["applications"], index.events_of(s["events"], app_id), app_id),
                         app_id)  # the index's positions are those of this same snapshot
    app, interviews, by_id = chosen.app, chosen.interviews, chosen.by_id
    if interviews.empty:
        right.selectbox("Interview", ["No interview recorded"], disabled=True,
                        key="notes_interview_none")
        return Picked(app, None)
    event_id = _choose(
        right.selectbox, "Interview", list(by_id), f"notes_interview_{app_id}",
        default_interview(interviews, today),
        format_func=lambda i: interview_label(by_id[i], today),
    )
    return Picked(app, by_id[event_id])


def facts(picked: Picked, today: date, note: NextNote | None = None) -> None:
    """What the records say: company, role, date, who; said in one line. Without an interview,
    a warning, unless the note due needs none (an application nudge)."""
    app = picked.app
    parts = [f"**{md(app['company'])}**", md(app["role"])]
    day = picked.interview_date
    if day is not None:
        parts.append(f"interview {format_day(day, today)} ({relative_day(day, today)})")
    names = [p.name for p in recipients_for("thank-you", app, picked.interview)]
    if picked.interview is not None and names:
        parts.append("with " + md(join_and(names)))
    if picked.decision_date is not None:
        parts.append(f"decision expected by {format_day(picked.decision_date, today)}")
    st.markdown(" · ".join(p for p in parts if p))
    no_interview_needed = note is not None and note.kind in NOTES and not NOTES[
        note.kind].after_interview
    if picked.interview is None and no_interview_needed:
        st.caption(":material/mark_email_unread: No interview yet: the note asks about your "
                   "application itself.")
    elif picked.interview is None:
        st.warning(
            "No interview is recorded for this application. These notes are written for after "
            "an interview: if there was one, log it with its date and interviewers first, so "
            "the note can say when you met and greet them by name.",
            icon=":material/event_busy:",
        )


def pick_kind(picked: Picked, note: NextNote, templates: list[str]) -> tuple[str, str, str]:
    """The suggestion and why, then the kind, tone and wording the person chooses.

    The suggestion is the follow-up rules' next note, the one Home shows. When the follow-ups
    are used up it says to stop, and drafts another only if the person asks for one.
    """
    kinds = list(NOTES)
    if note.stop:
        st.warning(f"**Time to stop following up.** {md(note.reason)}", icon=":material/block:")
        if not st.toggle("Draft a note anyway", key=f"notes_anyway_{picked.app_id}"):
            st.stop()
        # Never a third follow-up: a note anyway is one that asks for nothing (a thank-you).
        kinds = [k for k in kinds if not NOTES[k].asks_for_news]
        st.caption("Notes that ask for news are left out: your follow-ups are used up.")
    elif note.kind:
        st.info(f"**Suggested: {note.kind}.** {md(note.reason)}", icon=":material/lightbulb:")
    else:
        st.info(f"**No note is due.** {md(note.reason)}", icon=":material/lightbulb:")
    suggested = note.kind or ("follow-up" if picked.interview is not None
                              else "application nudge")
    key = f"notes_kind_{picked.app_id}_{picked.event_id}"
    pending = st.session_state.pop(_PENDING_KIND, None)
    if pending and pending[0] == picked.app_id:
        st.session_state[key] = pending[1]
    kind_col, tone_col, wording_col = st.columns([2, 1, 2])
    kind = _choose(
        kind_col.selectbox, "Kind of note", kinds, key, suggested,
        help="\n".join(f"- {NOTES[k].name}: {NOTES[k].help}" for k in kinds),
    )
    tone = _choose(
        tone_col.radio, "Tone", list(TONES), "notes_tone", "warm",
        format_func=str.capitalize, horizontal=True,
    )
    wording = BUILT_IN
    if templates:
        wording = _choose(
            wording_col.selectbox, "Wording", [BUILT_IN, *templates], "notes_wording", BUILT_IN,
            format_func=lambda t: "Built-in" if t == BUILT_IN else f"Your template: {t}",
            help="Your own templates are the .j2 files in the templates folder of your data.",
        )
    else:
        wording_col.caption("You can also write your own template: see the help at the bottom.")
    if replies_to_no(kind):
        st.caption(
            ":material/reply: Send it as a reply to their message, in the same email thread, "
            "so they have the context."
        )
    return kind, tone, wording


# --- sent notes and help ---------------------------------------------------------------------


def sent_notes_section(sent: pd.DataFrame, picked: Picked, today: date) -> None:
    st.header("Sent notes")
    mine = sent[sent["application_id"] == picked.app_id].sort_values("sent_at", ascending=False)
    if mine.empty:
        st.caption(
            "None marked as sent for this application yet. After sending a note, press "
            "**Mark as sent**: Home stops reminding you, and the text is kept here."
        )
        return
    table = pd.DataFrame(
        {
            "sent": mine["sent_at"].dt.strftime("%Y-%m-%d %H:%M"),
            "kind": mine["kind"],
            "to": mine["recipient_name"].fillna(""),
            "subject": mine["subject"].fillna(""),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    for row in mine.head(20).itertuples(index=False):
        to = f" to {row.recipient_name}" if isinstance(row.recipient_name, str) else ""
        label = f"{format_day(row.sent_at.date(), today)} · {row.kind}{to}"
        with st.expander(md(label), icon=":material/mail:"):
            if isinstance(row.recipient_email, str):
                st.text(f"To: {row.recipient_email}")
            st.text(f"Subject: {row.subject if isinstance(row.subject, str) else ''}")
            st.code(row.body if isinstance(row.body, str) else "", language=None,
                    wrap_lines=True)


def why_it_matters() -> None:
    with st.expander("Why send it, even after an interview that felt bad",
                     icon=":material/help:"):
        st.markdown(
            "A thank-you is one of the few things still in your hands once the interview is "
            "over, and surveys of the people who hire suggest it counts:\n"
            "- About two in three recruiters (68%) said a thank-you note affects their decision, "
            "and 16% had dropped a candidate for not sending one. *(TopResume, survey of 358 "
            "recruiters, November 2017)*\n"
            "- 80% of HR managers said they take thank-you messages into account, yet only about "
            "a quarter of candidates (24%) send one; 94% said email is a fine way to send it. "
            "*(Accountemps, 300 US HR managers, 2017)*\n"
            "- 22% of hiring managers said they are less likely to hire someone who sends no "
            "thank-you. *(CareerBuilder, 2011)*\n\n"
            "A late note still beats no note. After a few weeks of silence, one polite follow-up "
            "is fine (two at most, each adding something). And after a no, a short gracious "
            "reply keeps the door open: runners-up who stayed courteous do get called back "
            "when the chosen hire declines or leaves."
        )


def template_help(data_dir: Path) -> None:
    # Drawn only once opened (opening it reruns the page): its table costs nothing otherwise.
    guide = st.expander("Write your own template", icon=":material/code:",
                        key="notes_template_help", on_change="rerun")
    if not guide.open:
        return
    with guide:
        folder = Path(data_dir) / USER_TEMPLATE_FOLDER
        st.markdown(
            "Save a text file ending in **.j2** in the folder below and it appears under "
            "*Wording*. Start it with a line `Subject: ...`; the rest is the body. Put a "
            "variable in double braces, such as `{{ greeting_name }}`, and use "
            "`{% if repair %}...{% endif %}` for optional parts. What you type on this page "
            "always stays plain text: it is never run as template code. A template runs with "
            "limits (loops, length and about a second of time), so a mistake in it shows a "
            "message naming the line instead of slowing the app down."
        )
        st.code(str(folder), language=None)
        st.code(
            "Subject: Thank you – {{ role }} interview\n\n"
            "Dear {{ greeting_name }},\n\n"
            "Thank you for speaking with me {{ interview_when }} about {{ role_phrase|sentence }}"
            "\n{% if detail_phrase %}I enjoyed hearing about {{ detail_phrase }}."
            "{% elif detail_sentence %}{{ detail_sentence }}{% endif %}"
            "\n\nBest regards,\n{{ sender_name }}",
            language="jinja",
        )
        variables = [*TEMPLATE_VARIABLES.items(),
                     (", ".join(OLDER_VARIABLES), "Older names for strength, still understood.")]
        filters = [(f"|{k}", v) for k, v in TEMPLATE_FILTERS_HELP.items()]
        st.dataframe(
            pd.DataFrame(variables + filters, columns=["name", "what it holds"]),
            hide_index=True,
            width="stretch",
        )
