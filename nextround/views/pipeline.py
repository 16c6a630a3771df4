"""What the Pipeline screen shows, prepared without Streamlit so it can be unit-tested.

The page draws; this module decides: the table's columns and orders, each application's next
step, the small CSV frames behind every chart, the records the forms save, and the Vega-Lite
specs the charts are sent as. Everything that runs per rerun over the whole search is
vectorised, because a search imported from another tracker can hold tens of thousands of rows.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from nextround.charts import pipeline as pipeline_charts
from nextround.charts import timeline
from nextround.charts.spec import arrow_datasets, chart_spec, without_row_labels
from nextround.charts.waiting import still_waiting_chart
from nextround.domain import followup, pipeline, urgency, waiting
from nextround.domain.action_state import without_snoozed
from nextround.domain.applications import is_open
from nextround.domain.figures import figure
from nextround.domain.kinds import action_kind
from nextround.domain.next_note import NextNote, next_notes
from nextround.views.application import WEB_LINK
from nextround.views.snapshot import Snapshot

#: The tables the Pipeline page reads.
TABLES = ("applications", "events", "actions", "settings")

#: The published figure the reply-time chart sets beside the person's own (figures.toml); its
#: label is broken in two so it fits beside its line in a half-width chart.
REPLY_DAYS = figure("reply_days")

URGENCY_ORDER = {"overdue": 0, "today": 1, "soon": 2, "later": 3}
URGENCY_WORDS = {"overdue": "overdue", "today": "due today", "soon": "due soon"}

#: The table's columns as shown, in order (the frame passed to st.dataframe has exactly these).
TABLE_COLUMNS = (
    "Company", "Role", "Stage", "Next step", "Due", "Waiting", "Quiet", "Interviews",
    "Applied", "Outcome", "Priority", "Location", "Source", "Posting",
)

#: Orders the table offers: label -> (columns, ascending), missing values always last.
ORDERS: dict[str, tuple[list[str], list[bool]]] = {
    "Most recent activity": (["_activity"], [False]),
    "Most pressing first": (["_urgency", "Due", "_activity"], [True, True, False]),
    "Waiting longest": (["Waiting", "_activity"], [False, False]),
    "Quiet longest": (["Quiet", "_activity"], [False, False]),
    "Applied most recently": (["Applied", "_activity"], [False, False]),
    "Company A to Z": (["_company", "_activity"], [True, False]),
}
DEFAULT_ORDER = "Most recent activity"

# --- next steps and the table ------------------------------------------------------------------


def next_steps(actions: pd.DataFrame) -> pd.DataFrame:
    """Each application's most pressing due action: title, due (datetime64), urgency, note_kind.

    Indexed by application id. "Most pressing" is the most urgent level, then the earliest date.
    """
    columns = ["title", "short", "due", "urgency", "note_kind", "reason", "kind"]
    if actions.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[us]" if c == "due" else "str")
                             for c in columns}, index=pd.Index([], dtype="str"))
    rank = actions["urgency"].map(URGENCY_ORDER).fillna(9)
    ordered = actions.assign(_rank=rank).sort_values(["_rank", "due"], kind="stable")
    first = ordered.drop_duplicates("application_id").set_index("application_id")
    pairs = list(zip(first["kind"], first["note_kind"], strict=True))
    out = first[["due", "urgency", "note_kind", "reason", "kind"]].copy()
    named = [action_kind(k, n) for k, n in pairs]
    out["title"] = pd.Series([a.title for a in named], index=first.index, dtype="str")
    out["short"] = pd.Series([a.short for a in named], index=first.index, dtype="str")
    return out[columns]


def table_frame(table: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """The applications as the pipeline table shows them, from ``pipeline.application_table``.

    Columns TABLE_COLUMNS plus hidden helpers (``id``, ``_activity``, ``_urgency``,
    ``_company``) that the page strips before drawing. Index: the table's own.
    """
    steps = next_steps(actions)
    ids = table["id"]
    step = steps.reindex(ids.to_numpy())
    urgency = step["urgency"].to_numpy()
    title = step["short"].fillna("").to_numpy(dtype=object)
    words = pd.Series(urgency).map(URGENCY_WORDS).fillna("").to_numpy(dtype=object)
    label = np.where(title == "", "", title + np.where(words == "", "", " · " + words))
    applied = pd.to_datetime(table["date_applied"]).astype("datetime64[us]")
    frame = pd.DataFrame(
        {
            "id": ids.to_numpy(),
            "Company": table["company"].to_numpy(),
            "Role": table["role"].to_numpy(),
            "Stage": table["stage"].to_numpy(),
            "Outcome": table["outcome"].to_numpy(),
            "Applied": applied.to_numpy(),
            "Waiting": table["waiting_days"].to_numpy(),
            "Quiet": table["quiet_days"].to_numpy(),
            "Interviews": table["interviews"].to_numpy(),
            "Next step": label,
            "Due": step["due"].to_numpy(dtype="datetime64[us]"),
            "Priority": table["priority"].to_numpy(),
            "Location": table["location"].to_numpy(),
            "Source": table["source"].to_numpy(),
            "Posting": table["posting_url"].where(
                table["posting_url"].fillna("").str.match(WEB_LINK.pattern, case=False)
            ).to_numpy(),
            "_activity": table["last_activity"].to_numpy(),
            "_urgency": pd.Series(urgency).map(URGENCY_ORDER).to_numpy(dtype="float64"),
            "_company": table["company"].fillna("").str.casefold().to_numpy(),
        },
        index=table.index,
    )
    for name in ("Company", "Role", "Stage", "Outcome", "Next step", "Priority", "Location",
                 "Source", "Posting", "id", "_company"):
        frame[name] = frame[name].astype("str")
    for name in ("Waiting", "Quiet", "Interviews"):
        frame[name] = frame[name].astype("Int64")
    frame["Next step"] = frame["Next step"].replace("", np.nan)
    return order_table(frame, DEFAULT_ORDER)


def order_table(frame: pd.DataFrame, order: str) -> pd.DataFrame:
    columns, ascending = ORDERS.get(order, ORDERS[DEFAULT_ORDER])
    return frame.sort_values(columns, ascending=ascending, kind="stable", na_position="last")


#: Text columns with few distinct values: sent as categories, the table's payload shrinks to
#: less than half (Arrow sends each distinct text once), and so does the time to send it.
CATEGORY_COLUMNS = ("Company", "Role", "Stage", "Next step", "Outcome", "Priority", "Location",
                    "Source")


def shown_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Only what the table draws (the helpers stay on the server), repeated text as categories
    in alphabetical order, so sorting a column still sorts it A to Z."""
    out = frame.loc[:, list(TABLE_COLUMNS)].reset_index(drop=True)
    for name in CATEGORY_COLUMNS:
        out[name] = out[name].astype("category")
    return out


