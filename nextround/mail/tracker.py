"""What the tracker knows that tells job mail apart: each application's company, its e-mail
domains and addresses (contact, interviewers, the posting's site) and its role words.

Only a message that this index recognises by its headers, or that comes from an
applicant-tracking system, is read past its headers; every other message is skipped unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from urllib.parse import urlsplit

import pandas as pd

from nextround.domain.applications import is_open
from nextround.mail.content import content, domain_in
from nextround.mail.message import Envelope, domain_of, plain
from nextround.text import as_date, split_emails

#: Words a company name carries that say nothing about which company it is.
LEGAL_WORDS = frozenset([
    "inc", "inc.", "llc", "ltd", "ltd.", "limited", "gmbh", "ag", "se", "sa", "sas", "sarl",
    "s.a.", "s.l.", "sl", "bv", "b.v.", "nv", "plc", "corp", "corp.", "corporation", "co",
    "co.", "company", "group", "holding", "holdings", "the", "und", "&", "and",
])
#: Words of job titles too common to tell two applications apart.
ROLE_STOPWORDS = frozenset([
    "senior", "junior", "lead", "staff", "principal", "head", "of", "the", "and", "for", "a",
    "an", "in", "at", "mid", "level", "i", "ii", "iii", "iv", "remote", "hybrid", "m/w/d",
    "w/m/d", "f/m/d", "h/f", "m/f/d",
])
#: Host labels in front of a company's own domain on posting links.
HOST_PREFIXES = ("www.", "jobs.", "careers.", "career.", "karriere.", "boards.", "apply.")


@cache
def word_pattern(words: str) -> re.Pattern[str]:
    """Finds ``words`` as whole words."""
    return re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")


def company_key(name: str) -> str:
    """A company name as it is looked for in a message: lower case, legal words dropped."""
    words = [w for w in re.findall(r"[\w&.'-]+", plain(name)) if w not in LEGAL_WORDS]
    return " ".join(w.strip(".") for w in words if w.strip("."))


def role_words(role: str) -> frozenset[str]:
    return frozenset(
        w for w in re.findall(r"[\w+#/-]+", plain(role)) if w not in ROLE_STOPWORDS and len(w) > 1
    )


def _site(url: str) -> tuple[str, str]:
    """(company domain, ATS slug) from a posting link: jobs.acme.com gives ("acme.com", ""),
    boards.greenhouse.io/acme/jobs/1 gives ("", "acme"), acme.wd5.myworkdayjobs.com ("", "acme")."""
    text = str(url or "").strip()
    if not text:
        return "", ""
    parts = urlsplit(text if "//" in text else f"https://{text}")
    host = (parts.hostname or "").lower()
    if not host:
        return "", ""
    ats = content().ats_domains
    if domain_in(host, ats):
        path = [p for p in parts.path.split("/") if p]
        labels = host.split(".")
        slug = ""
        if labels[0] not in ("boards", "jobs", "job-boards", "apply", "www", "careers", "app"):
            slug = labels[0].split("-")[-1]
        elif path:
            slug = path[0]
        return "", plain(slug.replace("-", " "))
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host, ""


@dataclass(frozen=True)
class Tracked:
    id: str
    company: str
    role: str
    key: str
    aliases: tuple[str, ...]
    roles: frozenset[str]
    domains: frozenset[str]
    emails: frozenset[str]
    open: bool
    stage: str
    outcome: str
    applied: date | None
    interviews: tuple[date, ...]
    event_days: frozenset[tuple[str, date]]


def suffixes(domain: str) -> list[str]:
    """mail.eu.acme.com, eu.acme.com, acme.com, com: a domain and the domains it is under."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


