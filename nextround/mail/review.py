"""From messages to proposals, and from accepted proposals to one undoable change.

``scan`` walks a source: it reads each message's headers, skips every message the tracker
does not recognise (unread), and for the rest reads the body in memory, says what it means
(``classify``), matches it to an application and builds the event it would log. Nothing is
written while scanning. ``accept`` writes the accepted events, and the stage each moves its
application to, as one unit of the store (``Store.apply``): listed as one change, undone in one
step by ``undo`` (both in ``nextround.commands.mail``). Only the events are written; no
message body is kept anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from nextround.domain.dates import today
from nextround.mail.classify import NOT_JOB, NOT_SURE, Reading, classify
from nextround.mail.content import content, domain_in
from nextround.mail.message import Envelope, body_text, calendars, domain_of, plain
from nextround.mail.sources import Scan
from nextround.mail.tracker import Tracked, Tracker, suffixes, word_pattern
from nextround.storage.backups import Unit
from nextround.storage.store import Store
from nextround.text import possessive

UNIT_KIND = "mail"
#: What a proposal's status means, as the review list says it.
PROPOSE, CHOOSE, UNSURE, NOT_ABOUT, NO_MATCH, LOGGED = (
    "proposed", "choose the application", NOT_SURE, NOT_JOB, "no application fits",
    "already logged")


@dataclass
class Proposal:
    """One job message read past its headers: what it reads as, the applications it fits,
    and the event it would log. Holds the subject and sender, never the body."""

    key: str
    when: datetime | None
    sender: str
    subject: str
    folder: str
    reading: Reading
    status: str
    app_ids: tuple[str, ...] = ()
    app_id: str | None = None
    event: dict | None = None
    match: tuple[str, ...] = ()

    @property
    def sure(self) -> bool:
        """Sure enough to be accepted with the others in one click."""
        return self.status == PROPOSE and self.event is not None

    @property
    def reasons(self) -> tuple[str, ...]:
        return (*self.reading.reasons, *self.match)


@dataclass
class ScanResult:
    proposals: list[Proposal] = field(default_factory=list)
    seen: int = 0
    read: int = 0
    stopped: bool = False

    @property
    def to_review(self) -> list[Proposal]:
        return [p for p in self.proposals if p.status in (PROPOSE, CHOOSE)]


def _company_text(env: Envelope, body: str) -> str:
    return plain(f"{env.sender_name}\n{env.subject}\n{body}")


def match(env: Envelope, body: str, tracker: Tracker) -> tuple[list[Tracked], list[str]]:
    """The applications a message fits, and why: its address, then its domain, then the
    company it names (mail from an applicant-tracking system); several fits narrowed by the
    role words the message uses, then by which are still open."""
    c = content()
    text = _company_text(env, body)
    if env.folder == "sent":
        addresses: tuple[str, ...] = env.recipients
    else:
        addresses = (env.sender, *env.reply_to)
    apps = tracker.with_address(addresses)
    why = [f"address {a} belongs to {', '.join(sorted({t.company for t in apps}))}"
           for a in addresses if any(a in t.emails for t in apps)][:1]
    if not apps:
        domains = tuple(d for d in (domain_of(a) for a in addresses)
                        if d and not domain_in(d, c.ats_domains))
        apps = tracker.with_domain(domains)
        if apps:
            why = [f"domain {domains[0]} is {possessive(apps[0].company)}"]
    if not apps:
        apps = tracker.named_in(text)
        if apps:
            why = [f"names {', '.join(sorted({t.company for t in apps}))}"]
    if len(apps) > 1:
        scores = {a.id: len([w for w in a.roles if word_pattern(w).search(text)])
                  for a in apps}
        best = max(scores.values())
        if best and list(scores.values()).count(best) < len(apps):
            apps = [a for a in apps if scores[a.id] == best]
            why.append("role words: " + ", ".join(sorted(w for w in apps[0].roles
                                                        if w in text))[:80])
    if len(apps) > 1 and any(a.open for a in apps) and not all(a.open for a in apps):
        apps = [a for a in apps if a.open]
        why.append("the one still open")
    return apps, why


def _event(reading: Reading, env: Envelope, app: Tracked) -> dict | None:
    """The event an accepted message logs (the columns of storage.schema.EVENTS)."""
    day = env.date.astimezone().date() if env.date else today()
    subject = " ".join(env.subject.split())[:120]
    quoted = f"“{subject}”" if subject else "(no subject)"
    if reading.kind in ("thank-you sent", "follow-up sent"):
        people = [a for a in env.recipients if a in app.emails] or [
            a for a in env.recipients if any(d in app.domains for d in suffixes(domain_of(a)))]
        to = f" to {', '.join(people[:3])}" if people else ""
        return {"kind": reading.kind, "date": day, "channel": "email",
                "details": f"Sent by e-mail{to}: {quoted}."}
    kind = content().kind(reading.kind)
    record: dict = {"kind": kind.event, "date": day}
    if kind.name == "scheduling" and reading.when is not None:
        record.update(date=reading.when.date(), round=len([
            d for d in app.interviews if d < reading.when.date()]) + 1)
        if reading.interview_type:
            record["interview_type"] = reading.interview_type
        at = f" at {reading.when:%H:%M}" if reading.when.time() != datetime.min.time() else ""
        record["details"] = f"Scheduled by e-mail{at}: {quoted}."
    else:
        record["details"] = f"{reading.label[0].upper()}{reading.label[1:]}, by e-mail: {quoted}."
    return record


def _already(app: Tracked, event: dict) -> bool:
    if (event["kind"], event["date"]) in app.event_days:
        return True
    if event["kind"] == "rejection" and app.outcome:
        return True
    return event["kind"] == "offer" and app.stage in ("offer", "closed")


def propose(env: Envelope, tracker: Tracker) -> Proposal:
    """Read one recognised message (its body in memory) and say what it would log."""
    message = env.full()
    body = body_text(message)
    apps, why = match(env, body, tracker)
    interviewed = len(apps) == 1 and env.date is not None and any(
        d < env.date.date() for d in apps[0].interviews)
    reading = classify(env, body, calendars(message), interviewed)
    sender = f"{env.sender_name} <{env.sender}>" if env.sender_name else env.sender
    base = Proposal(env.key, env.date, sender, env.subject, env.folder, reading, UNSURE,
                    tuple(a.id for a in apps), None, None, tuple(why))
    if reading.kind == NOT_JOB:
        return replace(base, status=NOT_ABOUT)
    if not reading.sure:
        return base
    if not apps:
        return replace(base, status=NO_MATCH, match=(
            "no application in the tracker fits its address, domain or the company it names",))
    if len(apps) > 1:
        # The event is built for the first; the user picks, and it is rebuilt for theirs.
        return replace(base, status=CHOOSE, event=_event(reading, env, apps[0]))
    event = _event(reading, env, apps[0])
    if event is not None and _already(apps[0], event):
        return replace(base, status=LOGGED, app_id=apps[0].id, event=event)
    return replace(base, status=PROPOSE, app_id=apps[0].id, event=event)


def choose(proposal: Proposal, app_id: str, tracker: Tracker) -> Proposal:
    """The proposal with the application the user picked (its event rebuilt for it)."""
    app = tracker.by_id(app_id)
    if app is None or proposal.event is None:
        return proposal
    day = proposal.event["date"]
    record = dict(proposal.event)
    if record["kind"] == "interview":
        record["round"] = len([d for d in app.interviews if d < day]) + 1
    return replace(proposal, app_id=app_id, event=record, status=PROPOSE)


def scan(source: Scan, tracker: Tracker, stop: Callable[[], bool] | None = None,
         progress: Callable[[float, ScanResult], None] | None = None,
         every: int = 500, own: Iterable[str] = ()) -> ScanResult:
    """Walk a source; only recognised messages are read past their headers. ``own``: the
    user's own addresses (mail from them is mail they sent, wherever it is filed)."""
    result = ScanResult()
    mine = {a.strip().lower() for a in own if "@" in a}
    done = 0.0
    for env, done in source:
        result.seen += 1
        if env.sender in mine:
            env.folder = "sent"
        if tracker.recognises(env) is not None:
            result.read += 1
            result.proposals.append(propose(env, tracker))
        if result.seen % every == 0:
            if progress is not None:
                progress(done, result)
            if stop is not None and stop():
                result.stopped = True
                break
    if progress is not None:
        progress(1.0 if not result.stopped else done, result)
    result.proposals.sort(key=lambda p: p.when.timestamp() if p.when else 0.0)
    return result


def mail_units(store: Store) -> list[Unit]:
    """Replies accepted from mail, newest first (each undoable while in place)."""
    return store.units([UNIT_KIND])
