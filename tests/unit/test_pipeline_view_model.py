"""What the Pipeline screen shows, without Streamlit: the table, next steps, chart specs and CSV
frames, the records the forms save, and the text made safe for Markdown."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import fields

import pandas as pd
import pytest

from nextround import demo
from nextround.charts import timeline
from nextround.domain import followup, pipeline
from nextround.domain.followup import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.storage.validation import application_errors, event_errors
from nextround.views import pipeline as vm

TODAY = dt.date(2026, 3, 11)  # a Wednesday


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    apps, events = demo.build(TODAY)
    table = pipeline.application_table(apps, events, TODAY)
    actions = followup.due_actions(apps, events, None, TODAY)
    return apps, events, table, actions


# --- text made safe ------------------------------------------------------------------------------


@pytest.mark.parametrize("url,expected", [
    ("https://jobs.example.com/1", "https://jobs.example.com/1"),
    ("HTTP://x.example", "HTTP://x.example"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("https://x.example/\"onmouseover=1", None),
    ("", None),
    (None, None),
])
def test_only_plain_web_addresses_become_links(url, expected) -> None:
    assert vm.safe_link(url) == expected


def test_people_and_emails_are_joined_with_semicolons() -> None:
    assert vm.join_people(" Ana Lee ;Bo Chen\nCy Diaz ; ") == "Ana Lee; Bo Chen; Cy Diaz"
    assert vm.join_people("Lee, Ana") == "Lee, Ana"  # a comma may be part of a name
    assert vm.join_emails("a@x.io, b@x.io;c@x.io  d@x.io") == "a@x.io; b@x.io; c@x.io; d@x.io"
    assert vm.join_people(None) == "" and vm.join_emails("") == ""


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


def test_table_frame_has_the_shown_columns_and_readable_next_steps(sample) -> None:
    apps, _, table, actions = sample
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
def test_every_order_sorts_and_keeps_missing_values_last(sample, order: str) -> None:
    _, _, table, actions = sample
    ordered = vm.order_table(vm.table_frame(table, actions), order)
    first_key = vm.ORDERS[order][0][0]
    values = ordered[first_key]
    present = values.notna().to_numpy()
    assert not (~present[:-1] & present[1:]).any()  # no value after a missing one
    kept = values.dropna()
    ascending = vm.ORDERS[order][1][0]
    assert (kept.is_monotonic_increasing if ascending else kept.is_monotonic_decreasing)


def test_repeated_text_is_sent_as_categories_in_alphabetical_order(sample) -> None:
    _, _, table, actions = sample
    shown = vm.shown_columns(vm.table_frame(table, actions))
    for name in vm.CATEGORY_COLUMNS:
        assert isinstance(shown[name].dtype, pd.CategoricalDtype)
        categories = list(shown[name].cat.categories)
        assert categories == sorted(categories)
    assert shown["Outcome"].isna().any()  # open applications have no outcome, not "nan"


def test_table_export_uses_plain_headers_and_iso_dates(sample) -> None:
    _, _, table, actions = sample
    out = vm.table_export(vm.shown_columns(vm.table_frame(table, actions)))
    assert {"company", "date_applied", "days_in_stage", "days_since_contact", "next_step",
            "posting_url"} <= set(out.columns)
    assert out["date_applied"].dropna().str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert out["company"].dtype == "str"  # back to text, so formulas can be neutralised


def test_summary_figures(sample) -> None:
    apps, events, _, actions = sample
    figures = vm.summary(apps, pipeline.funnel(apps, events), pipeline.reply_days(apps, events),
                         actions)
    assert figures["total"] == 15
    assert figures["open"] == int(apps["stage"].isin(vm.OPEN_STAGES).sum())
    assert 0 < figures["reply_rate"] <= 1
    assert figures["median_reply_days"] > 0
    assert figures["due_now"] == int(actions["urgency"].isin(("overdue", "today")).sum())
    empty = vm.summary(apps.iloc[0:0], pipeline.funnel(apps.iloc[0:0], events.iloc[0:0]),
                       pd.Series([], dtype="int64"), followup.empty_actions())
    assert empty["reply_rate"] is None and empty["median_reply_days"] is None


# --- the frames behind the charts ----------------------------------------------------------------


def test_timeline_rows_are_the_rows_the_chart_draws(sample) -> None:
    apps, events, table, actions = sample
    rows = vm.timeline_rows(vm.table_frame(table, actions), 6)
    spec = timeline.timeline_chart(apps, events, actions, TODAY, max_rows=6).to_dict()
    bars = next(values for values in spec["datasets"].values()
                if values and "g" in values[0] and "r" in values[0])
    assert [b["r"].split(" · ")[0] for b in bars] == rows["company"].tolist()
    assert list(rows.columns)[:3] == ["company", "role", "stage"]


def test_chart_frames_for_csv(sample) -> None:
    apps, events, _, _ = sample
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


# --- one application ---------------------------------------------------------------------------


def test_history_newest_first_with_ids(sample) -> None:
    _, events, _, _ = sample
    own = vm.events_of(events, "A00001")
    history = vm.history(own)
    assert history["id"].tolist()[0] == own.sort_values("date")["id"].iloc[-1]
    assert history["Date"].is_monotonic_decreasing
    interview = history[history["What"] == "interview"].iloc[0]
    assert interview["Round"] == 2 and interview["With"]
    assert history[history["What"] != "interview"]["With"].isna().all()


def test_rounds_and_interviews_of_an_application(sample) -> None:
    _, events, _, _ = sample
    acme = vm.events_of(events, "A00001")
    assert vm.next_round(acme) == 3
    latest = vm.latest_interview(acme, TODAY)
    assert acme.set_index("id").loc[latest, "date"].date() == day(2)
    assert vm.upcoming_interview(acme, TODAY) is None
    cobalt = vm.events_of(events, "A00003")  # an interview in three days
    assert vm.latest_interview(cobalt, TODAY) is None
    coming = vm.upcoming_interview(cobalt, TODAY)
    assert coming["date"].date() == day(-3)
    assert vm.interview_words(coming).startswith("round 1, panel, with ")
    nothing = vm.events_of(events, "NOPE")
    assert vm.next_round(nothing) == 1 and vm.latest_interview(nothing, TODAY) is None


def test_unnumbered_interviews_still_count_towards_the_next_round() -> None:
    own = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": day(9), "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": day(4), "kind": "interview"},
    ])
    assert vm.next_round(own) == 3


def test_interview_words() -> None:
    assert vm.interview_words({"round": 2, "interview_type": "video",
                               "interviewers": "Ana Lee; Bo Chen; Cy Diaz"}) == (
        "round 2, video, with Ana Lee, Bo Chen and Cy Diaz")
    assert vm.interview_words({}) == "interview"


def test_form_values_round_trip_through_the_record(sample) -> None:
    apps, _, _, _ = sample
    row = apps.iloc[0]
    values = vm.form_values(row)
    assert values["date_applied"] == row["date_applied"].date()
    assert values["outcome"] == "" and values["stage"] == row["stage"]
    record = vm.application_record(values)
    assert application_errors(record, TODAY) == {}
    for name in ("company", "role", "stage", "contact_email", "priority"):
        assert record[name] == row[name]
    blank = vm.form_values(None)
    assert blank["stage"] == "applied" and blank["date_applied"] is None


def test_notes_keep_their_line_breaks() -> None:
    record = vm.application_record({"company": " Acme ", "notes": "  one\ntwo  \n"})
    assert record["company"] == "Acme"
    assert record["notes"] == "one\ntwo"


def test_event_record_keeps_only_the_fields_of_its_kind() -> None:
    values = {"date": day(1), "round": 2, "interview_type": "video",
              "interviewers": "Ana Lee;Bo Chen", "interviewer_emails": "a@x.io b@x.io",
              "decision_date": day(-7), "channel": "email", "details": " Talked. "}
    interview = vm.event_record("A1", "interview", values)
    assert interview == {"application_id": "A1", "kind": "interview", "date": day(1),
                         "details": "Talked.", "round": 2, "interview_type": "video",
                         "interviewers": "Ana Lee; Bo Chen",
                         "interviewer_emails": "a@x.io; b@x.io", "decision_date": day(-7)}
    assert event_errors(interview, day(30), TODAY) == ({}, {})
    thanks = vm.event_record("A1", "thank-you sent", values)
    assert thanks["channel"] == "email" and "round" not in thanks
    note = vm.event_record("A1", "note", values)
    assert set(note) == {"application_id", "kind", "date", "details"}


def test_event_label() -> None:
    assert vm.event_label("interview", pd.Timestamp(2026, 11, 3), 2) == (
        "interview, round 2, on 3 Nov 2026")
    assert vm.event_label("note", dt.date(2026, 1, 9), pd.NA) == "note, on 9 Jan 2026"


# --- settings ------------------------------------------------------------------------------------


def test_every_follow_up_setting_has_a_label_and_its_bounds() -> None:
    rows = vm.settings_rows()
    assert [r[0] for r in rows] == [f.name for f in fields(RuleSettings)]
    for name, label, low, high, help_text in rows:
        assert label and help_text and low <= getattr(RuleSettings(), name) <= high


# --- chart specs ---------------------------------------------------------------------------------


def test_chart_spec_is_plain_data_without_altairs_default_sizes(sample) -> None:
    apps, events, _, _ = sample
    spec = vm.chart_spec(timeline.funnel_chart(pipeline.funnel(apps, events)))
    assert "continuousWidth" not in json.dumps(spec)
    assert spec["usermeta"]["embedOptions"] == {"renderer": "svg"}
    assert all(len(line) <= vm.SUBTITLE_CHARS for line in spec["title"]["subtitle"])
    assert len(spec["title"]["subtitle"]) == 2
    assert spec["config"]["text"]["lineBreak"] == "\n"
    json.dumps(spec)  # plain data, ready for st.vega_lite_chart and the cache
    untitled = vm.chart_spec(timeline.funnel_chart(pipeline.funnel(apps, events)),
                             keep_title=False)
    assert "title" not in untitled


def test_one_applications_timeline_can_drop_its_row_labels(sample) -> None:
    apps, events, _, actions = sample
    chart = timeline.timeline_chart(apps.iloc[:1], vm.events_of(events, "A00001"), actions,
                                  TODAY, max_rows=1)
    spec = vm.without_row_labels(vm.chart_spec(chart, keep_title=False))
    axes = [layer["encoding"]["y"].get("axis", "missing") for layer in spec["layer"]
            if "y" in layer.get("encoding", {})]
    assert axes and all(axis is None for axis in axes)


def test_the_reference_line_label_names_its_source() -> None:
    assert "Glassdoor, 2017" in vm.GLASSDOOR_LABEL and "23.8 days" in vm.GLASSDOOR_LABEL
    assert vm.GLASSDOOR_DAYS == 23.8


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
