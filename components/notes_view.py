"""The Notes page's pieces: which interview the note is about, what the person adds, each draft
with its checks and ways to send it, the notes already sent, and the help around them.

The note wording and the checks live in ``nextround.notes``; this module reads the records to
fill them in and draws the result. Text from the records or typed by the person is shown with
st.text, st.code or text widgets, or in Markdown only after ``md`` has escaped it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components.feedback import attempt, flash
from components.navigation import page_path
from components.screen import forget_form_versions, form_version
from nextround.domain.dates import format_day, relative_day
from nextround.domain.kinds import NOTES, note_kind
from nextround.domain.next_note import NextNote
from nextround.domain.notes.checks import Check, check_note, word_count
from nextround.domain.notes.drafting import (
    TEMPLATE_FILTERS_HELP,
    TEMPLATE_VARIABLES,
    TONES,
    NoteInput,
    join_and,
    render_note,
    tidy_text,
)
from nextround.domain.notes.sent import mailto_link, record_sent_note
from nextround.domain.notes.user_templates import (
    USER_TEMPLATE_FOLDER,
    TemplateProblem,
    read_user_template,
    render_user_template,
)
from nextround.domain.settings import SENDER, save_values
from nextround.storage.store import Store
from nextround.views.markup import escape_markdown
from nextround.views.notes import (
    NotesIndex,
    Picked,
    default_interview,
    detail_phrase,
    file_name,
    interview_label,
    interviews_of,
    recipients_for,
    sent_today,
)
from nextround.views.snapshot import Snapshot

BUILT_IN = ""  # the "wording" choice for the built-in templates
_DRAFTS = "notes_drafts"
_PENDING_KIND = "notes_pending_kind"

def md(text: Any) -> str:
    """User or record text made inert for st.markdown."""
    return escape_markdown("" if text is None else text)


def _text(value: Any) -> str:
    return tidy_text(value)


def remember_sender(store: Store, snapshot: Snapshot, name: str, saved: str) -> None:
    """Save a new sign-off name, with a toast; a failed save says why and changes nothing."""
    expected = form_version("notes_sender", snapshot, "settings")
    if name and name != saved and attempt(lambda: save_values(store, {SENDER: name}, expected)):
        forget_form_versions()
        flash("Your name is saved for the next note.")
        st.rerun()


def _context(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


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


def apply_request(
    request: dict, applications: pd.DataFrame, events: pd.DataFrame, index: NotesIndex
) -> None:
    """Preselect what another page asked for (go_to("Notes", application_id=..., ...))."""
    app_id = request.get("application_id")
    if not app_id or not applications["id"].eq(app_id).any():
        return
    st.session_state["notes_application"] = app_id
    event_id = request.get("event_id")
    if event_id and event_id in set(interviews_of(index.events_of(events, app_id), app_id)["id"]):
        st.session_state[f"notes_interview_{app_id}"] = event_id
    if request.get("kind") in NOTES:
        st.session_state[_PENDING_KIND] = (app_id, request["kind"])


def pick_interview(
    applications: pd.DataFrame, events: pd.DataFrame, index: NotesIndex, today: date
) -> Picked:
    order, labels = index.order, index.labels
    left, right = st.columns(2)
    app_id = _choose(
        left.selectbox, "Application", order, "notes_application", order[0],
        format_func=lambda i: labels.get(i, i),
    )
    app = applications[applications["id"] == app_id].iloc[0]
    interviews = interviews_of(index.events_of(events, app_id), app_id)
    if interviews.empty:
        right.selectbox("Interview", ["No interview recorded"], disabled=True,
                        key="notes_interview_none")
        return Picked(app, None)
    by_id = {str(r["id"]): r for _, r in interviews.iterrows()}
    event_id = _choose(
        right.selectbox, "Interview", list(by_id), f"notes_interview_{app_id}",
        default_interview(interviews, today),
        format_func=lambda i: interview_label(by_id[i], today),
    )
    return Picked(app, by_id[event_id])


def facts(picked: Picked, today: date) -> None:
    """What the records say: company, role, date, who; said in one line."""
    app = picked.app
    parts = [f"**{md(app['company'])}**", md(app["role"])]
    day = picked.interview_date
    if day is not None:
        parts.append(f"interview {format_day(day, today)} ({relative_day(day, today)})")
    names = [name for name, _email in recipients_for("thank-you", app, picked.interview)]
    if picked.interview is not None and names:
        parts.append("with " + md(join_and(names)))
    if picked.decision_date is not None:
        parts.append(f"decision expected by {format_day(picked.decision_date, today)}")
    st.markdown(" · ".join(p for p in parts if p))
    if picked.interview is None:
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
    suggested = note.kind or "follow-up"
    if note.stop:
        st.warning(f"**Time to stop following up.** {md(note.reason)}", icon=":material/block:")
        if not st.toggle("Draft a note anyway", key=f"notes_anyway_{picked.app_id}"):
            st.stop()
    elif note.kind:
        st.info(f"**Suggested: {note.kind}.** {md(note.reason)}", icon=":material/lightbulb:")
    else:
        st.info(f"**No note is due.** {md(note.reason)}", icon=":material/lightbulb:")
    key = f"notes_kind_{picked.app_id}_{picked.event_id}"
    pending = st.session_state.pop(_PENDING_KIND, None)
    if pending and pending[0] == picked.app_id:
        st.session_state[key] = pending[1]
    kind_col, tone_col, wording_col = st.columns([2, 1, 2])
    kind = _choose(
        kind_col.selectbox, "Kind of note", list(NOTES), key, suggested,
        help="\n".join(f"- {k.name}: {k.help}" for k in NOTES.values()),
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
    if kind == "rejection reply":
        st.caption(
            ":material/reply: Send it as a reply to their message, in the same email thread, "
            "so they have the context."
        )
    return kind, tone, wording


# --- what the person adds --------------------------------------------------------------------


def inputs_form(picked: Picked, kind: str, saved_sender: str) -> dict | None:
    """The person's part of the note; returns the values when they press Write."""
    used = note_kind(kind).fields
    app_id, event_id = picked.app_id, picked.event_id or "none"
    recipients = recipients_for(kind, picked.app, picked.interview)
    details = None if picked.interview is None else picked.interview["details"]
    keys = {
        "detail": f"notes_detail_{event_id}",
        "sender": "notes_sender",
        "repair": f"notes_repair_{event_id}",
        "development": f"notes_development_{event_id}",
        "ask_feedback": f"notes_ask_feedback_{app_id}",
        "decision_date": f"notes_decision_{event_id}",
    }
    st.session_state.setdefault(keys["detail"], detail_phrase(details))
    st.session_state.setdefault(keys["sender"], saved_sender)
    st.session_state.setdefault(keys["decision_date"], picked.decision_date)
    values: dict[str, Any] = {}
    with st.form("notes_inputs", border=True):
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.text_input(
                "One specific thing you discussed",
                key=keys["detail"],
                placeholder="the plan to rebuild the churn dashboard",
                help="A phrase that fits after \"our conversation about\". It shows the note "
                "was written for them.",
            )
            if isinstance(details, str) and details.strip():
                st.caption(f"From your interview notes: {md(details)}")
            if "strengths" in used:
                cols = st.columns(3)
                for i, col in enumerate(cols):
                    col.text_input(
                        ("Main strength", "Second (optional)", "Third (optional)")[i],
                        key=f"notes_strength_{i}_{app_id}",
                        placeholder=("e.g. five years of SQL reporting",
                                     "e.g. calm work with stakeholders", "e.g. fast onboarding")[i],
                        help="A strength that matches what they need, as a short phrase. The "
                        "built-in thank-you mentions the main one; a rejection reply names all "
                        "three." if i == 0 else None,
                    )
            if "repair" in used:
                st.text_area(
                    "Optional: a better answer, or something you forgot to say",
                    key=keys["repair"],
                    height=90,
                    help="A question that went badly is worth a short, calm second answer.",
                )
            if "development" in used:
                st.text_input(
                    "Optional: something new since the interview",
                    key=keys["development"],
                    placeholder="I passed the AWS Solutions Architect exam on Monday",
                )
        with right:
            st.text_input(
                "Your full name",
                key=keys["sender"],
                help="For the sign-off; remembered for next time.",
            )
            if not _text(st.session_state.get(keys["sender"])):
                st.caption(":orange[:material/warning:] Add your name so the note can be signed.")
            if recipients:
                for i, (name, _email) in enumerate(recipients):
                    st.text_input(
                        f"Greet {md(name)} as",
                        key=f"notes_greet_{event_id}_{kind}_{i}",
                        placeholder=name,
                        help="Leave empty to use the name as recorded, or write how you "
                        "address them (Priya, Dr. Raman).",
                    )
            else:
                st.text_input("Their name", key=f"notes_to_name_{app_id}",
                              help="No interviewer or contact is recorded for this application.")
                st.text_input("Their email", key=f"notes_to_email_{app_id}")
            if "decision_date" in used:
                st.date_input(
                    "They said they would decide by",
                    key=keys["decision_date"],
                    format="YYYY-MM-DD",
                    help="Leave empty if they gave no date.",
                )
            if "ask_feedback" in used:
                st.checkbox(
                    "Ask how I could be a stronger candidate",
                    key=keys["ask_feedback"],
                    help="Asks what would make you a stronger candidate next time. Many "
                    "employers will not say, but asking costs nothing.",
                )
        count = len(recipients)
        label = f"Write {count} notes, one per person" if count > 1 else "Write the note"
        submitted = st.form_submit_button(
            label, type="primary", icon=":material/edit:", key="notes_write"
        )
    if not submitted:
        return None
    state = st.session_state
    if not recipients:
        recipients = [(_text(state.get(f"notes_to_name_{app_id}")),
                       _text(state.get(f"notes_to_email_{app_id}")))]
    values["recipients"] = [
        (name, email, _text(state.get(f"notes_greet_{event_id}_{kind}_{i}")))
        for i, (name, email) in enumerate(recipients)
    ]
    values["specific_detail"] = state.get(keys["detail"], "")
    values["sender_name"] = _text(state.get(keys["sender"]))
    values["strengths"] = [state.get(f"notes_strength_{i}_{app_id}", "") for i in range(3)]
    values["repair"] = state.get(keys["repair"], "") if "repair" in used else ""
    values["development"] = state.get(keys["development"], "") if "development" in used else ""
    values["decision_date"] = state.get(keys["decision_date"]) if "decision_date" in used else None
    values["ask_feedback"] = "ask_feedback" in used and bool(state.get(keys["ask_feedback"]))
    return values


