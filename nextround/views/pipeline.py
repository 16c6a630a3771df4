"""What the Pipeline screen shows, prepared without Streamlit so it can be unit-tested.

The page draws; this module decides: the table's columns and orders, each application's next
step, the small CSV frames behind every chart, the records the forms save, and the Vega-Lite
specs the charts are sent as. Everything that runs per rerun over the whole search is
vectorised, because a search imported from another tracker can hold tens of thousands of rows.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from nextround.domain.followup import RuleSettings
from nextround.storage.schema import CHANNELS, INTERVIEW_TYPES, OUTCOMES, PRIORITIES, STAGES
from nextround.views.home import action_title

#: Published figures the page sets beside the person's own, each with its source.
GLASSDOOR_DAYS = 23.8
#: Broken in two so it fits beside its line in a half-width chart (the spec sets lineBreak).
GLASSDOOR_LABEL = "US average, application to answer:\n23.8 days (Glassdoor, 2017)"

OPEN_STAGES = ("applied", "screening", "interviewing", "offer")
URGENCY_ORDER = {"overdue": 0, "today": 1, "soon": 2, "later": 3}
#: The table's short names for what is due (Home and the detail use the full titles).
SHORT_TITLES = {
    "thank-you": "Thank-you",
    "late thank-you": "Late thank-you",
    "follow-up": "Follow-up",
    "second follow-up": "Second follow-up",
    "nudge": "Nudge",
    "rejection reply": "Reply to the no",
    "mark no response": "Close as no response",
}
COMBINED_SHORT = "Late thank-you and follow-up"
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

#: Which fields each kind of event asks for, beyond the date and the details.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "interview": ("round", "interview_type", "interviewers", "interviewer_emails",
                  "decision_date"),
    "thank-you sent": ("channel",),
    "follow-up sent": ("channel",),
}
DETAILS_LABEL: dict[str, str] = {
    "interview": "What you discussed",
    "heard back": "What they said",
    "offer": "What they offered",
    "rejection": "What they said",
    "withdrew": "Why you withdrew",
    "note": "Note",
}

SETTING_LABELS: dict[str, str] = {
    "thank_you_business_days": "Thank-you due after (business days)",
    "late_thank_you_after_days": "A thank-you turns late after (days)",
    "combined_note_after_days": "Combine thank-you and follow-up after (days)",
    "follow_up_after_decision_business_days": "Follow up after their decision date (business days)",
    "follow_up_after_interview_business_days": "Follow up after the interview, no date given "
                                               "(business days)",
    "second_follow_up_business_days": "Second follow-up after the first (business days)",
    "max_follow_ups": "Follow-ups at most",
    "no_response_after_days": "Suggest 'no response' after (quiet days)",
    "nudge_after_days": "Nudge after applying (days)",
    "rejection_reply_days": "Reply to a rejection within (days)",
    "rejection_reply_window_days": "Stop suggesting a rejection reply after (days)",
    "min_active": "Keep at least this many applications open",
}

_PEOPLE_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_LINK = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
SUBTITLE_CHARS = 70


# --- small helpers -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _as_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, (str, dt.date)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return pd.Timestamp(text).date() if text else None


def safe_link(url: Any) -> str | None:
    """The posting link when it is a plain web address; anything else (javascript:, data:) is
    never turned into a link."""
    text = _text(url)
    return text if _LINK.match(text) else None


def join_people(text: Any) -> str:
    """Interviewer names as the events file keeps them: "Ana Lee; Bo Chen" (one per line or
    separated by semicolons in the form)."""
    return "; ".join(p for p in _PEOPLE_SPLIT.split(_text(text)) if p)


def join_emails(text: Any) -> str:
    """Email addresses separated by semicolons, whatever the person separated them with."""
    return "; ".join(p for p in _EMAIL_SPLIT.split(_text(text)) if p)


def plural(n: int, noun: str, many: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else (many or noun + 's')}"


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
    out["title"] = pd.Series([action_title(k, n) for k, n in pairs], index=first.index,
                             dtype="str")
    out["short"] = pd.Series([short_title(k, n) for k, n in pairs], index=first.index,
                             dtype="str")
    return out[columns]


def short_title(kind: str, note_kind: Any) -> str:
    if note_kind == "late thank-you and follow-up":
        return COMBINED_SHORT
    return SHORT_TITLES.get(kind, str(kind).capitalize())


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
                table["posting_url"].fillna("").str.match(_LINK.pattern, case=False)
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
    applications: pd.DataFrame, funnel_df: pd.DataFrame, reply: pd.Series, actions: pd.DataFrame
) -> dict[str, Any]:
    """The figures above the charts: in progress, interviewing, reply rate, median reply days,
    follow-ups due now (overdue or today)."""
    stage = applications["stage"].fillna("")
    steps = funnel_df.set_index("step") if not funnel_df.empty else pd.DataFrame()
    applied = int(steps.loc["Applied", "count"]) if "Applied" in steps.index else 0
    replied = int(steps.loc["Replied", "count"]) if "Replied" in steps.index else 0
    due_now = int(actions["urgency"].isin(("overdue", "today")).sum()) if len(actions) else 0
    return {
        "total": len(applications),
        "open": int(stage.isin(OPEN_STAGES).sum()),
        "interviewing": int(stage.eq("interviewing").sum()),
        "applied": applied,
        "replied": replied,
        "reply_rate": (replied / applied) if applied else None,
        "median_reply_days": float(reply.median()) if len(reply) else None,
        "due_now": due_now,
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


# --- one application ---------------------------------------------------------------------------


def events_of(events: pd.DataFrame, app_id: str) -> pd.DataFrame:
    return events[events["application_id"].eq(app_id).fillna(False).to_numpy()]


def history(own_events: pd.DataFrame) -> pd.DataFrame:
    """An application's events, newest first, as the detail table shows them (``id`` kept for
    deleting; the page hides it)."""
    ordered = own_events.sort_values(["date", "created_at", "id"], ascending=False,
                                     na_position="last", kind="stable")
    interview = ordered["kind"].eq("interview")
    return pd.DataFrame(
        {
            "id": ordered["id"].astype("str").to_numpy(),
            "Date": pd.to_datetime(ordered["date"]).astype("datetime64[us]").to_numpy(),
            "What": ordered["kind"].astype("str").to_numpy(),
            "Round": ordered["round"].astype("Int64").to_numpy(),
            "Type": ordered["interview_type"].astype("str").to_numpy(),
            "With": ordered["interviewers"].astype("str").where(interview).to_numpy(),
            "Decision by": pd.to_datetime(ordered["decision_date"]).astype(
                "datetime64[us]").to_numpy(),
            "Channel": ordered["channel"].astype("str").to_numpy(),
            "Details": ordered["details"].astype("str").to_numpy(),
        }
    ).astype({"Round": "Int64", "Type": "str", "With": "str", "Channel": "str", "Details": "str",
              "What": "str", "id": "str"})


def next_round(own_events: pd.DataFrame) -> int:
    """The round a new interview most likely is: one past the highest logged (or counted)."""
    interviews = own_events[own_events["kind"].eq("interview")]
    if interviews.empty:
        return 1
    stated = pd.to_numeric(interviews["round"], errors="coerce").max()
    highest = int(stated) if not pd.isna(stated) else 0
    return max(highest, len(interviews)) + 1


def latest_interview(own_events: pd.DataFrame, today: dt.date) -> str | None:
    """The id of the most recent interview that has taken place (a self-check reads it; the
    note is about it). None when there is none yet."""
    past = own_events[own_events["kind"].eq("interview")
                      & (pd.to_datetime(own_events["date"]) <= pd.Timestamp(today))]
    if past.empty:
        return None
    last = past.sort_values(["date", "created_at", "id"], kind="stable").iloc[-1]
    return str(last["id"])


def upcoming_interview(own_events: pd.DataFrame, today: dt.date) -> pd.Series | None:
    """The next interview still to come (today's included), or None."""
    dates = pd.to_datetime(own_events["date"])
    coming = own_events[own_events["kind"].eq("interview") & (dates >= pd.Timestamp(today))]
    if coming.empty:
        return None
    return coming.sort_values(["date", "created_at", "id"], kind="stable").iloc[0]


def interview_words(event: Mapping[str, Any]) -> str:
    """"round 2, video, with Ana Lee and Bo Chen": an interview in a few words."""
    parts = []
    round_no = event.get("round")
    if round_no is not None and not pd.isna(round_no):
        parts.append(f"round {int(round_no)}")
    kind = _text(event.get("interview_type"))
    if kind:
        parts.append(kind)
    names = [n for n in _PEOPLE_SPLIT.split(_text(event.get("interviewers"))) if n]
    if names:
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"with {who}")
    return ", ".join(parts) or "interview"