def table_export(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows as drawn, for a CSV: dates as YYYY-MM-DD, snake_case headers."""
    out = shown.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype("str")
    for name in ("Applied", "Due"):
        out[name] = _day_text(out[name])
    out.columns = [c.lower().replace(" ", "_") for c in out.columns]
    return out.rename(columns={"applied": "date_applied", "waiting": "days_in_stage",
                               "quiet": "days_since_contact", "posting": "posting_url"})


# --- the summary strip -------------------------------------------------------------------------


def summary(
    applications: pd.DataFrame, funnel_df: pd.DataFrame, reply: pd.Series, actions: pd.DataFrame,
    today: dt.date,
) -> dict[str, Any]:
    """The figures above the charts: in progress, interviewing, reply rate, median reply days,
    follow-ups due now and the backlog to catch up on, counted as Home counts them."""
    stage = applications["stage"].fillna("")
    steps = funnel_df.set_index("step") if not funnel_df.empty else pd.DataFrame()
    applied = int(steps.loc["Applied", "count"]) if "Applied" in steps.index else 0
    replied = int(steps.loc["Replied", "count"]) if "Replied" in steps.index else 0
    due, backlog = urgency.due_now(actions, today)
    return {
        "total": len(applications),
        "open": int(is_open(applications).sum()),
        "interviewing": int(stage.eq("interviewing").sum()),
        "applied": applied,
        "replied": replied,
        "reply_rate": (replied / applied) if applied else None,
        "median_reply_days": float(reply.median()) if len(reply) else None,
        "due_now": due,
        "catch_up": backlog,
    }


# --- the frames behind each chart, for "download as CSV" --------------------------------------


def timeline_rows(table_view: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """The applications the timeline draws (the most recently active first), one row each."""
    shown = table_view.sort_values("_activity", ascending=False, kind="stable",
                                   na_position="last").head(max_rows)
    return pd.DataFrame(
        {
            "company": shown["Company"].to_numpy(),
            "role": shown["Role"].to_numpy(),
            "stage": shown["Stage"].to_numpy(),
            "outcome": shown["Outcome"].to_numpy(),
            "date_applied": _day_text(shown["Applied"]),
            "last_activity": _day_text(shown["_activity"]),
            "interviews": shown["Interviews"].to_numpy(),
            "next_step": shown["Next step"].to_numpy(),
            "due": _day_text(shown["Due"]),
        }
    )


def _day_text(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)


def funnel_export(funnel_df: pd.DataFrame) -> pd.DataFrame:
    rate = (funnel_df["rate"] * 100).round(1)
    return pd.DataFrame(
        {
            "step": funnel_df["step"].to_numpy(),
            "applications": funnel_df["count"].to_numpy(),
            "conversion_percent": rate.to_numpy(),
            "measured_from": funnel_df["rate_from"].where(funnel_df["rate"].notna()).to_numpy(),
        }
    )


def reply_days_export(reply: pd.Series) -> pd.DataFrame:
    """How many applications got their first reply after each number of days."""
    counts = reply.value_counts().sort_index()
    return pd.DataFrame({"days_to_first_reply": counts.index.to_numpy(dtype="int64"),
                         "applications": counts.to_numpy(dtype="int64")})


def weekly_export(weekly_df: pd.DataFrame) -> pd.DataFrame:
    out = weekly_df.copy()
    out["week"] = _day_text(out["week"])
    return out.rename(columns={"week": "week_starting", "follow_ups": "follow_ups_and_thank_yous"})


# --- the screen's view: everything derived, computed once per snapshot -------------------------


@dataclass
class Overview:
    figures: dict[str, Any]
    warning: str | None
    specs: dict[str, dict]
    exports: dict[str, pd.DataFrame]
    plain: dict[str, str]


@dataclass(frozen=True)
class Timeline:
    """The timeline as the page draws it."""

    #: The spec to draw (datasets in Arrow form), the same for every choice of the switches.
    spec: dict
    #: Its height in pixels (0: let the chart size itself), for st.vega_lite_chart.
    height: int
    #: The sentence under it: what it shows, and how many applications it leaves out.
    caption: str
    #: The rows it draws, for the CSV download.
    rows: pd.DataFrame
    #: The full spec as JSON text, with the count left out in its subtitle, for the images.
    plain: str


def _shipped_and_plain(spec: dict) -> tuple[dict, str]:
    """(the spec to draw, the same spec as JSON text for the PNG and SVG downloads)."""
    plain = json.dumps(spec, default=str)
    return arrow_datasets(spec), plain


class PipelineView:
    """Everything the Pipeline page shows, derived from one snapshot.

    The page keeps one of these per snapshot (its view cache), so a rerun at 10,000 applications
    only draws. Parts are computed when first asked for; the ones that depend on the page's
    controls (filters, the timeline's size, the open application) are kept for the last few
    choices. Charts are kept as Vega-Lite specs with their data already in Arrow form.
    """

    MEMO_LIMIT = 8

    def __init__(self, snapshot: Snapshot, today: dt.date) -> None:
        self.snapshot = snapshot
        self.today = today
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def applications(self) -> pd.DataFrame:
        return self.snapshot["applications"]

    @property
    def events(self) -> pd.DataFrame:
        return self.snapshot["events"]

    def _remember(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > self.MEMO_LIMIT:
                self._memo.popitem(last=False)
        return value

    @cached_property
    def _ruled(self) -> followup.Ruled:
        """The rules' one pass over the search: the due list and the open application's next
        note both read it (the note once ran the rules again, for its application, each run)."""
        return followup.rules(self.applications, self.events, self.snapshot.settings,
                              self.today, self.snapshot["actions"])

    @cached_property
    def actions(self) -> pd.DataFrame:
        return without_snoozed(self._ruled[0], self.snapshot["actions"], self.today)

    def next_note(self, app_id: str) -> NextNote:
        """The note due next for one application (``next_note``'s answer, from the pass above)."""
        return self._remember(("next_note", app_id), lambda: next_notes(
            self.applications, self.events, self.snapshot.settings, self.today, [app_id],
            self.snapshot["actions"], ruled=self._ruled)[app_id])

    @cached_property
    def _table(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(application_table with the columns the filters read, the table as shown)."""
        table = pipeline.application_table(self.applications, self.events, self.today)
        shown = table_frame(table, self.actions)
        keep = ["stage", "outcome", "date_applied", "created_at", *pipeline.SEARCH_COLUMNS]
        return table[keep], shown

    @cached_property
    def overview(self) -> Overview:
        apps, events = self.applications, self.events
        funnel_df = pipeline.funnel(apps, events, self.today)
        reply = pipeline.reply_days(apps, events)
        weekly = pipeline.weekly_activity(events, apps)
        health = pipeline.health(apps, events, self.today, self.snapshot.settings.min_active)
        built = {
            "funnel": _shipped_and_plain(chart_spec(pipeline_charts.funnel_chart(funnel_df))),
            "reply": _shipped_and_plain(chart_spec(pipeline_charts.reply_days_chart(
                reply, reference_days=REPLY_DAYS.value, reference_label=REPLY_DAYS.chart_label))),
            "weekly": _shipped_and_plain(chart_spec(pipeline_charts.weekly_chart(weekly))),
        }
        return Overview(
            figures=summary(apps, funnel_df, reply, self.actions, self.today),
            warning=health["warning"],
            specs={name: shipped for name, (shipped, _) in built.items()},
            exports={"funnel": funnel_export(funnel_df), "reply": reply_days_export(reply),
                     "weekly": weekly_export(weekly)},
            plain={name: text for name, (_, text) in built.items()},
        )

    def timeline(self, max_rows: int, open_only: bool) -> Timeline:
        """The timeline for these switches: a spec that is the same for every choice of them
        (``timeline.on_screen``), so the browser updates the chart's data in place."""

        def build() -> Timeline:
            apps = self.applications
            _, shown = self._table
            if open_only:
                shown = shown[shown["id"].isin(apps.loc[is_open(apps).to_numpy(), "id"])]
            chart = timeline.timeline_chart(apps, self.events, self.actions, self.today,
                                            max_rows=max_rows, open_only=open_only)
            full = chart_spec(chart)
            plain = json.dumps(full, default=str)
            screen = timeline.on_screen(full)
            return Timeline(arrow_datasets(screen.spec), screen.height, screen.caption,
                            timeline_rows(shown, max_rows), plain)

        return self._remember(("timeline", max_rows, open_only), build)

    def rows(self, filters: tuple, order: str) -> tuple[pd.DataFrame, np.ndarray, int]:
        """(the rows to draw, only the shown columns; their ids; how many match)."""

        def build() -> tuple[pd.DataFrame, np.ndarray, int]:
            table, shown = self._table
            stages, outcomes, start, end, text = filters
            if stages or outcomes or start or end or text:
                kept = pipeline.filter_applications(table, stages, outcomes, start, end, text)
                shown = shown[shown.index.isin(kept.index)]
            shown = order_table(shown, order)
            return shown_columns(shown), shown["id"].to_numpy(dtype=object), len(shown)

        return self._remember(("rows", filters, order), build)

    def detail_spec(self, app_id: str) -> dict:
        """One application's own small timeline, without the row labels."""

        def build() -> dict:
            apps = self.applications
            one = apps[apps["id"].eq(app_id).to_numpy()]
            own = self.events[self.events["application_id"].eq(app_id).fillna(False).to_numpy()]
            actions = self.actions
            chart = timeline.timeline_chart(one, own, actions[actions["application_id"].eq(app_id)],
                                            self.today, max_rows=1)
            spec = without_row_labels(chart_spec(chart, keep_title=False))
            # The search's title and hints do not fit one application: a title of its own.
            spec["title"] = {"text": "Its timeline", "anchor": "start"}
            return arrow_datasets(spec)

        return self._remember(("detail", app_id), build)


    # --- when will I hear back: the person's own waits after interviews ----------------------

    @cached_property
    def waits(self) -> tuple[pd.DataFrame, waiting.History]:
        """Every past interview's wait (``waiting.interview_waits``) and what they add up to."""
        waits = waiting.interview_waits(self.applications, self.events, self.today)
        return waits, waiting.history(waits)

    @cached_property
    def waiting_now(self) -> pd.DataFrame:
        """The waits going on now (``waiting.waiting_now``), the longest first."""
        waits, _ = self.waits
        return waiting.waiting_now(waits, self.applications).sort_values(
            "days", ascending=False, kind="stable")

    @cached_property
    def waiting_curve(self) -> tuple[dict, str]:
        """The "still waiting" curve's spec, and the same as JSON text for the image downloads."""
        waits, past = self.waits
        chart = still_waiting_chart(past.table, waiting.waiting_now(waits, self.applications),
                                    past.answers, waiting.MIN_ANSWERS, past.median_days)
        return _shipped_and_plain(chart_spec(chart))

    def expectation(self, app_id: str) -> waiting.Expectation | None:
        """When this application may hear back, if it is waiting on an answer after an
        interview; its follow-up date comes from the same rules as everything else."""

        def build() -> waiting.Expectation | None:
            waits, past = self.waits
            apps = self.applications[self.applications["id"].eq(app_id).to_numpy()]
            own = self.events[self.events["application_id"].eq(app_id).fillna(False).to_numpy()]
            return waiting.expectation(apps, own, self.snapshot.settings, self.today, app_id,
                                       waits, past, self.snapshot["actions"])

        return self._remember(("expectation", app_id), build)


def build(snapshot: Snapshot, today: dt.date) -> PipelineView:
    return PipelineView(snapshot, today)
