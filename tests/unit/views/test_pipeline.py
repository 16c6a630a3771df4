"""What the Pipeline screen shows, without Streamlit: the table and each application's next step,
the summary figures, the frames behind the charts, and the view built once per snapshot."""

from __future__ import annotations

import datetime as dt
import json
import time

import pandas as pd
import pytest

from nextround import demo
from nextround.charts import timeline
from nextround.commands.sample import write_sample
from nextround.commands.settings import save_rule_settings
from nextround.domain import followup, pipeline
from nextround.domain import next_note as next_note_module
from nextround.domain.applications import OPEN_STAGES
from nextround.domain.next_note import next_note
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.views import pipeline as vm
from nextround.views.snapshot import Snapshot

TODAY = dt.date(2026, 3, 11)  # a Wednesday: the day of the demo_search fixture


def _parts(search):
    return search.applications, search.events, search.table, search.actions


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# --- next steps and the table --------------------------------------------------------------------


def test_next_step_is_the_most_urgent_then_the_earliest() -> None:
    actions = pd.DataFrame({
        "application_id": ["A1", "A1", "A1", "A2"],
        "kind": ["follow-up", "thank-you", "nudge", "mark no response"],
        "note_kind": ["follow-up", "thank-you", "follow-up", ""],
        "due": pd.to_datetime([day(-5), day(1), day(3), day(-9)]).astype("datetime64[us]"),
        "urgency": ["later", "overdue", "overdue", "later"],
        "reason": ["r1", "r2", "r3", "r4"],
    })
    steps = vm.next_steps(actions)
    assert steps.loc["A1", "kind"] == "nudge"  # overdue beats later; the earlier of two overdue
    assert steps.loc["A1", "title"] == "Nudge about your application"
    assert steps.loc["A1", "short"] == "Nudge"
    assert steps.loc["A2", "short"] == "Close as no response"
    assert vm.next_steps(actions.iloc[0:0]).empty


def test_table_frame_has_the_shown_columns_and_readable_next_steps(demo_search) -> None:
    apps, _, table, actions = _parts(demo_search)
    frame = vm.table_frame(table, actions)
    assert list(vm.shown_columns(frame).columns) == list(vm.TABLE_COLUMNS)
    assert len(frame) == len(apps)
    acme = frame.set_index("Company").loc["Acme Analytics"]
    assert acme["Next step"].startswith("Thank-you · ")
    assert acme["Stage"] == "interviewing" and acme["Interviews"] == 2
    assert str(frame["Waiting"].dtype) == "Int64" and str(frame["Applied"].dtype).startswith(
        "datetime64")
    wishlist = frame.set_index("Company").loc["Harbor Learning"]
    assert pd.isna(wishlist["Applied"]) and pd.isna(wishlist["Next step"])
    assert frame["Posting"].dropna().str.startswith("https://").all()
    # Default order: the most recent activity first, as on the timeline.
    assert frame["_activity"].is_monotonic_decreasing


def test_unsafe_posting_links_are_left_out_of_the_table() -> None:
    apps = typed_frame("applications", [
        {"id": "A1", "company": "X", "role": "Y", "stage": "applied", "date_applied": day(3),
         "posting_url": "javascript:alert(1)"},
        {"id": "A2", "company": "Z", "role": "Y", "stage": "applied", "date_applied": day(2),
         "posting_url": "https://ok.example/job"},
    ])
    table = pipeline.application_table(apps, typed_frame("events", []), TODAY)
    frame = vm.table_frame(table, followup.empty_actions()).set_index("id")
    assert pd.isna(frame.loc["A1", "Posting"])
    assert frame.loc["A2", "Posting"] == "https://ok.example/job"


