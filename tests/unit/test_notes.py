"""The note generator: every kind and tone reads well, the checks catch what a careful reader
would, and text a person types (or a template they write) can never run code."""

from __future__ import annotations

import math
import os
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.domain.notes.drafting import (
    KIND_FIELDS,
    TONES,
    NoteInput,
    TemplateProblem,
    check_note,
    interviewer_list,
    list_user_templates,
    mailto_link,
    message_core,
    read_user_template,
    render_note,
    render_user_template,
    sentence_count,
    suggest_kind,
    word_count,
)
from nextround.storage.frames import typed_frame
from nextround.storage.schema import NOTE_KINDS

TODAY = date(2026, 3, 12)
ALL = [(kind, tone) for kind in NOTE_KINDS for tone in TONES]
INTERVIEW_DAY = {
    "thank-you": TODAY - timedelta(days=1),
    "late thank-you": TODAY - timedelta(days=8),
    "follow-up": TODAY - timedelta(days=10),
    "late thank-you and follow-up": TODAY - timedelta(days=20),
    "rejection reply": TODAY - timedelta(days=15),
}


def make_input(kind: str = "thank-you", tone: str = "warm", **changes) -> NoteInput:
    values = {
        "kind": kind,
        "tone": tone,
        "company": "Lumen Health",
        "role": "Data Analyst",
        "interviewer_name": "Priya Raman",
        "interviewer_email": "priya.raman@lumen.example",
        "interview_date": INTERVIEW_DAY.get(kind),
        "today": TODAY,
        "sender_name": "Sam Okafor",
        "specific_detail": "the plan to rebuild the patient-churn dashboard",
        "strengths": ["five years of SQL reporting", "calm work with clinical stakeholders"],
    }
    values.update(changes)
    return NoteInput(**values)


def failed(checks) -> dict[str, str]:
    return {c.name: c.message for c in checks if not c.ok}


def render_and_check(note: NoteInput):
    rendered = render_note(note)
    return rendered, check_note(note.kind, rendered.subject, rendered.body, note)


# --- every kind and tone ------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_every_kind_and_tone_renders_a_note_that_passes_its_own_checks(kind, tone):
    note = make_input(kind, tone)
    rendered, checks = render_and_check(note)
    assert rendered.subject
    assert rendered.body.splitlines()[0] == "Dear Priya Raman,"
    assert rendered.body.splitlines()[-1] == "Sam Okafor"
    assert "the plan to rebuild the patient-churn dashboard" in rendered.body
    assert failed(checks) == {}


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_every_optional_part_filled_still_passes_the_checks(kind, tone):
    note = make_input(
        kind,
        tone,
        greeting_name="Priya",
        repair="I said I hadn't used Airflow, but I ran our nightly jobs on it for two years.",
        development="our churn model went live last week",
        decision_date=TODAY - timedelta(days=2),
        ask_feedback=True,
    )
    rendered, checks = render_and_check(note)
    assert failed(checks) == {}
    assert rendered.body.startswith("Dear Priya,\n\n")


@pytest.mark.parametrize("name", ["Zoë Ångström", "李小龍", "Siobhán Ní Bhriain", "O'Neil-Ito"])
@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_unicode_names_are_kept_exactly(kind, tone, name):
    note = make_input(
        kind, tone, interviewer_name=name, sender_name="Łukasz Żółć", company="Café Ü"
    )
    rendered, checks = render_and_check(note)
    assert rendered.body.startswith(f"Dear {name},")
    assert rendered.body.endswith("Łukasz Żółć")
    assert failed(checks) == {}


def test_a_name_typed_in_decomposed_form_still_matches_the_record():
    decomposed = "Zoe\u0308 A\u030angstro\u0308m"
    note = make_input(interviewer_name=decomposed)
    rendered, checks = render_and_check(note)
    assert rendered.body.startswith("Dear Zoë Ångström,")
    assert failed(checks) == {}


