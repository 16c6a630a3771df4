"""A labelled corpus of job mail and its look-alikes, written for these tests (issue 26).

``TRACKER`` is the applications and events the messages are read against; each entry of
``MESSAGES`` is one message with the kind it should read as (a kind of mail.toml, or
"thank-you sent"/"follow-up sent" for the user's own notes) and the application it belongs to;
``None`` for both marks a look-alike or a message that must propose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

import pandas as pd

from nextround.storage.frames import typed_frame

ME = "alex.morgan@example.org"

APPLICATIONS = [
    # id, company, role, posting_url, contact_email, date_applied, stage, outcome
    ("A00001", "Acme Robotics Inc.", "Backend Engineer",
     "https://boards.greenhouse.io/acmerobotics/jobs/4012", "jane.doe@acmerobotics.com",
     "2026-10-01", "interviewing", None),
    ("A00002", "Initech", "Data Analyst", "https://jobs.lever.co/initech/8c1f", None,
     "2026-10-03", "applied", None),
    ("A00003", "Umbrella Health", "Product Manager",
     "https://umbrellahealth.wd5.myworkdayjobs.com/en-US/careers/job/PM_R-1022", None,
     "2026-10-05", "applied", None),
    ("A00004", "Hooli", "Site Reliability Engineer", "https://careers.hooli.com/jobs/77",
     "priya.raman@hooli.com", "2026-10-02", "interviewing", None),
    ("A00005", "Stark Industries", "Frontend Developer",
     "https://jobs.smartrecruiters.com/StarkIndustries/7431", None, "2026-10-06", "applied",
     None),
    ("A00006", "Wayne Enterprises", "Data Engineer", "https://jobs.ashbyhq.com/wayne/3e9a",
     None, "2026-10-07", "applied", None),
    ("A00007", "Brandt Logistik GmbH", "Softwareentwickler Java", "",
     "karriere@brandt-logistik.de", "2026-10-04", "applied", None),
    ("A00008", "Lumière Conseil", "Consultant Data", "https://www.lumiere-conseil.fr/emplois",
     "rh@lumiere-conseil.fr", "2026-10-08", "applied", None),
    ("A00009", "Soluciones Norte", "Analista de Datos", "", "rrhh@solucionesnorte.es",
     "2026-10-09", "applied", None),
    ("A00010", "Acme Robotics Inc.", "Frontend Engineer",
     "https://boards.greenhouse.io/acmerobotics/jobs/4077", "jane.doe@acmerobotics.com",
     "2026-10-10", "applied", None),
    ("A00011", "Vandelay Industries", "Import Analyst", "https://careers-vandelay.icims.com/jobs/55",
     None, "2026-09-20", "closed", "rejected"),
    ("A00012", "Cyberdyne Systems", "Machine Learning Engineer", "",
     "miles.dyson.recruiting@gmail.com", "2026-10-12", "screening", None),
    ("A00013", "Pied Piper", "Platform Engineer", "https://piedpiper.workable.com/j/99", None,
     "2026-10-11", "applied", None),
    ("A00014", "Tyrell Corporation", "QA Engineer", "https://www.tyrellcorp.com/careers/qa",
     "l.kowalski@tyrellcorp.com", "2026-10-13", "interviewing", None),
]

EVENTS = [
    ("E000001", "A00001", "2026-10-20", "interview", 1, "video", "Sam Lee",
     "sam.lee@acmerobotics.com"),
    ("E000002", "A00004", "2026-10-22", "interview", 1, "phone", "Priya Raman",
     "priya.raman@hooli.com"),
    ("E000003", "A00014", "2026-10-25", "interview", 1, "onsite", "Leon Kowalski",
     "l.kowalski@tyrellcorp.com"),
]


def tracker_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The applications and events above, typed as the store loads them."""
    stamp = datetime(2026, 10, 1, 9, 0)
    apps = typed_frame("applications", [
        {"id": i, "company": c, "role": r, "posting_url": u or None, "contact_email": e,
         "date_applied": pd.Timestamp(d), "stage": s, "outcome": o, "created_at": stamp,
         "updated_at": stamp}
        for i, c, r, u, e, d, s, o in APPLICATIONS])
    events = typed_frame("events", [
        {"id": i, "application_id": a, "date": pd.Timestamp(d), "kind": k, "round": n,
         "interview_type": t, "interviewers": who, "interviewer_emails": mail,
         "created_at": stamp}
        for i, a, d, k, n, t, who, mail in EVENTS])
    return apps, events


@dataclass(frozen=True)
class Sample:
    """One message of the corpus and what it should read as."""

    sender: str
    subject: str
    body: str
    date: str  # YYYY-MM-DD HH:MM
    kind: str | None  # expected kind; None: must propose nothing
    app: str | None  # expected application
    to: str = ME
    folder: str = "inbox"
    headers: dict[str, str] = field(default_factory=dict)
    ics: str | None = None  # DTSTART of an attached calendar invitation, YYYYMMDDTHHMMSS
    html: bool = False
    note: str = ""

    def message(self) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender if self.folder == "inbox" else f"Alex Morgan <{ME}>"
        msg["To"] = self.to if self.folder == "sent" else f"Alex Morgan <{ME}>"
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(datetime.strptime(self.date, "%Y-%m-%d %H:%M")
                                      .astimezone())
        msg["Message-ID"] = f"<{abs(hash((self.subject, self.date, self.sender)))}@corpus>"
        for name, value in self.headers.items():
            msg[name] = value
        if self.html:
            msg.set_content("<html><body><p>" + self.body.replace("\n\n", "</p><p>")
                            + "</p></body></html>", subtype="html")
        else:
            msg.set_content(self.body)
        if self.ics:
            ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Corpus//EN\r\nBEGIN:VEVENT\r\n"
                   f"UID:{self.ics}@corpus\r\nDTSTAMP:20261001T000000Z\r\n"
                   f"DTSTART:{self.ics}\r\nDTEND:{self.ics[:9]}235900\r\n"
                   "SUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            msg.add_attachment(ics.encode(), maintype="text", subtype="calendar",
                               filename="invite.ics")
        return msg

    def raw(self) -> bytes:
        return bytes(self.message())
