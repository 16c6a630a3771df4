"""What a job message means, and the words and headers that decided it.

Precision comes first: a wrong proposal costs the user more than a missed one (a rejection
logged against the wrong job closes it). So a message reads as one kind only when the cue
phrases of exactly one kind survive (a kind beats another only where mail.toml says so: a
rejection that thanks you for applying is a rejection); two kinds that do not settle, no cue at
all, or bulk-mail headers on a message that is not from an applicant-tracking system make it
"not sure", and a look-alike (a job alert, a newsletter, a recruiter's cold outreach) is "not
about an application". Neither proposes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from nextround.domain.dates import today
from nextround.mail.content import content, domain_in, found
from nextround.mail.message import Envelope, plain

NOT_SURE = "not sure"
NOT_JOB = "not about an application"

def _numbered(names: str) -> dict[str, int]:
    return {name: number for number, name in enumerate(names.split(), 1)}


#: English, German, French and Spanish month names (and common short forms) to their numbers.
MONTHS = {
    **_numbered("january february march april may june july august september october november "
                "december"),
    **_numbered("januar februar märz april mai juni juli august september oktober november "
                "dezember"),
    **_numbered("janvier février mars avril mai juin juillet août septembre octobre novembre "
                "décembre"),
    **_numbered("enero febrero marzo abril mayo junio julio agosto septiembre octubre "
                "noviembre diciembre"),
    **_numbered("jan feb mar apr may jun jul aug sep oct nov dec"),
    "sept": 9, "jän": 1, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "déc": 12,
}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DATES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<mn>{_MONTH})\.?"
               rf"(?:,?\s+(?:de\s+)?(?P<y>\d{{4}}))?(?!\w)", re.I),
    re.compile(rf"(?<!\w)(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
               rf"(?:,?\s+(?P<y>\d{{4}}))?", re.I),
)
_TIME = re.compile(r"(?<![\d:])(?P<h>\d{1,2})(?:[:.h](?P<mi>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?"
                   r"(?!\d)", re.I)
_QUOTED = re.compile(r"^(?:>.*|On .{0,200} wrote:|Am .{0,200} schrieb .*|Le .{0,200} a écrit :"
                     r"|El .{0,200} escribió:|-----\s*Original Message\s*-----.*)$",
                     re.M | re.I)


@dataclass(frozen=True)
class Reading:
    """What a message reads as, why, and (for scheduling) when the interview is."""

    kind: str  # a kind name from mail.toml, NOT_SURE or NOT_JOB
    label: str
    reasons: tuple[str, ...]
    when: datetime | None = None
    interview_type: str | None = None
    after_interview: bool = False
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def sure(self) -> bool:
        return self.kind not in (NOT_SURE, NOT_JOB)


def own_words(body: str) -> str:
    """The body without the quoted earlier message a reply carries (the words that decide
    must be the sender's own, not those of the mail they answer)."""
    match = _QUOTED.search(body)
    return body[: match.start()] if match else body


def _quote(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"“{w}”" for w in words[:4])


def _time_after(text: str, at: int) -> time | None:
    """The first clock time within a few words after position ``at``."""
    window = text[at: at + 60]
    for m in _TIME.finditer(window):
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ap = (m["ap"] or "").replace(".", "").lower()
        if not (m["mi"] or ap):
            continue  # a bare number is not a time
        if ap == "pm" and hour < 12:
            hour += 12
        if ap == "am" and hour == 12:
            hour = 0
        if 0 <= hour < 24 and 0 <= minute < 60:
            return time(hour, minute)
    return None


def find_when(text: str, sent: date) -> datetime | None:
    """The first date (with its time, if one follows) on or after the day the message was
    sent: the interview it schedules. Years left out are the next such day."""
    best: tuple[int, datetime] | None = None
    for pattern in _DATES:
        for m in pattern.finditer(text):
            month = int(m["m"]) if "m" in m.groupdict() and m.group("m") else MONTHS.get(
                (m.groupdict().get("mn") or "").lower().rstrip("."), 0)
            try:
                year = int(m["y"]) if m["y"] else sent.year
                day = date(year, month, int(m["d"]))
                if not m["y"] and day < sent:
                    day = date(year + 1, month, int(m["d"]))
            except (ValueError, TypeError):
                continue
            if day < sent or day > sent + timedelta(days=180):
                continue
            clock = _time_after(text, m.end()) or time(0, 0)
            if best is None or m.start() < best[0]:
                best = (m.start(), datetime.combine(day, clock))
    return best[1] if best else None


def calendar_when(files: list[bytes]) -> datetime | None:
    """The start of the first event in an attached .ics (read with icalendar)."""
    from icalendar import Calendar
    for raw in files:
        try:
            cal = Calendar.from_ical(raw)
        except (ValueError, IndexError, KeyError):
            continue
        for event in cal.walk("VEVENT"):
            start = event.get("dtstart")
            if start is None:
                continue
            value = start.dt
            if isinstance(value, datetime):
                if value.tzinfo is not None:
                    value = value.astimezone().replace(tzinfo=None)
                return value
            return datetime.combine(value, time(0, 0))
    return None


def classify(env: Envelope, body: str, calendar: list[bytes] | None = None,
             interviewed: bool = False) -> Reading:
    """What the message means. ``interviewed``: the application it matched already had an
    interview before the message (a rejection is then "after an interview")."""
    c = content()
    own = own_words(body)
    text = plain(f"{env.subject}\n{own}")
    reasons: list[str] = []
    if domain_in(env.sender_domain, c.board_domains):
        return Reading(NOT_JOB, NOT_JOB, (f"from {env.sender_domain}, a job board",))
    lookalike = found(c.lookalike_phrases, text)
    if lookalike:
        why = f"reads as a job alert, newsletter or cold outreach: {_quote(lookalike)}"
        return Reading(NOT_JOB, NOT_JOB, (why, *[f"header {h}" for h in env.bulk]))
    if env.folder == "sent":
        return _sent(text)
    hits = {k.name: tuple(found(k.phrases, text)) for k in c.kinds}
    hits = {name: words for name, words in hits.items() if words}
    when = calendar_when(calendar or [])
    if when is not None:
        hits.setdefault("scheduling", ())
        hits["scheduling"] = (*hits["scheduling"], "an attached calendar invitation (.ics)")
    beaten = {loser for name in hits for loser in c.kind(name).beats if loser in hits}
    left = [name for name in hits if name not in beaten]
    for name, words in hits.items():
        state = "" if name in left else " (outweighed)"
        reasons.append(f"{c.kind(name).label}{state}: {_quote(words)}")
    if not left:
        return Reading(NOT_SURE, NOT_SURE, ("no words that say what it means",), cues=hits)
    if len(left) > 1:
        return Reading(NOT_SURE, NOT_SURE, (*reasons, "these do not settle which it is"),
                       cues=hits)
    kind = c.kind(left[0])
    ats = domain_in(env.sender_domain, c.ats_domains)
    if env.bulk and not ats:
        return Reading(NOT_SURE, NOT_SURE, (*reasons, "bulk-mail header "
                                            + ", ".join(env.bulk)), cues=hits)
    label = kind.label
    after = False
    interview_type = None
    if kind.name == "rejection":
        later = found(c.after_interview, text)
        after = interviewed or bool(later)
        label = "rejection after an interview" if after else "rejection before an interview"
        if later:
            reasons.append(f"after an interview: {_quote(later)}")
        elif interviewed:
            reasons.append("after an interview: one is logged before this message")
    if kind.name == "scheduling":
        sent = env.date.date() if env.date else today()
        when = when or find_when(f"{env.subject}\n{own}", sent)
        if when is None:
            return Reading(NOT_SURE, NOT_SURE, (*reasons, "no interview date found in it"),
                           cues=hits)
        for name, words in c.interview_types.items():
            if found(words, text):
                interview_type = name
                break
        reasons.append(f"interview on {when:%Y-%m-%d %H:%M}")
    return Reading(kind.name, label, tuple(reasons), when if kind.name == "scheduling" else None,
                   interview_type, after, hits)


def _sent(text: str) -> Reading:
    """A note the user sent: a thank-you or a follow-up, or not sure."""
    hits = {kind: found(words, text) for kind, words in content().sent.items()}
    hits = {kind: words for kind, words in hits.items() if words}
    if len(hits) == 1:
        kind, words = next(iter(hits.items()))
        return Reading(kind, kind, (f"you sent it; {kind}: {_quote(words)}",), cues=hits)
    if not hits:
        return Reading(NOT_SURE, NOT_SURE, ("you sent it; no thank-you or follow-up words",))
    return Reading(NOT_SURE, NOT_SURE, ("you sent it; " + "; ".join(
        f"{k}: {_quote(w)}" for k, w in hits.items()) + "; these do not settle which it is",))
