"""The plan after a reading: its steps in order, each dated, with the note step taken from the
follow-up rules' next note, and the facts it is built from read from the records."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from nextround.commands.sample import write_sample
from nextround.domain.applications import is_open
from nextround.domain.catalog import load_catalog
from nextround.domain.followup import due_actions
from nextround.domain.kinds import COMBINED
from nextround.domain.next_note import NextNote, next_note
from nextround.domain.self_check.content import rating_items
from nextround.domain.self_check.plan import PlanFacts, PlanStep, plan, plan_facts
from nextround.domain.self_check.scoring import score_check
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

TODAY = date(2026, 3, 10)  # a Tuesday
STRONG_POSITIVE = "sign-next-round-invite"
ITEM_IDS = [i.id for i in rating_items()]


def note(kind: str | None, action: str | None = None, due: date | None = TODAY,
         **extra) -> NextNote:
    """The next note as the follow-up rules would give it (``action`` defaults to ``kind``)."""
    return NextNote(kind, action or kind, due, "today", "reason", **extra)


def facts(**overrides) -> PlanFacts:
    values = {
        "today": TODAY,
        "interview_date": date(2026, 3, 9),
        "company": "Acme",
        "role": "Data analyst",
        "note": note("thank-you", follow_up_due=None),
        "active_elsewhere": 4,
    }
    return PlanFacts(**(values | overrides))


def steps_for(result=None, **overrides) -> list[PlanStep]:
    return plan(result or score_check({STRONG_POSITIVE: "yes"}, {}), facts(**overrides))


def note_kinds(steps: list[PlanStep]) -> list[str]:
    return [s.note_kind for s in steps if s.note_kind]


# ---- The plan ----------------------------------------------------------------------------------


def test_plan_opens_with_the_feeling_then_a_reflection_then_the_thank_you():
    """Issue 13, 5: the seed's first step (honour how rotten it feels, then act) comes first,
    whatever the reading."""
    for result in (score_check({STRONG_POSITIVE: "yes"}, {}),
                   score_check({"sign-cut-short": "yes"}, {}), score_check({}, {})):
        steps = plan(result, facts())
        assert steps[0].action == "first_step" and steps[0].due == TODAY
        assert "best people get turned down" in steps[0].detail
        assert "good at" in steps[0].detail
    steps = steps_for()
    assert steps[1].action == "reflect" and steps[1].due == TODAY
    step = steps[2]
    assert (step.action, step.note_kind, step.due) == ("write_note", "thank-you", TODAY)
    assert "Acme" in step.title and step.source


def test_an_overdue_note_is_dated_today_not_in_the_past():
    steps = steps_for(note=note("thank-you", due=date(2026, 3, 6)))
    assert next(s for s in steps if s.note_kind == "thank-you").due == TODAY


def test_the_plan_takes_lateness_from_the_rules_not_from_the_days_passed():
    """Four days after the interview the rules may still say thank-you (the user's setting);
    the plan must not decide on its own that it is late."""
    on_time = steps_for(interview_date=date(2026, 3, 6), note=note("thank-you"))
    assert note_kinds(on_time) == ["thank-you"]
    late = steps_for(interview_date=date(2026, 3, 6), note=note("late thank-you"))
    assert note_kinds(late) == ["late thank-you"]
    assert "4 days" in next(s.detail for s in late if s.note_kind == "late thank-you")
    assert "late" in next(s.title for s in late if s.note_kind == "late thank-you")


def test_the_reflection_asks_what_went_well_before_what_to_change():
    detail = steps_for()[1].detail
    assert detail.index("what went well") < detail.index("what you would change")


def test_the_thank_you_is_followed_by_the_follow_up_it_leads_to():
    steps = steps_for(note=note("thank-you", follow_up_due=date(2026, 3, 19)))
    assert note_kinds(steps) == ["thank-you", "follow-up"]
    follow_up = next(s for s in steps if s.note_kind == "follow-up")
    assert follow_up.due == date(2026, 3, 19)
    assert follow_up.title == "If nothing by Thu 19 Mar, follow up once"
    assert "Not before" in follow_up.detail


def test_a_follow_up_as_the_next_note_is_dated_by_the_rules():
    steps = steps_for(note=note("follow-up", due=date(2026, 3, 17)))
    assert note_kinds(steps) == ["follow-up"]
    follow_up = next(s for s in steps if s.note_kind == "follow-up")
    assert follow_up.due == date(2026, 3, 17)
    assert "Tue 17 Mar" in follow_up.title


def test_a_follow_up_date_that_has_come_asks_for_it_now():
    step = next(s for s in steps_for(note=note("follow-up", due=date(2026, 3, 6)))
                if s.note_kind == "follow-up")
    assert step.due == TODAY
    assert "has come" in step.detail and "Not before" not in step.detail


def test_a_nudge_and_a_second_follow_up_are_follow_ups_in_the_plan():
    for action in ("nudge", "second follow-up"):
        assert note_kinds(steps_for(note=note("follow-up", action))) == ["follow-up"]


def test_weeks_late_with_follow_up_due_gives_one_combined_note():
    steps = steps_for(interview_date=date(2026, 2, 20), note=note(COMBINED, "late thank-you"))
    assert note_kinds(steps) == [COMBINED]


def test_once_the_follow_ups_are_used_up_the_plan_says_to_let_it_rest():
    steps = steps_for(note=NextNote(None, None, None, None, "done", stop=True))
    assert note_kinds(steps) == []
    rest = next(s for s in steps if s.title.startswith("Let Acme rest"))
    assert rest.action == "review_applications" and rest.due == TODAY  # every step dated


@pytest.mark.parametrize(
    "next_one",
    [NextNote(None, None, None, None, "closed"),
     NextNote("thank-you", None, None, None, "The interview on Mon 16 Mar is still ahead")],
    ids=["nothing to send", "interview still ahead"],
)
def test_no_note_step_when_no_note_is_due(next_one):
    steps = steps_for(note=next_one)
    assert note_kinds(steps) == []
    assert not any(s.action == "write_note" for s in steps)


def test_few_active_applications_suggests_adding_one():
    add = next(s for s in steps_for(active_elsewhere=1) if s.action == "add_application")
    assert "1 other active application." in add.detail
    assert add.due == date(2026, 3, 13)  # the Friday of this week, not next Tuesday
    assert not any(s.action == "add_application" for s in steps_for(active_elsewhere=3))
    keep = next(s for s in steps_for(active_elsewhere=3) if s.action == "review_applications")
    assert "3" in keep.title
    assert any(s.action == "add_application"
               for s in steps_for(active_elsewhere=3, min_active=5))


def test_rejection_gives_a_reply_and_a_reminder_to_keep_watching():
    steps = steps_for(rejected=True, note=note("rejection reply", due=date(2026, 3, 12)))
    actions = [(s.action, s.note_kind) for s in steps]
    assert ("write_note", "rejection reply") in actions
    assert ("watch_company", None) in actions
    assert not any(k in ("thank-you", "follow-up") for _, k in actions)
    reply = next(s for s in steps if s.note_kind == "rejection reply")
    assert reply.due == date(2026, 3, 12)


def test_low_self_rating_adds_a_preparation_step_naming_the_weak_spots():
    result = score_check({STRONG_POSITIVE: "yes"}, {"rating-weakness": 1})
    prepare = next(s for s in plan(result, facts()) if s.action == "prepare")
    assert "framing a weakness" in prepare.detail
    assert not any(s.action == "prepare" for s in steps_for())


@pytest.mark.parametrize(
    ("today", "due", "says"),
    [
        (date(2026, 11, 30), date(2026, 12, 4), "Dated Friday 4 December"),  # a Monday
        (date(2026, 12, 3), date(2026, 12, 4), "Dated Friday 4 December"),  # a Thursday
        (date(2026, 12, 4), date(2026, 12, 4), "Dated today"),  # a Friday
        (date(2026, 12, 5), date(2026, 12, 5), "Dated today"),  # a Saturday
        (date(2026, 12, 6), date(2026, 12, 6), "Dated today"),  # a Sunday
    ],
)
def test_add_another_application_is_dated_within_this_week_and_says_so(today, due, says):
    """Issue 16, 8: "Add another application this week" was dated next Monday."""
    add = next(s for s in steps_for(today=today, active_elsewhere=0)
               if s.action == "add_application")
    assert add.due == due
    assert says in add.detail
    assert add.due - today < timedelta(days=7)


@pytest.mark.parametrize("company", ["", "Brace {Co}"])
def test_every_plan_step_is_filled_in(company):
    result = score_check({}, dict.fromkeys(ITEM_IDS, 1))
    for state in (
        facts(company=company, note=note("thank-you", follow_up_due=date(2026, 3, 17))),
        facts(company=company, rejected=True, active_elsewhere=0,
              note=note("rejection reply")),
        facts(company=company, interview_date=None, note=note("late thank-you")),
        facts(company=company, note=note(COMBINED, "late thank-you")),
        facts(company=company, note=NextNote(None, None, None, None, "", stop=True)),
        facts(company=company, note=note("follow-up", due=date(2026, 3, 1))),
    ):
        for step in plan(result, state):
            assert step.title and step.detail
            text = step.title + step.detail
            assert "{" not in text.replace("{Co}", "")


# ---- The facts, read from the records ----------------------------------------------------------

SAMPLE_DAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    return write_sample(tmp_path / "sample", SAMPLE_DAY)


def facts_of(store: Store, company: str | None, **extra) -> PlanFacts:
    apps, events = store.load("applications"), store.load("events")
    app_id = None if company is None else apps.loc[apps["company"] == company, "id"].iloc[0]
    return plan_facts(apps, events, store.load("actions"), RuleSettings(), SAMPLE_DAY, app_id,
                      **extra)


def test_acme_round_two_needs_a_thank_you(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    state = facts_of(sample, "Acme Analytics", interview_date=SAMPLE_DAY - timedelta(days=2))
    assert state.note.kind == "thank-you" and not state.rejected
    assert state.company == "Acme Analytics" and state.role == "Data analyst"
    assert state.active_elsewhere == int(is_open(apps).sum()) - 1
    round_two = events[(events["application_id"] == "A00001") & (events["round"] == 2)]
    assert state.note.anchor_event_id == round_two["id"].iloc[0]  # round one had its thank-you
    steps = plan(score_check({STRONG_POSITIVE: "yes"}, {}), state)
    assert note_kinds(steps) == ["thank-you", "follow-up"]
    # They said they would decide by 3 December: follow up two business days after.
    assert next(s for s in steps if s.note_kind == "follow-up").due == date(2026, 12, 7)


def test_a_rejection_is_seen(sample: Store):
    state = facts_of(sample, "Driftwood Games")
    assert state.rejected and state.note.kind == "rejection reply"
    actions = [(s.action, s.note_kind) for s in plan(score_check({}, {}), state)]
    assert ("watch_company", None) in actions and ("write_note", "rejection reply") in actions


def test_follow_up_date_comes_from_the_rules(sample: Store):
    state = facts_of(sample, "Evergreen Energy")
    assert state.note.kind == "follow-up"
    assert state.note.due is not None and state.note.due <= SAMPLE_DAY


def _one_application(*events: dict, stage: str = "interviewing") -> tuple:
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "Data analyst", "stage": stage,
         "date_applied": date(2026, 10, 1)}])
    rows = [{"application_id": "A1", "id": f"E{i}", **e} for i, e in enumerate(events, 1)]
    return apps, typed_frame("events", rows)


def test_a_friday_interview_gets_its_thank_you_on_monday_as_home_says():
    """Issue 13, 6: the plan said Saturday where Home said Monday (business days)."""
    friday = date(2026, 12, 4)
    saturday = date(2026, 12, 5)
    apps, events = _one_application({"date": friday, "kind": "interview"})
    actions = typed_frame("actions", [])
    home = due_actions(apps, events, RuleSettings(), saturday, actions)
    home_thanks = home.loc[home["kind"].eq("thank-you"), "due"].iloc[0].date()
    state = plan_facts(apps, events, actions, RuleSettings(), saturday, "A1", friday)
    thanks = next(s for s in plan(score_check({}, {}), state) if s.note_kind == "thank-you")
    assert home_thanks == date(2026, 12, 7) == thanks.due  # Monday, on both screens


def test_the_decision_date_they_gave_gets_its_own_step_with_the_rules_follow_up():
    """Issue 16, 8: "they decide by Fri 4 Dec; if nothing by Tue 8 Dec, follow up"."""
    today = date(2026, 12, 1)
    apps, events = _one_application(
        {"date": date(2026, 11, 30), "kind": "interview", "decision_date": date(2026, 12, 4)},
        {"date": date(2026, 11, 30), "kind": "thank-you sent"})
    actions = typed_frame("actions", [])
    state = plan_facts(apps, events, actions, RuleSettings(), today, "A1", date(2026, 11, 30))
    rule = next_note(apps, events, RuleSettings(), today, "A1", actions)
    steps = plan(score_check({}, {}), state)
    wait = next(s for s in steps if s.title.startswith("They decide"))
    assert wait.title == "They decide by Fri 4 Dec; if nothing by Tue 8 Dec, follow up"
    assert wait.due == rule.due == date(2026, 12, 8)
    assert "often slip" in wait.detail and "pongoresume" in wait.source
    # What the person's own history says, and the published figure in its own context.
    assert any("Your own history" in line for line in wait.lines)
    assert any("after an interview" in line and "55%" in line for line in wait.lines)
    assert "Robert Half, 2018" in wait.source


def test_a_decision_date_under_other_settings_moves_the_follow_up_with_them():
    today = date(2026, 12, 1)
    apps, events = _one_application(
        {"date": date(2026, 11, 30), "kind": "interview", "decision_date": date(2026, 12, 4)},
        {"date": date(2026, 11, 30), "kind": "thank-you sent"})
    settings = RuleSettings(follow_up_after_decision_business_days=4)
    state = plan_facts(apps, events, typed_frame("actions", []), settings, today, "A1")
    wait = next(s for s in plan(score_check({}, {}), state) if s.title.startswith("They"))
    assert wait.title == "They decide by Fri 4 Dec; if nothing by Thu 10 Dec, follow up"


def test_the_plan_never_offers_the_application_to_answer_figure_as_the_wait():
    """Issue 13, 6: "about 24 days (Glassdoor, 2017)" is application to answer."""
    for entry in load_catalog("signs")["plan"].values():
        assert "Glassdoor" not in json.dumps(entry) and "24 days" not in json.dumps(entry)
    today = date(2026, 12, 1)
    apps, events = _one_application({"date": date(2026, 11, 30), "kind": "interview"})
    state = plan_facts(apps, events, typed_frame("actions", []), RuleSettings(), today, "A1")
    text = json.dumps([s.__dict__ for s in plan(score_check({}, {}), state)], default=str)
    assert "Glassdoor" not in text and "23.8" not in text


def test_a_weeks_late_thank_you_with_follow_up_due_is_one_combined_note():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "R", "stage": "interviewing",
         "date_applied": date(2026, 10, 1)},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": date(2026, 10, 20), "kind": "interview"},
    ])
    state = plan_facts(apps, events, typed_frame("actions", []), RuleSettings(), SAMPLE_DAY,
                       "A1", date(2026, 10, 20))
    assert state.note.kind == COMBINED
    steps = plan(score_check({}, {}), state)
    assert note_kinds(steps) == [COMBINED]


def test_a_sent_thank_you_with_the_next_round_booked_asks_for_no_note():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "R", "stage": "interviewing"}])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": date(2026, 3, 2), "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": date(2026, 3, 2), "kind": "thank-you sent"},
        {"id": "E3", "application_id": "A1", "date": date(2026, 3, 16), "kind": "interview"},
    ])
    state = plan_facts(apps, events, typed_frame("actions", []), RuleSettings(), TODAY, "A1",
                       date(2026, 3, 2))
    assert state.note.action is None  # nothing is due until the next round has happened
    assert note_kinds(plan(score_check({}, {}), state)) == []


def test_a_quick_check_counts_every_active_application(sample: Store, tmp_path: Path):
    apps = sample.load("applications")
    state = facts_of(sample, None, interview_date=SAMPLE_DAY)
    assert state.active_elsewhere == int(is_open(apps).sum()) > 0
    assert state.company == "" and state.note is None and not state.rejected
    assert state.interview_date == SAMPLE_DAY
    empty = Store(tmp_path / "none")
    assert facts_of(empty, None).active_elsewhere == 0


def test_active_elsewhere_leaves_out_closed_wishlist_and_the_one_named():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "a", "role": "r", "stage": "applied"},
        {"id": "A2", "company": "b", "role": "r", "stage": "offer"},
        {"id": "A3", "company": "c", "role": "r", "stage": "closed", "outcome": "rejected"},
        {"id": "A4", "company": "d", "role": "r", "stage": "wishlist"},
        {"id": "A5", "company": "e", "role": "r", "stage": "interviewing",
         "outcome": "rejected"},
    ])
    events, actions = typed_frame("events", []), typed_frame("actions", [])
    settings = RuleSettings(min_active=4)

    def of(app_id):
        return plan_facts(apps, events, actions, settings, TODAY, app_id)

    assert of(None).active_elsewhere == 2
    assert of("A1").active_elsewhere == 1
    assert of("A4").active_elsewhere == 2
    assert of("A1").min_active == 4
    assert of("A5").rejected and of("A5").active_elsewhere == 2
    gone = of("A404")  # deleted in another tab: read as a quick check
    assert gone.note is None and gone.active_elsewhere == 2


def test_a_done_thank_you_on_home_moves_the_plan_on(sample: Store):
    events = sample.load("events")
    round_two = events[(events["application_id"] == "A00001") & (events["round"] == 2)]
    done = typed_frame("actions", [{"id": f"A00001:thank-you:{round_two['id'].iloc[0]}",
                                    "status": "done"}])
    state = plan_facts(sample.load("applications"), events, done, RuleSettings(), SAMPLE_DAY,
                       "A00001")
    assert state.note.kind == "follow-up"
    assert pd.Timestamp(state.note.due) == pd.Timestamp(2026, 12, 7)


# ---- Issue 21: the quick check's thank-you, every step dated, one note a day ---------------------


def test_a_quick_check_with_no_application_still_plans_the_thank_you():
    """Item 10: the seed's first concrete action is there even with nothing recorded."""
    friday = date(2026, 3, 6)
    steps = plan(score_check({STRONG_POSITIVE: "yes"}, {}),
                 PlanFacts(friday, interview_date=friday))
    thanks = [s for s in steps if s.note_kind]
    assert [(s.note_kind, s.due) for s in thanks] == [("thank-you", date(2026, 3, 9))]  # Monday
    late = plan(score_check({STRONG_POSITIVE: "yes"}, {}),
                PlanFacts(TODAY, interview_date=date(2026, 3, 2)))
    assert [s.note_kind for s in late if s.note_kind] == ["late thank-you"]


def test_every_plan_step_is_dated():
    weak = score_check({STRONG_POSITIVE: "no"}, dict.fromkeys(ITEM_IDS, 1))
    for overrides in ({}, {"note": None}, {"rejected": True, "active_elsewhere": 9},
                      {"note": NextNote(None, None, None, None, "done", stop=True)}):
        steps = plan(weak, facts(**overrides))
        assert all(s.due is not None for s in steps), [(s.title, s.due) for s in steps]


def test_a_late_thank_you_and_the_follow_up_are_never_both_today(tmp_path):
    """Item 8: the late thank-you is today; the follow-up after it waits the note gap."""
    from nextround.domain.next_note import next_note
    from nextround.storage.frames import typed_frame

    apps = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                         "stage": "interviewing"}])
    events = typed_frame("events", [{"id": "E1", "application_id": "A1",
                                     "date": date(2026, 2, 27), "kind": "interview"}])
    rule = next_note(apps, events, None, TODAY, "A1")
    assert rule.kind == "late thank-you"
    steps = plan(score_check({STRONG_POSITIVE: "yes"}, {}),
                 PlanFacts(TODAY, "Acme", "Analyst", rule, interview_date=date(2026, 2, 27)))
    dated = [(s.note_kind or s.action, s.due) for s in steps if s.action == "write_note"]
    assert dated[0] == ("late thank-you", TODAY)
    assert dated[1][0] == "follow-up" and dated[1][1] == date(2026, 3, 17)  # 5 working days
