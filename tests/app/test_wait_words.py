"""The wait in plain words on Pipeline and Home (issue 24, items 4 and 5): equal said as equal,
a date from the conditional estimate, the method behind its own expander, and a list of
waits that agrees with its count."""

from __future__ import annotations

from datetime import timedelta

from nextround.domain import dates
from nextround.domain.dates import format_day
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

TODAY = dates.today()


def _day(ago: int):
    return TODAY - timedelta(days=ago)


def _write(data_dir, waiting_now: dict[str, int]) -> None:
    """Six past interviews answered 3, 6, 9, 12, 15, 18 days later (closed, rejected), and one
    application per ``waiting_now`` entry waiting that many days after its interview."""
    apps, events = [], []
    for i in range(6):
        apps.append({"id": f"H{i}", "company": f"Past {i}", "role": "Analyst", "stage": "closed",
                     "outcome": "rejected", "date_applied": _day(200)})
        events += [{"id": f"EH{i}a", "application_id": f"H{i}", "date": _day(150 - i),
                    "kind": "interview"},
                   {"id": f"EH{i}b", "application_id": f"H{i}",
                    "date": _day(150 - i - 3 * (i + 1)), "kind": "rejection"}]
    for n, (company, waited) in enumerate(waiting_now.items()):
        apps.append({"id": f"A{n}", "company": company, "role": "Analyst",
                     "stage": "interviewing", "date_applied": _day(60)})
        events += [{"id": f"EA{n}a", "application_id": f"A{n}", "date": _day(waited),
                    "kind": "interview"},
                   {"id": f"EA{n}b", "application_id": f"A{n}", "date": _day(waited),
                    "kind": "thank-you sent", "channel": "email"}]
    store = Store(data_dir)
    store.replace("applications", typed_frame("applications", apps))
    store.replace("events", typed_frame("events", events))


def test_six_waiting_are_counted_and_the_sixth_is_not_lost(go_to_page, texts, data_dir) -> None:
    _write(data_dir, {f"Firm {i}": 2 + i for i in range(6)})
    at = go_to_page("Pipeline")
    shown = texts(at)
    assert "Waiting to hear back after an interview: 6 applications" in shown
    listed = next(m.value for m in at.markdown if "so far" in m.value)
    assert listed.count("so far") == 5
    assert "and 1 more" in listed


def test_a_wait_exactly_at_the_usual_is_equal_and_gets_a_date(go_to_page, texts,
                                                                data_dir) -> None:
    # With this wait at risk until day 12, the median is 12 days; of the ones that waited that
    # long, half heard within 3 more days (hand-worked in tests/unit/domain/test_waiting.py).
    _write(data_dir, {"Evenly": 12})
    at = go_to_page("Pipeline", application_id="A0")
    shown = texts(at)
    by = format_day(TODAY + timedelta(days=3), TODAY)
    assert ("about half of your interviews had an answer within 12 days, and this one has "
            "waited just that long. Of yours that waited this long, about half heard within "
            f"another 3 days, so by about {by}.") in shown
    main = "\n".join(m.value for m in at.markdown if "Your own history" in m.value)
    assert "longer than that" not in main and "longer still" not in main
    assert "Kaplan-Meier" not in main and "at least this long" not in main
    method = next(e for e in at.expander if e.label == "How is this worked out?")
    assert "Kaplan-Meier" in "\n".join(m.value for m in method.markdown)


def test_home_says_the_wait_plainly_with_the_method_behind_it(go_to_page, texts,
                                                              data_dir) -> None:
    _write(data_dir, {"Lately": 13})
    at = go_to_page("Home")
    shown = texts(at)
    assert "waited longer than that. Of yours that waited this long" in shown
    main = "\n".join(m.value for m in at.markdown if "Your own history" in m.value)
    assert main and "Kaplan-Meier" not in main
    assert any(e.label == "How is this worked out?" for e in at.expander)
