"""The Notes page's core: who the notes go to (parsed, so the person can correct names), what
they add (per person what they discussed, per note one strength and one repair), each draft
with its checks, and the ways to send it.

Fields start empty or from earlier notes' fields, never from the interview's private notes.
"Ready to send" is shown only when every check passes. Text from the records or typed by the
person is shown with text widgets or a dataframe, or in Markdown only after ``md`` escaped it.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from components.notes.choosing import BUILT_IN, md, remember_sender
from components.shared.feedback import attempt, flash
from components.shared.screen import cached_view, forget_form_versions, form_version
from nextround.commands.notes import record_sent_note
from nextround.commands.notes import remember_greetings as remember_greetings_of
from nextround.data_folder import Store
from nextround.domain import dates
from nextround.domain.kinds import is_thanks, note_kind, replies_to_no
from nextround.domain.notes import greetings as remembered_greetings
from nextround.domain.notes.checks import Check, check_note, word_count
from nextround.domain.notes.compose import join_and
from nextround.domain.notes.drafting import NoteInput, render_note
from nextround.domain.notes.people import Person, people_text, read_people
from nextround.domain.notes.sent import SENT_TABLES, mailto_link
from nextround.domain.notes.user_templates import (
    TemplateProblem,
    read_user_template,
    render_user_template,
)
from nextround.text import tidy_text
from nextround.views import notes as notes_view
from nextround.views.notes import (
    Picked,
    Typed,
    earlier_fields,
    file_name,
    recipients_for,
    sent_today,
    still_owed,
)
from nextround.views.snapshot import Snapshot

_DRAFTS = "notes_drafts"
_EXAMPLES = {
    "detail": 'A phrase, such as "their plan to rebuild the churn dashboard" or "how you '
    'would price the new tier", or a sentence. Only what you would say to them: the topics '
    "you logged as \"What you discussed\" may go here; the application's notes stay private, "
    "and feelings, judgements, chat words and asides keep a draft from being ready.",
    "strength": 'A phrase ("five years of SQL reporting") or a sentence ("I have led a team '
    'of eight for three years.").',
    "repair": 'A better answer or something you forgot, such as "When you asked about Airflow, '
    'I said I hadn\'t used it, but I ran our nightly jobs on it for two years."',
    "development": 'Such as "I passed the AWS Solutions Architect exam on Monday".',
}


def _slug(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).casefold().encode()).hexdigest()[:10]


def draft_context(picked: Picked, kind: str, tone: str, wording: str) -> str:
    return _slug(picked.app_id, picked.event_id, kind, tone, wording)


# --- who it goes to ----------------------------------------------------------------------------


def people_editor(picked: Picked, kind: str, tone: str,
                  owed: tuple[str, ...] = ()) -> list[Person]:
    """The people the notes go to, as written on the page (prefilled from the records: for a
    thank-you, only the people still owed one, ``owed``), and how each name was read, so a
    wrong reading can be corrected here."""
    group = "reply" if replies_to_no(kind) else note_kind(kind).to
    key = f"notes_people_{picked.app_id}_{picked.event_id or 'none'}_{group}"
    st.session_state.setdefault(key, people_text(still_owed(
        recipients_for(kind, picked.app, picked.interview), owed if is_thanks(kind) else ())))
    label = ("Who wrote to tell you (they get the reply)" if group == "reply"
             else "Who to write to")
    st.text_area(
        label, key=key, height=90,
        help="One person per line, with their email in <angle brackets> if you have it. A "
        'comma never separates people: "Raman, Priya" is one person.',
    )
    people = [p for p in read_people(st.session_state.get(key, "")) if p.recorded]
    if people:
        st.dataframe(
            pd.DataFrame({
                "as written": [p.recorded for p in people],
                "read as": [p.name for p in people],
                "warm greeting": [p.greeting("warm") for p in people],
                "concise greeting": [p.greeting("concise") for p in people],
                "email": [p.email for p in people],
            }),
            hide_index=True, width="stretch",
        )
        st.caption(f"The {tone} note greets each as shown, unless you write otherwise below.")
    for person in people:
        if person.doubt:
            st.warning(md(person.doubt), icon=":material/person_alert:")
    if not people:
        st.caption(":orange[:material/warning:] Write who the note goes to, so it can greet "
                   "them by name.")
    return people


# --- what the person adds ----------------------------------------------------------------------


def _keys(picked: Picked) -> dict[str, str]:
    event = picked.event_id or "none"
    return {
        "sender": "notes_sender",
        "strength": f"notes_strength_{picked.app_id}",
        "repair": f"notes_repair_{event}",
        "repair_for": f"notes_repair_for_{event}",
        "development": f"notes_development_{event}",
        "ask_feedback": f"notes_ask_feedback_{picked.app_id}",
        "decision_date": f"notes_decision_{event}",
    }


def _detail_key(picked: Picked, person: Person) -> str:
    return f"notes_detail_{picked.event_id or 'none'}_{_slug(person.recorded)}"


def _greet_key(person: Person) -> str:
    return f"notes_greet_{_slug(person.recorded)}"


def _person_fields(picked: Picked, kind: str, tone: str, people: list[Person],
                   interviewed: list[Person], sent: pd.DataFrame,
                   greetings: pd.DataFrame) -> None:
    for person in people:
        earlier = earlier_fields(sent, picked.app_id, person)
        st.session_state.setdefault(_detail_key(picked, person), earlier.detail)
        st.session_state.setdefault(
            _greet_key(person),
            remembered_greetings.remembered(greetings, person) or earlier.greeting)
        name = person.name
        label = f"What you discussed with {md(name)}"
        if replies_to_no(kind):
            label += " (only if you spoke with them)"
        if "specific_detail" in note_kind(kind).fields:  # not for a note before any talk
            st.text_input(label, key=_detail_key(picked, person),
                          placeholder="their plan to rebuild the churn dashboard",
                          help=_EXAMPLES["detail"])
        if replies_to_no(kind) and not any(person.is_same(p) for p in interviewed):
            st.caption(f"{md(name)} is not among the interviewers recorded, so the reply "
                       "mentions no conversation with them unless you write one here.")
        st.text_input(f"Greet {md(name)} as", key=_greet_key(person),
                      placeholder=person.greeting(tone),
                      help="Leave empty for the greeting shown in the table above, or write "
                      "how you address them. Remembered for every note to them.")
        if person.doubt and not tidy_text(st.session_state.get(_greet_key(person))):
            st.caption(f":orange[:material/person_alert:] How to greet {md(name)} is not "
                       "certain: write it above to confirm it once.")


def inputs_form(picked: Picked, kind: str, tone: str, people: list[Person],
                interviewed: list[Person], sent: pd.DataFrame, saved_sender: str,
                greetings: pd.DataFrame | None = None) -> Typed | None:
    """The person's part of the notes; returns what they typed when they press Write."""
    used = note_kind(kind).fields
    keys = _keys(picked)
    state = st.session_state
    state.setdefault(keys["sender"], saved_sender)
    state.setdefault(keys["decision_date"], picked.decision_date)
    if people:
        state.setdefault(keys["strength"], earlier_fields(sent, picked.app_id, people[0]).strength)
    with st.form("notes_inputs", border=True):
        left, right = st.columns([3, 2], gap="large")
        with left:
            _person_fields(picked, kind, tone, people, interviewed, sent,
                           greetings if greetings is not None else pd.DataFrame())
            if "strength" in used:
                st.text_input("One strength for this role", key=keys["strength"],
                              placeholder="five years of SQL reporting",
                              help=_EXAMPLES["strength"])
            if "repair" in used:
                st.text_area("Optional: a better answer, or something you forgot to say",
                             key=keys["repair"], height=90, help=_EXAMPLES["repair"])
                if len(people) > 1:
                    names = {p.recorded: p.name for p in people}
                    st.selectbox("Add it to the note for", ["", *names], key=keys["repair_for"],
                                 format_func=lambda r: names.get(r, "Everyone"))
            if "development" in used:
                st.text_input(note_kind(kind).development_label,
                              key=keys["development"], help=_EXAMPLES["development"],
                              placeholder="I passed the AWS Solutions Architect exam on Monday")
        with right:
            st.text_input("Your full name", key=keys["sender"],
                          help="For the sign-off; remembered for next time.")
            if not tidy_text(state.get(keys["sender"])):
                st.caption(":orange[:material/warning:] Add your name so the note can be signed.")
            if "decision_date" in used:
                st.date_input("They said they would decide by", key=keys["decision_date"],
                              format="YYYY-MM-DD", help="Leave empty if they gave no date.")
            if "ask_feedback" in used:
                st.checkbox("Ask how I could be a stronger candidate", key=keys["ask_feedback"],
                            help="Asks what would make you a stronger candidate next time. Many "
                            "employers will not say, but asking costs nothing.")
        count = len(people)
        label = f"Write {count} notes, one per person" if count > 1 else "Write the note"
        submitted = st.form_submit_button(label, type="primary", icon=":material/edit:",
                                          key="notes_write")
    if not submitted:
        return None
    return Typed(
        sender_name=tidy_text(state.get(keys["sender"])),
        details={p.recorded: state.get(_detail_key(picked, p), "") for p in people},
        greetings={p.recorded: tidy_text(state.get(_greet_key(p))) for p in people},
        strength=state.get(keys["strength"], "") if "strength" in used else "",
        repair=state.get(keys["repair"], "") if "repair" in used else "",
        repair_for=state.get(keys["repair_for"]) or "" if "repair" in used else "",
        development=state.get(keys["development"], "") if "development" in used else "",
        decision_date=state.get(keys["decision_date"]) if "decision_date" in used else None,
        ask_feedback="ask_feedback" in used and bool(state.get(keys["ask_feedback"])),
    )


