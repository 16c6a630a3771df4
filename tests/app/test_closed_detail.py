"""Closed is ``is_open``'s answer on Pipeline's detail too (issue 24 item 6, issue 20 item 3):
an outcome closes an application whatever stage an import left it at."""

from __future__ import annotations

from datetime import timedelta

from nextround.domain import dates
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

TODAY = dates.today()


def test_a_rejected_application_left_at_interviewing_reads_as_closed(go_to_page, texts,
                                                                     data_dir) -> None:
    store = Store(data_dir)
    store.replace("applications", typed_frame("applications", [
        {"id": "A1", "company": "Mixedco", "role": "Analyst", "stage": "interviewing",
         "outcome": "rejected", "date_applied": TODAY - timedelta(days=40)}]))
    at = go_to_page("Pipeline", application_id="A1")
    assert "It is closed: nothing more to send." in texts(at)
