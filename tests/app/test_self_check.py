"""The Self-check page: choose an interview, answer the signs, read, plan, save and reopen."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.self_check.signs import ABOUT, OWN_VIEW
from components.shared.navigation import has_page
from nextround.commands.self_check import save_check
from nextround.domain import dates
from nextround.domain.dates import format_day
from nextround.domain.next_note import next_note
from nextround.domain.self_check.content import sign_groups, signs
from nextround.storage.store import Store
from nextround.views.self_check import interview_choices
from tests.learning_data import write_learning_search

PAGE = "pages/self_check.py"
YES = ("sign-next-round-invite", "sign-rapport", "sign-answered-your-questions")
NO = ("sign-distracted", "sign-no-next-steps")


def _choice(data_dir: Path, company: str, round_no: int | None = None) -> pd.Series:
    store = Store(data_dir)
    choices = interview_choices(store.load("applications"), store.load("events"), dates.today())
    mine = choices[choices["company"] == company]
    if round_no is not None:
        mine = mine[mine["round"] == round_no]
    return mine.iloc[0]


def _checks(data_dir: Path) -> pd.DataFrame:
    return Store(data_dir).load("self_checks")


def _tab_of(item: str) -> str:
    """The start of the label of the form's tab that holds ``item`` (a sign, a rating, or
    something about the interview)."""
    sign = next((s for s in signs() if s.id == item), None)
    if sign is not None:
        return next(g["label"] for g in sign_groups() if g["id"] == sign.group) + " ("
    return OWN_VIEW if item.startswith("rating-") else ABOUT


def _open(at: AppTest, form_key: str, item: str) -> AppTest:
    """Open the tab that holds ``item``: only the open tab of the form is drawn."""
    label = next(t.label for t in at.tabs if t.label.startswith(_tab_of(item)))
    at.session_state[f"sc_{form_key}_group"] = label
    return at.run()


def _radio(at: AppTest, form_key: str, item: str):
    return _open(at, form_key, item).radio(key=f"sc_{form_key}_{item}")


def _answer(at: AppTest, form_key: str, answers: dict[str, object]) -> None:
    """Answer signs (or ratings) tab by tab, as a person goes through the form."""
    for item, answer in answers.items():
        _radio(at, form_key, item).set_value(answer)
        at.run()


def _everything(at: AppTest, form_key: str, texts) -> tuple[set[str], str]:
    """Every tab opened in turn: the keys of the radios drawn, and all the text shown."""
    keys, shown = set(), []
    for label in [t.label for t in at.tabs if t.label.startswith((ABOUT, OWN_VIEW)) or
                  t.label.endswith(")")]:
        at.session_state[f"sc_{form_key}_group"] = label
        at.run()
        keys |= {r.key for r in at.radio}
        shown.append(texts(at))
    return keys, "\n".join(shown)


def _submit_reading(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "See my reading").click()
    return at.run()


def _press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return at.run()


def _open_acme(open_app, sample_dir: Path) -> tuple[AppTest, pd.Series]:
    acme = _choice(sample_dir, "Acme Analytics", 2)
    at = open_app(PAGE)
    at.selectbox(key="sc_interview").set_value(acme["event_id"]).run()
    assert not at.exception, at.exception
    return at, acme


def test_acme_round_two_reading_plan_save_and_reopen(texts, sample_dir: Path, open_app) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    assert acme["date"] == pd.Timestamp(dates.today() - timedelta(days=2))
    shown = texts(at)
    assert "Acme Analytics · Data analyst · round 2" in shown
    # Nothing to read before the form is submitted.
    assert "Your reading" not in [h.value for h in at.header]
    form_key = f"{acme['event_id']}_new"
    _answer(at, form_key, dict.fromkeys(YES, "yes") | dict.fromkeys(NO, "no")
            | {"rating-weakness": 1})
    _submit_reading(at)
    assert not at.exception, at.exception

    shown = texts(at)
    assert "Mostly encouraging signs" in shown
    assert "More of what you saw points the right way" in shown
    assert "Not a prediction" in shown and "does not predict the decision" in shown
    for caveat in ("friendly to every candidate", "too harshly", "often missed", "written offer"):
        assert caveat in shown
    assert "Invited to another round" in shown  # a sign that moved it most
    assert "SmartRecruiters, 2017" in shown  # the figure, with its source
    # The gauge and the signs' pushes are drawn the one way every chart is: a small Vega-Lite
    # spec whose data travels as Arrow bytes (st.altair_chart once drew them another way).
    drawn = [c.proto for c in at.get("vega_lite_chart")]
    gauge = next(c for c in drawn if "Where the signs balance" in c.spec)
    assert gauge.datasets and all(d.data.data for d in gauge.datasets)
    assert sum("Where the signs balance" in c.spec for c in drawn) == 1
    # The plan: no thank-you is logged for round 2, so one is due today.
    assert "Send a thank-you note to Acme Analytics" in shown
    assert "Prepare for the next interview" in shown and "framing a weakness" in shown
    assert any(b.label == "Write it" for b in at.button)

    at.text_area(key=f"sc_{form_key}_went_well").input("The case study")
    at.text_area(key=f"sc_{form_key}_prepare_better").input("Why leave my current job?")
    _press(at, "Save this check")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    saved = _checks(sample_dir)
    assert len(saved) == 1
    row = saved.iloc[0]
    assert (row["event_id"], row["application_id"]) == (acme["event_id"], acme["application_id"])
    assert row["band"] == "Mostly encouraging signs" and row["score"] > 65
    assert row["went_well"] == "The case study"
    answers = json.loads(row["answers"])
    assert answers["sign-next-round-invite"] == "yes" and answers["sign-distracted"] == "no"
    assert any(t.value.startswith("Check saved") for t in at.toast)
    # After the save the page shows the saved check, ready to edit.
    assert any(b.label == "Save changes" for b in at.button)

    # A fresh visit finds the check again, with its answers in the form and its reading shown.
    again, _ = _open_acme(open_app, sample_dir)
    reopened = f"{acme['event_id']}_{row['id']}"
    assert again.selectbox(key=f"sc_check_{acme['event_id']}").value == row["id"]
    assert _radio(again, reopened, "sign-next-round-invite").value == "yes"
    assert _radio(again, reopened, "sign-distracted").value == "no"
    assert _radio(again, reopened, "sign-rapport").value == "yes"
    assert _radio(again, reopened, "sign-cut-short").value == "not sure"
    assert _radio(again, reopened, "rating-weakness").value == 1
    assert again.text_area(key=f"sc_{reopened}_went_well").value == "The case study"
    assert "Mostly encouraging signs" in texts(again)

    # Editing it saves over the same row.
    _answer(again, reopened, {"sign-cut-short": "yes"})
    _submit_reading(again)
    _press(again, "Save changes")
    assert not again.error, [e.value for e in again.error]
    saved = _checks(sample_dir)
    assert len(saved) == 1
    assert json.loads(saved.iloc[0]["answers"])["sign-cut-short"] == "yes"
    assert saved.iloc[0]["score"] < row["score"]


def test_quick_check_on_empty_data_with_nothing_answered(texts, data_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception, at.exception
    assert "quick check" in texts(at)
    assert not at.selectbox  # no interviews to choose from
    _submit_reading(at)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Not enough to tell" in shown
    assert "of 100" not in shown
    assert all("of 100" not in str(c.proto) for c in at.get("vega_lite_chart"))
    assert "Not a prediction" in shown and "written offer" in shown
    # The plan still helps: reflect, a thank-you, and more applications.
    assert "Write a short reflection" in shown
    # "this week" on a working day, "today" from Friday on: either way, dated and there.
    assert "Add another application this week" in shown or (
        "Add another application today" in shown
    )
    where = "Open Pipeline" if has_page("Pipeline") else "Open Home"
    assert any(p.label == where for p in at.get("page_link"))

    at.text_input(key="sc_quick_new_label").input("Coffee chat with Fern & Co")
    _submit_reading(at)
    _press(at, "Save this check")
    assert not at.exception, at.exception
    saved = _checks(data_dir)
    assert len(saved) == 1
    row = saved.iloc[0]
    assert row["label"] == "Coffee chat with Fern & Co"
    assert pd.isna(row["score"]) and row["band"] == "Not enough to tell"
    assert pd.isna(row["application_id"]) and pd.isna(row["event_id"])
    assert row["interview_date"] == pd.Timestamp(dates.today())

    again = open_app(PAGE)
    assert again.selectbox(key="sc_check_quick").value == row["id"]
    assert again.text_input(key=f"sc_quick_{row['id']}_label").value == (
        "Coffee chat with Fern & Co"
    )
    assert "Not enough to tell" in texts(again)


def test_a_stale_save_is_refused(sample_dir: Path, open_app) -> None:
    acme = _choice(sample_dir, "Acme Analytics", 2)
    store = Store(sample_dir)
    check_id = save_check(
        store,
        {
            "application_id": acme["application_id"],
            "event_id": acme["event_id"],
            "interview_date": acme["date"],
            "answers": {"sign-rapport": "yes"},
        },
        dates.now(),
    )
    at, _ = _open_acme(open_app, sample_dir)
    form_key = f"{acme['event_id']}_{check_id}"
    assert _radio(at, form_key, "sign-rapport").value == "yes"
    # Another tab saves this same check after this page was drawn.
    save_check(store, {"application_id": acme["application_id"], "event_id": acme["event_id"],
                       "interview_date": acme["date"], "answers": {"sign-rapport": "no"}},
               dates.now(), check_id)
    before = _checks(sample_dir)
    at.text_area(key=f"sc_{form_key}_went_well").input("From the stale tab")
    _press(at, "Save changes")
    assert not at.exception, at.exception
    assert any("changed since this page was opened" in e.value for e in at.error)
    pd.testing.assert_frame_equal(_checks(sample_dir), before)


def test_another_page_can_ask_for_an_interview(texts, sample_dir: Path, open_app) -> None:
    birch = _choice(sample_dir, "Birchwood Health")
    at = open_app(PAGE)
    at.session_state["self_check_request"] = {"application_id": birch["application_id"]}
    at.run()
    assert at.selectbox(key="sc_interview").value == birch["event_id"]
    _answer(at, f"{birch['event_id']}_new", {"sign-cut-short": "yes", "sign-distracted": "yes"})
    _submit_reading(at)
    shown = texts(at)
    assert "Leaning towards the warning signs" in shown and "only 2 signs" in shown
    # Five days after the interview with no thank-you: a late one, still worth sending.
    assert "Send a late thank-you note to Birchwood Health" in shown


def test_a_low_reading_opens_with_the_first_step_before_anything_else(
    texts, sample_dir: Path, open_app
) -> None:
    """Issue 13, 5: honour how rotten it feels, then act: the first words after a low reading
    and the first step of the plan, warm and short."""
    at, acme = _open_acme(open_app, sample_dir)
    _answer(at, f"{acme['event_id']}_new",
            dict.fromkeys(("sign-cut-short", "sign-distracted", "sign-other-strong-candidates",
                           "sign-fit-objections", "sign-surface-questions",
                           "sign-closed-body-language", "sign-resume-unread",
                           "sign-abrupt-answers"), "yes"))
    _submit_reading(at)
    assert not at.exception, at.exception
    shown = texts(at)
    marks = [m.value for m in at.markdown]
    warm = next(i for i, m in enumerate(marks) if "That stings, and it is fair to feel it." in m)
    assert marks[warm + 1] == "### Several warning signs"  # the very first words of it
    assert "remember what you are good at" in shown
    steps = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert steps == ["**1. Give the feeling a moment, then act**"]
    # The reflection asks what went well before what to change.
    areas = [a.label for a in at.text_area]
    assert areas.index("What went well") < areas.index("What you would change")


def test_an_encouraging_reading_has_no_consolation_but_keeps_the_first_step(
    texts, sample_dir: Path, open_app
) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    _answer(at, f"{acme['event_id']}_new", dict.fromkeys(YES, "yes"))
    _submit_reading(at)
    shown = texts(at)
    assert "That stings" not in shown
    assert "**1. Give the feeling a moment, then act**" in shown
    # "How sure" is named for what it is, in words first.
    assert "How sure" not in shown
    assert ("**What it rests on:** 4 signs, light ones that together are a small part of what "
            "there is to notice, so treat it as rough.") in shown


def test_a_phone_screen_hides_what_a_screen_asks_everyone(texts, sample_dir: Path,
                                                           open_app) -> None:
    """Issue 13, 1: the type logged on the interview is the reading's starting point."""
    round_one = _choice(sample_dir, "Acme Analytics", 1)
    at = open_app(PAGE)
    at.selectbox(key="sc_interview").set_value(round_one["event_id"]).run()
    form_key = f"{round_one['event_id']}_new"
    assert at.radio(key=f"sc_{form_key}_type").value == "phone"
    keys, shown = _everything(at, form_key, texts)
    for hidden in ("sign-salary-raised", "sign-asked-your-timeline",
                   "sign-start-date-discussed", "sign-asked-your-interest", "sign-given-tour"):
        assert f"sc_{form_key}_{hidden}" not in keys
    assert f"sc_{form_key}_sign-sold-the-job" in keys
    assert "Not asked on a phone screen:" in shown
    _answer(at, form_key, {"sign-rapport": "yes", "sign-sold-the-job": "yes"})
    _open(at, form_key, "scheduled")
    at.number_input(key=f"sc_{form_key}_scheduled").set_value(30)
    at.number_input(key=f"sc_{form_key}_actual").set_value(20)
    _submit_reading(at)
    shown = texts(at)
    assert "Read as a phone screen." in shown
    assert "Counting for less on a phone screen" in shown

    # Read as an on-site interview, the salary question comes back.
    at.radio(key=f"sc_{form_key}_type").set_value("onsite").run()
    assert f"sc_{form_key}_sign-salary-raised" in _everything(at, form_key, texts)[0]
    assert "Read as an on-site interview." in texts(at)