# --- drafting --------------------------------------------------------------------------------


def draft_context(picked: Picked, kind: str, tone: str, wording: str) -> str:
    return _context(picked.app_id, picked.event_id, kind, tone, wording)


def write_drafts(
    context: str,
    picked: Picked,
    kind: str,
    tone: str,
    wording: str,
    values: dict,
    data_dir: Path,
    today: date,
) -> None:
    """Render one note per recipient into the draft widgets; a template problem is kept to show."""
    drafts = []
    problem = None
    for i, (name, email, greeting) in enumerate(values["recipients"]):
        note = NoteInput(
            kind=kind,
            tone=tone,
            company=picked.app["company"],
            role=picked.app["role"],
            interviewer_name=name,
            interviewer_email=email,
            greeting_name=greeting,
            today=today,
            sender_name=values["sender_name"],
            interview_date=picked.interview_date,
            specific_detail=values["specific_detail"],
            strengths=values["strengths"],
            repair=values["repair"],
            development=values["development"],
            decision_date=values["decision_date"],
            ask_feedback=values["ask_feedback"],
        )
        try:
            if wording == BUILT_IN:
                rendered = render_note(note)
            else:
                source = read_user_template(data_dir, wording)
                rendered = render_user_template(source, note)
        except TemplateProblem as error:
            problem = str(error)
            break
        st.session_state[f"notes_subject_{context}_{i}"] = rendered.subject
        st.session_state[f"notes_body_{context}_{i}"] = rendered.body
        drafts.append({"name": name, "email": email, "note": note})
    store = st.session_state.setdefault(_DRAFTS, {})
    store[context] = {"problem": problem, "wording": wording, "drafts": [] if problem else drafts}