@pytest.mark.parametrize(("kind", "tone"), ALL)
def test_missing_optional_fields_leave_no_gaps(kind, tone):
    note = make_input(
        kind, tone, interview_date=None, specific_detail="", strengths=[], company="", role=""
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


def test_values_from_a_dataframe_with_empty_cells_never_show_nan():
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


def test_dates_straight_from_a_dataframe_are_understood():
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
def test_repair_appears_only_when_filled(kind, tone):
    repair = "I forgot to mention the HIPAA audit I led last spring."
    with_repair = render_note(make_input(kind, tone, repair=repair)).body
    without = render_note(make_input(kind, tone)).body
    assert repair in with_repair
    lead = with_repair.split(repair)[0].splitlines()[-1]
    assert lead.strip() and lead.strip() not in without


def test_a_multi_paragraph_repair_keeps_its_paragraphs_but_no_blank_runs():
    repair = "First thought.\n\n\n\nSecond thought,   with   spaces."
    body = render_note(make_input(repair=repair)).body
    assert "First thought.\n\nSecond thought, with spaces." in body
    assert "\n\n\n" not in body


@pytest.mark.parametrize("kind", ["follow-up", "late thank-you and follow-up"])
@pytest.mark.parametrize("tone", TONES)
def test_development_appears_only_when_filled(kind, tone):
    news = "I passed the AWS Solutions Architect exam on Monday"
    assert news in render_note(make_input(kind, tone, development=news)).body
    assert "since we spoke:" not in render_note(make_input(kind, tone)).body


@pytest.mark.parametrize("tone", TONES)
def test_rejection_reply_asks_for_feedback_only_when_asked(tone):
    asked = render_note(make_input("rejection reply", tone, ask_feedback=True)).body
    plain = render_note(make_input("rejection reply", tone)).body
    assert "stronger candidate" in asked
    assert "stronger candidate" not in plain
    assert "five years of SQL reporting and calm work with clinical stakeholders" in plain


def test_rejection_reply_lists_three_strengths_with_a_serial_comma():
    note = make_input("rejection reply", strengths=["SQL and dbt", "testing", "patience"])
    assert "SQL and dbt, testing, and patience" in render_note(note).body


@pytest.mark.parametrize("tone", TONES)
def test_only_late_notes_mention_the_delay(tone):
    on_time = render_note(make_input("thank-you", tone)).body.lower()
    late = render_note(make_input("late thank-you", tone)).body.lower()
    combined = render_note(make_input("late thank-you and follow-up", tone)).body.lower()
    assert not any(word in on_time for word in ("later", "overdue"))
    assert "later than" in late
    assert "overdue" in combined


@pytest.mark.parametrize("tone", TONES)
def test_follow_up_names_the_decision_date_only_once_it_has_passed(tone):
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
def test_the_interview_day_is_said_the_way_a_person_would(days, expected):
    note = make_input(interview_date=TODAY - timedelta(days=days))
    assert f"with me {expected} about" in render_note(note).body


def test_a_role_already_called_a_position_is_not_doubled():
    body = render_note(make_input(role="Product Designer position", company="Acme Inc.")).body
    assert "about the Product Designer position at Acme Inc. I" in body


def test_unknown_kind_or_tone_is_refused():
    with pytest.raises(ValueError, match="tone"):
        make_input(tone="grovelling")
    with pytest.raises(ValueError, match="kind"):
        make_input(kind="apology")


def test_render_note_uses_the_template_folder_it_is_given(tmp_path):
    (tmp_path / "thank-you.warm.j2").write_text(
        "{% block subject %}Hi {{ company }}{% endblock %}{% block body %}Dear {{ greeting_name }},"
        "{% endblock %}",
        encoding="utf-8",
    )
    rendered = render_note(make_input(), template_dir=tmp_path)
    assert rendered == type(rendered)("Hi Lumen Health", "Dear Priya Raman,")


def test_typed_text_is_data_not_template_code():
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


# --- checks -------------------------------------------------------------------------------------


def good_note(kind: str = "thank-you"):
    note = make_input(kind, interviewer_name="Zoë Ångström")
    rendered = render_note(note)
    return note, rendered.subject, rendered.body


def test_checks_pass_a_good_note_and_name_every_rule():
    note, subject, body = good_note()
    checks = check_note("thank-you", subject, body, note)
    assert failed(checks) == {}
    assert {c.name for c in checks} == {
        "subject",
        "greeting",
        "specific detail",
        "length",
        "no filler",
        "no blame",
        "nothing left unfilled",
        "sign-off",
    }


@pytest.mark.parametrize(
    "phrase",
    [
        "I'm just checking in.",
        "Just wanted to check in on the role.",
        "I wanted to check in about timing.",
        "Touching base about the role.",
        "I'm CIRCLING BACK on this.",
        "Just circling back.",
        "I'd like to touch base.",
    ],
)
def test_filler_phrases_are_caught(phrase):
    note, subject, body = good_note("follow-up")
    checks = check_note("follow-up", subject, body.replace("\n\nWarm", f" {phrase}\n\nWarm"), note)
    assert "no filler" in failed(checks)


@pytest.mark.parametrize(
    "phrase",
    [
        "I haven't heard back from you.",
        "I still haven’t heard anything.",
        "I have not heard from anyone.",
        "You never replied to my last email.",
        "I'm still waiting for an answer.",
        "I didn't hear back after the interview.",
    ],
)
def test_accusations_are_caught(phrase):
    note, subject, body = good_note("follow-up")
    checks = check_note("follow-up", subject, body.replace("\n\nWarm", f" {phrase}\n\nWarm"), note)
    assert "no blame" in failed(checks)


@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ("Dear Zoë Ångström,", "Dear [name],"),
        ("Lumen Health", "{{ company }}"),
        ("the Data Analyst role", "the  role"),
        ("Lumen Health.", "Lumen Health ."),
        ("Sam Okafor", "Sam Okafor TODO"),
        ("the plan", "None the plan"),
        ("Lumen Health", "nan"),
    ],
)
def test_leftover_placeholders_and_empty_fields_are_caught(find, replace):
    note, subject, body = good_note()
    assert find in body
    checks = check_note("thank-you", subject, body.replace(find, replace, 1), note)
    assert "nothing left unfilled" in failed(checks)


