"""The Data page's mail section: point Next Round at your mail, review what it found, accept.

Reading happens in ``nextround.mail``; this draws it. The proposals live in this browser
session only (message bodies are never written anywhere); accepted events are written as one
unit that can be undone in one step. The IMAP password is held in session memory, or in the
system keyring only when the person ticks it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from components.shared.feedback import ask_to_confirm, attempt, confirm, flash, tables_unreadable
from components.shared.mail_waiting import RESULT
from components.shared.screen import cached_view
from nextround.commands import mail as mail_commands
from nextround.data_folder import EVENT_KINDS, Store
from nextround.domain import dates
from nextround.mail import review, sources
from nextround.mail.tracker import build_tracker, oldest_open
from nextround.text import plural
from nextround.views.markup import escape_markdown
from nextround.views.snapshot import Snapshot

TRACKER = "mail_tracker"
PASSWORD = "mail_password"
UNDO = "undo_mail"
SOURCES = ("A mailbox file (.mbox)", "E-mail files (.eml)",
           "A folder on this computer (Maildir or .eml files)", "An IMAP account (read-only)")


def mail_section(store: Store) -> None:
    st.write(
        "Find the answers to your applications in your own mail. Next Round reads it on this "
        "computer, only the messages from the companies you track (or the hiring systems that "
        "write for them) past their headers, and proposes what each one would log. Nothing is "
        "logged until you accept, and nothing about your mail leaves this computer."
    )
    if tables_unreadable(store, "Reading mail", "applications", "events"):
        return
    applications = Snapshot.load(store, ("applications",))
    apps = applications["applications"]
    if apps.empty:
        st.info("Add the applications you are waiting on first (Pipeline, or Import): mail is "
                "matched to them.", icon=":material/info:")
        return
    _scan_form(store, applications)
    result = st.session_state.get(RESULT)
    if result is not None:
        _review(store, result, apps)
    _accepted(store)


def _scan_form(store: Store, applications: Snapshot) -> None:
    kind = st.radio("Read from", SOURCES, horizontal=True, key="mail_source")
    own = st.text_input("Your own e-mail addresses (optional, separated by commas)",
                        key="mail_own", help="Mail from these addresses is mail you sent: a "
                        "thank-you or follow-up to someone in your tracker is offered as one.")
    source = None
    if kind == SOURCES[0]:
        upload = st.file_uploader("Mailbox file", type=["mbox"], key="mail_mbox",
                                  help="Google Takeout, Thunderbird and Apple Mail export .mbox.")
        path = st.text_input("Or the path of a large .mbox on this computer", key="mail_path")
        if upload is not None:
            source = lambda: sources.mbox_upload(upload.getbuffer(), upload.name)  # noqa: E731
        elif path.strip():
            source = lambda: sources.mbox_file(Path(path.strip()).expanduser())  # noqa: E731
    elif kind == SOURCES[1]:
        files = st.file_uploader("E-mail files", type=["eml"], accept_multiple_files=True,
                                 key="mail_eml")
        if files:
            source = lambda: sources.eml_uploads((f.name, f.getvalue()) for f in files)  # noqa: E731
    elif kind == SOURCES[2]:
        path = st.text_input("Folder", key="mail_folder",
                             help="A Maildir (with cur/ and new/ inside) or a folder of .eml "
                                  "files; a subfolder called Sent holds mail you sent.")
        if path.strip():
            source = lambda: sources.folder_files(Path(path.strip()).expanduser())  # noqa: E731
    since = cached_view(applications, lambda s: oldest_open(s["applications"]))
    if kind == SOURCES[3]:
        source = _imap_form(since)
    if since is None:
        st.info("None of your applications is open: there is no answer to wait for.",
                icon=":material/info:")
        return
    if since > date.min:
        st.caption(f"Mail from {dates.format_day(since)} on is read (the day you applied to "
                   "the oldest application still open).")
    go = st.button("Find replies", type="primary", disabled=source is None,
                   icon=":material/search:", key="mail_scan")
    if st.session_state.pop("mail_stopped", False):
        st.info("Stopped. The messages read until then are listed below.",
                icon=":material/stop_circle:")
    if not go or source is None:
        return
    tracker = build_tracker(applications["applications"], store.load("events"))
    bar = st.progress(0.0, text="Reading headers…")
    st.button("Stop", icon=":material/stop:", key="mail_stop", on_click=_stopped)
    partial = review.ScanResult()
    st.session_state[RESULT] = partial
    st.session_state[TRACKER] = tracker

    def progress(done: float, result: review.ScanResult) -> None:
        st.session_state[RESULT] = result  # a Stop click ends this run: keep what was read
        bar.progress(min(done, 1.0), text=f"{result.seen:,} messages, "
                                          f"{result.read:,} read as job mail")

    addresses = [a.strip() for a in own.split(",")]
    try:
        result = review.scan(source(), tracker, progress=progress, own=addresses, every=200)
    except (sources.MailSourceError, OSError) as error:
        if not st.session_state[RESULT].seen:  # what was read before a break is still shown
            st.session_state.pop(RESULT, None)
        st.error(escape_markdown(error), icon=":material/error:")
        return
    st.session_state[RESULT] = result
    st.rerun()


def _stopped() -> None:
    st.session_state["mail_stopped"] = True
    result = st.session_state.get(RESULT)
    if result is not None:
        result.stopped = True


def _imap_form(since: date | None):
    left, right = st.columns([3, 1])
    host = left.text_input("IMAP server", key="mail_host", placeholder="imap.example.com")
    port = right.number_input("Port", 1, 65535, 993, key="mail_port")
    user = st.text_input("User name", key="mail_user", placeholder="you@example.com")
    folder, sent = st.columns(2)
    name = folder.text_input("Folder", "INBOX", key="mail_imap_folder")
    sent_name = sent.text_input("Sent folder (optional)", key="mail_imap_sent",
                                placeholder="Sent")
    local = sources.is_loopback(host) if host else False
    tls = st.checkbox("Use TLS", value=True, key="mail_tls", disabled=not local,
                      help="Always on for a server on another computer.") or not local
    account = sources.ImapAccount(host.strip(), user.strip(), int(port), tls, name.strip(),
                                  sent_name.strip())
    kept = sources.remembered_password(account) if host and user else None
    password = st.text_input("Password or app password", type="password", key="mail_pw",
                             help="Held in this session's memory only, unless you tick "
                                  "the box below.")
    remember = st.checkbox("Remember it in the system keyring", key="mail_remember")
    if kept:
        note, forget = st.columns([3, 1], vertical_alignment="center")
        note.caption("A password for this account is kept in the system keyring"
                     + (" and is used." if not password else "; the one typed above is used."))
        if forget.button("Forget it", key="mail_forget", icon=":material/key_off:"):
            sources.forget_password(account)
            flash("The password is no longer kept in the system keyring.")
            st.rerun()
    problem = account.problem() if host or user else None
    if problem:
        st.warning(escape_markdown(problem), icon=":material/warning:")
        return None
    secret = password or kept
    if not host or not user or not secret:
        return None
    start = since if since and since > date.min else None

    def open_source() -> sources.Scan:
        if remember and password:  # kept only when a scan starts with the box ticked
            trouble = sources.remember_password(account, password)
            if trouble:
                st.warning(escape_markdown(trouble), icon=":material/warning:")
        return sources.imap_messages(account, secret, since=start)

    return open_source


def _apps_label(apps: pd.DataFrame) -> dict[str, str]:
    return {str(r.id): f"{r.company} — {r.role}" for r in apps.itertuples(index=False)}


def _review(store: Store, result: review.ScanResult, apps) -> None:
    tracker = st.session_state.get(TRACKER)
    shown = result.to_review
    other = [p for p in result.proposals if p.status not in (review.PROPOSE, review.CHOOSE)]
    stopped = " (stopped before the end)" if result.stopped else ""
    st.subheader("Replies found")
    st.caption(f"{plural(result.seen, 'message')} looked at{stopped}; "
               f"{plural(result.read, 'was', 'were')} job mail and read; "
               f"{plural(len(shown), 'proposal')} to review.")
    if not shown:
        st.info("Nothing to propose: no message read as an answer to one of your "
                "applications.", icon=":material/inbox:")
    labels = _apps_label(apps)
    chosen: list[review.Proposal] = []
    for number, p in enumerate(shown):
        picked = _row(number, p, labels, tracker)
        if picked is not None:
            chosen.append(picked)
    if other:
        with st.expander(f"{plural(len(other), 'message')} with nothing to propose"):
            for p in other:
                when = p.when.astimezone().strftime("%Y-%m-%d") if p.when else "no date"
                st.markdown(escape_markdown(f"{when} · {p.sender} · {p.subject}"))
                st.caption(escape_markdown(f"{p.status}: " + "; ".join(p.reasons)))
    if not shown:
        return
    sure = [p for p in shown if p.sure]
    left, right = st.columns(2)
    if left.button(f"Accept the {plural(len(chosen), 'ticked one')}", type="primary",
                   disabled=not chosen, key="mail_accept", icon=":material/done_all:"):
        _accept(store, chosen)
    if right.button(f"Accept all sure ones ({len(sure)})", disabled=not sure,
                    key="mail_accept_sure", icon=":material/verified:"):
        _accept(store, sure)
    if st.button("Clear the list", key="mail_clear", icon=":material/clear_all:"):
        st.session_state.pop(RESULT, None)
        st.rerun()


def _row(number: int, p: review.Proposal, labels: dict[str, str], tracker):
    """One proposal: what it is, why, and the person's choice (accept, change, ignore)."""
    with st.container(border=True):
        when = p.when.astimezone().strftime("%a %d %b %Y") if p.when else "no date"
        st.markdown(f"**{escape_markdown(when)}** · {escape_markdown(p.sender)}  \n"
                    f"{escape_markdown(p.subject or '(no subject)')}")
        event = p.event or {}
        day = event.get("date")
        st.markdown(f"Reads as **{escape_markdown(p.reading.label)}** → would log "
                    f"**{escape_markdown(event.get('kind', ''))}** on "
                    f"{dates.format_day(day) if day else 'its date'}")
        st.caption("Why: " + escape_markdown("; ".join(p.reasons)))
        accept, app, kind = st.columns([1, 3, 2], vertical_alignment="bottom")
        options = list(p.app_ids) + [a for a in labels if a not in p.app_ids]
        if p.status == review.CHOOSE:
            options = ["", *options]
        app_id = app.selectbox("Application", options, key=f"mail_app_{number}_{p.key}",
                               format_func=lambda a: escape_markdown(labels.get(a, "Choose…")))
        kinds = list(EVENT_KINDS)
        new_kind = kind.selectbox("Event", kinds, index=kinds.index(event.get("kind", "note")),
                                  key=f"mail_kind_{number}_{p.key}")
        ticked = accept.checkbox("Accept", value=p.sure, key=f"mail_ok_{number}_{p.key}",
                                 disabled=not app_id)
    if not ticked or not app_id or tracker is None:
        return None
    final = review.choose(p, app_id, tracker) if app_id != p.app_id else p
    if final.event is not None and new_kind != final.event["kind"]:
        final = replace(final, event=dict(final.event, kind=new_kind))
    return final