def drafts(
    context: str,
    picked: Picked,
    kind: str,
    tone: str,
    sent: pd.DataFrame,
    store: Store,
    snapshot: Snapshot,
    today: date,
) -> None:
    """Each draft in its own tab: editable text, the checks, and the ways to send it."""
    state = st.session_state.get(_DRAFTS, {}).get(context)
    if state is None:
        st.caption(
            "Fill in what you remember and press **Write**. You can edit every word afterwards."
        )
        return
    if state["problem"]:
        st.error(
            f"Your template {md(state['wording'])} could not be used. {md(state['problem'])}",
            icon=":material/error:",
        )
        st.caption("Fix the file in your templates folder and press Write again, or choose the "
                   "built-in wording.")
        return
    items = state["drafts"]
    tabs = st.tabs([f"To {md(d['name'])}" for d in items]) if len(items) > 1 else [st.container()]
    shared = sent_today(sent, picked.app_id, kind, today)
    for i, (tab, draft) in enumerate(zip(tabs, items, strict=True)):
        with tab:
            _draft(_Draft(context, i, draft, picked, kind, tone, shared, store, snapshot, today))


def checklist(checks: list[Check]) -> None:
    problems = sum(not c.ok for c in checks)
    if problems:
        st.markdown(f"**{problems} {'thing' if problems == 1 else 'things'} to look at**")
    else:
        st.markdown(":green[:material/verified:] **Ready to send: every check passes**")
    for c in checks:
        icon = ":green[:material/check_circle:]" if c.ok else ":orange[:material/error:]"
        st.markdown(f"{icon} **{c.name.capitalize()}**: {md(c.message)}")


