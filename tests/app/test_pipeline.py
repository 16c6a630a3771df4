"""The Pipeline page: adding, editing and deleting applications, logging events that move the
stage, the filters, the follow-up timing, the charts, and the empty state."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from nextround.commands import applications
from nextround.commands.settings import save_rule_settings
from nextround.domain import dates, followup
from nextround.domain.dates import add_business_days, format_day
from nextround.domain.settings import RuleSettings, rule_settings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

PIPELINE = "pages/pipeline.py"
ACME = "A00001"
FJORD = "A00006"
TODAY = dates.today()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest) -> pd.DataFrame:
    """The applications table as drawn (its repeated text travels as categories)."""
    shown = next(d for d in at.dataframe if d.key == "pipeline_table").value
    for name in shown.columns:
        if isinstance(shown[name].dtype, pd.CategoricalDtype):
            shown[name] = shown[name].astype("str")
    return shown


def select(at: AppTest, company: str, role: str | None = None) -> None:
    """Tick the row of an application in the table, as a click would."""
    shown = table(at)
    match = shown["Company"].eq(company)
    if role:
        match &= shown["Role"].eq(role)
    position = int(match.to_numpy().nonzero()[0][0])
    at.session_state["pipeline_table"] = {"selection": {"rows": [position], "columns": []}}
    run(at)


def open_tab(at: AppTest, app_id: str, label: str) -> None:
    at.session_state[f"pipeline_tabs_{app_id}"] = label
    run(at)


def submit(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click()
    run(at)


def by_key(widgets, suffix: str):
    found = [w for w in widgets if w.key and w.key.endswith(suffix)]
    assert found, f"no widget ending with {suffix!r}"
    return found[0]


def toasts(at: AppTest) -> str:
    return "\n".join(t.value for t in at.toast)


def app_row(store: Store, app_id: str) -> pd.Series:
    apps = store.load("applications")
    return apps[apps["id"] == app_id].iloc[0]


# --- empty state and adding ----------------------------------------------------------------------


def test_empty_data_welcomes_and_adds_the_first_application(
    go_to_page, texts, data_dir: Path, open_app
) -> None:
    at = go_to_page("Pipeline")
    shown = texts(at)
    assert "Nothing here yet. Each job you add gets a row on the timeline" in shown
    assert "Add your first application" in shown
    assert not at.get("vega_lite_chart")

    # A role but no company: the message sits right under the company field.
    by_key(at.text_input, "_role").input("Data analyst")
    submit(at, "Add application")
    nodes = list(at.main)
    company_at = next(
        i
        for i, n in enumerate(nodes)
        if getattr(n, "key", None) and str(n.key).endswith("_company")
    )
    assert (nodes[company_at + 1].type, nodes[company_at + 1].value) == ("error", "Required.")
    assert [e.value for e in at.error] == ["Required."]
    assert Store(data_dir).load("applications").empty

    by_key(at.text_input, "_company").input("Acme Analytics")
    by_key(at.text_input, "_contact_email").input("priya@acme.example")
    submit(at, "Add application")
    assert "Added Acme Analytics · Data analyst." in toasts(at)
    saved = Store(data_dir).load("applications")
    assert saved[["company", "role", "stage"]].values.tolist() == [
        ["Acme Analytics", "Data analyst", "applied"]
    ]
    assert saved["date_applied"].dt.date.tolist() == [TODAY]
    assert Store(data_dir).load("events")["kind"].tolist() == ["applied"]
    # The page now shows the table and the new application's detail.
    assert len(table(at)) == 1
    assert "Acme Analytics · Data analyst" in [s.value for s in at.subheader]


def test_a_bad_email_and_a_future_date_are_explained(go_to_page, data_dir: Path, open_app) -> None:
    at = go_to_page("Pipeline")
    by_key(at.text_input, "_company").input("Acme")
    by_key(at.text_input, "_role").input("Analyst")
    by_key(at.text_input, "_contact_email").input("not an email")
    by_key(at.date_input, "_date_applied").set_value(TODAY + timedelta(days=3))
    submit(at, "Add application")
    errors = [e.value for e in at.error]
    assert any("does not look like an email address" in e for e in errors)
    assert "This date is in the future." in errors
    assert Store(data_dir).load("applications").empty


# --- the sample search: charts, table, filters -----------------------------------------------


def test_sample_search_shows_charts_figures_and_every_application(
    go_to_page, texts, sample_dir, open_app
) -> None:
    at = go_to_page("Pipeline")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 5  # timeline, funnel, reply times, still waiting, weekly activity
    assert len(table(at)) == 15
    shown = texts(at)
    assert "PNG or SVG" in shown
    labels = {b.label for b in at.get("download_button")}
    assert {"PNG", "SVG"} <= labels
    csv_labels = [b.label for b in at.get("download_button") if b.label.endswith("(CSV)")]
    assert csv_labels[:5] == [
        "Timeline data (CSV)",
        "Funnel data (CSV)",
        "Reply times data (CSV)",
        "Curve data (CSV)",
        "Weekly data (CSV)",
    ]
    assert [b.label for b in at.get("download_button")].count("SVG") == 5
    for source in ("Jobvite", "ERE, 2013", "Glassdoor", "Robert Half"):
        assert source in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["In progress"] == "8"
    assert metrics["Follow-ups due now"] != "0"
    assert {"Company", "Role", "Stage", "Waiting", "Quiet", "Next step"} <= set(table(at).columns)
    acme = table(at).set_index("Company").loc["Acme Analytics"]
    assert acme["Next step"].startswith("Thank-you · ")


def test_filters_narrow_the_table(go_to_page, texts, sample_dir, open_app) -> None:
    at = go_to_page("Pipeline")
    apps = Store(sample_dir).load("applications")
    at.multiselect(key="pipeline_f_stage").set_value(["closed"])
    run(at)
    assert len(table(at)) == int((apps["stage"] == "closed").sum())
    assert set(table(at)["Stage"]) == {"closed"}
    at.multiselect(key="pipeline_f_outcome").set_value(["rejected"])
    run(at)
    assert set(table(at)["Outcome"]) == {"rejected"}
    at.multiselect(key="pipeline_f_stage").set_value([])
    at.multiselect(key="pipeline_f_outcome").set_value([])
    at.text_input(key="pipeline_f_text").input("acme")
    run(at)
    assert table(at)["Company"].tolist() == ["Acme Analytics"]
    at.text_input(key="pipeline_f_text").input("")
    at.date_input(key="pipeline_f_dates").set_value(
        (TODAY - timedelta(days=16), TODAY - timedelta(days=9))
    )
    run(at)
    applied = apps["date_applied"].dt.date
    expected = (applied >= TODAY - timedelta(days=16)) & (applied <= TODAY - timedelta(days=9))
    assert len(table(at)) == int(expected.sum()) > 0
    at.text_input(key="pipeline_f_text").input("no such company")
    run(at)
    assert table(at).empty
    assert "Nothing matches these filters" in texts(at)


def test_the_table_can_be_ordered_by_what_is_most_pressing(
    go_to_page, sample_dir, open_app
) -> None:
    at = go_to_page("Pipeline")
    at.selectbox(key="pipeline_order").select("Most pressing first")
    run(at)
    steps = table(at)["Next step"].fillna("").tolist()
    overdue = [s.endswith("overdue") for s in steps]
    assert overdue[0] and overdue == sorted(overdue, reverse=True)


def test_timeline_rows_follow_the_control(go_to_page, sample_dir, open_app) -> None:
    at = go_to_page("Pipeline")
    before = at.get("vega_lite_chart")[0].proto
    at.number_input(key="pipeline_rows").set_value(5)
    run(at)
    timeline = at.get("vega_lite_chart")[0]
    # What Streamlit's frontend compares to keep its Vega view: the same spec, the same
    # datasets by name; only their rows differ.
    assert timeline.proto.spec == before.spec
    assert [d.name for d in timeline.proto.datasets] == [d.name for d in before.datasets]
    assert [d.data.data for d in timeline.proto.datasets] != [
        d.data.data for d in before.datasets]
    # Five rows: the rest are counted in the caption under the chart (the spec stays the same
    # whatever the rows, so the browser only swaps the chart's data).
    assert "older applications are not shown" not in timeline.proto.spec
    assert any("older applications are not shown" in c.value for c in at.caption)


# --- the detail: logging events, editing, deleting ----------------------------------------------


def test_log_an_interview_moves_the_stage_and_a_thank_you_falls_due(
    go_to_page, texts, sample_dir, open_app
) -> None:
    store = Store(sample_dir)
    assert app_row(store, FJORD)["stage"] == "applied"
    at = go_to_page("Pipeline")
    select(at, "Fjord Logistics")
    assert "Fjord Logistics · Project manager" in [s.value for s in at.subheader]
    open_tab(at, FJORD, "Log an event")
    assert by_key(at.number_input, "_round").value == 1
    by_key(at.date_input, "_date").set_value(TODAY - timedelta(days=1))
    by_key(at.text_input, "_interviewers").input("Ana Lee; Bo Chen")
    by_key(at.text_input, "_emails").input("ana@fjord.example, bo@fjord.example")
    by_key(at.date_input, "_decision").set_value(TODAY + timedelta(days=7))
    by_key(at.selectbox, "_type").select("video")
    submit(at, "Log it")
    assert "Logged: interview for Fjord Logistics. Stage: interviewing." in toasts(at)

    assert app_row(store, FJORD)["stage"] == "interviewing"
    events = store.load("events")
    logged = events[(events["application_id"] == FJORD) & (events["kind"] == "interview")]
    assert len(logged) == 1
    event = logged.iloc[0]
    assert event["round"] == 1
    assert event["interviewers"] == "Ana Lee; Bo Chen"
    assert event["interviewer_emails"] == "ana@fjord.example; bo@fjord.example"
    assert event["decision_date"].date() == TODAY + timedelta(days=7)
    assert event["interview_type"] == "video"

    # Home's view: the interview yesterday with no thank-you makes one due.
    actions = followup.due_actions(
        store.load("applications"),
        events,
        rule_settings(store.load("settings")),
        TODAY,
        store.load("actions"),
    )
    fjord = actions[actions["application_id"] == FJORD]
    assert fjord["kind"].tolist() == ["thank-you", "thank-you"]  # one per interviewer
    assert fjord["person"].tolist() == ["Ana Lee", "Bo Chen"]
    assert fjord["anchor_event_id"].tolist() == [event["id"]] * 2
    # And the detail says so, with the next round suggested for the next interview.
    assert "Send a thank-you" in texts(at)
    open_tab(at, FJORD, "Log an event")
    assert by_key(at.number_input, "_round").value == 2


def test_an_interview_before_the_application_is_questioned_not_blocked(
    go_to_page, texts, sample_dir, open_app
) -> None:
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    select(at, "Fjord Logistics")
    open_tab(at, FJORD, "Log an event")
    applied = app_row(store, FJORD)["date_applied"].date()
    by_key(at.date_input, "_date").set_value(applied - timedelta(days=3))
    submit(at, "Log it")
    assert any("before the application date" in w.value for w in at.warning)
    assert "Press **Log it** again" in texts(at)
    assert not (
        store.load("events")["kind"].eq("interview")
        & store.load("events")["application_id"].eq(FJORD)
    ).any()
    submit(at, "Log it")
    events = store.load("events")
    assert ((events["application_id"] == FJORD) & (events["kind"] == "interview")).sum() == 1


def test_a_rejection_closes_it_and_records_the_outcome(go_to_page, sample_dir, open_app) -> None:
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    select(at, "Fjord Logistics")
    open_tab(at, FJORD, "Log an event")
    at.selectbox(key=f"pipeline_event_kind_{FJORD}").select("rejection")
    run(at)
    by_key(at.text_area, "_details").input("Went with an internal candidate.")
    submit(at, "Log it")
    assert "Closed as rejected." in toasts(at)
    row = app_row(store, FJORD)
    assert (row["stage"], row["outcome"]) == ("closed", "rejected")


def test_editing_overrides_the_stage_and_keeps_outcome_separate(
    go_to_page, sample_dir, open_app
) -> None:
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    open_tab(at, ACME, "Edit details")
    by_key(at.selectbox, "_stage").select("offer")
    by_key(at.text_area, "_notes").input("Salary band confirmed.\nStart in March.")
    submit(at, "Save changes")
    assert "Saved Acme Analytics · Data analyst." in toasts(at)
    row = app_row(store, ACME)
    assert row["stage"] == "offer"
    assert pd.isna(row["outcome"])
    assert row["notes"] == "Salary band confirmed.\nStart in March."

    # An outcome on an open stage is explained, not saved.
    open_tab(at, ACME, "Edit details")
    by_key(at.selectbox, "_outcome").select("offer accepted")
    submit(at, "Save changes")
    assert any("set the stage to closed" in e.value for e in at.error)
    assert pd.isna(app_row(store, ACME)["outcome"])


@pytest.mark.parametrize("elsewhere", [ACME, "A00002"], ids=["same application", "another"])
def test_an_edit_from_a_stale_tab_is_refused_only_when_its_row_changed(
    go_to_page, sample_dir, open_app, elsewhere: str
) -> None:
    """Another tab saves a change after this form was drawn: to this same application the
    edit is refused; to another one it is no conflict and both changes are kept (before, any
    change to the file refused it)."""
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    open_tab(at, ACME, "Edit details")
    by_key(at.text_input, "_role").input("Senior data analyst")
    applications.update_application(
        store, elsewhere, {"notes": "edited elsewhere"}, pd.Timestamp.now().to_pydatetime()
    )
    submit(at, "Save changes")
    refused = any("changed since this page was opened" in e.value for e in at.error)
    assert refused == (elsewhere == ACME)
    assert app_row(store, ACME)["role"] == ("Data analyst" if refused else "Senior data analyst")
    assert app_row(store, elsewhere)["notes"] == "edited elsewhere"
    assert bool(at.toast) != refused


def test_a_fresh_visit_edits_the_latest_file(go_to_page, sample_dir, open_app) -> None:
    """Coming back to the page after a change elsewhere is not a stale tab."""
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    applications.update_application(
        store, "A00002", {"notes": "edited elsewhere"}, pd.Timestamp.now().to_pydatetime()
    )
    at.switch_page("pages/home.py").run()
    at.switch_page(PIPELINE).run()
    select(at, "Acme Analytics")
    open_tab(at, ACME, "Edit details")
    by_key(at.text_input, "_role").input("Senior data analyst")
    submit(at, "Save changes")
    assert app_row(store, ACME)["role"] == "Senior data analyst"


@pytest.mark.parametrize("keep", [False, True], ids=["remove-events", "keep-events"])
def test_delete_asks_first_and_removes_or_keeps_the_events(
    go_to_page, texts, sample_dir, open_app, keep: bool
) -> None:
    store = Store(sample_dir)
    before = int((store.load("events")["application_id"] == ACME).sum())
    assert before > 0
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    open_tab(at, ACME, "Delete")
    if keep:
        at.radio(key=f"pipeline_keep_{ACME}").set_value("keep")
        run(at)
    at.button(key=f"pipeline_delete_{ACME}").click()
    run(at)
    # Nothing is gone until the dialog is answered.
    assert (store.load("applications")["id"] == ACME).any()
    assert "will be removed" in texts(at)
    at.button(key="confirm_pipeline_delete_yes").click()
    run(at)
    assert not (store.load("applications")["id"] == ACME).any()
    left = int((store.load("events")["application_id"] == ACME).sum())
    assert left == (before if keep else 0)
    assert "Deleted Acme Analytics · Data analyst." in toasts(at)
    assert "Acme Analytics" not in table(at)["Company"].tolist()
    assert len(table(at)) == 14


def test_cancel_keeps_the_application(go_to_page, sample_dir, open_app) -> None:
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    open_tab(at, ACME, "Delete")
    at.button(key=f"pipeline_delete_{ACME}").click()
    run(at)
    at.button(key="confirm_pipeline_delete_no").click()
    run(at)
    assert (Store(sample_dir).load("applications")["id"] == ACME).any()


def test_deleting_an_event_asks_first(go_to_page, sample_dir, open_app) -> None:
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    history = next(d for d in at.dataframe if d.key == f"pipeline_history_{ACME}").value
    assert history["What"].tolist()[0] == "interview"  # newest first
    at.session_state[f"pipeline_history_{ACME}"] = {"selection": {"rows": [0], "columns": []}}
    run(at)
    at.button(key="pipeline_delete_event_button").click()
    run(at)
    events = store.load("events")
    latest = events[(events["application_id"] == ACME)].sort_values("date").iloc[-1]
    assert (events["id"] == latest["id"]).any()
    at.button(key="confirm_pipeline_delete_event_yes").click()
    run(at)
    assert not (store.load("events")["id"] == latest["id"]).any()
    assert "Event deleted." in toasts(at)


# --- hand-offs to other pages ------------------------------------------------------------------


def test_a_request_opens_the_application_and_write_it_opens_notes(
    go_to_page, texts, sample_dir, open_app
) -> None:
    at = go_to_page("Pipeline", application_id=ACME)
    assert "Acme Analytics · Data analyst" in [s.value for s in at.subheader]
    assert "Send a thank-you" in texts(at)
    at.button(key="pipeline_write").click()
    run(at)
    assert at.title[0].value == "Notes"
    assert at.selectbox(key="notes_application").value == ACME


def test_coming_back_with_a_request_opens_that_application(
    go_to_page, sample_dir, open_app
) -> None:
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    at.switch_page("pages/home.py").run()
    at.session_state["pipeline_request"] = {"application_id": FJORD}
    at.switch_page(PIPELINE).run()
    assert not at.exception, at.exception
    assert "Fjord Logistics · Project manager" in [s.value for s in at.subheader]


def test_self_check_opens_on_the_latest_interview(go_to_page, texts, sample_dir, open_app) -> None:
    at = go_to_page("Pipeline", application_id=ACME)
    at.button(key="pipeline_self_check").click()
    run(at)
    assert at.title[0].value == "Self-check"
    assert "Acme Analytics" in texts(at) or any(
        "Acme Analytics" in str(s.value) for s in at.selectbox
    )


def test_closing_the_detail(go_to_page, sample_dir, open_app) -> None:
    at = go_to_page("Pipeline")
    select(at, "Acme Analytics")
    at.button(key="pipeline_close").click()
    run(at)
    assert "Acme Analytics · Data analyst" not in [s.value for s in at.subheader]


# --- follow-up timing ----------------------------------------------------------------------------


def test_saved_timing_changes_the_due_date(go_to_page, texts, sample_dir, open_app) -> None:
    store = Store(sample_dir)
    events = store.load("events")
    interview = (
        events[(events["application_id"] == ACME) & (events["kind"] == "interview")]
        .sort_values("date")
        .iloc[-1]
    )
    day = interview["date"].date()
    at = go_to_page("Pipeline")
    at.session_state["pipeline_timing_open"] = True
    run(at)
    assert len(
        [n for n in at.number_input if n.key and n.key.startswith("pipeline_settings_")]
    ) == len(RuleSettings.form_rows())
    by_key(at.number_input, "_thank_you_business_days").set_value(5)
    submit(at, "Save timing")
    assert "Follow-up timing saved." in toasts(at)
    assert rule_settings(store.load("settings")).thank_you_business_days == 5
    actions = followup.due_actions(
        store.load("applications"),
        store.load("events"),
        rule_settings(store.load("settings")),
        TODAY,
        store.load("actions"),
    )
    due = (
        actions[(actions["application_id"] == ACME) & actions["kind"].str.contains("thank-you")][
            "due"
        ]
        .iloc[0]
        .date()
    )
    assert due == add_business_days(day, 5)
    select(at, "Acme Analytics")
    assert f"due {format_day(due, TODAY)}" in texts(at)

    submit(at, "Back to the defaults")
    assert rule_settings(store.load("settings")) == RuleSettings()


def test_a_stale_timing_save_is_refused_with_the_reload_message(
    go_to_page, sample_dir, open_app
) -> None:
    """Another tab changed the same delay: the save says why it was refused (it used to be
    dropped without a word, the form having been redrawn from the newer file)."""
    store = Store(sample_dir)
    at = go_to_page("Pipeline")
    at.session_state["pipeline_timing_open"] = True
    run(at)
    by_key(at.number_input, "_thank_you_business_days").set_value(5)
    save_rule_settings(store, RuleSettings(thank_you_business_days=4))  # another tab
    submit(at, "Save timing")
    assert any("changed since this page was opened" in e.value for e in at.error)
    assert rule_settings(store.load("settings")).thank_you_business_days == 4
    assert "Follow-up timing saved." not in toasts(at)


# --- hostile text --------------------------------------------------------------------------------


def test_typed_markup_stays_text(go_to_page, add_application) -> None:
    add_application(
        company="[Click](javascript:alert(1)) **Evil**",
        role="# Head <b>x</b>",
        date_applied=TODAY,
        source="https://evil.example",
        contact_email="a@b.example",
        posting_url="javascript:alert(1)",
    )
    at = go_to_page("Pipeline")
    assert table(at)["Company"].tolist() == ["[Click](javascript:alert(1)) **Evil**"]
    assert pd.isna(table(at)["Posting"].iloc[0])
    select(at, "[Click](javascript:alert(1)) **Evil**")
    heading = next(s.value for s in at.subheader if "Evil" in s.value)
    assert "\\[Click\\]" in heading and "\\*\\*Evil\\*\\*" in heading
    assert "\\# Head \\<b\\>x\\</b\\>" in heading
    facts = "\n".join(c.value for c in at.caption)
    assert "https:\u200b//evil" in facts.replace("\\:", ":")
    assert not [b for b in at.get("link_button")]


def test_csv_downloads_neutralise_formulas() -> None:
    from nextround.storage.transfer import spreadsheet_csv_bytes as csv_bytes
    from nextround.views import pipeline as vm

    shown = pd.DataFrame({name: [None] for name in vm.TABLE_COLUMNS})
    shown["Company"] = ['=HYPERLINK("http://x")']
    shown["Applied"] = pd.to_datetime([TODAY])
    shown["Due"] = pd.to_datetime([None])
    text = csv_bytes(vm.table_export(vm.shown_columns(shown))).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert text.splitlines()[0].startswith("company,role,stage,next_step,due")


def test_the_funnel_of_an_imported_search_matches_a_hand_count(go_to_page, data_dir) -> None:
    """Stages without histories, as an import leaves them. By hand: 36 applied (all but the two
    wishlist), 19 replied (6 screening, 8 interviewing, the offer, 3 rejected, the declined
    offer), 10 interviewed (8 interviewing and both offers), 2 offers."""
    plan = ([("applied", None)] * 14 + [("screening", None)] * 6
            + [("interviewing", None)] * 8 + [("offer", None)] + [("closed", "rejected")] * 3
            + [("closed", "no response")] * 2 + [("closed", "withdrew"),
                                                 ("closed", "offer declined")])
    rows = [{"id": f"A{i:02d}", "company": f"Firm {i}", "role": "Analyst", "stage": stage,
             "outcome": outcome, "date_applied": TODAY - timedelta(days=40)}
            for i, (stage, outcome) in enumerate(plan)]
    rows += [{"id": f"W{i}", "company": "Dream", "role": "Analyst", "stage": "wishlist"}
             for i in range(2)]
    Store(data_dir).replace("applications", typed_frame("applications", rows))
    at = go_to_page("Pipeline")
    funnel = at.get("vega_lite_chart")[1].proto
    assert "How far your applications got" in funnel.spec
    shipped = pa.ipc.open_stream(funnel.datasets[0].data.data).read_all().to_pandas()
    assert dict(zip(shipped["s"], shipped["l"], strict=True)) == {
        "Applied": "36", "Replied": "19 · 53%", "Interview round 1": "10 · 53%",
        "Round 2": "0 · 0%", "Round 3+": "0", "Offer": "2 · 20%"}
    assert next(m for m in at.metric if m.label == "Got an answer").value == "53%"


def test_a_rejected_applications_booked_round_is_not_a_next_step(go_to_page, data_dir) -> None:
    """One definition of open: Home, Prep, the calendar and this detail all drop it."""
    store = Store(data_dir)
    store.replace("applications", typed_frame("applications", [
        {"id": "A1", "company": "Rejectco", "role": "Analyst", "stage": "closed",
         "outcome": "rejected", "date_applied": TODAY - timedelta(days=20)},
        {"id": "A2", "company": "Openco", "role": "Analyst", "stage": "interviewing",
         "date_applied": TODAY - timedelta(days=20)}]))
    store.replace("events", typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": TODAY + timedelta(days=3),
         "kind": "interview", "round": 2},
        {"id": "E2", "application_id": "A1", "date": TODAY - timedelta(days=1),
         "kind": "rejection"},
        {"id": "E3", "application_id": "A2", "date": TODAY + timedelta(days=3),
         "kind": "interview", "round": 2}]))
    at = go_to_page("Pipeline")
    select(at, "Rejectco")
    steps = [m.value for m in at.markdown if ":material/event:" in m.value]
    assert steps == [] and "pipeline_prep" not in [b.key for b in at.button]
    select(at, "Openco")
    assert any("**Interview" in m.value for m in at.markdown if ":material/event:" in m.value)
    assert "pipeline_prep" in [b.key for b in at.button]


# --- when will I hear back ---------------------------------------------------------------------


def test_the_detail_says_when_acme_may_hear_back(go_to_page, texts, sample_dir, open_app) -> None:
    """Issue 13: a dated, honest expectation on the application waiting after its interview."""
    at = go_to_page("Pipeline", application_id=ACME)
    shown = texts(at)
    today = dates.today()
    decision = format_day(today + timedelta(days=8), today)
    assert "When you may hear back" in shown
    assert f"They said they would decide by {decision}." in shown
    assert "Dates like theirs often slip" in shown
    assert "Your own history:" in shown
    assert "after an interview" in shown and "Robert Half, 2018" in shown
    # The still-waiting curve sits with the reply times, the current waits listed beside it.
    assert "Waiting to hear back after an interview:" in shown
    assert any("Still waiting after an interview" in str(c.proto)
               for c in at.get("vega_lite_chart"))


@pytest.mark.parametrize(("table", "column"), [("events", "date"),
                                               ("applications", "date_applied")])
def test_a_date_in_1926_is_reported_not_a_crash(texts, sample_dir: Path, open_app, table: str,
                                                column: str) -> None:
    """Before: one date before about 1930 crashed Pipeline on every visit with Altair's
    MaxRowsError (the weekly chart has a row per week since the oldest date)."""
    path = sample_dir / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, column] = "1926-03-01"
    frame.to_csv(path, index=False)
    at = open_app("pages/pipeline.py")
    assert not at.exception, at.exception
    assert f"{table}.csv cannot be read" in texts(at)
    problems = [d.value for d in at.dataframe if "problem" in d.value.columns]
    assert problems[0][["row", "column"]].values.tolist() == [[2, column]]
    assert problems[0]["problem"].iloc[0].startswith("1926-03-01 is before 2000-01-01")


def test_one_application_is_counted_as_one(go_to_page, texts, add_application) -> None:
    """Issue 24, 12: "All 1 applications"."""
    add_application(company="Larchmont Foods")
    at = go_to_page("Pipeline")
    shown = texts(at)
    assert "All 1 applications" not in shown
    assert "1 application. Select a row to open it" in shown
