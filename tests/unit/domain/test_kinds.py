"""The registry of note kinds and follow-up actions: every screen names them from here."""

from __future__ import annotations

import pytest

from nextround.domain import kinds
from nextround.domain.kinds import (
    ACTIONS,
    COMBINED,
    NOTES,
    RULE_ACTIONS,
    action_kind,
    note_kind,
)
from nextround.storage.schema import EVENT_KINDS, NOTE_KINDS


def test_the_registry_matches_the_file_formats_note_kinds():
    assert tuple(NOTES) == NOTE_KINDS


@pytest.mark.parametrize("name", [*NOTE_KINDS, *RULE_ACTIONS])
def test_every_note_kind_and_rule_action_has_its_words_and_done_event(name):
    action = action_kind(name)
    assert action.name == name
    for words in (action.title, action.short, action.calendar):
        assert words.strip() and words[0].isupper(), (name, words)
    assert action.done_event in EVENT_KINDS


@pytest.mark.parametrize("name", NOTE_KINDS)
def test_every_note_kind_logs_a_known_event_and_has_a_length(name):
    spec = note_kind(name)
    assert spec.event in EVENT_KINDS
    assert spec.word_limit > 0 and spec.help.strip()
    # Some action of the rules writes it (the nudge writes the application nudge).
    assert any(a.note == name for a in ACTIONS.values()), name


def test_rule_actions_lead_to_a_known_note_or_to_a_decision():
    assert COMBINED not in RULE_ACTIONS  # the combined note rides on "late thank-you"
    for name in RULE_ACTIONS:
        note = ACTIONS[name].note
        assert note is None or note in NOTES, name
    assert ACTIONS["mark no response"].note is None
    assert ACTIONS["mark no response"].done_event == "no response"


def test_the_combined_note_has_its_own_words():
    combined = action_kind("late thank-you", COMBINED)
    assert combined.name == COMBINED and combined.note == COMBINED
    assert combined.title == "Send a late thank-you with a follow-up"
    assert combined.short == "Late thank-you and follow-up"
    assert combined.calendar == "Send late thank-you and follow-up"
    assert combined.done_event == "thank-you sent"
    assert action_kind("late thank-you", "late thank-you").title == (
        "Send a late thank-you (still worth it)")
    assert action_kind("late thank-you").calendar == "Send late thank-you"


def test_an_unknown_action_is_named_by_its_key_and_leads_to_no_note():
    odd = action_kind("call them")
    assert (odd.title, odd.short, odd.calendar, odd.note) == (
        "Call them", "Call them", "Call them", None)


def test_an_unknown_note_kind_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="thank-you"):
        note_kind("apology")


def test_the_registry_refuses_to_load_when_it_disagrees_with_the_schema():
    with pytest.raises(RuntimeError, match="disagree"):
        kinds._check(NOTES, ACTIONS, (*NOTE_KINDS, "apology"), EVENT_KINDS)
    broken = dict(ACTIONS)
    broken["nudge"] = kinds.ActionKind("nudge", "Nudge", "Nudge", "Nudge", "waved", "follow-up")
    with pytest.raises(RuntimeError, match="unknown event kinds"):
        kinds._check(NOTES, broken, NOTE_KINDS, EVENT_KINDS)


def test_the_registry_holds_behaviour_not_only_words():
    """Which notes reply to a no, which are thank-yous, the plan step and who they go to are
    registry entries, asked of the registry (issue 20 item 4)."""
    assert [k for k in NOTES if kinds.replies_to_no(k)] == ["rejection reply"]
    assert [k for k in NOTES if kinds.is_thanks(k)] == [
        "thank-you", "late thank-you", COMBINED]
    assert [k for k in NOTES if kinds.leads_to_follow_up(k)] == ["thank-you", "late thank-you"]
    assert {k: NOTES[k].to for k in NOTES if NOTES[k].to == "contact"} == {
        "rejection reply": "contact", "application nudge": "contact"}
    assert not NOTES["application nudge"].after_interview
    steps = {k: v.plan_step for k, v in NOTES.items()}
    assert steps["application nudge"] == "application_nudge"
    assert all(steps.values())
    assert ACTIONS["nudge"].note == "application nudge"
    assert ACTIONS["second follow-up"].note == "second follow-up"


