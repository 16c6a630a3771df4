"""Home tells the person what is due, lets them mark it done or snooze it, and warns when the
search leans on too few applications."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from nextround.domain import followup, records
from nextround.storage.store import Store
from tests.app.conftest import texts


def _acme_key(store: Store) -> str:
    actions = followup.due_actions(store.load("applications"), store.load("events"),
                                records.load_settings(store), date.today(),
                                store.load("actions"))
    acme = actions[actions["company"].eq("Acme Analytics")]
    assert acme["kind"].tolist() == ["thank-you"]
    return acme["key"].iloc[0]


def test_due_thank_you_is_listed_and_done_logs_it(sample_dir: Path, open_app) -> None:
    key = _acme_key(Store(sample_dir))
    at = open_app()
    assert not at.exception, at.exception
    assert "Send a thank-you" in texts(at)
    at.button(key=f"home_done_{key}").click().run()
    assert not at.exception, at.exception
    store = Store(sample_dir)
    events = store.load("events")
    acme = store.load("applications").query("company == 'Acme Analytics'")["id"].iloc[0]
    logged = events[(events["application_id"] == acme) & (events["kind"] == "thank-you sent")]
    assert pd_date(logged["date"].max()) == date.today()
    assert f"home_done_{key}" not in [b.key for b in at.button]


def pd_date(value) -> date:
    return value.date()


def test_snooze_hides_until_the_chosen_day(sample_dir: Path, open_app) -> None:
    store = Store(sample_dir)
    key = _acme_key(store)
    at = open_app()
    at.button(key=f"home_snooze_{key}").click().run()
    assert not at.exception, at.exception
    state = Store(sample_dir).load("actions").set_index("id")
    assert state.loc[key, "status"] == "snoozed"
    assert state.loc[key, "snoozed_until"].date() == date.today() + timedelta(days=2)
    assert f"home_done_{key}" not in [b.key for b in at.button]


def test_write_it_opens_notes_for_that_application(sample_dir: Path, open_app) -> None:
    key = _acme_key(Store(sample_dir))
    at = open_app()
    at.button(key=f"home_write_{key}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Notes"
    acme = Store(sample_dir).load("applications").query("company == 'Acme Analytics'")["id"]
    assert at.selectbox(key="notes_application").value == acme.iloc[0]


def test_warns_when_too_few_applications_are_active(data_dir: Path, open_app) -> None:
    store = Store(data_dir)
    records.add_application(store, {"company": "Solo Ltd", "role": "Analyst",
                                    "stage": "applied",
                                    "date_applied": date.today() - timedelta(days=2)},
                            datetime.now())
    at = open_app()
    assert not at.exception, at.exception
    assert "Only 1 application in progress" in texts(at)


def test_recent_interview_invites_a_self_check(sample_dir: Path, open_app) -> None:
    store = Store(sample_dir)
    events = store.load("events")
    acme = store.load("applications").query("company == 'Acme Analytics'")["id"].iloc[0]
    latest = events[(events["application_id"] == acme) & (events["kind"] == "interview")]
    event_id = latest.sort_values("date")["id"].iloc[-1]
    at = open_app()
    assert "Felt like it went badly?" in texts(at)
    at.button(key=f"home_check_{event_id}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Self-check"