def test_two_spaces_after_a_full_stop_are_a_habit_not_a_gap():
    note, subject, body = good_note()
    edited = body.replace(". I", ".  I", 1)
    assert edited != body
    assert "nothing left unfilled" not in failed(check_note("thank-you", subject, edited, note))


def test_a_misspelt_name_in_the_greeting_is_caught_and_a_title_with_surname_is_fine():
    note, subject, body = good_note()
    misspelt = body.replace("Dear Zoë Ångström,", "Dear Zoe,")
    titled = body.replace("Dear Zoë Ångström,", "Dear Dr. Ångström,")
    assert "greeting" in failed(check_note("thank-you", subject, misspelt, note))
    assert "greeting" not in failed(check_note("thank-you", subject, titled, note))


def test_an_empty_subject_and_a_missing_signature_are_caught():
    note, _subject, body = good_note()
    problems = failed(check_note("thank-you", "  ", body.replace("Sam Okafor", "Sam"), note))
    assert {"subject", "sign-off"} <= problems.keys()


def test_a_detail_edited_out_of_the_body_is_caught():
    note, subject, body = good_note()
    edited = body.replace("the plan to rebuild the patient-churn dashboard", "your work")
    message = failed(check_note("thank-you", subject, edited, note))["specific detail"]
    assert "patient-churn" in message


def test_the_detail_is_found_despite_case_and_line_breaks():
    note, subject, body = good_note()
    edited = body.replace("the plan to rebuild the", "The plan to rebuild\nthe")
    assert "specific detail" not in failed(check_note("thank-you", subject, edited, note))


def test_a_thank_you_that_runs_long_is_caught():
    note, subject, body = good_note()
    padded = body.replace(
        "\n\nWarm",
        " I also led the migration. I also wrote the tests. I also ran training.\n\nWarm",
    )
    assert "sentences" in failed(check_note("thank-you", subject, padded, note))["length"]
    wordy = body.replace("\n\nWarm", " " + "very " * 120 + "much.\n\nWarm")
    assert "words" in failed(check_note("thank-you", subject, wordy, note))["length"]


def test_a_thank_you_of_two_sentences_is_too_short():
    note = make_input()
    body = "Dear Priya Raman,\n\nThanks. See you.\n\nBest,\nSam Okafor"
    assert "length" in failed(check_note("thank-you", "Thanks", body, note))


