"""Home tells the person what is due, lets them mark it done or snooze it, and warns when the
search leans on too few applications."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from nextround.commands import actions
from nextround.domain import dates, followup
from nextround.domain.dates import format_day
from nextround.domain.next_note import next_note
from nextround.domain.settings import rule_settings
from nextround.storage.errors import NextRoundError
from nextround.storage.store import Store


def _acme_key(store: Store) -> str:
    actions = followup.due_actions(
        store.load("applications"),
        store.load("events"),
        rule_settings(store.load("settings")),
        dates.today(),
        store.load("actions"),
    )
    acme = actions[actions["company"].eq("Acme Analytics")]
    # One thank-you per interviewer of the panel; the first person's is this one.
    assert set(acme["kind"]) == {"thank-you"} and len(acme) == acme["person"].nunique()
    return acme["key"].iloc[0]


def test_due_thank_you_is_listed_and_done_logs_it(texts, sample_dir: Path, open_app) -> None:
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
    assert pd_date(logged["date"].max()) == dates.today()
    assert key.endswith(":" + logged["interviewers"].iloc[-1])  # logged for that person
    assert f"home_done_{key}" not in [b.key for b in at.button]


def test_a_failed_save_quoting_a_cell_is_shown_as_text(sample_dir: Path, open_app,
                                                         monkeypatch) -> None:
    """A save's error may quote a cell of a file: it must not load an image or draw a link."""
    quoted = "![x](https://evil.example/x.png) **bold** :material/home:"

    def refuse(*args, **kwargs):
        raise NextRoundError(f"The actions file has {quoted} in row 2.")

    monkeypatch.setattr(actions, "mark_done", refuse)
    key = _acme_key(Store(sample_dir))
    at = open_app()
    at.button(key=f"home_done_{key}").click().run()
    assert not at.exception, at.exception
    [shown] = [e.value for e in at.error if "actions file" in e.value]
    assert "\\!\\[x\\]" in shown or "\\[x\\]" in shown  # escaped, so drawn as text
    assert "**bold**" not in shown


def pd_date(value) -> date:
    return value.date()


def test_snooze_hides_until_the_chosen_day(sample_dir: Path, open_app) -> None:
    store = Store(sample_dir)
    key = _acme_key(store)
    at = open_app()
    # The date and the button are drawn only once the card's Snooze is opened.
    assert f"home_snooze_{key}" not in [b.key for b in at.button]
    at.session_state[f"home_snooze_open_{key}"] = True
    at.run()
    at.button(key=f"home_snooze_{key}").click().run()
    assert not at.exception, at.exception
    state = Store(sample_dir).load("actions").set_index("id")
    assert state.loc[key, "status"] == "snoozed"
    assert state.loc[key, "snoozed_until"].date() == dates.today() + timedelta(days=2)
    assert f"home_done_{key}" not in [b.key for b in at.button]


