"""The checks a draft must pass: they catch what a careful reader would, and a good note passes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextround.domain.notes.checks import check_note, message_core, sentence_count, word_count
from nextround.domain.notes.drafting import render_note

TODAY = date(2026, 3, 12)  # the day make_input writes on


# --- checks -------------------------------------------------------------------------------------


@pytest.fixture
def good_note(make_input):
    """``good_note(kind)``: (input, subject, body) of a well-written note to Zoë Ångström."""

    def build(kind: str = "thank-you"):
        note = make_input(kind, interviewer_name="Zoë Ångström")
        rendered = render_note(note)
        return note, rendered.subject, rendered.body

    return build


def test_checks_pass_a_good_note_and_name_every_rule(failed, good_note):
    note, subject, body = good_note()
    checks = check_note("thank-you", subject, body, note)
    assert failed(checks) == {}
    assert {c.name for c in checks} == {
        "subject", "greeting", "specific detail", "length", "reads as sentences",
        "nothing private", "only what you'd say to them", "speaks to them",
        "only real conversations", "plain words", "no filler", "no blame", "no pressure",
        "nothing left unfilled", "sign-off",
    }


JOB_SEARCH_RULES = [
    ("no filler", p) for p in (
        "I'm just checking in.", "Just wanted to check in on the role.",
        "I wanted to check in about timing.", "Touching base about the role.",
        "I'm CIRCLING BACK on this.", "Just circling back.", "I'd like to touch base.")
] + [
    ("no blame", p) for p in (
        "I haven't heard back from you.", "I still haven’t heard anything.",
        "I have not heard from anyone.", "You never replied to my last email.",
        "I'm still waiting for an answer.", "I didn't hear back after the interview.")
] + [
    ("no pressure", p) for p in (
        "I need an answer by Friday.", "Please reply by tomorrow.", "This is urgent.",
        "Please let me know ASAP.", "I look forward to your prompt reply.")
]


@pytest.mark.parametrize(("rule", "phrase"), JOB_SEARCH_RULES)
def test_the_job_search_rules_catch_what_they_forbid_and_name_the_sentence(
    rule, phrase, failed, good_note
):
    note, subject, body = good_note("follow-up")
    checks = check_note("follow-up", subject, body.replace("\n\nWarm", f" {phrase}\n\nWarm"), note)
    assert rule in failed(checks)
    assert "In \"" in failed(checks)[rule]


@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ("Dear Zoë,", "Dear [name],"),
        ("Lumen Health", "{{ company }}"),
        ("the Data Analyst role", "the  role"),
        ("Lumen Health.", "Lumen Health ."),
        ("Sam Okafor", "Sam Okafor TODO"),
        ("the plan", "None the plan"),
        ("Lumen Health", "nan"),
    ],
)
def test_leftover_placeholders_and_empty_fields_are_caught(find, replace, failed, good_note):
    note, subject, body = good_note()
    assert find in body
    checks = check_note("thank-you", subject, body.replace(find, replace, 1), note)
    assert "nothing left unfilled" in failed(checks)


def test_two_spaces_after_a_full_stop_are_a_habit_not_a_gap(failed, good_note):
    note, subject, body = good_note()
    edited = body.replace(". I", ".  I", 1)
    assert edited != body
    assert "nothing left unfilled" not in failed(check_note("thank-you", subject, edited, note))


def test_a_misspelt_name_in_the_greeting_is_caught_and_a_title_with_surname_is_fine(
    failed, good_note
):
    note, subject, body = good_note()
    misspelt = body.replace("Dear Zoë,", "Dear Zoe,")
    titled = body.replace("Dear Zoë,", "Dear Dr. Ångström,")
    assert misspelt != body and titled != body
    assert "greeting" in failed(check_note("thank-you", subject, misspelt, note))
    assert "greeting" not in failed(check_note("thank-you", subject, titled, note))


def test_an_empty_subject_and_a_missing_signature_are_caught(failed, good_note):
    note, _subject, body = good_note()
    problems = failed(check_note("thank-you", "  ", body.replace("Sam Okafor", "Sam"), note))
    assert {"subject", "sign-off"} <= problems.keys()


def test_a_detail_edited_out_of_the_body_is_caught(failed, good_note):
    note, subject, body = good_note()
    edited = body.replace("the plan to rebuild the patient-churn dashboard", "your work")
    message = failed(check_note("thank-you", subject, edited, note))["specific detail"]
    assert "patient-churn" in message


def test_the_detail_is_found_despite_case_and_line_breaks(failed, good_note):
    note, subject, body = good_note()
    edited = body.replace("the plan to rebuild the", "The plan to rebuild\nthe")
    assert "specific detail" not in failed(check_note("thank-you", subject, edited, note))


def test_a_thank_you_that_runs_long_is_caught(failed, good_note):
    note, subject, body = good_note()
    padded = body.replace(
        "\n\nWarm",
        " I also led the migration. I also wrote the tests. I also ran training. I also "
        "mentored two analysts.\n\nWarm",
    )
    assert "sentences" in failed(check_note("thank-you", subject, padded, note))["length"]
    wordy = body.replace("\n\nWarm", " " + "very " * 120 + "much.\n\nWarm")
    assert "words" in failed(check_note("thank-you", subject, wordy, note))["length"]


def test_a_thank_you_of_two_sentences_is_too_short(make_input, failed):
    note = make_input()
    body = "Dear Priya,\n\nThanks. See you.\n\nBest,\nSam Okafor"
    assert "length" in failed(check_note("thank-you", "Thanks", body, note))


def test_combined_note_allows_more_words_than_a_follow_up(make_input, failed):
    note = make_input("late thank-you and follow-up")
    rendered = render_note(note)
    body = rendered.body.replace("\n\nWarm", " " + "and more " * 40 + "\n\nWarm")
    words = word_count(body)
    assert 150 < words <= 200
    assert "length" not in failed(check_note(note.kind, rendered.subject, body, note))
    assert "length" in failed(check_note("follow-up", rendered.subject, body, note))


def test_a_follow_up_before_the_decision_date_is_flagged(make_input, failed, render_and_check):
    early = make_input("follow-up", decision_date=TODAY + timedelta(days=3))
    late = make_input("follow-up", decision_date=TODAY - timedelta(days=2))
    early_checks = render_and_check(early)[1]
    assert "timing" in failed(early_checks)
    assert "another offer" in failed(early_checks)["timing"]
    assert "timing" not in failed(render_and_check(late)[1])
    assert "timing" not in {c.name for c in render_and_check(make_input("follow-up"))[1]}


@pytest.mark.parametrize(
    ("phrase", "said"),
    [("At the end of the day, I think outside the box.", "Stock phrase"),
     ("It is a very unique team.", "cannot be more or less"),
     ("In my personal opinion, the plan is sound.", 'Write "my opinion"'),
     ("I would argue that the plan is sound.", "Hedging"),
     ("It was a win-win for the team.", "Office jargon")],
)
def test_weak_wording_is_told_in_plain_words(phrase, said, failed, good_note):
    note, subject, body = good_note()
    edited = body.replace("\n\nWarm", f" {phrase}\n\nWarm")
    message = failed(check_note("thank-you", subject, edited, note))["plain words"]
    assert said in message
    assert phrase.split(",")[0].split()[0] in message  # it names the sentence
    assert "damn" not in message and "pretentious" not in message


def test_a_doubtful_name_is_never_ready_until_the_greeting_is_confirmed(make_input, failed,
                                                                        render_and_check):
    doubtful = make_input(interviewer_name="Priya Raman, Tom Byrne")
    assert "comma never separates" in failed(render_and_check(doubtful)[1])["greeting"]
    confirmed = make_input(interviewer_name="García López, María José", greeting_name="María José")
    assert "greeting" not in failed(render_and_check(confirmed)[1])


def test_word_and_sentence_counting():
    assert word_count("Thank-you notes aren't long.") == 4
    assert word_count("") == 0
    assert sentence_count("I met Dr. Raman, e.g. on Monday. It went well! Did it?") == 3
    body = "Dear Priya,\n\nOne. Two. Three.\n\nBest regards,\nSam Okafor"
    assert message_core(body) == "One. Two. Three."


def test_the_length_message_takes_the_right_article_and_count() -> None:
    """Seen: "a application nudge note" and "Only 1 sentence(s)"."""
    from nextround.domain.notes.checks import _check_length

    long = _check_length("application nudge", " ".join(["word"] * 400)).message
    assert "an application nudge note reads best" in long
    short = _check_length("thank-you", "Dear A,\n\nOne.\n\nBest,\nB").message
    assert short.startswith("Only 1 sentence; a thank-you note needs")