def remember_greetings(store: Store, snapshot: Snapshot, people: list[Person],
                       typed: Typed) -> bool:
    """Keep each greeting the person wrote (a confirmed one above all), so every later note
    to them greets them the same way without asking again. True when one was saved (the page
    then reruns, to show the toast and read the new table)."""
    chosen = remembered_greetings.changed(
        snapshot["greetings"], {p: typed.greetings.get(p.recorded, "") for p in people})
    if not chosen:
        return False
    expected = form_version("notes_greetings", snapshot, "greetings")
    if attempt(lambda: remember_greetings_of(store, chosen, dates.now(), expected)):
        forget_form_versions("greetings")
        flash(f"Remembered how to greet {join_and(md(p.name) for p in chosen)}.")
        return True
    return False


# --- drafting ----------------------------------------------------------------------------------


@st.fragment
def write_and_show(store: Store, snapshot: Snapshot, picked: Picked, kind: str, tone: str,
                   wording: str, people: list[Person], app_events: pd.DataFrame,
                   saved_sender: str, today: date) -> None:
    """The form and the drafts, as a fragment: pressing Write (or editing a draft) reruns
    these alone, not the choice of interview, kind and people above them, which the press
    cannot change. A save the rest of the page reads (a greeting remembered, the sender's
    name, a note marked sent) reruns the whole page."""
    context = draft_context(picked, kind, tone, wording)
    interviewed = cached_view(snapshot.only("events"),
                              lambda _: notes_view.interview_people(app_events), picked.app_id)
    typed = inputs_form(picked, kind, tone, people, interviewed, snapshot["sent_notes"],
                        saved_sender, snapshot["greetings"])
    if typed is not None:
        around = notes_view.note_context(picked.app, app_events)
        inputs = notes_view.note_inputs(kind, tone, picked, people, typed, today, interviewed,
                                        notes_view.private_notes(picked.app, app_events), around)
        write_drafts(context, inputs, wording, store.data_dir)
        greeted = remember_greetings(store, snapshot, people, typed)
        remember_sender(store, snapshot, typed.sender_name, saved_sender)
        if greeted:
            st.rerun(scope="app")
    st.header("Your draft")
    drafts(page_context(context, picked, kind, tone, store, snapshot, today))


