"""The Prep page: the dated plan, practice answers and the practice round survive a reload."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.prep.workspace import TAB_KEY, TABS
from nextround.commands.prep import tick
from nextround.commands.self_check import save_check
from nextround.domain import dates
from nextround.domain.prep.answers import upsert_practice_answer
from nextround.domain.prep.checklist import GENERAL
from nextround.domain.prep.content import checklist
from nextround.storage.store import Store

PAGE = "pages/prep.py"
TELL_ME = "tell-me-about-yourself"


def _interview_id(data_dir: Path, company: str) -> str:
    store = Store(data_dir)
    apps, events = store.load("applications"), store.load("events")
    app_id = apps.loc[apps["company"] == company, "id"].iloc[0]
    mine = events[(events["application_id"] == app_id) & (events["kind"] == "interview")]
    return str(mine.sort_values("date")["id"].iloc[-1])


def open_tab(at: AppTest, name: str) -> AppTest:
    """Open the tab whose label ends with ``name``: only the open tab is drawn."""
    at.session_state[TAB_KEY] = next(t for t in TABS if t.endswith(name))
    return at.run()


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_defaults_to_the_soonest_upcoming_interview(texts, sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception, at.exception
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    assert at.selectbox(key="prep_interview").value == cobalt
    shown = texts(at).replace("\\", "")  # Markdown escapes of user text
    assert "Cobalt Robotics: Product manager" in shown
    assert _metric(at, "Days to go") == "3"
    assert _metric(at, "Checklist") == f"0 of {len(checklist())}"
    # Three days ahead: the week-before steps are fitted into the days left as "catch up",
    # never eight "Overdue" badges (issue 13, 6).
    assert "Short notice: 8 steps meant for earlier days are fitted into the days left" in shown
    steps = " ".join(c.label for c in at.checkbox)  # each step's status is in its label
    assert "[Catch up]" in steps and "Overdue" not in steps
    assert "**A week before** · catch up in the days left" in shown
    # Only the plan is drawn until another tab is opened.
    assert not [r for r in at.radio if r.key == f"prep_round_{cobalt}"]
    # A panel interview suggests the behavioural questions.
    open_tab(at, "Your answers")
    assert at.radio(key=f"prep_round_{cobalt}").value == "behavioural"
    assert not [c for c in at.checkbox if c.key.startswith("prep_item_")]


def test_ticked_steps_survive_a_reload(sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    total = len(checklist())
    at.checkbox(key=f"prep_item_{cobalt}_prep-research-company").check().run()
    # The tick reruns only what it changed, by name: its group (heading and boxes), the note
    # above the plan and the header's figure and bar (a browser keeps the rest of the page;
    # AppTest shows only what a run drew).
    group = [i for i in checklist() if i.slot == "week-before"]
    assert [c.key for c in at.checkbox] == [f"prep_item_{cobalt}_{i.id}" for i in group]
    assert at.checkbox(key=f"prep_item_{cobalt}_prep-research-company").value is True
    assert [m.value for m in at.metric] == [f"1 of {total}"]
    headings = [m.value for m in at.markdown if m.value.endswith(" done")]
    assert len(headings) == 1 and headings[0].endswith(f"1 of {len(group)} done"), headings
    at.run()  # the whole page, as the browser has it
    at.checkbox(key=f"prep_item_{cobalt}_prep-study-posting").check().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.toast][-1] == "Done: Study the job posting"
    assert [m.value for m in at.metric] == [f"2 of {total}"]

    again = open_app(PAGE)  # a new session: what is shown comes from the files
    assert again.checkbox(key=f"prep_item_{cobalt}_prep-research-company").value
    assert again.checkbox(key=f"prep_item_{cobalt}_prep-study-posting").value
    assert not again.checkbox(key=f"prep_item_{cobalt}_prep-know-resume").value
    assert _metric(again, "Checklist") == f"2 of {total}"
    assert f"Checklist: 2 of {total} done" in [p.proto.text for p in again.get("progress")]

    again.checkbox(key=f"prep_item_{cobalt}_prep-study-posting").uncheck().run()
    assert _metric(again, "Checklist") == f"1 of {total}"
    rows = Store(sample_dir).load("prep_progress")
    assert rows.loc[rows["item_id"] == "prep-research-company", "interview_id"].iloc[0] == cobalt


def test_a_tick_shows_another_tabs_tick_as_the_file_has_it(sample_dir: Path,
                                                               open_app) -> None:
    """A tick reruns only its own box, unless the file shows the plan changed in another tab
    meanwhile: then every step is drawn again as the file has it (a keyed box once kept its
    own state over the file's, and showed that step open beside a Done badge)."""
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    tick(Store(sample_dir), cobalt, "prep-know-resume", True, dates.now())  # the other tab
    at.checkbox(key=f"prep_item_{cobalt}_prep-study-posting").check().run()
    assert not at.exception, at.exception
    assert len([c for c in at.checkbox if c.key.startswith("prep_item_")]) == len(checklist())
    assert at.checkbox(key=f"prep_item_{cobalt}_prep-know-resume").value is True
    assert at.checkbox(key=f"prep_item_{cobalt}_prep-study-posting").value is True
    assert _metric(at, "Checklist") == f"2 of {len(checklist())}"


def _open_core_question(at, interview_id: str, question_id: str) -> None:
    open_tab(at, "Your answers")
    at.radio(key=f"prep_round_{interview_id}").set_value("core").run()
    at.radio(key="prep_question_core").set_value(question_id).run()


def test_star_answer_is_saved_and_marked_ready(texts, sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    _open_core_question(at, cobalt, TELL_ME)
    at.text_area(key=f"prep_answer_situation_{TELL_ME}").input("Five years in logistics software.")
    at.text_area(key=f"prep_answer_task_{TELL_ME}").input("Own the routing roadmap.")
    at.text_area(key=f"prep_answer_action_{TELL_ME}").input("Shipped three planning tools.")
    at.text_area(key=f"prep_answer_result_{TELL_ME}").input("Late deliveries fell by a fifth.")
    at.text_area(key=f"prep_answer_answer_{TELL_ME}").input("I build tools people rely on.")
    at.toggle(key=f"prep_answer_ready_{TELL_ME}").set_value(True)
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert not at.exception, at.exception
    assert "Answer saved and marked ready." in [t.value for t in at.toast]

    again = open_app(PAGE)
    assert _metric(again, "Answers ready") == "1"
    _open_core_question(again, cobalt, TELL_ME)
    assert again.text_area(key=f"prep_answer_situation_{TELL_ME}").value == (
        "Five years in logistics software."
    )
    assert again.text_area(key=f"prep_answer_answer_{TELL_ME}").value == (
        "I build tools people rely on."
    )
    assert again.toggle(key=f"prep_answer_ready_{TELL_ME}").value is True
    assert "1 of 14 answers ready in this round" in again.radio(key="prep_question_core").label
    assert "Saved answer: 6 words" in texts(again)  # the spoken answer, not the notes too
    saved = Store(sample_dir).load("practice_answers")
    assert saved["id"].tolist() == [TELL_ME]


def test_an_empty_answer_is_not_saved(sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    _open_core_question(at, _interview_id(sample_dir, "Cobalt Robotics"), TELL_ME)
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert "Write at least a few words first." in [w.value for w in at.warning]
    assert Store(sample_dir).load("practice_answers").empty


def test_a_stale_tab_does_not_overwrite_a_newer_answer(sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    _open_core_question(at, cobalt, TELL_ME)
    at.text_area(key=f"prep_answer_answer_{TELL_ME}").input("First version.")
    next(b for b in at.button if b.label == "Save answer").click().run()

    other_tab = Store(sample_dir)
    other_tab.update(
        "practice_answers",
        lambda f: upsert_practice_answer(
            f,
            TELL_ME,
            None,
            None,
            None,
            None,
            "Written in another tab.",
            True,
            pd.Timestamp.now().to_pydatetime(),
        ),
    )
    at.text_area(key=f"prep_answer_answer_{TELL_ME}").input("Stale edit.")
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert any("changed since this page was opened" in e.value for e in at.error)
    saved = Store(sample_dir).load("practice_answers")
    assert saved["answer"].tolist() == ["Written in another tab."]


def test_empty_data_offers_general_preparation(texts, data_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception, at.exception
    assert at.selectbox(key="prep_interview").value == GENERAL
    shown = texts(at).replace("\\", "")  # Markdown escapes of user text
    assert "General preparation" in shown
    assert "Weak spots show up here once you finish a self-check" in texts(open_tab(at, "answers"))
    open_tab(at, "Plan")
    at.checkbox(key="prep_item_general_prep-star-stories").check().run()
    assert not at.exception, at.exception
    again = open_app(PAGE)
    assert again.checkbox(key="prep_item_general_prep-star-stories").value
    assert _metric(again, "Checklist") == f"1 of {len(checklist())}"
    rows = Store(data_dir).load("prep_progress")
    assert rows["id"].tolist() == ["general:prep-star-stories"]


def test_the_prep_sheet_can_be_downloaded(sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label == "Download the prep sheet"
    # Issue 24, 12: a page that opens in the browser and prints, not a Markdown file.
    assert "opens in your browser, ready to print" in buttons[0].proto.help


def test_another_page_can_open_a_past_interview(texts, sample_dir: Path, open_app) -> None:
    """Opened for an interview two days ago: the 'right after' steps lead, without alarm."""
    acme = _interview_id(sample_dir, "Acme Analytics")
    at = open_app()
    at.session_state["prep_request"] = {"interview_id": acme}
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="prep_interview").value == acme
    shown = texts(at).replace("\\", "")  # Markdown escapes of user text
    assert "Your interview was 2 days ago" in shown
    slots = [m.value for m in at.markdown if m.value.startswith("**") and " done" in m.value]
    assert slots[0].startswith("**Right after**")
    assert "Before the interview" in " ".join(c.label for c in at.checkbox)


def test_weak_spots_bring_their_questions_forward(texts, sample_dir: Path, open_app) -> None:
    day = pd.Timestamp(dates.today() - timedelta(days=2))
    Store(sample_dir).update(
        "self_checks",
        lambda f: pd.DataFrame(
            [
                {
                    "id": "S0001",
                    "label": "Mock",
                    "interview_date": day,
                    "ratings": json.dumps({"rating-opening": 1, "rating-concrete-examples": 4}),
                }
            ]
        ),
    )
    at = open_tab(open_app(PAGE), "Your answers")
    assert not at.exception, at.exception
    shown = texts(at).replace("\\", "")  # Markdown escapes of user text
    assert "Your weak spots" in shown
    assert "Opening." in shown and "Prepare a one to two minute answer" in shown
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    at.radio(key=f"prep_round_{cobalt}").set_value("phone screen").run()
    # The opening question of the phone screen comes first.
    assert (
        at.radio(key="prep_question_phone_screen")
        .options[0]
        .endswith("Can you walk me through your résumé? :violet[:material/target:]")
    )
    # The shortcut opens the question in its round.
    at.button(key=f"prep_weak_rating-opening_{TELL_ME}").click().run()
    assert at.radio(key=f"prep_round_{cobalt}").value == "core"
    assert at.radio(key="prep_question_core").value == TELL_ME


def test_practice_round_times_one_question_at_a_time(texts, sample_dir: Path, open_app) -> None:
    at = open_tab(open_app(PAGE), "Practice round")
    first = at.session_state["prep_drill_seed"]
    assert "Question 1 of 6" in texts(at)
    at.button(key="prep_drill_start").click().run()
    assert not at.exception, at.exception
    assert any(":material/timer: 0:0" in s.value for s in at.subheader)
    at.button(key="prep_drill_next").click().run()
    assert "Question 2 of 6" in texts(at)
    at.button(key="prep_drill_stop").click().run()
    assert any(":material/timer_off:" in s.value for s in at.subheader)
    assert at.session_state["prep_drill_seed"] == first  # the order holds across reruns


def test_prep_answer_keeps_hostile_text(hostile_text, sample_dir: Path, open_app) -> None:
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    _open_core_question(at, cobalt, TELL_ME)
    at.text_area(key=f"prep_answer_answer_{TELL_ME}").input(hostile_text)
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert not at.exception, at.exception
    saved = Store(sample_dir).load("practice_answers")
    assert saved["answer"].tolist() == [hostile_text]
    assert not open_app(PAGE).exception


def test_the_question_to_prepare_better_appears_whatever_the_company(
    texts, sample_dir: Path, open_app
) -> None:
    """Issue 16, 9: the reflection's question was saved but never appeared on Prep."""
    store = Store(sample_dir)
    apps = store.load("applications")
    birch = apps.loc[apps["company"] == "Birchwood Health", "id"].iloc[0]
    save_check(store, {"application_id": birch, "interview_date": dates.today() - timedelta(5),
                       "answers": {}, "prepare_better": "Why *this* hospital group? <b>"},
               dates.now())
    at = open_app(PAGE)  # prepares for Cobalt, another company
    assert not at.exception, at.exception
    assert at.selectbox(key="prep_interview").value == _interview_id(sample_dir, "Cobalt Robotics")
    shown = texts(at)
    assert "The question you wanted to prepare better" in shown
    line = next(m.value for m in at.markdown if "hospital group" in m.value)
    assert "\\*this\\*" in line  # the user's text, escaped, never formatted
    assert "from your self-check of Birchwood Health" in line
    at.selectbox(key="prep_interview").set_value(GENERAL).run()
    assert "hospital group" in texts(at)  # general preparation too


def test_weak_spots_are_the_same_three_in_the_same_order_on_both_pages(
    texts, sample_dir: Path, open_app
) -> None:
    """Issue 16, 9: four items rated 2 and each page picked a different three."""
    rated_two = ["rating-asked-questions", "rating-on-time-prepared", "rating-weakness",
                 "rating-opening"]
    at = open_app("pages/self_check.py")
    event_id = at.selectbox(key="sc_interview").value
    form = f"{event_id}_new"
    tabs = {t.label.split(" (")[0]: t.label for t in at.tabs}
    at.session_state[f"sc_{form}_group"] = tabs["Time and attention"]  # only one tab is drawn
    at.run().radio(key=f"sc_{form}_sign-rapport").set_value("yes")
    at.session_state[f"sc_{form}_group"] = tabs[":material/person: Your own view"]
    at.run()
    for item in rated_two:
        at.radio(key=f"sc_{form}_{item}").set_value(2)
    next(b for b in at.button if b.label == "See my reading").click().run()
    assert not at.exception, at.exception
    plan_spots = [c.value.split("**")[1] for c in at.caption
                  if c.value.startswith("**") and " of 5):" in c.value]
    assert len(plan_spots) == 3
    next(b for b in at.button if b.label == "Save this check").click().run()
    assert not at.exception, at.exception

    prep = open_tab(open_app(PAGE), "Your answers")
    prep_spots = [m.value.split("**")[1].rstrip(".") for m in prep.markdown
                  if m.value.startswith(":material/target: **")]
    assert prep_spots == plan_spots


def test_a_stale_answer_is_refused_even_after_an_unrelated_save(
    sample_dir: Path, open_app
) -> None:
    """Ticking a checklist item (a save of another table) once made the stale answer form look
    fresh, and its save overwrote the answer another tab had written."""
    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    _open_core_question(at, cobalt, TELL_ME)
    Store(sample_dir).update("practice_answers", lambda f: upsert_practice_answer(
        f, TELL_ME, None, None, None, None, "Written in another tab.", True,
        pd.Timestamp.now().to_pydatetime()))
    open_tab(at, "Plan").checkbox(key=f"prep_item_{cobalt}_prep-research-company").check().run()
    open_tab(at, "Your answers")
    at.text_area(key=f"prep_answer_answer_{TELL_ME}").input("Stale edit.")
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert any("changed since this page was opened" in e.value for e in at.error)
    saved = Store(sample_dir).load("practice_answers")
    assert saved["answer"].tolist() == ["Written in another tab."]


def test_a_tick_that_cannot_be_saved_is_shown_unticked_with_the_reason(
    sample_dir: Path, open_app, monkeypatch
) -> None:
    import errno

    at = open_app(PAGE)
    cobalt = _interview_id(sample_dir, "Cobalt Robotics")
    key = f"prep_item_{cobalt}_prep-research-company"

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("nextround.storage.store.atomic_write_bytes", disk_full)
    at.checkbox(key=key).check().run()
    assert not at.exception, at.exception
    assert any("the disk is full" in e.value for e in at.error)
    assert at.checkbox(key=key).value is False
    assert Store(sample_dir).load("prep_progress").empty