def test_the_kind_of_interview_is_saved_with_the_check(sample_dir: Path, open_app) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    form_key = f"{acme['event_id']}_new"
    assert at.radio(key=f"sc_{form_key}_type").value == "video"
    at.radio(key=f"sc_{form_key}_type").set_value("panel").run()
    _answer(at, form_key, {"sign-met-the-team": "yes"})
    _submit_reading(at)
    _press(at, "Save this check")
    assert not at.exception, at.exception
    row = _checks(sample_dir).iloc[0]
    assert json.loads(row["answers"])["context-interview-type"] == "panel"
    again, _ = _open_acme(open_app, sample_dir)
    assert again.radio(key=f"sc_{acme['event_id']}_{row['id']}_type").value == "panel"


def test_the_plan_dates_the_wait_from_the_decision_date_they_gave(
    texts, sample_dir: Path, open_app
) -> None:
    """Issue 16, 8, and "when will I hear back" in the plan: Acme said they would decide in
    eight days; the follow-up comes from the rules, two business days after."""
    at, acme = _open_acme(open_app, sample_dir)
    _submit_reading(at)
    decision = dates.today() + timedelta(days=8)
    follow_up = next_note(Store(sample_dir).load("applications"),
                          Store(sample_dir).load("events"), None, dates.today(),
                          acme["application_id"]).follow_up_due
    title = (f"They decide by {format_day(decision, dates.today())}; if nothing by "
             f"{format_day(follow_up, dates.today())}, follow up")
    assert "**3. Send a thank-you note to Acme Analytics**" in texts(at)
    assert any(m.value == f"**4. {title}**" for m in at.markdown)
    assert "Your own history" in texts(at)
    assert "Glassdoor" not in texts(at)