@pytest.mark.parametrize("order", list(vm.ORDERS))
def test_every_order_sorts_and_keeps_missing_values_last(demo_search, order: str) -> None:
    _, _, table, actions = _parts(demo_search)
    ordered = vm.order_table(vm.table_frame(table, actions), order)
    first_key = vm.ORDERS[order][0][0]
    values = ordered[first_key]
    present = values.notna().to_numpy()
    assert not (~present[:-1] & present[1:]).any()  # no value after a missing one
    kept = values.dropna()
    ascending = vm.ORDERS[order][1][0]
    assert (kept.is_monotonic_increasing if ascending else kept.is_monotonic_decreasing)


def test_repeated_text_is_sent_as_categories_in_alphabetical_order(demo_search) -> None:
    _, _, table, actions = _parts(demo_search)
    shown = vm.shown_columns(vm.table_frame(table, actions))
    for name in vm.CATEGORY_COLUMNS:
        assert isinstance(shown[name].dtype, pd.CategoricalDtype)
        categories = list(shown[name].cat.categories)
        assert categories == sorted(categories)
    assert shown["Outcome"].isna().any()  # open applications have no outcome, not "nan"


def test_table_export_uses_plain_headers_and_iso_dates(demo_search) -> None:
    _, _, table, actions = _parts(demo_search)
    out = vm.table_export(vm.shown_columns(vm.table_frame(table, actions)))
    assert {"company", "date_applied", "days_in_stage", "days_since_contact", "next_step",
            "posting_url"} <= set(out.columns)
    assert out["date_applied"].dropna().str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert out["company"].dtype == "str"  # back to text, so formulas can be neutralised


def test_summary_figures(demo_search) -> None:
    apps, events, _, actions = _parts(demo_search)
    figures = vm.summary(apps, pipeline.funnel(apps, events), pipeline.reply_days(apps, events),
                         actions, TODAY)
    assert figures["total"] == 15
    assert figures["open"] == int((apps["stage"].isin(OPEN_STAGES) & apps["outcome"].isna()).sum())
    assert 0 < figures["reply_rate"] <= 1
    assert figures["median_reply_days"] > 0
    urgent = int(actions["urgency"].isin(("overdue", "today")).sum())
    assert figures["due_now"] + figures["catch_up"] == urgent
    empty = vm.summary(apps.iloc[0:0], pipeline.funnel(apps.iloc[0:0], events.iloc[0:0]),
                       pd.Series([], dtype="int64"), followup.empty_actions(), TODAY)
    assert empty["reply_rate"] is None and empty["median_reply_days"] is None


# --- the frames behind the charts ----------------------------------------------------------------


def test_timeline_rows_are_the_rows_the_chart_draws(demo_search) -> None:
    apps, events, table, actions = _parts(demo_search)
    rows = vm.timeline_rows(vm.table_frame(table, actions), 6)
    spec = timeline.timeline_chart(apps, events, actions, TODAY, max_rows=6).to_dict()
    bars = next(values for values in spec["datasets"].values()
                if values and "g" in values[0] and "r" in values[0])
    assert [b["r"].split(" · ")[0] for b in bars] == rows["company"].tolist()
    assert list(rows.columns)[:3] == ["company", "role", "stage"]