def test_combined_note_allows_more_words_than_a_follow_up():
    note = make_input("late thank-you and follow-up")
    rendered = render_note(note)
    body = rendered.body.replace("\n\nWarm", " " + "and more " * 40 + "\n\nWarm")
    words = word_count(body)
    assert 150 < words <= 200
    assert "length" not in failed(check_note(note.kind, rendered.subject, body, note))
    assert "length" in failed(check_note("follow-up", rendered.subject, body, note))


def test_a_follow_up_before_the_decision_date_is_flagged():
    early = make_input("follow-up", decision_date=TODAY + timedelta(days=3))
    late = make_input("follow-up", decision_date=TODAY - timedelta(days=2))
    early_checks = render_and_check(early)[1]
    assert "timing" in failed(early_checks)
    assert "another offer" in failed(early_checks)["timing"]
    assert "timing" not in failed(render_and_check(late)[1])
    assert "timing" not in {c.name for c in render_and_check(make_input("follow-up"))[1]}


def test_word_and_sentence_counting():
    assert word_count("Thank-you notes aren't long.") == 4
    assert word_count("") == 0
    assert sentence_count("I met Dr. Raman, e.g. on Monday. It went well! Did it?") == 3
    body = "Dear Priya,\n\nOne. Two. Three.\n\nBest regards,\nSam Okafor"
    assert message_core(body) == "One. Two. Three."


# --- suggest_kind -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "thanked", "follow_ups", "rejected", "kind"),
    [
        (0, False, 0, False, "thank-you"),
        (3, False, 0, False, "thank-you"),
        (4, False, 0, False, "late thank-you"),
        (13, False, 0, False, "late thank-you"),
        (14, False, 0, False, "late thank-you and follow-up"),
        (40, False, 0, False, "late thank-you and follow-up"),
        (8, True, 0, False, "follow-up"),
        (20, True, 1, False, "follow-up"),
        (2, True, 0, True, "rejection reply"),
        (30, False, 1, True, "rejection reply"),
    ],
)
def test_suggest_kind(days, thanked, follow_ups, rejected, kind):
    suggested, reason = suggest_kind(
        TODAY - timedelta(days=days), TODAY, thanked, follow_ups, rejected
    )
    assert suggested == kind
    assert reason.endswith(".") and reason.count(". ") == 0


def test_suggest_kind_says_when_to_stop_following_up():
    kind, reason = suggest_kind(TODAY - timedelta(days=30), TODAY, True, 2, False)
    assert kind == "follow-up"
    assert "stop" in reason


def test_suggest_kind_without_an_interview_date():
    assert suggest_kind(None, TODAY, False, 0, False)[0] == "follow-up"  # nothing to thank for yet


# --- mailto -------------------------------------------------------------------------------------


def test_mailto_encodes_line_breaks_spaces_and_reserved_characters():
    link = mailto_link("priya@lumen.example", "Q&A? Yes", "Line one\nA & B? 100% = yes\r\nEnd")
    assert link.startswith("mailto:priya@lumen.example?subject=Q%26A%3F%20Yes&body=")
    body = link.split("&body=", 1)[1]
    assert body == "Line%20one%0D%0AA%20%26%20B%3F%20100%25%20%3D%20yes%0D%0AEnd"
    assert "+" not in link and " " not in link


def test_mailto_encodes_unicode_as_utf8():
    link = mailto_link("zoe@example.com", "Zoë", "李小龍")
    assert "subject=Zo%C3%AB" in link
    assert "body=%E6%9D%8E%E5%B0%8F%E9%BE%8D" in link


@pytest.mark.parametrize(
    "address",
    [
        "a@b.com?cc=boss@b.com",
        "a@b.com&bcc=x@y.z",
        "a@b.com\nBcc: x@y.z",
        "a@b.com, c@d.com",
        "not an address",
        "a@b.com%0ABcc:x@y.z",
    ],
)
def test_mailto_refuses_an_address_that_could_add_fields(address):
    with pytest.raises(ValueError, match="email address"):
        mailto_link(address, "s", "b")


def test_mailto_without_an_address_still_opens_a_draft():
    assert mailto_link("", "Hi", "Body") == "mailto:?subject=Hi&body=Body"


