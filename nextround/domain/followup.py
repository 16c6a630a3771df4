"""Follow-up rules: which note is due when, for every open application.

The timing follows the common advice (thank-you within a day, follow up after the decision date
or about a week after the interview, at most two follow-ups, then let it go; sources in
docs/sources.md). Every delay is a user setting, because the conventions vary by country and
by industry.

The rules read the events log rather than the stage, so logging "thank-you sent" is what moves an
application on. The stage decides whether an application is still open at all, and a stage past
"applied" (screening, interviewing, an offer) says they answered even when no event records it,
as after an import: nobody is nudged about an application that is already moving. Everything is
computed with grouped pandas operations so that 50,000 applications stay well under a second.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from nextround.domain.action_state import hidden_keys, not_marked, without_snoozed
from nextround.domain.applications import REPLIED_STAGES, awaiting_answer
from nextround.domain.dates import business_days_after, day_labels, days_after, on_business_day
from nextround.domain.kinds import ACTIONS
from nextround.domain.panel import people_named
from nextround.domain.settings import RuleSettings
from nextround.domain.urgency import urgency_of
from nextround.event_kinds import kinds_where
from nextround.text import choice_keys

ACTION_COLUMNS = (
    "key",
    "application_id",
    "company",
    "role",
    "kind",
    "note_kind",
    "due",
    "urgency",
    "reason",
    "anchor_event_id",
    "person",
)

SENT_KINDS = ("thank-you sent", "follow-up sent")
#: The one event that says a rejection was answered (a follow-up on the same day is not one).
REJECTION_REPLY_SENT = "rejection reply sent"
# Once one of these is logged after the interview, waiting for an answer is over.
FINAL_KINDS = kinds_where(final=True)
QUIET_KINDS = ("applied", "note")  # events that are not a reply from the employer


def _note_of(action: str) -> str:
    """The note kind the registry writes for an action (kinds.toml), "" for a decision."""
    return ACTIONS[action].note or ""


# --- the per-application facts the rules read ----------------------------------------------


def _last_per_app(events: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The latest matching event of each application (events arrive sorted by date)."""
    return events[mask].drop_duplicates("app", keep="last").set_index("app")


def _per_event(events: pd.DataFrame, per_app: pd.Series) -> pd.Series:
    """A per-application value laid along the events (keeps the dtype, even when empty)."""
    return pd.Series(per_app.reindex(events["app"]).to_numpy(), index=events.index)


