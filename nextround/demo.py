"""A realistic, deterministic sample job search, for first-run exploration and for benchmarks.

The first applications tell a story relative to ``today`` (an interview two days ago with no
thank-you yet, a rejection that deserves a gracious reply, an interview coming up on Friday) so
every screen has something true to show. The rest are drawn from a seeded random generator, so
the same seed and day always give the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from nextround.storage.frames import typed_frame
from nextround.storage.schema import TABLES
from nextround.storage.store import Store

COMPANIES = (
    "Acme Analytics", "Birchwood Health", "Cobalt Robotics", "Driftwood Games", "Evergreen Energy",
    "Fjord Logistics", "Granite Bank", "Harbor Learning", "Iris Biotech", "Juniper Media",
    "Kestrel Aerospace", "Lumen Retail", "Meridian Insurance", "Northwind Foods", "Orchid Travel",
    "Pinecone Software", "Quarry Construction", "Redwood Legal", "Saffron Hotels",
    "Tidewater Ports",
    "Umber Fashion", "Vantage Consulting", "Willow Care", "Xylem Water", "Yarrow Farms",
    "Zephyr Mobility",
)
ROLES = (
    "Data analyst", "Product manager", "Software engineer", "UX researcher", "Marketing lead",
    "Operations coordinator", "Business analyst", "Customer success manager", "QA engineer",
    "Project manager", "Content designer", "Financial analyst",
)
SOURCES = ("referral", "company site", "job board", "recruiter", "LinkedIn", "career fair")
LOCATIONS = ("Remote", "London", "Manchester", "Berlin", "Amsterdam", "Dublin", "Hybrid, Leeds")
FIRST = ("Maya", "Tom", "Priya", "Lars", "Chen", "Amara", "Jonas", "Sofia", "Omar", "Ines")
LAST = ("Patel", "Okafor", "Lindqvist", "Moreau", "Nakamura", "Silva", "Byrne", "Kowalski")
TOPICS = (
    "the migration of their reporting to a new warehouse",
    "how the team runs its weekly planning",
    "the churn problem in their small-business customers",
    "their plan to open an office in Lisbon",
    "the redesign of the onboarding flow",
    "cutting the support backlog before the spring launch",
)


@dataclass
class _Builder:
    today: date
    rng: random.Random
    applications: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first} {last}", f"{first.lower()}.{last.lower()}@example.com"

    def add_application(self, company: str, role: str, applied: date, **extra: Any) -> str:
        app_id = f"A{len(self.applications) + 1:05d}"
        contact, email = self.person()
        stamp = datetime.combine(applied, time(9, 30))
        row = {
            "id": app_id,
            "company": company,
            "role": role,
            "posting_url": f"https://jobs.example.com/{app_id.lower()}",
            "source": self.rng.choice(SOURCES),
            "location": self.rng.choice(LOCATIONS),
            "date_applied": applied,
            "stage": "applied",
            "contact_name": contact,
            "contact_email": email,
            "priority": self.rng.choice(("low", "medium", "medium", "high")),
            "created_at": stamp,
            "updated_at": stamp,
        }
        row.update(extra)
        self.applications.append(row)
        self.event(app_id, applied, "applied")
        return app_id

    def event(self, app_id: str, when: date, kind: str, **extra: Any) -> None:
        row = {
            "id": f"E{len(self.events) + 1:06d}",
            "application_id": app_id,
            "date": when,
            "kind": kind,
            "created_at": datetime.combine(min(when, self.today), time(17, 0)),
        }
        row.update(extra)
        self.events.append(row)

    def interview(self, app_id: str, when: date, round_no: int, kind: str, **extra: Any) -> None:
        names, emails = zip(*(self.person() for _ in range(self.rng.choice((1, 1, 2)))),
                            strict=True)
        self.event(
            app_id,
            when,
            "interview",
            round=round_no,
            interview_type=kind,
            interviewers="; ".join(names),
            interviewer_emails="; ".join(emails),
            details=f"Talked about {self.rng.choice(TOPICS)}.",
            **extra,
        )

    def set_stage(self, app_id: str, stage: str, outcome: str | None = None) -> None:
        row = self.applications[int(app_id[1:]) - 1]
        row["stage"] = stage
        if outcome:
            row["outcome"] = outcome


def _story(b: _Builder) -> None:
    """Hand-written applications that make every screen show something true about today."""
    t = b.today
    d = timedelta
    # An interview two days ago that felt bad, no thank-you yet: the product's core moment.
    a = b.add_application("Acme Analytics", "Data analyst", t - d(24), priority="high")
    b.event(a, t - d(17), "heard back", details="Recruiter call booked.")
    b.interview(a, t - d(14), 1, "phone")
    b.event(a, t - d(13), "thank-you sent", channel="email")
    b.interview(a, t - d(2), 2, "video", decision_date=t + d(8))
    b.set_stage(a, "interviewing")
    # An interview five days ago: the thank-you is now late.
    a = b.add_application("Birchwood Health", "Business analyst", t - d(30))
    b.event(a, t - d(20), "heard back")
    b.interview(a, t - d(5), 1, "onsite")
    b.set_stage(a, "interviewing")
    # An interview coming up this week, to prepare for.
    a = b.add_application("Cobalt Robotics", "Product manager", t - d(15), priority="high")
    b.event(a, t - d(9), "heard back", details="Invited to a panel interview.")
    b.interview(a, t + d(3), 1, "panel")
    b.set_stage(a, "interviewing")
    # A rejection yesterday that deserves a gracious reply.
    a = b.add_application("Driftwood Games", "UX researcher", t - d(40))
    b.interview(a, t - d(21), 1, "video")
    b.event(a, t - d(20), "thank-you sent", channel="email")
    b.event(a, t - d(1), "rejection", details="Went with a candidate with more games experience.")
    b.set_stage(a, "closed", "rejected")
    # Silence after a thank-you: a follow-up is due.
    a = b.add_application("Evergreen Energy", "Operations coordinator", t - d(35))
    b.interview(a, t - d(16), 1, "video")
    b.event(a, t - d(15), "thank-you sent", channel="email")
    b.set_stage(a, "interviewing")
    # An application with no reply after ten days: a nudge.
    b.add_application("Fjord Logistics", "Project manager", t - d(10))
    # An offer, to show the end of the funnel.
    a = b.add_application("Granite Bank", "Financial analyst", t - d(60))
    b.interview(a, t - d(45), 1, "phone")
    b.event(a, t - d(45), "thank-you sent", channel="email")
    b.interview(a, t - d(33), 2, "onsite")
    b.event(a, t - d(32), "thank-you sent", channel="email")
    b.event(a, t - d(25), "offer", details="Offer in writing; start date discussed.")
    b.event(a, t - d(22), "note", details="Declined: the commute would have been three hours.")
    b.set_stage(a, "closed", "offer declined")
    # A wishlist entry.
    b.add_application("Harbor Learning", "Content designer", t - d(3))
    b.applications[-1].update(stage="wishlist", date_applied=None)
    b.events.pop()


def _random_application(b: _Builder, start: date, span_days: int) -> None:
    rng = b.rng
    applied = start + timedelta(days=rng.randrange(span_days))
    app_id = b.add_application(rng.choice(COMPANIES), rng.choice(ROLES), applied)
    cursor = applied
    path = rng.random()

    def later(lo: int, hi: int) -> date | None:
        nonlocal cursor
        nxt = cursor + timedelta(days=rng.randint(lo, hi))
        if nxt > b.today:
            return None
        cursor = nxt
        return nxt

    if path < 0.35:  # no reply; maybe a nudge; maybe marked no response
        when = later(7, 10)
        if when:
            b.event(app_id, when, "follow-up sent", channel="email")
        when = later(25, 40)
        if when:
            b.event(app_id, when, "no response")
            b.set_stage(app_id, "closed", "no response")
        return
    when = later(3, 14)
    if not when:
        return
    b.event(app_id, when, "heard back")
    b.set_stage(app_id, "screening")
    if path < 0.45:
        when = later(1, 7)
        if when:
            b.event(app_id, when, "rejection")
            b.set_stage(app_id, "closed", "rejected")
        return
    rounds = rng.choice((1, 1, 2, 2, 3))
    for round_no in range(1, rounds + 1):
        when = later(3, 12)
        if not when:
            return
        kind = "phone" if round_no == 1 else rng.choice(("video", "onsite", "technical", "panel"))
        b.interview(app_id, when, round_no, kind)
        b.set_stage(app_id, "interviewing")
        if rng.random() < 0.75:
            sent = later(0, 1)
            if sent:
                b.event(app_id, sent, "thank-you sent", channel="email")
        if rng.random() < 0.3:
            sent = later(6, 10)
            if sent:
                b.event(app_id, sent, "follow-up sent", channel="email")
    when = later(3, 14)
    if not when:
        return
    ending = rng.random()
    if ending < 0.55:
        b.event(app_id, when, "rejection")
        b.set_stage(app_id, "closed", "rejected")
    elif ending < 0.7:
        b.event(app_id, when, "offer")
        b.set_stage(app_id, "offer")
        accepted = later(2, 6)
        if accepted:
            b.event(app_id, accepted, "note", details="Offer answered.")
            b.set_stage(app_id, "closed", rng.choice(("offer accepted", "offer declined")))
    elif ending < 0.8:
        b.event(app_id, when, "withdrew")
        b.set_stage(app_id, "closed", "withdrew")


def build(
    today: date, applications: int = 15, seed: int = 7
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sample applications and events as typed frames."""
    b = _Builder(today=today, rng=random.Random(seed))
    _story(b)
    remaining = max(0, applications - len(b.applications))
    span = max(90, min(730, remaining // 20))
    start = today - timedelta(days=span)
    for _ in range(remaining):
        _random_application(b, start, span)
    del b.applications[applications:]
    keep = {row["id"] for row in b.applications}
    events = [e for e in b.events if e["application_id"] in keep]
    return typed_frame("applications", b.applications), typed_frame("events", events)


SAMPLE_MARK = "sample"


def holds_user_data(data_dir: Path) -> bool:
    """True when a folder has a table that is not the sample exactly as this module wrote it
    (its version is recorded when it is written): the user's own data, or the sample changed
    since, which writing a sample over would replace."""
    store = Store(data_dir, clean_temp=False)
    written = store.read_meta().get(SAMPLE_MARK)
    written = written if isinstance(written, dict) else {}
    return any(store.path(name).exists() and written.get(name) != store.version(name)
               for name in TABLES)