@dataclass(frozen=True)
class _Draft:
    """One draft on the page: where it sits, what it is about, and what the page read."""

    context: str
    i: int
    draft: dict
    picked: Picked
    kind: str
    tone: str
    shared: pd.DataFrame
    store: Store
    snapshot: Snapshot
    today: date


def _draft(d: _Draft) -> None:
    context, i, draft, kind = d.context, d.i, d.draft, d.kind
    note: NoteInput = draft["note"]
    text_col, side_col = st.columns([3, 2], gap="large")
    with text_col:
        subject = st.text_input("Subject", key=f"notes_subject_{context}_{i}")
        body = st.text_area("Body", key=f"notes_body_{context}_{i}", height=380)
        words = word_count(body)
        st.caption(
            f"{words} words. Edit freely: what is here is what is copied, downloaded and saved."
        )
        with st.expander("Copy the text", icon=":material/content_copy:"):
            st.caption("The copy button appears at the top right of each box.")
            st.code(subject, language=None, wrap_lines=True)
            st.code(body, language=None, wrap_lines=True)
    with side_col:
        checklist(check_note(kind, subject, body, note))
        st.divider()
        _send(d, subject, body)


def _send(d: _Draft, subject: str, body: str) -> None:
    context, i, draft, picked, kind, tone = d.context, d.i, d.draft, d.picked, d.kind, d.tone
    shared, store, snapshot, today = d.shared, d.store, d.snapshot, d.today
    name, email = draft["name"], draft["email"]
    try:
        link = mailto_link(email, subject, body)
    except ValueError as error:
        st.warning(f"No email link: {md(error)}", icon=":material/mail:")
    else:
        st.link_button(
            "Open in email" if kind != "rejection reply" else "Open as a new email",
            link, icon=":material/mail:", width="stretch",
        )
        if not email:
            st.caption("No email address is recorded for them; add it in the draft.")
    st.download_button(
        "Download as text",
        data=f"Subject: {subject}\n\n{body}\n",
        file_name=file_name(kind, _text(picked.app["company"]), name),
        mime="text/plain",
        icon=":material/download:",
        key=f"notes_download_{context}_{i}",
        on_click="ignore",
        width="stretch",
    )
    expected = form_version("notes_sent", snapshot, "sent_notes")
    done = shared[shared["recipient_name"].fillna("") == name]
    if not done.empty:
        st.success(
            f"Marked as sent today at {done['sent_at'].iloc[-1]:%H:%M}. It is kept under Sent "
            "notes below.",
            icon=":material/task_alt:",
        )
        return
    if st.button("Mark as sent", key=f"notes_mark_{context}_{i}", type="primary",
                 icon=":material/send:", width="stretch",
                 help="Logs it on the application so Home stops reminding you, and keeps this "
                 "exact text."):
        event_ids = shared["event_id"].dropna()
        record = {
            "application_id": picked.app_id,
            "kind": kind,
            "tone": tone,
            "recipient_name": name,
            "recipient_email": email,
            "subject": subject,
            "body": body,
        }
        to = f" to {md(name)}" if name else ""
        if attempt(
            lambda: record_sent_note(
                store, record, today, datetime.now(),
                event_id=event_ids.iloc[0] if not event_ids.empty else None,
                expected_version=expected,
            ),
            success=f"Marked as sent: {kind}{to}. Well done for sending it.",
        ):
            forget_form_versions()
            st.rerun()
    st.caption("Press it once you have sent the note from your own email.")


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
    with st.expander("Write your own template", icon=":material/code:"):
        folder = Path(data_dir) / USER_TEMPLATE_FOLDER
        st.markdown(
            "Save a text file ending in **.j2** in the folder below and it appears under "
            "*Wording*. Start it with a line `Subject: ...`; the rest is the body. Put a "
            "variable in double braces, such as `{{ greeting_name }}`, and use "
            "`{% if repair %}...{% endif %}` for optional parts. What you type on this page "
            "always stays plain text: it is never run as template code."
        )
        st.code(str(folder), language=None)
        st.code(
            "Subject: Thank you – {{ role }} interview\n\n"
            "Dear {{ greeting_name }},\n\n"
            "Thank you for speaking with me {{ interview_when }} about {{ role_phrase|sentence }}"
            "\n{% if specific_detail %}I enjoyed hearing about {{ specific_detail|sentence }}"
            "{% endif %}\n\nBest regards,\n{{ sender_name }}",
            language="jinja",
        )
        variables = [*TEMPLATE_VARIABLES.items()]
        filters = [(f"|{k}", v) for k, v in TEMPLATE_FILTERS_HELP.items()]
        st.dataframe(
            pd.DataFrame(variables + filters, columns=["name", "what it holds"]),
            hide_index=True,
            width="stretch",
        )