def form_values(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """An application's editable fields as the form shows them (dates as dates, empty as "")."""
    row = {} if row is None else row
    values: dict[str, Any] = {
        name: _text(row.get(name))
        for name in ("company", "role", "posting_url", "source", "location", "contact_name",
                     "contact_email", "notes")
    }
    stage = _text(row.get("stage"))
    values["stage"] = stage if stage in STAGES else "applied"
    outcome = _text(row.get("outcome"))
    values["outcome"] = outcome if outcome in OUTCOMES else ""
    priority = _text(row.get("priority"))
    values["priority"] = priority if priority in PRIORITIES else ""
    values["date_applied"] = _as_date(row.get("date_applied"))
    return values


def application_record(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values as records.add_application / update_application take them."""
    record = {name: _text(values.get(name)) for name in (
        "company", "role", "posting_url", "source", "location", "stage", "outcome",
        "contact_name", "contact_email", "priority", "notes")}
    # Notes keep their line breaks; only the ends are trimmed.
    record["notes"] = str(values.get("notes") or "").strip()
    record["date_applied"] = _as_date(values.get("date_applied"))
    return record


def event_record(app_id: str, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The log-event form's values as records.log_event takes them: only the fields that
    belong to this kind of event, people and emails joined with semicolons."""
    record: dict[str, Any] = {
        "application_id": app_id,
        "kind": kind,
        "date": _as_date(values.get("date")),
        "details": str(values.get("details") or "").strip(),
    }
    fields = EVENT_FIELDS.get(kind, ())
    if "round" in fields:
        round_no = values.get("round")
        record["round"] = int(round_no) if round_no not in (None, "") else None
        interview_type = _text(values.get("interview_type"))
        record["interview_type"] = interview_type if interview_type in INTERVIEW_TYPES else None
        record["interviewers"] = join_people(values.get("interviewers"))
        record["interviewer_emails"] = join_emails(values.get("interviewer_emails"))
        record["decision_date"] = _as_date(values.get("decision_date"))
    if "channel" in fields:
        channel = _text(values.get("channel"))
        record["channel"] = channel if channel in CHANNELS else None
    return record


def event_label(kind: str, when: Any, round_no: Any = None) -> str:
    """"interview, round 2, on 3 Nov 2026": how a confirmation names one event."""
    day = _as_date(when)
    text = kind
    if kind == "interview" and round_no is not None and not pd.isna(round_no):
        text += f", round {int(round_no)}"
    if day:
        text += f", on {day.day} {day:%b %Y}"
    return text


# --- follow-up timing --------------------------------------------------------------------------


def settings_rows() -> list[tuple[str, str, int, int, str]]:
    """(name, label, lowest, highest, help) for every follow-up setting, in the dataclass order."""
    return [(name, SETTING_LABELS[name], low, high, help_text)
            for name, (low, high, help_text) in RuleSettings.limits().items()]


# --- charts as Vega-Lite specs -----------------------------------------------------------------

def chart_spec(chart: alt.TopLevelMixin, keep_title: bool = True) -> dict:
    """The chart as a Vega-Lite spec, ready for st.vega_lite_chart, built once and cached.

    Turning an Altair chart into a spec validates it against the schema, which at 10,000
    applications takes longer than the rest of the page's rerun; the spec is plain data, so the
    page caches it instead of the chart. Altair's default theme (300 px continuous sizes) is
    dropped, as st.altair_chart does. Long subtitles are wrapped for half-width charts, text
    marks break lines at "\n", and the chart draws as SVG: the charts are small by construction,
    and SVG keeps their text crisp and readable by screen readers. (Streamlit 1.67 turns Vega's
    own export menu off whatever the spec asks; its chart toolbar saves a PNG instead.)
    """
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    if "config" in spec and not view:
        spec["config"].pop("view", None)
    title = spec.get("title")
    if not keep_title:
        spec.pop("title", None)
    elif isinstance(title, dict) and title.get("subtitle"):
        # A subtitle longer than a half-width chart is cut off: wrap it instead.
        lines = title["subtitle"]
        lines = [lines] if isinstance(lines, str) else lines
        title["subtitle"] = [part for line in lines
                             for part in textwrap.wrap(line, SUBTITLE_CHARS) or [""]]
    spec.setdefault("config", {}).setdefault("text", {})["lineBreak"] = "\n"
    spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    return spec


def without_row_labels(spec: dict) -> dict:
    """The spec with the row labels of a timeline hidden (one application's own timeline sits
    under its name already)."""
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            encoding = node.get("encoding")
            if isinstance(encoding, dict) and isinstance(encoding.get("y"), dict):
                encoding["y"]["axis"] = None
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)
    return spec