def _prepare(applications: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Applications indexed 0..n-1 and events carrying that number in ``app``.

    Matching on integers rather than id text is what keeps 250,000 events fast.
    """
    apps = applications.loc[applications["id"].notna()].drop_duplicates("id")
    apps = apps.reset_index(drop=True)
    apps["stage_"] = choice_keys(apps["stage"])
    apps["open_"] = awaiting_answer(apps).to_numpy()

    codes = pd.Index(apps["id"]).get_indexer(events["application_id"])
    keep = (codes >= 0) & events["date"].notna().to_numpy()
    ev = events.loc[keep, ["id", "date", "kind", "decision_date", "interviewers"]].copy()
    ev["app"] = codes[keep]
    ev["kind"] = choice_keys(ev["kind"])
    ev["id"] = ev["id"].astype("str").fillna("")
    # Stable sort: same-day events keep their file order, which is the order they were logged.
    ev = ev.sort_values(["app", "date"], kind="stable")
    return apps, ev


def _action_frame(
    apps: pd.Index,
    kind: str | pd.Series,
    note_kind: str | pd.Series,
    due: pd.Series,
    reason: pd.Series,
    anchor: pd.Series,
    person: pd.Series | None = None,
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "app": np.asarray(apps, dtype=np.int64),
            "kind": kind if isinstance(kind, str) else kind.to_numpy(),
            "note_kind": note_kind if isinstance(note_kind, str) else note_kind.to_numpy(),
            "due": due.to_numpy(dtype="datetime64[us]"),
            "reason": reason.to_numpy(dtype=object),
            "anchor_event_id": anchor.to_numpy(dtype=object),
            "person": "" if person is None else person.to_numpy(dtype=object),
        }
    )


def _interview_facts(
    apps: pd.DataFrame,
    ev: pd.DataFrame,
    s: RuleSettings,
    today: pd.Timestamp,
    done_keys: set[str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per open application with a past interview: what the notes after it depend on.

    Indexed by application number; columns iv_id, iv_date (the latest past interview), heard,
    decision, contact (every person of the interview thanked), upcoming (another round is
    booked), fu_due (when a follow-up becomes due), fu_count and fu_first. Returns (facts,
    their events, the people still owed a thank-you: ``_pending_thanks``).
    """
    is_interview = ev["kind"].eq("interview")
    upcoming = pd.Index(ev.loc[is_interview & (ev["date"] > today), "app"].unique())
    latest = _last_per_app(ev, is_interview & (ev["date"] <= today))
    latest = latest[latest.index.isin(apps.index[apps["open_"]])]
    c = pd.DataFrame({"iv_id": latest["id"], "iv_date": latest["date"]})
    if c.empty:
        return c, ev.iloc[:0], pd.DataFrame({"app": [], "name": []})

    ev = ev[ev["app"].isin(c.index)]
    since = ev[ev["date"] >= _per_event(ev, c["iv_date"])]
    kinds = since["kind"]
    c["final"] = kinds.isin(FINAL_KINDS).groupby(since["app"]).any()
    heard = kinds.isin(kinds_where(reply=True, booked=False, final=False))  # a reply, still open
    c["heard"] = since.loc[heard, "date"].groupby(since.loc[heard, "app"]).max()
    decisions = since[since["decision_date"].notna()]
    c["decision"] = decisions.drop_duplicates("app", keep="last").set_index("app")["decision_date"]
    c["final"] = c["final"].eq(True)
    owed = _pending_thanks(c, latest, since, apps, done_keys)
    c["contact"] = ~c.index.isin(owed["app"])
    c["upcoming"] = c.index.isin(upcoming)
    c = c[~c["final"]]

    base = c[["iv_date", "heard"]].max(axis=1)
    c["fu_due"] = business_days_after(c["decision"], s.follow_up_after_decision_business_days,
                                      s.holiday_country)
    no_date = c["decision"].isna()
    c.loc[no_date, "fu_due"] = business_days_after(
        base[no_date], s.follow_up_after_interview_business_days, s.holiday_country
    )

    # Follow-ups sent: logged follow-ups, plus a thank-you sent once a follow-up was due (the
    # combined note), since another message right after it would be pestering.
    since = since[since["app"].isin(c.index)]
    fu_due_per_event = _per_event(since, c["fu_due"])
    counted = since[
        since["kind"].eq("follow-up sent")
        | (since["kind"].eq("thank-you sent") & (since["date"] >= fu_due_per_event))
    ]
    grouped = counted.groupby("app")["date"]
    c["fu_count"] = grouped.size().reindex(c.index, fill_value=0)
    c["fu_first"] = grouped.min()
    # No follow-up within the note gap of the last note to them (a thank-you sent today puts
    # the follow-up a week out, whatever the interview's date).
    sent = since[since["kind"].isin(SENT_KINDS)].groupby("app")["date"].max()
    c["last_sent"] = sent.reindex(c.index)
    gap = business_days_after(c["last_sent"], s.note_gap_business_days, s.holiday_country)
    c["fu_due"] = c[["fu_due"]].assign(gap=gap).max(axis=1)
    return c, ev, owed


def _pending_thanks(c: pd.DataFrame, latest: pd.DataFrame, since: pd.DataFrame,
                    apps: pd.DataFrame, done_keys: set[str]) -> pd.DataFrame:
    """The people of each application's latest interview still owed a thank-you: rows of
    (app, name as written; "" for an interview with no interviewer recorded: one note to the
    contact). A note logged to a person covers that person only; one logged to nobody in
    particular (an older record, an import) covers everyone, as does a thank-you marked done
    on Home for the whole interview."""
    people = people_named(latest.loc[c.index].reset_index(drop=True).assign(app=c.index.to_numpy()))
    sent = since[since["kind"].isin(SENT_KINDS)]
    covered = people_named(sent) if not sent.empty else people.iloc[:0]
    everyone = people["app"].isin(covered.loc[covered["pkey"].eq(""), "app"])
    pairs = pd.MultiIndex.from_frame(covered[["app", "pkey"]])
    thanked = pd.MultiIndex.from_frame(people[["app", "pkey"]]).isin(pairs)
    owed = ~everyone.to_numpy() & ~thanked
    if done_keys:
        # Done on Home: for the whole interview (an older key) or for this one person.
        base = (apps["id"].reindex(people["app"]).astype(str).to_numpy() + ":"
                + pd.Series(["thank-you", "late thank-you"]).to_numpy()[:, None] + ":"
                + c["iv_id"].reindex(people["app"]).astype(str).to_numpy())
        keys = pd.DataFrame(base.T)
        whole = keys.isin(done_keys).any(axis=1).to_numpy()
        one = keys.add(":" + people["name"].to_numpy(), axis=0).isin(done_keys).any(axis=1)
        done_apps = people["app"][whole]
        owed &= ~people["app"].isin(done_apps).to_numpy() & ~one.to_numpy()
    return people.loc[owed, ["app", "name"]]


def _interview_actions(
    c: pd.DataFrame, ev: pd.DataFrame, owed: pd.DataFrame, s: RuleSettings, today: pd.Timestamp
) -> list[pd.DataFrame]:
    """Thank-you, follow-ups and 'mark no response', all anchored on the latest past interview
    (``c``, ``ev`` and ``owed`` are what ``_interview_facts`` returns)."""
    if c.empty:
        return []
    days_since = (today - c["iv_date"]).dt.days
    out: list[pd.DataFrame] = []
    out.append(_thank_you(c, owed, days_since, s, today))
    chase = c[~c["upcoming"] & c["contact"]]
    out.append(_follow_ups(chase, s, today))
    spent = c[~c["upcoming"] & (c["fu_count"] >= s.max_follow_ups)]
    out.append(_mark_no_response(spent, ev, s, today))
    return out


def _thank_you(
    c: pd.DataFrame, owed: pd.DataFrame, days_since: pd.Series, s: RuleSettings,
    today: pd.Timestamp,
) -> pd.DataFrame:
    """A thank-you for each interviewer not yet thanked: one note per person, each due until
    that person's note is logged (sending Priya's leaves Anika's due)."""
    owed = owed[owed["app"].isin(c.index)]
    need = c.loc[owed["app"].to_numpy()]
    person = pd.Series(owed["name"].fillna("").astype(str).to_numpy(), index=need.index)
    days = days_since[need.index]
    late = days > s.late_thank_you_after_days
    combined = (
        late & (days >= s.combined_note_after_days) & ~need["upcoming"] & (need["fu_due"] <= today)
        & need["heard"].isna()  # they answered since the interview: no news to ask for
    )
    kind = pd.Series(np.where(late, "late thank-you", "thank-you"), index=need.index)
    note_kind = kind.where(~combined, "late thank-you and follow-up")
    label = "Interview on " + day_labels(need["iv_date"], today)
    ago = " (" + days.astype(str) + " days ago)"
    to = pd.Series(np.where(person.ne(""), " to " + person, ""), index=need.index)
    missing = ", no thank-you" + to + " logged yet"
    reason = (label + missing).where(~late, label + ago + missing + "; a late one still helps")
    reason = reason.where(
        ~combined, label + ago + " and nothing sent" + to + " since; one note can thank them "
        "and ask for news"
    )
    due = business_days_after(need["iv_date"], s.thank_you_business_days, s.holiday_country)
    return _action_frame(need.index, kind, note_kind, due, reason, need["iv_id"], person)


def _follow_ups(c: pd.DataFrame, s: RuleSettings, today: pd.Timestamp) -> pd.DataFrame:
    first = c[(c["fu_count"] == 0) & (s.max_follow_ups >= 1)]
    heard_later = first["heard"].notna() & (first["heard"] > first["iv_date"])
    reason = ("Interview on " + day_labels(first["iv_date"], today)) + (
        ", no decision date given and no follow-up logged yet"
    )
    reason = reason.where(
        ~heard_later,
        "Last heard from them on "
        + day_labels(first["heard"], today)
        + ", no follow-up logged since",
    )
    reason = reason.where(
        first["decision"].isna(),
        "They expected to decide by "
        + day_labels(first["decision"], today)
        + ", no follow-up logged yet",
    )
    frames = [
        _action_frame(
            first.index, "follow-up", _note_of("follow-up"), first["fu_due"], reason,
            first["iv_id"]
        )
    ]

    second = c[(c["fu_count"] == 1) & (s.max_follow_ups >= 2)]
    heard_after = second["heard"].notna() & (second["heard"] > second["fu_first"])
    base = second["fu_first"].where(~heard_after, second["heard"])
    due = business_days_after(base, s.second_follow_up_business_days, s.holiday_country)
    reason2 = (
        "First follow-up sent on " + day_labels(second["fu_first"], today)
    ) + ", no reply logged since"
    reason2 = reason2.where(
        ~heard_after,
        "Last heard from them on "
        + day_labels(second["heard"], today)
        + ", one follow-up sent so far",
    )
    frames.append(
        _action_frame(second.index, "second follow-up", _note_of("second follow-up"), due,
                      reason2, second["iv_id"])
    )
    return pd.concat(frames, ignore_index=True)


def _mark_no_response(
    chain: pd.DataFrame, ev: pd.DataFrame, s: RuleSettings, today: pd.Timestamp
) -> pd.DataFrame:
    """After the last follow-up, a long silence is an answer: suggest closing it as no response."""
    active = ev[ev["app"].isin(chain.index) & ~ev["kind"].eq("note")]
    last = active.drop_duplicates("app", keep="last").set_index("app")
    last = last.reindex(chain.index)
    quiet_from = last["date"]
    if "applied_date" in chain:
        quiet_from = pd.concat([quiet_from, chain["applied_date"]], axis=1).max(axis=1)
    due = on_business_day(days_after(quiet_from, s.no_response_after_days), s.holiday_country)
    reason = (
        "Quiet since " + day_labels(quiet_from, today)
    ) + " and no follow-ups left; consider marking it no response"
    return _action_frame(chain.index, "mark no response", "", due, reason, last["id"])


def _application_actions(
    apps: pd.DataFrame, ev: pd.DataFrame, s: RuleSettings, today: pd.Timestamp
) -> list[pd.DataFrame]:
    """Applications with no interview yet: nudge once, then suggest 'no response'."""
    interviewed = pd.Index(ev.loc[ev["kind"].eq("interview"), "app"].unique())
    c = apps[apps["open_"] & ~apps.index.isin(interviewed)]
    if c.empty:
        return []
    ev = ev[ev["app"].isin(c.index)]
    applied_ev = _last_per_app(ev, ev["kind"].eq("applied"))
    c = pd.DataFrame(
        {
            "applied_date": pd.concat(
                [c["date_applied"], applied_ev["date"].reindex(c.index)], axis=1
            ).max(axis=1),
            "applied_id": applied_ev["id"].reindex(c.index),
        }
    )
    c = c[c["applied_date"].notna()]
    since = ev[ev["date"] >= _per_event(ev, c["applied_date"])]
    not_quiet = since[~since["kind"].isin(QUIET_KINDS)]
    replies = not_quiet[~not_quiet["kind"].isin(SENT_KINDS)]
    sent = not_quiet.groupby("app").size().reindex(c.index, fill_value=0)
    # A stage past "applied" means they answered, whether or not an event says so.
    moving = apps.index[apps["stage_"].isin(REPLIED_STAGES)]
    c = c[~c.index.isin(replies["app"]) & ~c.index.isin(moving)]
    sent = sent[c.index]
    budget = min(s.max_follow_ups, 1)

    nudge = c[(sent == 0) & (budget == 1)]
    reason = ("Applied on " + day_labels(nudge["applied_date"], today)) + ", no reply logged yet"
    frames = [
        _action_frame(
            nudge.index,
            "nudge",
            _note_of("nudge"),
            on_business_day(days_after(nudge["applied_date"], s.nudge_after_days),
                            s.holiday_country),
            reason,
            nudge["applied_id"],
        )
    ]
    spent = c[sent >= budget]
    frames.append(_mark_no_response(spent, ev, s, today))
    return frames


def _rejection_replies(
    apps: pd.DataFrame, ev: pd.DataFrame, s: RuleSettings, today: pd.Timestamp
) -> pd.DataFrame:
    """A gracious reply to a rejection after an interview (form rejections need no answer)."""
    eligible = apps.index[apps["stage_"].ne("wishlist")]
    ev = ev[ev["app"].isin(eligible)]
    is_rejection = ev["kind"].eq("rejection")
    if not is_rejection.any():  # most applications, and most of a Done's one application
        return empty_actions()
    rej = _last_per_app(ev, is_rejection)
    ev = ev[ev["app"].isin(rej.index)]
    rej_date = _per_event(ev, rej["date"])
    # Only a reply to the rejection answers it: a follow-up sent the same day crossed with it.
    replied = ev.loc[ev["kind"].eq(REJECTION_REPLY_SENT) & (ev["date"] >= rej_date), "app"]
    is_interview = ev["kind"].eq("interview")
    interviewed = ev.loc[is_interview & (ev["date"] <= rej_date), "app"]
    # An interview held after the no, on an application still open, means the talks went on:
    # its thank-you is the note to send, and a reply to the old rejection beside it would read
    # as if the writer had missed that. (A round still on the calendar of a closed application
    # changes nothing: it will not take place.)
    held_after = is_interview & (ev["date"] > rej_date) & (ev["date"] <= today)
    talks_went_on = ev.loc[held_after & ev["app"].map(apps["open_"]).eq(True), "app"]
    # A reply weeks after the no reads oddly; past the window the suggestion lapses.
    fresh = rej["date"] >= today - pd.Timedelta(days=s.rejection_reply_window_days)
    rej = rej[~rej.index.isin(replied) & rej.index.isin(interviewed)
              & ~rej.index.isin(talks_went_on) & fresh]
    reason = ("Rejection logged on " + day_labels(rej["date"], today)) + ", no reply sent yet"
    due = on_business_day(days_after(rej["date"], s.rejection_reply_days), s.holiday_country)
    return _action_frame(rej.index, "rejection reply", "rejection reply", due, reason, rej["id"])


# --- the public entry points -----------------------------------------------------------------


def empty_actions() -> pd.DataFrame:
    """A due_actions result with no rows, in the right dtypes."""
    return pd.DataFrame(
        {
            name: pd.Series([], dtype="datetime64[us]" if name == "due" else "str")
            for name in ACTION_COLUMNS
        }
    )


def due_actions(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    settings: RuleSettings | None,
    today: dt.date,
    action_state: pd.DataFrame | None = None,
    include_snoozed: bool = False,
) -> pd.DataFrame:
    """Every note or decision that is due (or coming up), one row per action.

    Columns are ACTION_COLUMNS; ``key`` ("<application>:<kind>:<anchor event>") is what the
    actions table stores when the user marks one done or snoozes it. Future actions are included
    with urgency "later" so a calendar export can show them ahead of time. Actions marked done
    are left out; snoozed ones too, unless ``include_snoozed`` (a snooze hides a reminder, it
    does not change which note is right).
    """
    actions, _ = rules(applications, events, settings, today, action_state)
    return actions if include_snoozed else without_snoozed(actions, action_state, today)


Ruled = tuple[pd.DataFrame, dict[str, dt.date]]


def rules(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    settings: RuleSettings | None,
    today: dt.date,
    action_state: pd.DataFrame | None = None,
) -> Ruled:
    """One pass of the rules: (``due_actions`` with the snoozed ones kept; for each application
    with a past interview still waiting on an answer, the day a follow-up becomes due once a
    thank-you is sent).

    ``next_note`` reads both, and a screen that asks for its actions and for notes (Home) makes
    this pass once and hands it to both.
    """
    s = settings or RuleSettings()
    day = pd.Timestamp(today).normalize()
    if applications.empty:
        return empty_actions(), {}
    apps, ev = _prepare(applications, events)
    done, _ = hidden_keys(action_state, day)

    facts, facts_events, owed = _interview_facts(apps, ev, s, day, done)
    follow_ups = _follow_up_days(apps, facts, s)
    frames = _interview_actions(facts, facts_events, owed, s, day)
    frames += _application_actions(apps, ev, s, day)
    frames.append(_rejection_replies(apps, ev, s, day))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_actions(), follow_ups
    out = pd.concat(frames, ignore_index=True)
    out = out[out["due"].notna()]

    out["application_id"] = apps["id"].to_numpy()[out["app"].to_numpy()]
    out["company"] = apps["company"].to_numpy()[out["app"].to_numpy()]
    out["role"] = apps["role"].to_numpy()[out["app"].to_numpy()]
    anchor = out["anchor_event_id"].fillna("").astype(str)
    out["person"] = out["person"].fillna("").astype(str)
    who = (":" + out["person"]).where(out["person"].ne(""), "")
    out["key"] = out["application_id"] + ":" + out["kind"] + ":" + anchor + who
    out = out[not_marked(out, done)]

    out["urgency"] = urgency_of(out["due"], day)
    out = out.sort_values(["due", "company", "application_id", "kind"], kind="stable")
    out = out.loc[:, list(ACTION_COLUMNS)].reset_index(drop=True)
    text = [c for c in ACTION_COLUMNS if c != "due"]
    out[text] = out[text].astype("str")
    out["anchor_event_id"] = out["anchor_event_id"].replace("", np.nan).astype("str")
    out["due"] = out["due"].astype("datetime64[us]")
    return out, follow_ups


def _follow_up_days(apps: pd.DataFrame, facts: pd.DataFrame,
                    s: RuleSettings) -> dict[str, dt.date]:
    """Each application's follow-up day from its interview facts (none when none is allowed)."""
    if s.max_follow_ups < 1 or facts.empty:
        return {}
    due = facts["fu_due"].dropna()
    ids = apps["id"].to_numpy()[due.index.to_numpy()]
    return dict(zip(ids, due.dt.date, strict=True))


def follow_up_due(app: pd.DataFrame, mine: pd.DataFrame, s: RuleSettings, today: dt.date,
                  action_state: pd.DataFrame | None) -> dt.date | None:
    """When a follow-up becomes due for this application once a thank-you is sent (None when
    none will be: no interview yet, or no follow-ups allowed)."""
    if app.empty:
        return None
    _, days = rules(app, mine, s, today, action_state)
    return days.get(app["id"].iloc[0])
