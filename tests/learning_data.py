"""A search with saved self-checks whose outcomes are known, for the learning view's page and
browser tests: the sample search, a check for each of its interviews, and ``extra`` more
interviews that ended (every third moved forward), each with a check."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from nextround.commands import applications
from nextround.commands.sample import write_sample
from nextround.commands.self_check import save_check
from nextround.domain import dates
from nextround.storage.store import Store
from nextround.views.self_check import interview_choices

SOURCES = ("Referral", "Job board", "Company site")


def write_learning_search(folder: Path, extra: int = 0) -> None:
    today, now = dates.today(), dates.now()
    write_sample(folder, today)
    store = Store(folder)
    for i in range(extra):
        forward = i % 3 == 0
        app_id = applications.add_application(store, {
            "company": f"Outcome {i}", "role": "Analyst", "stage": "applied",
            "source": SOURCES[i % 3], "date_applied": today - timedelta(days=80)}, now)
        applications.log_event(store, {"application_id": app_id, "kind": "interview",
                                       "date": today - timedelta(days=40), "round": 1}, now)
        applications.log_event(store, {"application_id": app_id,
                                       "kind": "offer" if forward else "rejection",
                                       "date": today - timedelta(days=30)}, now)
    apps, events = store.load("applications"), store.load("events")
    for i, row in enumerate(interview_choices(apps, events, today).itertuples()):
        # Readings spread over the bands: some warm, some cool, some in between.
        warm, cool = i % 3 == 0, i % 3 == 1
        answers = {"sign-next-round-invite": "yes" if warm else "no",
                   "sign-rapport": "yes", "sign-dug-deeper": "yes" if warm else "no",
                   "sign-start-date-discussed": "yes" if warm else "no",
                   "sign-cut-short": "yes" if cool else "no",
                   "sign-no-next-steps": "yes" if cool else "no",
                   "sign-distracted": "yes" if cool else "no"}
        save_check(store, {"application_id": row.application_id, "event_id": row.event_id,
                           "interview_date": row.date, "answers": answers}, now)