def test_chart_frames_for_csv(demo_search) -> None:
    apps, events, _, _ = _parts(demo_search)
    funnel = vm.funnel_export(pipeline.funnel(apps, events))
    assert funnel["step"].tolist()[0] == "Applied"
    assert pd.isna(funnel["conversion_percent"].iloc[0])
    assert funnel["conversion_percent"].dropna().between(0, 100).all()
    reply = vm.reply_days_export(pipeline.reply_days(apps, events))
    assert reply["applications"].sum() == len(pipeline.reply_days(apps, events))
    assert reply["days_to_first_reply"].is_monotonic_increasing
    weekly = vm.weekly_export(pipeline.weekly_activity(events, apps))
    assert weekly.columns[0] == "week_starting"
    assert weekly["week_starting"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_the_reference_line_label_names_its_source() -> None:
    assert vm.REPLY_DAYS.chart_label == (
        "US average, application to answer:\n23.8 days (Glassdoor, 2017)")
    assert vm.REPLY_DAYS.value == 23.8


# --- size --------------------------------------------------------------------------------------


def test_ten_thousand_applications_stay_quick() -> None:
    apps, events = demo.build(TODAY, 10_000)
    table = pipeline.application_table(apps, events, TODAY)
    actions = followup.due_actions(apps, events, None, TODAY)
    start = time.perf_counter()
    frame = vm.table_frame(table, actions)
    for order in vm.ORDERS:
        vm.order_table(frame, order)
    rows = vm.timeline_rows(frame, 50)
    elapsed = time.perf_counter() - start
    assert len(frame) == 10_000 and len(rows) == 50
    assert elapsed < 1.5, f"{elapsed:.2f} s"


# --- the view, built once per snapshot ----------------------------------------------------------


def _view(tmp_path, settings: RuleSettings | None = None) -> vm.PipelineView:
    store = write_sample(tmp_path / "data", TODAY)
    if settings is not None:
        save_rule_settings(store, settings)
    return vm.build(Snapshot.load(store, vm.TABLES), TODAY)


def _next_step(view: vm.PipelineView, company: str) -> str:
    shown, _, _ = view.rows(((), (), None, None, ""), vm.DEFAULT_ORDER)
    return str(shown.set_index("Company").loc[company, "Next step"])


def test_the_view_reads_the_users_settings(tmp_path) -> None:
    """Birchwood's interview was five days ago: late by default, not with a five-day setting."""
    assert _next_step(_view(tmp_path / "a"), "Birchwood Health").startswith("Late thank-you ·")
    patient = _view(tmp_path / "b", RuleSettings(late_thank_you_after_days=5))
    assert _next_step(patient, "Birchwood Health").startswith("Thank-you ·")
    assert patient.actions.equals(followup.due_actions(
        patient.applications, patient.events, RuleSettings(late_thank_you_after_days=5), TODAY,
        patient.snapshot["actions"]))


def test_rows_filter_order_and_count(tmp_path) -> None:
    view = _view(tmp_path)
    shown, ids, count = view.rows(((), (), None, None, ""), "Company A to Z")
    assert count == len(view.applications) == len(ids)
    assert list(shown.columns) == list(vm.TABLE_COLUMNS)
    companies = shown["Company"].astype("str").tolist()
    assert companies == sorted(companies, key=str.casefold)
    closed, closed_ids, n = view.rows((("closed",), (), None, None, ""), vm.DEFAULT_ORDER)
    assert n == len(closed) > 0 and set(closed["Stage"].astype("str")) == {"closed"}
    assert set(closed_ids) <= set(view.applications["id"])
    _, _, found = view.rows(((), (), None, None, "acme"), vm.DEFAULT_ORDER)
    assert found == 1
    again = view.rows(((), (), None, None, "acme"), vm.DEFAULT_ORDER)
    assert again is view.rows(((), (), None, None, "acme"), vm.DEFAULT_ORDER)  # remembered


def test_the_timeline_can_keep_only_open_applications(tmp_path) -> None:
    view = _view(tmp_path)
    drawn = view.timeline(50, open_only=True)
    assert "Driftwood Games" not in set(drawn.rows["company"])  # rejected: closed
    assert "Acme Analytics" in set(drawn.rows["company"])
    assert json.loads(drawn.plain)["title"]
    assert "Driftwood Games" in set(view.timeline(50, open_only=False).rows["company"])
    assert drawn.spec["datasets"]


def test_the_timelines_switches_change_its_data_never_its_spec(tmp_path) -> None:
    """Streamlit's frontend draws a new Vega view when a chart's spec changes and only swaps
    the data when it does not: every choice of rows and "only open" gives the same spec."""
    store = write_sample(tmp_path / "data", TODAY, applications=100, seed=11)
    view = vm.build(Snapshot.load(store, vm.TABLES), TODAY)
    drawn = {(rows, open_only): view.timeline(rows, open_only)
             for rows in (5, 10, 25, 50) for open_only in (False, True)}
    specs = {json.dumps({k: v for k, v in d.spec.items() if k != "datasets"}, sort_keys=True)
             for d in drawn.values()}
    assert len(specs) == 1
    assert len({tuple(d.spec["datasets"]) for d in drawn.values()}) == 1  # the same names
    assert len({tuple(d.spec["datasets"].values()) for d in drawn.values()}) == len(drawn)
    # What changes travels beside the spec: the height, and the count left out (the caption).
    few, many = drawn[(5, False)], drawn[(50, False)]
    assert 300 < few.height < many.height
    assert "95 older applications are not shown" in few.caption
    subtitle = " ".join(json.loads(few.plain)["title"]["subtitle"])  # the images keep it
    assert "95 older applications are not shown" in subtitle
    assert "older applications" not in json.dumps(few.spec["title"])
    assert "The timeline shows 50 of 100 applications" in many.caption


def test_the_overview_has_figures_specs_and_exports(tmp_path) -> None:
    view = _view(tmp_path)
    overview = view.overview
    assert overview.figures["total"] == len(view.applications)
    assert set(overview.specs) == set(overview.exports) == set(overview.plain) == {
        "funnel", "reply", "weekly"}
    for text in overview.plain.values():
        json.loads(text)
    assert overview.exports["funnel"]["step"].tolist()[0] == "Applied"


def test_one_applications_detail_chart(tmp_path) -> None:
    view = _view(tmp_path)
    spec = view.detail_spec("A00001")
    axes = [layer["encoding"]["y"].get("axis", "missing") for layer in spec["layer"]
            if "y" in layer.get("encoding", {})]
    assert axes and all(axis is None for axis in axes)
    assert view.detail_spec("A00001") is spec


def test_each_applications_next_note_is_next_notes_own_from_the_views_one_pass(
        tmp_path, monkeypatch) -> None:
    """The open application's next note (its detail's "what next") is the answer ``next_note``
    gives for that application alone, for every application in the sample, and comes from the
    pass of the rules the due list made: opening the detail runs no rules of its own."""
    view = _view(tmp_path)
    alone = {app_id: next_note(view.applications, view.events, None, TODAY, app_id,
                               view.snapshot["actions"])
             for app_id in view.applications["id"]}
    assert {note.action for note in alone.values()} - {None}  # some application owes a note
    view.actions  # noqa: B018 -- the due list, as the page draws it first
    passes = []
    real = followup.rules
    for module in (followup, next_note_module):
        monkeypatch.setattr(module, "rules", lambda *a, **k: passes.append(a) or real(*a, **k))
    for app_id, note in alone.items():
        assert view.next_note(app_id) == note, app_id
    assert passes == []
    assert view.next_note("A00001") is view.next_note("A00001")  # remembered


def test_an_application_waiting_after_its_interview_gets_a_dated_expectation(tmp_path) -> None:
    view = _view(tmp_path)
    acme = view.expectation("A00001")  # round 2 two days ago; they decide in eight days
    assert acme is not None and acme.days_waited == 2
    assert acme.decision_date == TODAY + dt.timedelta(days=8)
    assert acme.said[0] == "They said they would decide by Thu 19 Mar."
    rule = next_note(view.applications, view.events, None, TODAY, "A00001",
                     view.snapshot["actions"])
    assert acme.follow_up_due == rule.follow_up_due  # one rule engine
    assert view.expectation("A00001") is acme  # remembered per application
    assert view.expectation("A00004") is None  # Driftwood: rejected, nothing to wait for
    assert view.expectation("A00006") is None  # Fjord: no interview yet


def test_the_still_waiting_curve_rests_on_the_users_own_answers(tmp_path) -> None:
    view = _view(tmp_path)
    waits, past = view.waits
    assert past.answers == int(waits["answered"].sum()) >= 5
    spec, plain = view.waiting_curve
    assert "Still waiting after an interview" in plain
    assert f"From {past.answers} answers" in plain
    assert spec["datasets"] and view.waiting_curve is view.waiting_curve