def test_write_it_opens_notes_for_this_interview(sample_dir: Path, open_app) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    _submit_reading(at)
    _press(at, "Write it")
    assert not at.exception, at.exception
    assert at.title[0].value != "Self-check"
    assert at.session_state["notes_application"] == acme["application_id"]


def test_a_saved_check_can_be_deleted_after_confirming(texts, sample_dir: Path, open_app) -> None:
    acme = _choice(sample_dir, "Acme Analytics", 2)
    store = Store(sample_dir)
    save_check(
        store,
        {"application_id": acme["application_id"], "event_id": acme["event_id"], "answers": {}},
        dates.now(),
    )
    at, _ = _open_acme(open_app, sample_dir)
    _press(at, "Delete this check")
    assert len(_checks(sample_dir)) == 1  # nothing goes before the confirmation
    _press(at, "Delete it")
    assert not at.exception, at.exception
    assert _checks(sample_dir).empty
    assert "No saved check for this interview yet" in texts(at)


def test_learning_waits_for_five_outcomes_then_compares(texts, sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    assert "0 of 5 outcomes known" in [p.proto.text for p in at.get("progress")]
    store = Store(sample_dir)
    apps, events = store.load("applications"), store.load("events")
    choices = interview_choices(apps, events, dates.today())
    for i, row in enumerate(choices.itertuples()):
        answers = {"sign-next-round-invite": "yes" if i % 2 else "no", "sign-rapport": "yes"}
        save_check(
            store,
            {
                "application_id": row.application_id,
                "event_id": row.event_id,
                "interview_date": row.date,
                "answers": answers,
            },
            dates.now(),
        )
    at = open_app(PAGE)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Average reading before each kind of outcome" in shown
    assert "tiny sample" in shown
    # The saved checks are listed and can be reopened.
    assert at.expander and any("All saved checks" in e.label for e in at.expander)


def test_any_saved_check_can_be_reopened_from_the_list(texts, sample_dir: Path, open_app) -> None:
    acme = _choice(sample_dir, "Acme Analytics", 2)
    store = Store(sample_dir)
    quick = save_check(
        store, {"label": "Coffee chat", "answers": {"sign-rapport": "yes"}}, dates.now()
    )
    save_check(
        store,
        {"application_id": acme["application_id"], "event_id": acme["event_id"], "answers": {}},
        dates.now(),
    )
    at = open_app(PAGE)
    assert at.selectbox(key="sc_interview").value != "quick"
    at.selectbox(key="sc_reopen").set_value(quick)
    _press(at, "Reopen")
    assert not at.exception, at.exception
    assert at.radio(key="sc_source").value == "quick"
    assert at.text_input(key=f"sc_quick_{quick}_label").value == "Coffee chat"
    assert _radio(at, f"quick_{quick}", "sign-rapport").value == "yes"
    assert "Leaning encouraging" in texts(at)  # one sign, pointing up


def test_a_broken_checks_file_is_explained_and_left_alone(texts, data_dir: Path, open_app) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "self_checks.csv"
    path.write_text("id,score\nS00001,very good\n")
    before = path.read_bytes()
    at = open_app(PAGE)
    assert not at.exception, at.exception
    assert "self_checks.csv cannot be read" in texts(at)
    assert path.read_bytes() == before


def test_self_check_reflection_keeps_hostile_text(hostile_text, sample_dir: Path, open_app) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    form_key = f"{acme['event_id']}_new"
    _answer(at, form_key, {"sign-rapport": "yes"})
    _submit_reading(at)
    at.text_area(key=f"sc_{form_key}_went_well").input(hostile_text)
    _press(at, "Save this check")
    assert not at.exception, at.exception
    assert _checks(sample_dir)["went_well"].tolist() == [hostile_text]
    again, _ = _open_acme(open_app, sample_dir)
    assert not again.exception


def test_the_learning_view_says_how_sure_with_intervals(texts, data_dir: Path, open_app) -> None:
    """Issue 24 item 11: seven known outcomes: the difference with its 90% interval and "too
    few to tell", the rates by source, and a note that the chart comes at ten."""
    write_learning_search(data_dir)
    at = open_app(PAGE)
    assert not at.exception, at.exception
    shown = texts(at)
    difference = next(m.value for m in at.markdown if m.value.startswith("**The difference:**"))
    assert "90% interval" in difference and difference.endswith("too few to tell.")
    assert "tiny sample" in shown
    assert "At 10 known outcomes, a chart of your readings against what happened" in shown
    tables = [d.value for d in at.dataframe]
    by_source = next(t for t in tables if "Got an answer" in t.columns)
    assert "LinkedIn" in set(by_source["Source"])
    assert by_source["Got an answer"].str.contains(r"\d+ of \d+ \(\d+%; 90% interval").all()
    signs = next(t for t in tables if "seen_good" in t.columns)
    assert signs["says"].str.contains("90% interval").all()


def test_the_calibration_chart_comes_at_ten_outcomes(texts, data_dir: Path, open_app) -> None:
    write_learning_search(data_dir, extra=6)
    at = open_app(PAGE)
    assert not at.exception, at.exception
    assert any("Readings against outcomes" in str(c.proto) for c in at.get("vega_lite_chart"))
    assert "At 10 known outcomes" not in texts(at)


# ---- The reading's words (issue 24, items 7 to 9) ---------------------------------------------


def test_the_tooltips_are_hedged_and_the_questions_asked_the_plain_way_round(
    sample_dir: Path, open_app
) -> None:
    at, acme = _open_acme(open_app, sample_dir)
    form_key = f"{acme['event_id']}_new"
    sold = _radio(at, form_key, "sign-sold-the-job")
    assert "Selling means they want you to say yes" not in sold.help
    assert "some interviewers pitch to every candidate" in sold.help
    quick = _radio(at, form_key, "sign-fast-scheduling")
    assert "Employers tend to move fast" not in quick.help
    vague = _radio(at, form_key, "sign-no-next-steps")
    assert vague.label == "Were the next steps left vague, at most a \"we'll be in touch\"?"


def test_an_answer_worked_out_from_the_decision_date_is_never_called_yours(
    texts, sample_dir: Path, open_app
) -> None:
    """Acme's round 2 has a decision date in the records, so "clear timeline" is worked out from
    it; answering "next steps left vague" yes is not a disagreement of the person's answers."""
    at, acme = _open_acme(open_app, sample_dir)
    _answer(at, f"{acme['event_id']}_new", {"sign-no-next-steps": "yes", "sign-rapport": "yes"})
    _submit_reading(at)
    shown = texts(at)
    assert "your answers disagree" not in shown
    assert "\u201cClear timeline for next steps\u201d (yes, from the decision date given)" in shown
    assert "Your own answer \u201cNo clear next steps\u201d (yes) counts" in shown


def test_a_reading_after_a_logged_rejection_says_so_first(texts, sample_dir: Path,
                                                          open_app) -> None:
    """Issue 24, 9: Driftwood Games turned the person down after the interview; a good reading of
    that interview opens with the rejection, connected, before the band."""
    driftwood = _choice(sample_dir, "Driftwood Games")
    at = open_app(PAGE)
    at.selectbox(key="sc_interview").set_value(driftwood["event_id"]).run()
    _answer(at, f"{driftwood['event_id']}_new", dict.fromkeys(YES, "yes"))
    _submit_reading(at)
    assert not at.exception, at.exception
    marks = [m.value for m in at.markdown]
    first = next(i for i, m in enumerate(marks) if "You have logged a rejection" in m)
    assert "sometimes there is just a better fit" in marks[first]
    assert marks[first + 1].startswith("### ")  # said before the band
    assert "That stings" not in texts(at)