@settings(max_examples=200)
@given(st.text(), st.text())
def test_mailto_round_trips_any_text(subject, body):
    link = mailto_link("a@b.example", subject, body)
    query = link.split("?", 1)[1]
    assert set(query) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%=&-_.~"
    )
    sent_subject, sent_body = query.split("&")

    def as_sent(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")

    assert unquote(sent_body.removeprefix("body=")) == as_sent(body)
    assert unquote(sent_subject.removeprefix("subject=")) == as_sent(subject)


# --- interviewer_list ---------------------------------------------------------------------------


def test_interviewers_are_paired_with_their_emails_by_position():
    assert interviewer_list(" Priya Raman ; Zoë Ångström;Tom", "p@x.io; z@x.io") == [
        ("Priya Raman", "p@x.io"),
        ("Zoë Ångström", "z@x.io"),
        ("Tom", ""),
    ]


def test_interviewer_list_handles_empty_cells_and_empty_slots():
    assert interviewer_list(math.nan, math.nan) == []
    assert interviewer_list("Priya", math.nan) == [("Priya", "")]
    assert interviewer_list("Priya;;Tom", "p@x.io;;t@x.io") == [
        ("Priya", "p@x.io"),
        ("Tom", "t@x.io"),
    ]


# --- the person's own templates -----------------------------------------------------------------

USER_TEMPLATE = """{% block subject %}Thanks from {{ sender_name }}{% endblock %}
{% block body %}
Hi {{ greeting_name }},

Thanks for {{ specific_detail|sentence }}
{% if repair %}
{{ repair }}
{% endif %}

{{ sender_name }}
{% endblock %}
"""


def test_a_user_template_with_blocks_renders():
    rendered = render_user_template(USER_TEMPLATE, make_input())
    assert rendered.subject == "Thanks from Sam Okafor"
    assert rendered.body == (
        "Hi Priya Raman,\n\nThanks for the plan to rebuild the patient-churn dashboard.\n\n"
        "Sam Okafor"
    )


def test_a_user_template_may_start_with_a_subject_line_instead_of_blocks():
    source = "Subject: About {{ role }}\n\nDear {{ greeting_name }},\n\nThanks!\n{{ sender_name }}"
    rendered = render_user_template(source, make_input())
    assert rendered.subject == "About Data Analyst"
    assert rendered.body == "Dear Priya Raman,\n\nThanks!\nSam Okafor"


def test_typed_text_stays_data_in_a_user_template():
    note = make_input(specific_detail="{{ ''.__class__ }}")
    assert "{{ ''.__class__ }}" in render_user_template(USER_TEMPLATE, note).body


@pytest.mark.parametrize(
    "source",
    [
        "Subject: x\n\n{{ ''.__class__.__mro__ }}",
        "Subject: x\n\n{{ cycler.__init__.__globals__ }}",
        "Subject: x\n\n{{ today.__class__.__subclasses__() }}",
        "Subject: x\n\n{{ strengths.pop() }}{{ ().__class__.__base__ }}",
        "Subject: x\n\n{{ 'a' * 10 ** 10 }}",
        "Subject: x\n\n{{ 2 ** 100000 }}",
        "Subject: x\n\n{{ 9 ** 60 ** 60 ** 60 }}",
        "Subject: x\n\n{{ strengths.append('x') }}",
    ],
)
def test_unsafe_user_templates_give_a_template_problem(source):
    with pytest.raises(TemplateProblem) as caught:
        render_user_template(source, make_input())
    assert caught.value.message


def test_a_runaway_power_is_explained_in_plain_words():
    with pytest.raises(TemplateProblem, match="too large") as caught:
        render_user_template("Subject: x\n\n{{ 2 ** 100000 }}", make_input())
    assert caught.value.line == 3


def test_a_syntax_error_names_its_line():
    source = "Subject: x\n\nDear {{ greeting_name }},\n{% if repair %}\nno end"
    with pytest.raises(TemplateProblem) as caught:
        render_user_template(source, make_input())
    assert caught.value.line is not None
    assert str(caught.value).startswith(f"Line {caught.value.line}:")
    assert "closed" in caught.value.message


def test_a_misspelt_variable_names_the_variable_and_its_line():
    source = "Subject: x\n\nDear {{ greeting_name }},\n{{ compnay }}\n"
    with pytest.raises(TemplateProblem) as caught:
        render_user_template(source, make_input())
    assert caught.value.line == 4
    assert "'compnay'" in caught.value.message
    assert "company" in caught.value.message


def test_a_template_that_recurses_forever_gives_a_template_problem():
    source = "{% macro f() %}{{ f() }}{% endmacro %}\nSubject: x\n{{ f() }}"
    with pytest.raises(TemplateProblem, match="calls itself"):
        render_user_template(source, make_input())


def test_a_template_with_only_one_block_is_explained():
    with pytest.raises(TemplateProblem, match="both"):
        render_user_template("{% block body %}Hi{% endblock %}", make_input())


def test_other_runtime_errors_give_a_template_problem():
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("Subject: x\n\n{{ 1 + 'a' }}", make_input())
    assert caught.value.line == 3


def write(path: Path, text: str = "Subject: x\n\nbody") -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_list_user_templates_only_lists_safe_names_directly_in_the_folder(tmp_path):
    folder = tmp_path / "templates"
    (folder / "nested").mkdir(parents=True)
    write(folder / "My note.j2")
    write(folder / "a-short_one.v2.j2")
    write(folder / "notes.txt")
    write(folder / "bad;name.j2")
    write(folder / ".hidden.j2")
    write(folder / "nested" / "deep.j2")
    outside = write(tmp_path / "outside.j2")
    if hasattr(os, "symlink"):
        (folder / "link.j2").symlink_to(outside)
    names = [p.name for p in list_user_templates(tmp_path)]
    assert names == ["a-short_one.v2.j2", "My note.j2"]
    assert read_user_template(tmp_path, "My note.j2") == "Subject: x\n\nbody"
    with pytest.raises(TemplateProblem):
        read_user_template(tmp_path, "../outside.j2")


def test_list_user_templates_without_a_folder_is_empty(tmp_path):
    assert list_user_templates(tmp_path) == []


def test_read_user_template_explains_a_file_that_is_not_utf8(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "latin.j2").write_bytes("Subject: caf\xe9".encode("latin-1"))
    with pytest.raises(TemplateProblem, match="UTF-8"):
        read_user_template(tmp_path, "latin.j2")


# --- properties ---------------------------------------------------------------------------------

INJECTIONS = st.sampled_from(
    ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{# c #}", "{%", "}}", "\n\n\n", ""]
)
FIELD_TEXT = st.one_of(
    st.text(max_size=60),
    st.builds("{}{}{}".format, st.text(max_size=20), INJECTIONS, st.text(max_size=20)),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind_tone=st.sampled_from(ALL),
    company=FIELD_TEXT,
    role=FIELD_TEXT,
    name=FIELD_TEXT,
    sender=FIELD_TEXT,
    detail=FIELD_TEXT,
    strengths=st.lists(FIELD_TEXT, max_size=3),
    repair=FIELD_TEXT,
    development=FIELD_TEXT,
    days=st.one_of(st.none(), st.integers(min_value=-5, max_value=800)),
    ask=st.booleans(),
)
def test_any_text_in_any_field_renders_verbatim_and_never_runs(
    kind_tone, company, role, name, sender, detail, strengths, repair, development, days, ask
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
        strengths=strengths,
        repair=repair,
        development=development,
        decision_date=TODAY - timedelta(days=1),
        ask_feedback=ask,
    )
    rendered = render_note(note)
    text = f"{rendered.subject}\n{rendered.body}"
    shown = [note.company, note.role, note.interviewer_name, note.sender_name]
    used = KIND_FIELDS[kind]
    shown += [getattr(note, f) for f in ("specific_detail", "repair", "development") if f in used]
    if "strengths" in used and note.strengths:
        shown += list(note.strengths) if kind == "rejection reply" else [note.strengths[0]]
    for value in shown:
        assert value in text
    assert "\n\n\n" not in rendered.body
    assert "49" not in text or any("49" in v for v in shown)
    check_note(kind, rendered.subject, rendered.body, note)  # never raises either
    render_user_template(USER_TEMPLATE, note)


def test_interviewers_typed_with_commas_are_split():
    assert interviewer_list("Priya Natarajan, Tom Okafor", "p@example.com, t@example.com") == [
        ("Priya Natarajan", "p@example.com"), ("Tom Okafor", "t@example.com")]
    assert interviewer_list("Smith; Jones", "s@example.com") == [
        ("Smith", "s@example.com"), ("Jones", "")]