def write_drafts(context: str, notes: list[NoteInput], wording: str, data_dir: Path) -> None:
    """Render one note per person into the draft widgets; a template problem is kept to show."""
    drafts, problem = [], None
    for i, note in enumerate(notes):
        try:
            if wording == BUILT_IN:
                rendered = render_note(note)
            else:
                rendered = render_user_template(
                    read_user_template(data_dir, wording), note, name=wording,
                    turn=st.session_state.setdefault("notes_template_turn", threading.Lock()))
        except TemplateProblem as error:
            problem = str(error)
            break
        st.session_state[f"notes_subject_{context}_{i}"] = rendered.subject
        st.session_state[f"notes_body_{context}_{i}"] = rendered.body
        drafts.append(note)
    saved = st.session_state.setdefault(_DRAFTS, {})
    saved[context] = {"problem": problem, "wording": wording, "notes": [] if problem else drafts}


@dataclass(frozen=True)
class _Page:
    """What each draft on the page needs to know about where it sits."""

    context: str
    picked: Picked
    kind: str
    tone: str
    shared: pd.DataFrame
    store: Store
    snapshot: Snapshot
    today: date


def drafts(page: _Page) -> None:
    """Each draft in its own tab: editable text, the checks, and the ways to send it."""
    state = st.session_state.get(_DRAFTS, {}).get(page.context)
    if state is None:
        st.caption("Fill in what you remember and press **Write**. You can edit every word "
                   "afterwards.")
        return
    if state["problem"]:
        st.error(f"Your template could not be used. {md(state['problem'])}",
                 icon=":material/error:")
        st.caption("Fix the file in your templates folder and press Write again, or choose the "
                   "built-in wording.")
        return
    notes: list[NoteInput] = state["notes"]
    bodies = [st.session_state.get(f"notes_body_{page.context}_{i}", "") for i in
              range(len(notes))]
    names = [n.person.name or "them" for n in notes]
    tabs = st.tabs([f"To {md(n)}" for n in names]) if len(notes) > 1 else [st.container()]
    for i, (tab, note) in enumerate(zip(tabs, notes, strict=True)):
        others = [(names[j], bodies[j]) for j in range(len(notes)) if j != i]
        with tab:
            _draft(page, i, note, others)