@dataclass(frozen=True)
class Tracker:
    apps: tuple[Tracked, ...]
    since: date | None

    @cached_property
    def domains(self) -> frozenset[str]:
        return frozenset(d for a in self.apps for d in a.domains)

    @cached_property
    def emails(self) -> frozenset[str]:
        return frozenset(e for a in self.apps for e in a.emails)

    @cached_property
    def _ats(self) -> frozenset[str]:
        return frozenset(content().ats_domains)

    @cached_property
    def _boards(self) -> frozenset[str]:
        return frozenset(content().board_domains)

    def _known(self, domain: str, known: frozenset[str]) -> bool:
        return bool(domain) and any(d in known for d in suffixes(domain))

    def by_id(self, app_id: str) -> Tracked | None:
        return next((a for a in self.apps if a.id == app_id), None)

    def with_address(self, addresses: tuple[str, ...]) -> list[Tracked]:
        wanted = set(addresses)
        return [a for a in self.apps if a.emails & wanted]

    def with_domain(self, domains: tuple[str, ...]) -> list[Tracked]:
        return [a for a in self.apps if any(d and domain_in(d, tuple(a.domains)) for d in domains)]

    def named_in(self, text: str) -> list[Tracked]:
        """Applications whose company is named in ``text`` (already ``plain``)."""
        return [
            a
            for a in self.apps
            if any(
                re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", text) for alias in a.aliases
            )
        ]

    def recognises(self, env: Envelope) -> str | None:
        """Why this message is job mail by its headers alone, or None (it is skipped unread).
        Mail before the oldest open application is skipped too."""
        if self.since is None:
            return None
        if env.date is not None and env.date.date() < self.since:
            return None
        if env.folder == "sent":
            people = env.recipients
            if self.emails.intersection(people):
                return "sent to a contact in the tracker"
            if any(self._known(domain_of(a), self.domains) for a in people):
                return "sent to a company in the tracker"
            return None
        if self._known(env.sender_domain, self._boards):
            return None
        if self.emails.intersection((env.sender, *env.reply_to)):
            return f"from {env.sender}, a contact in the tracker"
        domains = (env.sender_domain, *(domain_of(a) for a in env.reply_to))
        if any(self._known(d, self.domains) for d in domains):
            return f"from {env.sender_domain}, a company in the tracker"
        if any(self._known(d, self._ats) for d in domains):
            return f"from {env.sender_domain}, an applicant-tracking system"
        return None


def oldest_open(applications: pd.DataFrame) -> date | None:
    """The day mail is read from: when the oldest open application was applied for
    (``date.min`` when an open one has no date; None when none is open). Vectorised, as the
    Data page asks it on every run."""
    if applications.empty:
        return None
    opened = is_open(applications)
    if not opened.any():
        return None
    applied = applications.loc[opened, "date_applied"]
    return date.min if applied.isna().all() else applied.min().date()


def build_tracker(applications: pd.DataFrame, events: pd.DataFrame) -> Tracker:
    """The index of the tracker's applications (open and closed; mail is read from the date
    the oldest open one was applied for)."""
    c = content()
    skip = (*c.personal_domains, *c.ats_domains, *c.board_domains)
    people: dict[str, set[str]] = {}
    interviews: dict[str, list[date]] = {}
    days: dict[str, set[tuple[str, date]]] = {}
    for row in events.itertuples(index=False):
        app_id = str(row.application_id)
        when = as_date(row.date)
        people.setdefault(app_id, set()).update(
            e.lower() for e in split_emails(row.interviewer_emails) if "@" in e
        )
        if when is not None:
            days.setdefault(app_id, set()).add((str(row.kind), when))
            if row.kind == "interview":
                interviews.setdefault(app_id, []).append(when)
    open_mask = is_open(applications) if not applications.empty else pd.Series([], dtype=bool)
    apps = []
    for row, opened in zip(applications.itertuples(index=False), open_mask, strict=True):
        app_id = str(row.id)
        emails = set(people.get(app_id, set()))
        if pd.notna(row.contact_email) and "@" in str(row.contact_email):
            emails.add(str(row.contact_email).strip().lower())
        domains = {domain_of(e) for e in emails}
        site, slug = _site(row.posting_url if pd.notna(row.posting_url) else "")
        if site:
            domains.add(site)
        domains = {d for d in domains if d and not domain_in(d, skip)}
        key = company_key(str(row.company))
        aliases = {key} | ({slug} if slug and len(slug) > 2 else set())
        aliases |= {d.split(".")[0] for d in domains if len(d.split(".")[0]) > 3}
        apps.append(
            Tracked(
                id=app_id,
                company=str(row.company),
                role=str(row.role),
                key=key,
                aliases=tuple(sorted(a for a in aliases if a)),
                roles=role_words(str(row.role)),
                domains=frozenset(domains),
                emails=frozenset(emails),
                open=bool(opened),
                stage=str(row.stage),
                outcome=str(row.outcome) if pd.notna(row.outcome) else "",
                applied=as_date(row.date_applied),
                interviews=tuple(sorted(interviews.get(app_id, []))),
                event_days=frozenset(days.get(app_id, set())),
            )
        )
    open_dates = [a.applied for a in apps if a.open and a.applied is not None]
    since = min(open_dates) if open_dates else (date.min if any(a.open for a in apps) else None)
    return Tracker(tuple(apps), since)
