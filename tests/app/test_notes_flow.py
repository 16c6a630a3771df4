"""Issue 21, the flow of notes through the app: a panel's thank-yous are one per person on Home
and Notes, a nudge on a plain application opens the application nudge, Notes opens on the
application you came from, and the follow-ups stop at two."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from nextround.commands import applications
from nextround.domain import dates
from nextround.storage.store import Store

PANEL = "Priya Raman; Anika Chen"


def _by_prefix(elements, prefix: str) -> list:
    return [e for e in elements if e.key and e.key.startswith(prefix)]


def _panel(data_dir: Path, add_application) -> tuple[str, str]:
    """An application with yesterday's panel interview (or last working day's)."""
    app_id = add_application(company="Lumen Health", role="Data analyst", stage="interviewing",
                             date_applied=dates.today() - timedelta(days=20))
    when = dates.today() - timedelta(days=1)
    event_id = applications.log_event(Store(data_dir), {
        "application_id": app_id, "date": when, "kind": "interview", "interviewers": PANEL,
        "interviewer_emails": "priya@lumen.example; anika@lumen.example"}, dates.now())
    return app_id, event_id


def _detail(at: AppTest, i: int) -> object:
    return _by_prefix(at.text_input, "notes_detail_")[i]


def test_a_panel_of_two_marking_priya_sent_leaves_anika_due_on_home_and_notes(
    data_dir: Path, add_application, go_to_page, open_app, texts
) -> None:
    app_id, event_id = _panel(data_dir, add_application)
    home = open_app()
    cards = [b.key for b in home.button if b.key and b.key.startswith("home_write_")]
    assert len(cards) == 2  # one thank-you per person
    at = go_to_page("Notes", application_id=app_id, kind="thank-you", event_id=event_id)
    assert at.selectbox(key="notes_application").value == app_id
    _detail(at, 0).input("the plan to rebuild the churn dashboard")
    _detail(at, 1).input("the data platform migration")
    _by_prefix(at.text_input, "notes_greet_")[1].input("Dr. Chen")
    at.text_input(key="notes_sender").input("Sam Okafor")
    at.button(key="notes_write").click().run()
    assert not at.exception, at.exception
    assert len(_by_prefix(at.text_area, "notes_body_")) == 2

    _by_prefix(at.button, "notes_mark_")[0].click().run()  # Priya's
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Suggested: thank-you." in shown  # not moved on to a follow-up
    assert "no thank-you to Anika Chen logged yet" in shown
    assert _by_prefix(at.selectbox, "notes_kind_")[0].value == "thank-you"
    # Anika's note is still there to send, with her detail and greeting kept.
    assert len(_by_prefix(at.button, "notes_mark_")) == 1
    assert _detail(at, 1).value == "the data platform migration"
    assert _by_prefix(at.text_input, "notes_greet_")[1].value == "Dr. Chen"
    anika = _by_prefix(at.text_area, "notes_body_")[1].value
    assert anika.startswith("Dear Dr. Chen,") and "the data platform migration" in anika

    events = Store(data_dir).load("events")
    sent = events[events["kind"].eq("thank-you sent")]
    assert sent["interviewers"].tolist() == ["Priya Raman"]

    home = open_app()
    assert not home.exception, home.exception
    shown = texts(home)
    assert "Nothing is due right now" not in shown
    assert "no thank-you to Anika Chen logged yet" in shown
    assert "no thank-you to Priya Raman logged yet" not in shown

    # Opened afresh, Notes offers the one person still owed a note.
    again = go_to_page("Notes", application_id=app_id)
    people = _by_prefix(again.text_area, "notes_people_")[0].value
    assert "Anika Chen" in people and "Priya Raman" not in people


def test_a_nudge_on_a_plain_application_opens_the_application_nudge(
    data_dir: Path, add_application, open_app, texts
) -> None:
    add_application(company="Quiet Co", role="Analyst", stage="applied",
                    contact_name="Rita Okoye", contact_email="rita@quiet.example",
                    date_applied=dates.today() - timedelta(days=12))
    at = open_app()
    write = [b for b in at.button if b.key and b.key.startswith("home_write_")]
    assert len(write) == 1 and "Nudge about your application" in texts(at)
    write[0].click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Notes"
    assert _by_prefix(at.selectbox, "notes_kind_")[0].value == "application nudge"
    shown = texts(at)
    assert "Suggested: application nudge." in shown
    assert "No interview is recorded" not in shown  # the nudge needs none
    at.text_input(key="notes_sender").input("Sam Okafor")
    at.button(key="notes_write").click().run()
    body = _by_prefix(at.text_area, "notes_body_")[0].value
    assert body.startswith("Dear Rita,")
    assert "I applied for the Analyst role at Quiet Co on" in body
    assert "Thank you again for speaking with me" not in body
    assert "speaking with" not in body and "our conversation" not in body


def test_notes_opened_from_the_menu_opens_on_the_application_open_on_pipeline(
    sample_dir: Path, go_to_page
) -> None:
    store = Store(sample_dir)
    apps = store.load("applications")
    fjord = apps[apps["company"].str.startswith("Fjord")]["id"].iloc[0]
    at = go_to_page("Pipeline", application_id=fjord)
    at.switch_page("pages/notes.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="notes_application").value == fjord


def test_never_a_third_follow_up_even_after_draft_a_note_anyway(
    data_dir: Path, add_application, go_to_page, texts
) -> None:
    app_id = add_application(company="Borealis", role="Analyst", stage="interviewing",
                             date_applied=dates.today() - timedelta(days=60))
    store = Store(data_dir)
    start = dates.today() - timedelta(days=40)
    for offset, kind in ((0, "interview"), (1, "thank-you sent"), (12, "follow-up sent"),
                         (20, "follow-up sent")):
        applications.log_event(store, {"application_id": app_id, "kind": kind,
                                       "date": start + timedelta(days=offset)}, dates.now())
    at = go_to_page("Notes", application_id=app_id)
    assert "Time to stop following up." in texts(at)
    at.toggle(key=f"notes_anyway_{app_id}").set_value(True).run()
    assert not at.exception, at.exception
    options = _by_prefix(at.selectbox, "notes_kind_")[0].options
    assert "follow-up" not in options and "second follow-up" not in options
    assert "application nudge" not in options and "thank-you" in options


def test_the_holiday_country_is_chosen_beside_the_other_timing_settings(
    go_to_page, sample_dir: Path
) -> None:
    from nextround.domain.settings import rule_settings

    at = go_to_page("Pipeline")
    at.session_state["pipeline_timing_open"] = True
    at.run()
    [country] = [s for s in at.selectbox
                 if s.key and s.key.endswith("_holiday_country")]
    assert country.value == "US" and "United Kingdom (GB)" in country.options
    assert country.label == "Public holidays of"
    country.set_value("GB")
    [save] = [b for b in at.button if b.label == "Save timing"]
    save.click().run()
    assert not at.exception, at.exception
    assert rule_settings(Store(sample_dir).load("settings")).holiday_country == "GB"
