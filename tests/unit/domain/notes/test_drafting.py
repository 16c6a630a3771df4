"""Drafting notes: every kind and tone reads well and passes its own checks, optional parts
appear only when filled, what was typed is used as a phrase or a sentence as it was typed, and
text a person types is data that can never run as template code."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.kinds import note_kind
from nextround.domain.notes.checks import check_note
from nextround.domain.notes.compose import as_clause
from nextround.domain.notes.drafting import TONES, NoteInput, render_note
from nextround.storage.frames import typed_frame
from nextround.storage.schema import NOTE_KINDS
from tests.examples import more_examples

TODAY = date(2026, 3, 12)  # the day make_input writes on
ALL = [(kind, tone) for kind in NOTE_KINDS for tone in TONES]


# --- every kind and tone ------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_every_kind_and_tone_renders_a_note_that_passes_its_own_checks(
    kind, tone, make_input, failed, render_and_check
):
    note = make_input(kind, tone)
    rendered, checks = render_and_check(note)
    assert rendered.subject
    greeting = "Dear Priya," if tone == "warm" else "Dear Priya Raman,"
    assert rendered.body.splitlines()[0] == greeting
    assert rendered.body.splitlines()[-1] == "Sam Okafor"
    # A note with no interview behind it (an application nudge) recalls no conversation.
    recalled = "the plan to rebuild the patient-churn dashboard" in rendered.body
    assert recalled == note_kind(kind).after_interview
    assert failed(checks) == {}


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_every_optional_part_filled_still_passes_the_checks(
    kind, tone, make_input, failed, render_and_check
):
    note = make_input(
        kind,
        tone,
        greeting_name="Dr. Raman",
        repair="I said I hadn't used Airflow, but I ran our nightly jobs on it for two years.",
        development="our churn model went live last week",
        decision_date=TODAY - timedelta(days=2),
        ask_feedback=True,
    )
    rendered, checks = render_and_check(note)
    assert failed(checks) == {}
    assert rendered.body.startswith("Dear Dr. Raman,\n\n")


@pytest.mark.parametrize("name", ["Zoë Ångström", "李小龍", "Siobhán Ní Bhriain", "O'Neil-Ito"])
@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_unicode_names_are_kept_exactly(kind, tone, name, make_input, failed, render_and_check):
    note = make_input(
        kind, tone, interviewer_name=name, sender_name="Łukasz Żółć", company="Café Ü"
    )
    rendered, checks = render_and_check(note)
    assert rendered.body.startswith(f"Dear {note.person.greeting(tone)},")
    assert note.person.greeting(tone) in name
    assert rendered.body.endswith("Łukasz Żółć")
    assert failed(checks) == {}


def test_a_name_typed_in_decomposed_form_still_matches_the_record(
    make_input, failed, render_and_check
):
    decomposed = "Zoe\u0308 A\u030angstro\u0308m"
    note = make_input(interviewer_name=decomposed)
    rendered, checks = render_and_check(note)
    assert rendered.body.startswith("Dear Zoë,")
    assert failed(checks) == {}


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_missing_optional_fields_leave_no_gaps(kind, tone, make_input, failed):
    note = make_input(
        kind, tone, interview_date=None, specific_detail="", strength="", company="", role=""
    )
    rendered = render_note(note)
    text = f"{rendered.subject}\n{rendered.body}"
    assert "None" not in text
    assert "nan" not in text
    assert "\n\n\n" not in rendered.body
    assert "  " not in text
    for gap in (" .", " ,", ". .", ":.", ",.", "..", "about .", "with me about about"):
        assert gap not in text, gap
    assert not [line for line in rendered.body.splitlines() if line.strip() in (".", ",")]
    assert failed(check_note(kind, rendered.subject, rendered.body, note)).keys() <= {
        "specific detail",
        "length",
    }


def test_values_from_a_dataframe_with_empty_cells_never_show_nan(make_input):
    note = make_input(
        company=math.nan,
        role="Data Analyst",
        specific_detail=math.nan,
        repair=math.nan,
        interviewer_email=math.nan,
        interview_date=None,
    )
    rendered = render_note(note)
    assert "nan" not in rendered.body.lower().replace("nancy", "")
    assert "the Data Analyst role." in rendered.body


def test_dates_straight_from_a_dataframe_are_understood(make_input):
    frame = typed_frame(
        "events",
        [
            {"id": "E1", "application_id": "A1", "date": "2026-03-11", "kind": "interview"},
            {"id": "E2", "application_id": "A1", "date": "2026-03-04", "kind": "interview"},
        ],
    )
    frame.loc[1, "decision_date"] = pd.NaT
    as_timestamp = make_input(interview_date=frame["date"].iloc[0])
    as_numpy = make_input(interview_date=frame["date"].to_numpy()[0])
    missing = make_input(interview_date=frame["decision_date"].iloc[1])
    assert as_timestamp.interview_date == as_numpy.interview_date == date(2026, 3, 11)
    assert missing.interview_date is None
    assert "with me yesterday about" in render_note(as_numpy).body


@pytest.mark.parametrize("kind", ["thank-you", "late thank-you"])
@pytest.mark.parametrize("tone", TONES)
def test_repair_appears_only_when_filled(kind, tone, make_input):
    repair = "I forgot to mention the HIPAA audit I led last spring."
    with_repair = render_note(make_input(kind, tone, repair=repair)).body
    without = render_note(make_input(kind, tone)).body
    assert repair in with_repair
    lead = with_repair.split(repair)[0].splitlines()[-1]
    assert lead.strip() and lead.strip() not in without


def test_a_multi_paragraph_repair_keeps_its_paragraphs_but_no_blank_runs(make_input):
    repair = "First thought.\n\n\n\nSecond thought,   with   spaces."
    body = render_note(make_input(repair=repair)).body
    assert "First thought.\n\nSecond thought, with spaces." in body
    assert "\n\n\n" not in body


@pytest.mark.parametrize("kind", ["follow-up", "late thank-you and follow-up"])
@pytest.mark.parametrize("tone", TONES)
def test_development_appears_only_when_filled(kind, tone, make_input):
    news = "I passed the AWS Solutions Architect exam on Monday"
    assert news in render_note(make_input(kind, tone, development=news)).body
    assert "since we spoke:" not in render_note(make_input(kind, tone)).body


@pytest.mark.parametrize("tone", TONES)
def test_rejection_reply_asks_for_feedback_only_when_asked(tone, make_input):
    asked = render_note(make_input("rejection reply", tone, ask_feedback=True)).body
    plain = render_note(make_input("rejection reply", tone)).body
    assert "stronger candidate" in asked
    assert "stronger candidate" not in plain
    assert "five years of SQL reporting" in plain


@pytest.mark.parametrize("tone", TONES)
def test_only_late_notes_mention_the_delay(tone, make_input):
    on_time = render_note(make_input("thank-you", tone)).body.lower()
    late = render_note(make_input("late thank-you", tone)).body.lower()
    combined = render_note(make_input("late thank-you and follow-up", tone)).body.lower()
    assert not any(word in on_time for word in ("later", "overdue"))
    assert "later than" in late
    assert "overdue" in combined


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("days", [0, 1])
def test_a_late_thank_you_the_day_after_does_not_apologise(tone, days, make_input):
    body = render_note(make_input("late thank-you", tone,
                                  interview_date=TODAY - timedelta(days=days))).body
    assert "later than" not in body
    assert "yesterday" in body or "today" in body


@pytest.mark.parametrize("tone", TONES)
def test_follow_up_names_the_decision_date_only_once_it_has_passed(tone, make_input):
    passed = make_input("follow-up", tone, decision_date=date(2026, 3, 9))
    ahead = make_input("follow-up", tone, decision_date=date(2026, 3, 20))
    assert "March 9" in render_note(passed).body
    assert "March 20" not in render_note(ahead).body


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (3, "on Monday"),
        (10, "on March 2"),
        (400, "on 5 February 2025"),
    ],
)
def test_the_interview_day_is_said_the_way_a_person_would(days, expected, make_input):
    note = make_input(interview_date=TODAY - timedelta(days=days))
    assert f"with me {expected} about" in render_note(note).body


def test_a_role_already_called_a_position_is_not_doubled(make_input):
    body = render_note(make_input(role="Product Designer position", company="Acme Inc.")).body
    assert "about the Product Designer position at Acme Inc. I" in body


def test_unknown_kind_or_tone_is_refused(make_input):
    with pytest.raises(ValueError, match="tone"):
        make_input(tone="grovelling")
    with pytest.raises(ValueError, match="kind"):
        make_input(kind="apology")


def test_render_note_uses_the_template_folder_it_is_given(tmp_path, make_input):
    (tmp_path / "thank-you.warm.j2").write_text(
        "{% block subject %}Hi {{ company }}{% endblock %}{% block body %}Dear {{ greeting_name }},"
        "{% endblock %}",
        encoding="utf-8",
    )
    rendered = render_note(make_input(), template_dir=tmp_path)
    assert rendered == type(rendered)("Hi Lumen Health", "Dear Priya,")


def test_typed_text_is_data_not_template_code(make_input, failed):
    note = make_input(
        specific_detail="{{ 7*7 }} and {% if true %}x{% endif %}",
        company="{{ cycler.__init__.__globals__ }}",
    )
    rendered = render_note(note)
    assert "{{ 7*7 }} and {% if true %}x{% endif %}" in rendered.body
    assert "{{ cycler.__init__.__globals__ }}" in rendered.body
    assert "49" not in rendered.body
    assert failed(check_note(note.kind, rendered.subject, rendered.body, note)).get(
        "nothing left unfilled"
    )


# --- properties ---------------------------------------------------------------------------------

INJECTIONS = st.sampled_from(
    ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{# c #}", "{%", "}}", "\n\n\n", ""]
)
FIELD_TEXT = st.one_of(
    st.text(max_size=60),
    st.builds("{}{}{}".format, st.text(max_size=20), INJECTIONS, st.text(max_size=20)),
)


@more_examples(3)
@given(
    kind_tone=st.sampled_from(ALL),
    company=FIELD_TEXT,
    role=FIELD_TEXT,
    name=FIELD_TEXT,
    sender=FIELD_TEXT,
    detail=FIELD_TEXT,
    strength=FIELD_TEXT,
    repair=FIELD_TEXT,
    development=FIELD_TEXT,
    days=st.one_of(st.none(), st.integers(min_value=-5, max_value=800)),
    ask=st.booleans(),
)
def test_any_text_in_any_field_renders_verbatim_and_never_runs(
    kind_tone, company, role, name, sender, detail, strength, repair, development, days, ask
):
    kind, tone = kind_tone
    note = NoteInput(
        kind=kind,
        tone=tone,
        company=company,
        role=role,
        interviewer_name=name,
        today=TODAY,
        sender_name=sender,
        interview_date=None if days is None else TODAY - timedelta(days=days),
        specific_detail=detail,
        strength=strength,
        repair=repair,
        development=development,
        decision_date=TODAY - timedelta(days=1),
        ask_feedback=ask,
    )
    rendered = render_note(note)
    text = f"{rendered.subject}\n{rendered.body}"
    shown = [note.company, note.role, note.greeting, note.sender_name]
    used = note_kind(kind).fields
    composed = note.composed()
    shown += [composed[f].text for f in ("detail", "repair", "development")
              if {"detail": "specific_detail"}.get(f, f) in used]
    if "strength" in used:  # a strength sentence goes on with ", which I believe ..."
        shown.append(composed["strength"].phrase or as_clause(composed["strength"].sentence))
    for value in shown:
        for line in value.split("\n"):
            assert line in text
    assert "\n\n\n" not in rendered.body
    assert "49" not in text or any("49" in v for v in shown)
    check_note(kind, rendered.subject, rendered.body, note)  # never raises either