def page_context(context: str, picked: Picked, kind: str, tone: str, store: Store,
                 snapshot: Snapshot, today: date) -> _Page:
    shared = cached_view(snapshot.only("sent_notes"),
                         lambda s: sent_today(s["sent_notes"], picked.app_id, kind, today),
                         picked.app_id, kind, today)
    return _Page(context, picked, kind, tone, shared, store, snapshot, today)


def checklist(checks: list[Check]) -> None:
    problems = [c for c in checks if not c.ok]
    if problems:
        count = len(problems)
        st.markdown(f":orange[:material/error:] **Not ready yet: {count} "
                    f"{'thing' if count == 1 else 'things'} to fix**")
    else:
        st.markdown(":green[:material/verified:] **Ready to send: every check passes**")
    for c in problems + [c for c in checks if c.ok]:
        icon = ":green[:material/check_circle:]" if c.ok else ":orange[:material/error:]"
        st.markdown(f"{icon} **{c.name.capitalize()}**: {md(c.message)}")


def _draft(page: _Page, i: int, note: NoteInput, others: list[tuple[str, str]]) -> None:
    text_col, side_col = st.columns([3, 2], gap="large")
    with text_col:
        subject = st.text_input("Subject", key=f"notes_subject_{page.context}_{i}")
        body = st.text_area("Body", key=f"notes_body_{page.context}_{i}", height=380)
        st.caption(f"{word_count(body)} words. Edit freely: what is here is what is copied, "
                   "downloaded and saved.")
        with st.expander("Copy the text", icon=":material/content_copy:"):
            st.caption("The copy button appears at the top right of each box.")
            st.code(subject, language=None, wrap_lines=True)
            st.code(body, language=None, wrap_lines=True)
    with side_col:
        checklist(check_note(page.kind, subject, body, note, others))
        st.divider()
        _send(page, i, note, subject, body)


def _send(page: _Page, i: int, note: NoteInput, subject: str, body: str) -> None:
    name, email = note.interviewer_name, note.interviewer_email
    try:
        link = mailto_link(email, subject, body)
    except ValueError as error:
        st.warning(f"No email link: {md(error)}", icon=":material/mail:")
    else:
        st.link_button("Open in email" if not replies_to_no(page.kind) else
                       "Open as a new email", link, icon=":material/mail:", width="stretch")
        if not email:
            st.caption("No email address is recorded for them; add it in the draft.")
    st.download_button(
        "Download as text", data=f"Subject: {subject}\n\n{body}\n",
        file_name=file_name(page.kind, tidy_text(page.picked.app["company"]), name),
        mime="text/plain", icon=":material/download:", key=f"notes_download_{page.context}_{i}",
        on_click="ignore", width="stretch",
    )
    expected = {table: form_version("notes_sent", page.snapshot, table)
                for table in SENT_TABLES}
    done = page.shared[page.shared["recipient_name"].fillna("") == name]
    if not done.empty:
        st.success(f"Marked as sent today at {done['sent_at'].iloc[-1]:%H:%M}. It is kept under "
                   "Sent notes below.", icon=":material/task_alt:")
        return
    if st.button("Mark as sent", key=f"notes_mark_{page.context}_{i}", type="primary",
                 icon=":material/send:", width="stretch",
                 help="Logs it on the application so Home stops reminding you, and keeps this "
                 "exact text."):
        record = {
            "application_id": page.picked.app_id, "kind": page.kind, "tone": page.tone,
            "recipient_name": name, "recipient_email": email, "subject": subject,
            "body": body, "greeting": note.greeting_name,
            "detail": note.specific_detail if note.met else "",
            "strength": note.strength, "repair": note.repair,
        }
        to = f" to {md(note.person.name)}" if name else ""
        if attempt(
            lambda: record_sent_note(page.store, record, page.today, dates.now(),
                                     expected_versions=expected),
            success=f"Marked as sent: {page.kind}{to}. Well done for sending it.",
        ):
            forget_form_versions(*SENT_TABLES)
            st.rerun()
    st.caption("Press it once you have sent the note from your own email.")