def _accept(store: Store, chosen: list[review.Proposal]) -> None:
    if attempt(lambda: mail_commands.accept(store, chosen, dates.now())):
        st.session_state.pop(RESULT, None)
        flash(f"Logged {plural(len(chosen), 'event')} from your mail. Changed your mind? "
              "Undo it in one step under 'Accepted from your mail'.")
        st.rerun()


def _accepted(store: Store) -> None:
    units = review.mail_units(store)[:10]
    if units:
        st.markdown("**Accepted from your mail**")
        for unit in units:
            text, button = st.columns([4, 1], vertical_alignment="center")
            state = " (undone)" if unit.state == "undone" else ""
            text.markdown(escape_markdown(unit.describe() + state))
            if unit.state == "done" and button.button("Undo", key=f"mail_undo_{unit.id}",
                                                      icon=":material/undo:"):
                ask_to_confirm(UNDO, unit=unit.id, label=unit.label)
    pending = st.session_state.get(f"confirm_{UNDO}")
    if pending:
        confirm(UNDO, "Undo these replies?",
                f"This takes back the {escape_markdown(pending.get('label'))}: the events they "
                "logged, and each application's stage as it was before. Nothing else changes.",
                "Undo", lambda payload: (mail_commands.undo(store, payload["unit"]),
                                         flash("Replies from your mail undone.",
                                               ":material/undo:")))
