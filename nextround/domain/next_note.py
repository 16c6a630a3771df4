"""The one answer to "which note is due now" for one application.

Home lists the due actions; Notes suggests a kind; the self-check plan dates its note step; the
calendar shows the same actions. All of them ask ``next_note`` (or the ``due_actions`` it is
built on), so under any settings they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from nextround.domain.applications import REPLIED_STAGES, awaiting_answer
from nextround.domain.dates import add_business_days, format_day
from nextround.domain.followup import Ruled, rules
from nextround.domain.kinds import action_kind, leads_to_follow_up, note_actions
from nextround.domain.settings import RuleSettings


@dataclass(frozen=True)
class NextNote:
    """The note that fits an application now, as Home, Notes, the self-check plan and the
    calendar all see it. ``kind`` is a note kind, or None when no note fits (then ``reason``
    says why, and ``stop`` is True when the follow-ups are used up). ``follow_up_due`` is when
    a follow-up becomes due once this note is sent (None when none will be)."""

    kind: str | None
    action: str | None
    due: dt.date | None
    urgency: str | None
    reason: str
    anchor_event_id: str | None = None
    stop: bool = False
    follow_up_due: dt.date | None = None
    #: Who it is still due for, by name as recorded (a panel's thank-you: each interviewer not
    #: yet thanked); empty when it goes to whoever the page finds (the contact, everyone).
    people: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return action_kind(self.action or "", self.kind).title if self.action else ""


def next_note(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    settings: RuleSettings | None,
    today: dt.date,
    application_id: str,
    action_state: pd.DataFrame | None = None,
) -> NextNote:
    """The one answer to "which note is due now" for one application, from the user's settings.

    It is the first note among the application's due actions (the same rows Home lists), so
    every screen that asks gets the same kind and date.
    """
    return next_notes(applications, events, settings, today, [application_id],
                      action_state)[application_id]


def next_notes(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    settings: RuleSettings | None,
    today: dt.date,
    application_ids: Iterable[str],
    action_state: pd.DataFrame | None = None,
    ruled: Ruled | None = None,
) -> dict[str, NextNote]:
    """``next_note`` for several applications, by id, from one pass of the rules.

    The rules cost about the same for one application as for a few hundred (they are grouped
    pandas operations), so a screen that lists several asks once instead of once per row.
    ``ruled`` is that pass (``followup.rules`` of these tables) when the screen has made it
    already, for its own list of actions.
    """
    s = settings or RuleSettings()
    wanted = list(dict.fromkeys(application_ids))
    apps = applications[applications["id"].isin(wanted)]
    mine = events[events["application_id"].isin(wanted)]
    actions, follow_ups = ruled or rules(apps, mine, s, today, action_state)
    actions = actions[actions["application_id"].isin(wanted)]
    with_note = actions[actions["kind"].isin(note_actions())]
    firsts = with_note.drop_duplicates("application_id")
    found = {}
    for _, row in firsts.iterrows():
        same = with_note[(with_note["application_id"] == row["application_id"])
                         & (with_note["kind"] == row["kind"])
                         & (with_note["anchor_event_id"] == row["anchor_event_id"])]
        people = tuple(p for p in same["person"] if isinstance(p, str) and p)
        found[row["application_id"]] = _due_note(row, follow_ups.get(row["application_id"]),
                                                 today, people, s)
    out = {}
    for app_id in wanted:
        if app_id in found:
            out[app_id] = found[app_id]
            continue
        own_actions = actions[actions["application_id"] == app_id]
        out[app_id] = _nothing_due(apps[apps["id"] == app_id],
                                   mine[mine["application_id"] == app_id], own_actions, s, today)
    return out


def _due_note(first: pd.Series, follow_up_due_on: dt.date | None, today: dt.date,
              people: tuple[str, ...], s: RuleSettings) -> NextNote:
    """The note of an application's first due note action (the actions come sorted by date).

    ``follow_up_due`` after a thank-you is never within the note gap of the day it is sent
    (its due day, or today when that has passed), so the plan never dates a thank-you and the
    follow-up after it on one day."""
    note = action_kind(first["kind"], first["note_kind"]).note
    due = first["due"].date()
    later = None
    if leads_to_follow_up(note) and follow_up_due_on is not None:
        sent_on = max(due, today)
        later = max(follow_up_due_on,
                    add_business_days(sent_on, s.note_gap_business_days, s.holiday_country))
    anchor = first["anchor_event_id"]
    reason = first["reason"] if len(people) < 2 else _for_each(first["reason"], people)
    return NextNote(note, first["kind"], due, first["urgency"],
                    _with_timing(reason, due, first["urgency"], today),
                    anchor if isinstance(anchor, str) else None,
                    follow_up_due=later, people=people)


def _for_each(reason: str, people: tuple[str, ...]) -> str:
    """One reason for a note owed to several people ("no thank-you to Priya Raman and Anika
    Chen logged yet")."""
    names = ", ".join(people[:-1]) + f" and {people[-1]}"
    return reason.replace(f" to {people[0]} ", f" to {names} ", 1)


def _with_timing(reason: str, due: dt.date, urgency: str, today: dt.date) -> str:
    when = {"overdue": f"it was due {format_day(due, today)}", "today": "it is due today"}.get(
        urgency, f"it is due {format_day(due, today)}")
    return f"{reason}; {when}."


def _nothing_due(app: pd.DataFrame, mine: pd.DataFrame, actions: pd.DataFrame,
                 s: RuleSettings, today: dt.date) -> NextNote:
    """Why no note fits: the follow-ups are used up, the rejection is old, or it is closed."""
    if app.empty:
        return NextNote(None, None, None, None, "That application no longer exists.")
    kinds = mine["kind"].astype("str")
    stage = str(app["stage"].iloc[0])
    if actions["kind"].eq("mark no response").any():
        allowed = {0: "no follow-ups", 1: "one follow-up"}.get(
            s.max_follow_ups, f"{s.max_follow_ups} follow-ups")
        return NextNote(None, None, None, None,
                        f"You have sent what your settings allow ({allowed}). Most advice says "
                        "stop here: another message is more likely to annoy than to help. Put "
                        "the time into other applications, and mark this one 'no response' "
                        "when you are ready.",
                        stop=True)
    rejected = kinds.eq("rejection").any() or app["outcome"].eq("rejected").any()
    if rejected:
        return NextNote(None, None, None, None,
                        "A reply to the rejection is no longer suggested: it is logged as sent, "
                        f"or more than {s.rejection_reply_window_days} days have passed (a "
                        "reply that late reads oddly). Nothing else to send.")
    day = pd.Timestamp(today)
    upcoming = mine[kinds.eq("interview") & (mine["date"] > day)]
    if not upcoming.empty and awaiting_answer(app).any():
        first = upcoming.sort_values("date").iloc[0]
        when = first["date"].date()
        return NextNote("thank-you", None, None, None,
                        f"The interview on {format_day(when, today)} is still ahead; the "
                        "thank-you is for afterwards, within a day of it.",
                        str(first["id"]))
    if not awaiting_answer(app).any():
        why = {"offer": "You have an offer: nothing to chase.",
               "wishlist": "It is on your wishlist: no note is due until you apply."}.get(
            stage, "It is closed: nothing more to send.")
        return NextNote(None, None, None, None, why)
    if stage in REPLIED_STAGES and not kinds.eq("interview").any():
        return NextNote(None, None, None, None,
                        f"Its stage ({stage}) says they have replied, so no nudge is due. Log "
                        "the interview when it is booked or held: the thank-you and follow-up "
                        "dates follow from it.")
    return NextNote(None, None, None, None,
                    "Nothing is due right now: your last note is sent and the next one is not "
                    "due yet.")