def test_write_it_opens_notes_for_that_application(sample_dir: Path, open_app) -> None:
    key = _acme_key(Store(sample_dir))
    at = open_app()
    at.button(key=f"home_write_{key}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Notes"
    acme = Store(sample_dir).load("applications").query("company == 'Acme Analytics'")["id"]
    assert at.selectbox(key="notes_application").value == acme.iloc[0]


def test_warns_when_too_few_applications_are_active(texts, add_application, open_app) -> None:
    add_application(company="Solo Ltd", date_applied=dates.today() - timedelta(days=2))
    at = open_app()
    assert not at.exception, at.exception
    assert "Only 1 application in progress" in texts(at)


def test_recent_interview_invites_a_self_check(texts, sample_dir: Path, open_app) -> None:
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


def test_first_run_offers_both_ways_to_start(texts, open_app) -> None:
    at = open_app()
    shown = texts(at)
    assert "How would you like to start?" in shown
    assert any(b.label == "Try with sample data" for b in at.button)


def test_sample_data_lives_apart_and_can_be_left_and_deleted(
    texts, data_dir: Path, open_app
) -> None:
    at = open_app()
    next(b for b in at.button if b.label == "Try with sample data").click().run()
    assert not at.exception
    assert (data_dir / "sample" / "applications.csv").exists()
    assert not (data_dir / "applications.csv").exists()
    assert "sample data" in texts(at)
    assert "How would you like to start?" not in texts(at)

    at.switch_page("pages/data.py").run()
    at.button(key="data_sample_delete").click().run()
    at.button(key="confirm_delete_sample_yes").click().run()
    assert not at.exception
    assert not (data_dir / "sample").exists()
    at.switch_page("pages/home.py").run()
    assert "How would you like to start?" in texts(at)


def test_home_lists_who_you_are_waiting_to_hear_from_with_dates(
    texts, sample_dir: Path, open_app
) -> None:
    """Issue 13: Home's waiting list says what they said, what the person's own history says
    and when a follow-up becomes due."""
    at = open_app()
    assert not at.exception, at.exception
    shown = texts(at)
    today = dates.today()
    assert "Waiting to hear back" in shown
    assert (f"They said they would decide by "
            f"{format_day(today + timedelta(days=8), today)}.") in shown
    assert "Your own history:" in shown
    store = Store(sample_dir)
    acme = store.load("applications").query("company == 'Acme Analytics'")["id"].iloc[0]
    due = next_note(store.load("applications"), store.load("events"), None, today,
                    acme).follow_up_due
    assert f"If nothing by {format_day(due, today)}, follow up once." in shown


def _write(folder: Path, apps: list[dict], events: list[dict]) -> Store:
    from nextround.storage.frames import typed_frame

    store = Store(folder)
    store.replace("applications", typed_frame("applications", apps))
    store.replace("events", typed_frame("events", events))
    return store


def _days_ago(n: int) -> date:
    return dates.today() - timedelta(days=n)


def test_a_rejected_applications_interview_leaves_interviews_coming_up(
    texts, data_dir: Path, open_app
) -> None:
    """One definition of open: rejected after round 1, its round 2 is no longer coming up."""
    apps = [{"id": "A1", "company": "Rejectco", "role": "Analyst", "stage": "closed",
             "outcome": "rejected"},
            {"id": "A2", "company": "Openco", "role": "Analyst", "stage": "interviewing"}]
    events = [{"id": "E1", "application_id": "A1", "date": _days_ago(-3), "kind": "interview",
               "round": 2},
              {"id": "E2", "application_id": "A1", "date": _days_ago(1), "kind": "rejection"},
              {"id": "E3", "application_id": "A2", "date": _days_ago(-5), "kind": "interview"}]
    _write(data_dir, apps, events)
    at = open_app()
    assert not at.exception, at.exception
    coming = [m.value for m in at.markdown if ":material/event:" in m.value]
    assert len(coming) == 1 and "Openco" in coming[0]
    assert next(m for m in at.metric if m.label == "Interviews coming up").value == "1"
    assert "home_prep_E1" not in [b.key for b in at.button]


def test_a_rejection_reply_is_offered_after_a_crossing_follow_up_and_done_logs_it(
    texts, data_dir: Path, open_app
) -> None:
    apps = [{"id": "A1", "company": "Nocorp", "role": "Analyst", "stage": "closed",
             "outcome": "rejected"}]
    events = [{"id": "E1", "application_id": "A1", "date": _days_ago(9), "kind": "interview"},
              {"id": "E2", "application_id": "A1", "date": _days_ago(1), "kind": "follow-up sent"},
              {"id": "E3", "application_id": "A1", "date": _days_ago(1), "kind": "rejection"}]
    _write(data_dir, apps, events)
    at = open_app()
    assert "Reply graciously to the rejection" in texts(at)
    at.button(key="home_done_A1:rejection reply:E3").click().run()
    assert not at.exception, at.exception
    logged = Store(data_dir).load("events")
    assert logged["kind"].tolist()[-1] == "rejection reply sent"
    assert "Reply graciously to the rejection" not in texts(at)


def test_after_an_import_home_gathers_the_backlog_into_one_entry(
    texts, data_dir: Path, open_app
) -> None:
    """Imported: 12 applied weeks ago, 3 applied ten days ago, 8 at interviewing and 5 at
    screening with no events but "applied". Three cards, one catch-up entry, no flood."""
    apps, events = [], []
    plan = ([("applied", 40 + i) for i in range(12)] + [("applied", 10)] * 3
            + [("interviewing", 50)] * 8 + [("screening", 45)] * 5)
    for i, (stage, ago) in enumerate(plan):
        apps.append({"id": f"A{i:02d}", "company": f"Firm {i:02d}", "role": "Analyst",
                     "stage": stage, "date_applied": _days_ago(ago)})
        events.append({"id": f"E{i:02d}", "application_id": f"A{i:02d}",
                       "date": _days_ago(ago), "kind": "applied"})
    _write(data_dir, apps, events)
    at = open_app()
    assert not at.exception, at.exception
    shown = texts(at)
    cards = [m.value for m in at.markdown if "**Nudge about your application**" in m.value]
    assert len(cards) == 3
    assert "**Catch up on these** · 12 overdue for more than 7 days" in shown
    assert [e.label for e in at.expander] == ["See the 12"]
    assert next(m for m in at.metric if m.label == "Due now").value == "3"
    firms = " ".join(cards)  # each card names the company under its title
    assert all(f"Firm {i:02d}" in firms for i in range(12, 15))
    assert not any(f"Firm {i:02d}" in firms for i in range(15, 28))
    # Opened, the list names each application whole: its role is not a column cut off.
    at.session_state["home_backlog"] = True
    at.run()
    listed = at.dataframe[0].value
    assert list(listed.columns) == ["when", "what", "application"]
    assert listed["application"].iloc[0].endswith(" · Analyst")

    at.button(key="home_snooze_backlog").click().run()
    assert not at.exception, at.exception
    state = Store(data_dir).load("actions")
    assert len(state) == 12 and set(state["status"]) == {"snoozed"}
    assert "Catch up on these" not in texts(at)
    assert len([m for m in at.markdown if "**Nudge about your application**" in m.value]) == 3


def test_an_applications_file_cut_to_nothing_is_not_a_first_run(
    texts, sample_dir: Path, open_app
) -> None:
    """Before: a 0-byte applications.csv with events still pointing at applications showed the
    first-run welcome, as if the search had never existed."""
    (sample_dir / "applications.csv").write_bytes(b"")
    at = open_app()
    assert not at.exception, at.exception
    shown = texts(at).replace("\\", "")
    assert "applications.csv is empty (0 bytes), but events.csv has" in shown
    assert "How would you like to start?" not in shown


def test_done_in_two_tabs_logs_the_event_once(sample_dir: Path, open_app) -> None:
    """Before: the same card's Done pressed in a second tab logged the event again (and the
    duplicate counted toward the follow-up limit)."""
    key = _acme_key(Store(sample_dir))
    first, second = open_app(), open_app()
    before = len(Store(sample_dir).load("events"))
    first.button(key=f"home_done_{key}").click().run()
    second.button(key=f"home_done_{key}").click().run()
    assert not first.exception and not second.exception, (first.exception, second.exception)
    assert len(Store(sample_dir).load("events")) == before + 1
    assert any("Already marked done" in e.value for e in second.error)


def test_a_done_reruns_the_parts_it_changes_and_the_page_when_it_closes_an_application(
    texts, data_dir: Path, open_app
) -> None:
    """A thank-you marked done redraws the due figure, the list and the calendar (and the
    waits when the application is among them), not the page around them (AppTest shows only
    what a run drew); one that closes an application ("no response") redraws the whole page,
    whose health and agenda read it."""
    apps = [{"id": "A1", "company": "Quietco", "role": "Analyst", "stage": "applied",
             "date_applied": _days_ago(60)},
            {"id": "A2", "company": "Panelco", "role": "Analyst", "stage": "interviewing"}]
    events = [{"id": "E1", "application_id": "A1", "date": _days_ago(60), "kind": "applied"},
              {"id": "E2", "application_id": "A1", "date": _days_ago(50),
               "kind": "follow-up sent"},
              {"id": "E3", "application_id": "A2", "date": _days_ago(1), "kind": "interview",
               "interviewers": "Ana Ortiz"},
              {"id": "E4", "application_id": "A2", "date": _days_ago(-5), "kind": "interview",
               "round": 2}]
    _write(data_dir, apps, events)
    at = open_app()
    assert [h.value for h in at.header] == ["What to do next", "Interviews coming up"]
    thanks = next(b.key for b in at.button if b.key.startswith("home_done_A2:thank-you"))
    at.button(key=thanks).click().run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["What to do next"]  # its part, not the page
    assert not at.title
    assert [t.value for t in at.toast] == ["Logged: thank-you sent for Panelco."]
    assert thanks not in [b.key for b in at.button]
    assert [m.value for m in at.metric if m.label == "Due now"] == ["1"]

    at.run()  # the whole page, as the browser keeps it
    at.button(key="home_done_A1:mark no response:E2").click().run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["What to do next", "Interviews coming up"]
    assert Store(data_dir).load("applications").set_index("id").loc["A1", "stage"] == "closed"
    assert [m.value for m in at.metric if m.label == "Active applications"] == ["1"]


def test_the_waiting_list_is_redrawn_only_by_a_done_on_an_application_it_shows(
    data_dir: Path, open_app
) -> None:
    """A thank-you logged for an application waiting to hear back moves its follow-up date: the
    waiting list is drawn again. A nudge on an application with no interview changes nothing
    there, and the click's run leaves the list out (AppTest shows only what a run drew)."""
    apps = [{"id": "A1", "company": "Waitco", "role": "Analyst", "stage": "interviewing"},
            {"id": "A2", "company": "Nudgeco", "role": "Analyst", "stage": "applied",
             "date_applied": _days_ago(10)}]
    events = [{"id": "E1", "application_id": "A1", "date": _days_ago(2), "kind": "interview"},
              {"id": "E2", "application_id": "A2", "date": _days_ago(10), "kind": "applied"}]
    _write(data_dir, apps, events)
    at = open_app()

    def waiting_drawn() -> bool:
        return "Waiting to hear back" in [h.value for h in at.subheader]

    assert waiting_drawn()
    at.button(key="home_done_A2:nudge:E2").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.toast] == ["Logged: follow-up sent for Nudgeco."]
    assert not waiting_drawn()
    assert [b.label for b in at.download_button] == ["Add to my calendar (.ics)"]
    at.run()
    thanks = next(b.key for b in at.button if b.key.startswith("home_done_A1:thank-you"))
    at.button(key=thanks).click().run()
    assert not at.exception, at.exception
    assert waiting_drawn()