# --- a new kind is one registry entry and its templates (issue 20) -------------------------------


def test_a_made_up_kind_in_a_copy_of_the_registry_reaches_home_notes_the_plan_and_the_ics(
    tmp_path,
):
    """A "check-in" note added to a temporary copy of kinds.toml (the nudge writes it), with
    its two templates in a temporary folder: Home lists it, Notes suggests and drafts it, the
    self-check plan has its step and the calendar its entry, with no code changed."""
    import copy
    import datetime as dt
    import tomllib

    from nextround.commands import applications as apps_domain
    from nextround.domain import ics
    from nextround.domain.catalog import catalog_path
    from nextround.domain.next_note import next_note
    from nextround.domain.notes.drafting import NoteInput, render_note
    from nextround.domain.self_check.plan import plan, plan_facts
    from nextround.domain.self_check.scoring import score_check
    from nextround.domain.settings import RuleSettings
    from nextround.storage.store import Store
    from nextround.views import home
    from nextround.views.snapshot import Snapshot

    with catalog_path("kinds").open("rb") as fh:
        raw = copy.deepcopy(tomllib.load(fh))
    raw["notes"]["check-in"] = {
        "help": "A friendly check-in.", "fields": ["strength"], "word_limit": 120,
        "event": "follow-up sent", "asks_for_news": True, "plan_step": "application_nudge",
        "to": "contact", "after_interview": False}
    raw["actions"]["nudge"] |= {"note": "check-in", "title": "Send a check-in",
                               "calendar": "Check in with them"}
    templates = tmp_path / "templates"
    templates.mkdir()
    for tone in ("warm", "concise"):
        (templates / f"check-in.{tone}.j2").write_text(
            "{% block subject %}Checking in: {{ role }}{% endblock %}"
            "{% block body %}Dear {{ greeting_name }},\n\nChecking in on {{ role_phrase }}."
            "\n\n{{ sender_name }}{% endblock %}", encoding="utf-8")

    today = dt.date(2026, 3, 12)
    store = Store(tmp_path / "data")
    app_id = apps_domain.add_application(store, {
        "company": "Quiet Co", "role": "Analyst", "stage": "applied",
        "date_applied": dt.date(2026, 3, 2), "contact_name": "Rita Okoye"},
        dt.datetime(2026, 3, 2, 9))
    with kinds.use_registry(raw):
        snapshot = Snapshot.load(store, home.TABLES)
        view = home.build(snapshot, today)
        row = view.actions.iloc[0]
        assert (row["note_kind"], row["title"]) == ("check-in", "Send a check-in")  # Home
        note = next_note(snapshot["applications"], snapshot["events"], RuleSettings(), today,
                         app_id)
        assert note.kind == "check-in"  # Notes' suggestion
        draft = render_note(NoteInput("check-in", "warm", "Quiet Co", "Analyst", "Rita Okoye",
                                      today, "Sam Okafor"), templates)
        assert draft.body.startswith("Dear Rita,") and "the Analyst role at Quiet Co" in draft.body
        facts = plan_facts(snapshot["applications"], snapshot["events"], snapshot["actions"],
                           RuleSettings(), today, app_id)
        steps = plan(score_check({}, {}), facts)
        assert [s.note_kind for s in steps if s.note_kind] == ["check-in"]  # the plan
        calendar = view.calendar(dt.datetime(2026, 3, 12, 9), today).decode()
        assert "Check in with them: Quiet Co\\, Analyst" in calendar  # the .ics
        assert ics.PRODID in calendar
    assert "check-in" not in NOTES and ACTIONS["nudge"].note == "application nudge"
