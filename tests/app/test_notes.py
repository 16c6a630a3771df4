"""The Notes page: from an interview in the records to a note marked as sent, with its checks,
the person's own templates, and the empty state."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nextround.domain import dates
from nextround.domain.followup import due_actions
from nextround.domain.kinds import NOTES as NOTE_REGISTRY
from nextround.domain.settings import rule_settings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

NOTES = "pages/notes.py"
ACME = "A00001"
DRIFTWOOD = "A00004"


def by_prefix(elements, prefix: str) -> list:
    return [e for e in elements if e.key and e.key.startswith(prefix)]


def write(at: AppTest, detail: str | None = None, sender: str = "Sam Okafor") -> None:
    if detail is not None:
        by_prefix(at.text_input, "notes_detail_")[0].input(detail)
    at.text_input(key="notes_sender").input(sender)
    at.button(key="notes_write").click().run()
    assert not at.exception, at.exception


def test_thank_you_for_acme_from_request_to_marked_as_sent(
    go_to_page, texts, sample_dir: Path, open_app
) -> None:
    store = Store(sample_dir)
    interview = store.load("events").query("application_id == @ACME and kind == 'interview'")
    latest = interview.sort_values("date").iloc[-1]
    at = go_to_page("Notes", application_id=ACME, kind="thank-you", event_id=latest["id"])
    shown = texts(at)
    assert "Suggested: thank-you." in shown
    assert "2 days ago" in shown
    assert at.selectbox(key="notes_application").value == ACME
    assert by_prefix(at.selectbox, "notes_kind_")[0].value == "thank-you"

    write(at, detail="the plan to open an office in Lisbon")
    bodies = by_prefix(at.text_area, "notes_body_")
    assert len(bodies) == len(latest["interviewers"].split(";")) >= 1
    draft = bodies[0].value
    assert "the plan to open an office in Lisbon" in draft
    assert draft.rstrip().endswith("Sam Okafor")
    assert "Ready to send: every check passes" in texts(at)

    edited = draft.replace("Thank you for taking", "Thank you very much for taking")
    assert edited != draft
    bodies[0].input(edited).run()
    by_prefix(at.button, "notes_mark_")[0].click().run()
    assert not at.exception, at.exception
    assert any("Marked as sent: thank-you" in t.value for t in at.toast)

    events = store.load("events")
    logged = events[(events["application_id"] == ACME) & (events["kind"] == "thank-you sent")]
    assert (logged["date"].dt.date == dates.today()).sum() == 1
    sent = store.load("sent_notes")
    assert sent["body"].tolist() == [edited]
    assert sent["event_id"].iloc[0] in set(logged["id"])
    actions = due_actions(
        store.load("applications"),
        events,
        rule_settings(store.load("settings")),
        dates.today(),
        store.load("actions"),
    )
    mine = actions[actions["application_id"] == ACME]
    thanked = sent["recipient_name"].iloc[0]
    owed = mine[mine["kind"].isin(["thank-you", "late thank-you"])]
    assert thanked not in set(owed["person"])  # the others of a panel are still owed theirs
    assert len(owed) == len(latest["interviewers"].split(";")) - 1
    settings = store.load("settings")
    assert settings.loc[settings["id"] == "sender_name", "value"].tolist() == ["Sam Okafor"]
    assert any("thank-you to" in e.label for e in at.expander)


def test_each_interviewer_gets_an_event_of_their_own(
    go_to_page, texts, sample_dir: Path, open_app
) -> None:
    store = Store(sample_dir)
    store.update(
        "events",
        lambda f: f.assign(
            interviewers=f["interviewers"].where(
                ~((f["application_id"] == ACME) & (f["kind"] == "interview")),
                "Priya Raman; Tom Byrne",
            ),
            interviewer_emails=f["interviewer_emails"].where(
                ~((f["application_id"] == ACME) & (f["kind"] == "interview")),
                "priya@acme.example; tom@acme.example",
            ),
        ),
    )
    at = go_to_page("Notes", application_id=ACME, kind="thank-you")
    write(at)
    assert [t.label for t in at.tabs] == ["To Priya Raman", "To Tom Byrne"]
    for _ in range(2):
        by_prefix(at.button, "notes_mark_")[0].click().run()
        assert not at.exception, at.exception
    sent = store.load("sent_notes")
    assert sent["recipient_name"].tolist() == ["Priya Raman", "Tom Byrne"]
    assert sent["body"].iloc[1].startswith("Dear Tom,")
    assert sent["event_id"].nunique() == 2  # each thank-you logs the person it went to
    events = store.load("events")
    thanked = events[(events["kind"] == "thank-you sent")
                     & (events["date"].dt.date == dates.today())]
    assert thanked["interviewers"].tolist() == ["Priya Raman", "Tom Byrne"]
    assert not by_prefix(at.button, "notes_mark_")
    assert "Marked as sent today" in texts(at)


def test_opened_from_the_menu_it_picks_the_most_recent_interview(
    go_to_page, texts, sample_dir, open_app
) -> None:
    events = Store(sample_dir).load("events")
    past = events[(events["kind"] == "interview") & (events["date"].dt.date <= dates.today())]
    expected = past.sort_values("date").iloc[-1]["application_id"]
    at = go_to_page("Notes")
    assert at.selectbox(key="notes_application").value == expected
    assert "Suggested:" in texts(at)


def test_rejection_reply_suggested_after_a_no(
    go_to_page, texts, sample_dir: Path, open_app
) -> None:
    at = go_to_page("Notes", application_id=DRIFTWOOD, kind="rejection reply", event_id=None)
    shown = texts(at)
    assert "Suggested: rejection reply." in shown
    assert "same email thread" in shown
    by_prefix(at.checkbox, "notes_ask_feedback_")[0].check()
    by_prefix(at.text_input, "notes_strength_")[0].input("careful research synthesis")
    write(at)
    body = by_prefix(at.text_area, "notes_body_")[0].value
    assert "stronger candidate" in body
    assert "careful research synthesis" in body
    by_prefix(at.button, "notes_mark_")[0].click().run()
    store = Store(sample_dir)
    actions = due_actions(
        store.load("applications"),
        store.load("events"),
        rule_settings(store.load("settings")),
        dates.today(),
        store.load("actions"),
    )
    assert not (actions["application_id"] == DRIFTWOOD).any()
    assert store.load("sent_notes")["kind"].tolist() == ["rejection reply"]


def test_another_kind_and_tone_can_be_chosen(go_to_page, texts, sample_dir: Path, open_app) -> None:
    at = go_to_page("Notes", application_id=ACME)
    by_prefix(at.selectbox, "notes_kind_")[0].select("follow-up").run()
    assert any(k.label == "Optional: something new since the interview" for k in at.text_input)
    write(at, detail="the Lisbon office")
    body = by_prefix(at.text_area, "notes_body_")[0].value
    assert "still very interested" in body
    # The decision date in the records is ahead, so the timing check advises waiting.
    assert "Timing" in texts(at)
    assert "another offer" in texts(at)


def test_typed_text_stays_text(go_to_page, texts, sample_dir: Path, open_app) -> None:
    at = go_to_page("Notes", application_id=ACME)
    write(at, detail="{{ 7*7 }} and **the [link](http://x.example)**")
    body = by_prefix(at.text_area, "notes_body_")[0].value
    assert "{{ 7*7 }} and **the [link](http://x.example)**" in body
    assert "49" not in body
    assert "Looks like template code" in texts(at)


def test_an_address_that_could_add_fields_is_explained(
    go_to_page, sample_dir: Path, open_app
) -> None:
    store = Store(sample_dir)
    is_acme_interview = lambda f: (f["application_id"] == ACME) & (f["kind"] == "interview")  # noqa: E731
    store.update(
        "events",
        lambda f: f.assign(
            interviewers=f["interviewers"].where(~is_acme_interview(f), "Priya Raman"),
            interviewer_emails=f["interviewer_emails"].where(
                ~is_acme_interview(f), "priya@acme.example?bcc=someone@else.example"
            ),
        ),
    )
    at = go_to_page("Notes", application_id=ACME)
    write(at)
    warning = " ".join(w.value for w in at.warning)
    assert "does not look like a single email address" in warning


def test_user_templates_render_and_a_broken_one_is_explained(
    go_to_page, sample_dir: Path, open_app
) -> None:
    folder = sample_dir / "templates"
    folder.mkdir()
    (folder / "short.j2").write_text(
        "Subject: Thanks, {{ greeting_name }}\n\nDear {{ greeting_name }},\n\n"
        "Thanks for {{ specific_detail|sentence }}\n\n{{ sender_name }}\n",
        encoding="utf-8",
    )
    (folder / "broken.j2").write_text(
        "Subject: Hi\n\nDear {{ greeting_name }},\n{% if repair %}\n{{ repair }}\n",
        encoding="utf-8",
    )
    at = go_to_page("Notes", application_id=ACME)
    wording = at.selectbox(key="notes_wording")
    assert wording.options == ["Built-in", "Your template: broken.j2", "Your template: short.j2"]

    wording.select("broken.j2").run()
    write(at)
    errors = " ".join(e.value for e in at.error)
    assert "could not be used" in errors
    assert "broken.j2, line " in errors
    assert not by_prefix(at.text_area, "notes_body_")

    at.selectbox(key="notes_wording").select("short.j2").run()
    write(at, detail="the Lisbon office")
    assert not at.error
    body = by_prefix(at.text_area, "notes_body_")[0].value
    assert "Thanks for the Lisbon office." in body
    subject = by_prefix(at.text_input, "notes_subject_")[0].value
    assert subject.startswith("Thanks, ")
    assert "Variables" not in errors  # a syntax error names the line, not the variable list
    assert any(e.label == "Write your own template" for e in at.expander)
    at.session_state["notes_template_help"] = True  # opened: its guide is drawn
    at.run()
    assert any("Save a text file ending in **.j2**" in m.value for m in at.markdown)
    assert str(folder) in [c.value for c in at.code]


def test_empty_data_explains_and_links_home(texts, open_app) -> None:
    at = open_app(NOTES)
    assert not at.exception, at.exception
    assert "Add your first application" in texts(at)
    assert not at.selectbox


def test_the_sources_of_the_figures_are_named(
    go_to_page, texts, sample_dir: Path, open_app
) -> None:
    at = go_to_page("Notes")
    shown = texts(at)
    for source in ("TopResume", "Accountemps", "CareerBuilder"):
        assert source in shown


def test_every_sample_application_drafts_and_is_never_ready_without_its_detail(
    go_to_page, texts, sample_dir: Path, open_app
) -> None:
    at = go_to_page("Notes")
    visited = set()
    for label in at.selectbox(key="notes_application").options:
        at.selectbox(key="notes_application").select(label).run()
        app_id = at.selectbox(key="notes_application").value
        visited.add(app_id)
        anyway = [t for t in at.toggle if t.key == f"notes_anyway_{app_id}"]
        if anyway:  # follow-ups used up: the page says stop, and drafts only when asked
            assert "Time to stop following up" in texts(at), label
            anyway[0].set_value(True).run()
        write(at)
        assert by_prefix(at.text_area, "notes_body_"), label
        assert not at.error, label
        # Nothing typed about the conversation: no note that needs one may be called ready.
        kind = NOTE_REGISTRY[by_prefix(at.selectbox, "notes_kind_")[0].value]
        if kind.after_interview and not kind.replies_to_no:
            assert ready_count(at) == 0, label
        for draft in bodies(at):
            assert "Talked about" not in draft, label  # the private details stay private
    assert visited == set(Store(sample_dir).load("applications")["id"])


# --- a hand-made folder with what people really record -----------------------------------------

PRIVATE = "Felt awful. She checked her phone the whole time and I froze on the SQL question."


@pytest.fixture
def hand_made(data_dir: Path) -> Store:
    """Applications recorded as people really record them: "Last, First", a credential after a
    name, a panel with a comma inside one name, two people joined by a comma, a recruiter who
    wrote the no without being in the interview, and private notes in the interview's details."""
    today = dates.today()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    apps = [
        ("A1", "Lumen Health, Inc.", "Data analyst", "interviewing", None),
        ("A2", "Smith & Wesson Data", "Engineer, Platform", "interviewing", None),
        ("A3", "Café Ünter", "UX researcher", "interviewing", None),
        ("A4", "Driftwood & Co", "Product manager", "closed", "rejected"),
        ("A5", "Orchid Travel", "Business analyst", "interviewing", None),
    ]
    events = [
        ("E1", "A1", ago(1), "interview", "Raman, Priya", "priya@lumen.example", PRIVATE),
        ("E2", "A2", ago(1), "interview", "O'Brien-Smith, Marcus; Zoë Dubois",
         "marcus@sw.example; zoe@sw.example", "Panel. Two of them, felt like an exam."),
        ("E3", "A3", ago(2), "interview", "Priya Raman, Tom Byrne", "", ""),
        ("E4", "A4", ago(15), "interview", "Tom Byrne", "tom@drift.example",
         "We talked about the churn problem. He seemed bored."),
        ("E5", "A4", ago(1), "rejection", None, None, "Recruiter email: went with someone else."),
        ("E6", "A5", ago(1), "interview", "Priya Raman, PhD", "", ""),
    ]
    store = Store(data_dir)
    store.update("applications", lambda _f: typed_frame("applications", [
        {"id": i, "company": c, "role": r, "stage": s, "outcome": o, "date_applied": ago(30),
         "contact_name": "Rita Okoye", "contact_email": "rita@example.com",
         "notes": PRIVATE if i == "A1" else None}
        for i, c, r, s, o in apps]))
    store.update("events", lambda _f: typed_frame("events", [
        {"id": i, "application_id": a, "date": d, "kind": k, "interviewers": who,
         "interviewer_emails": mail, "details": details}
        for i, a, d, k, who, mail, details in events]))
    return store


def bodies(at: AppTest) -> list[str]:
    return [b.value for b in by_prefix(at.text_area, "notes_body_")]


def detail_inputs(at: AppTest) -> list:
    return by_prefix(at.text_input, "notes_detail_")


def ready_count(at: AppTest) -> int:
    return sum("Ready to send: every check passes" in m.value for m in at.markdown)


def test_private_interview_notes_never_reach_a_draft(go_to_page, texts, hand_made) -> None:
    at = go_to_page("Notes", application_id="A1", kind="thank-you")
    assert [i.value for i in detail_inputs(at)] == [""]  # not prefilled from private notes
    write(at)
    assert "Felt awful" not in bodies(at)[0] and "phone" not in bodies(at)[0]
    assert ready_count(at) == 0
    write(at, detail=PRIVATE)  # the application's private notes, pasted into the wrong field
    assert ready_count(at) == 0
    assert "comes from your private notes" in texts(at)


def test_feelings_typed_for_a_note_are_named_and_hold_it_back(go_to_page, texts,
                                                             hand_made) -> None:
    at = go_to_page("Notes", application_id="A5", kind="thank-you")
    write(at, detail="the booking engine, even though I think I bombed it")
    shown = texts(at)
    assert ready_count(at) == 0
    assert "Not ready yet" in shown
    assert '"I think I"' in shown and "apologises for or doubts yourself" in shown
    write(at, detail="the booking engine and how it handles group fares")
    assert ready_count(at) == 1


def test_what_you_discussed_in_the_interview_is_no_private_alarm(go_to_page, texts,
                                                                  hand_made) -> None:
    """The interview form says the notes draw on "What you discussed": typing the same words
    as the detail raises no "private" alarm (the application's notes are what stays private)."""
    store = hand_made
    store.update("events", lambda f: f.assign(details=f["details"].where(
        f["id"] != "E6", "their new booking engine and group fares")))
    at = go_to_page("Notes", application_id="A5", kind="thank-you")
    write(at, detail="their new booking engine and group fares")
    assert "comes from your private" not in texts(at)
    assert ready_count(at) == 1


def test_an_uncertain_given_name_is_confirmed_once_and_remembered(go_to_page, texts,
                                                                   hand_made) -> None:
    store = hand_made
    store.update("events", lambda f: f.assign(interviewers=f["interviewers"].where(
        f["id"] != "E6", "Nguyen, Thi Minh")))
    at = go_to_page("Notes", application_id="A5", kind="thank-you")
    assert "Vietnamese" in " ".join(w.value for w in at.warning)
    write(at, detail="their new booking engine")
    assert ready_count(at) == 0
    assert 'write how to greet them under "Greet Thi Minh Nguyen as"' in texts(at)
    by_prefix(at.text_input, "notes_greet_")[0].input("Minh")
    write(at)
    assert not at.exception, at.exception
    assert bodies(at)[0].startswith("Dear Minh,\n")
    assert ready_count(at) == 1
    saved = store.load("greetings")
    assert saved[["name", "greeting"]].values.tolist() == [["Nguyen, Thi Minh", "Minh"]]
    again = go_to_page("Notes", application_id="A5", kind="follow-up")
    assert by_prefix(again.text_input, "notes_greet_")[0].value == "Minh"


def test_a_comma_never_splits_a_person_and_a_sentence_is_used_as_one(go_to_page, texts,
                                                                     hand_made) -> None:
    at = go_to_page("Notes", application_id="A1", kind="thank-you")
    shown = at.dataframe[0].value
    assert shown["read as"].tolist() == ["Priya Raman"]
    assert shown["warm greeting"].tolist() == ["Priya"]
    write(at, detail="We talked about their move to Zendesk.")
    [draft] = bodies(at)
    assert draft.startswith("Dear Priya,\n")
    assert "our conversation about your move to Zendesk." in draft
    assert "Lumen Health, Inc. I" in draft and ".." not in draft
    assert ready_count(at) == 1


def test_a_panel_gets_one_personal_note_each(go_to_page, texts, hand_made) -> None:
    at = go_to_page("Notes", application_id="A2", kind="thank-you")
    write(at)
    assert [t.label for t in at.tabs] == ["To Marcus O'Brien-Smith", "To Zoë Dubois"]
    assert ready_count(at) == 0
    assert "same as the one to" in texts(at)
    first, second = detail_inputs(at)
    first.input("their plan to split the platform team")
    second.input("how the on-call rota works")
    write(at)
    marcus, zoe = bodies(at)
    assert marcus.startswith("Dear Marcus,") and zoe.startswith("Dear Zoë,")
    assert "your plan to split the platform team" in marcus and "on-call" in zoe
    assert ready_count(at) == 2


def test_a_name_that_may_be_two_people_is_never_ready_until_confirmed(go_to_page, texts,
                                                                       hand_made) -> None:
    at = go_to_page("Notes", application_id="A3", kind="thank-you")
    assert "a comma never separates people" in " ".join(w.value for w in at.warning)
    write(at, detail="their research repository")
    assert len(bodies(at)) == 1 and ready_count(at) == 0
    by_prefix(at.text_area, "notes_people_")[0].input("Priya Raman\nTom Byrne").run()
    first, second = detail_inputs(at)
    first.input("their research repository")
    second.input("the diary study")
    write(at)
    assert [b.splitlines()[0] for b in bodies(at)] == ["Dear Priya,", "Dear Tom,"]
    assert ready_count(at) == 2


def test_the_reply_to_a_no_goes_to_whoever_wrote_it(go_to_page, texts, hand_made) -> None:
    at = go_to_page("Notes", application_id="A4", kind="rejection reply")
    assert "Rita Okoye is not among the interviewers" in texts(at)
    by_prefix(at.text_input, "notes_strength_")[0].input("five years of roadmap work")
    write(at)
    [draft] = bodies(at)
    assert draft.startswith("Dear Rita,\n")
    assert "disappointed" in draft and "future openings" in draft
    assert "conversation" not in draft and "churn" not in draft and "bored" not in draft
    assert ready_count(at) == 1


def test_a_title_greets_formally_and_the_greeting_is_remembered(go_to_page, texts,
                                                                hand_made) -> None:
    at = go_to_page("Notes", application_id="A5", kind="thank-you")
    at.radio(key="notes_tone").set_value("concise").run()
    write(at, detail="their new booking engine")
    assert bodies(at)[0].startswith("Dear Dr. Raman,\n")
    at.radio(key="notes_tone").set_value("warm").run()
    by_prefix(at.text_input, "notes_greet_")[0].input("Dr. Priya")
    write(at)
    assert bodies(at)[0].startswith("Dear Dr. Priya,\n")
    by_prefix(at.button, "notes_mark_")[0].click().run()
    assert not at.exception, at.exception
    again = go_to_page("Notes", application_id="A5", kind="follow-up")
    assert by_prefix(again.text_input, "notes_greet_")[0].value == "Dr. Priya"
    assert detail_inputs(again)[0].value == "their new booking engine"


def test_a_late_thank_you_the_day_after_does_not_apologise(go_to_page, hand_made) -> None:
    at = go_to_page("Notes", application_id="A5", kind="late thank-you")
    write(at, detail="their new booking engine")
    assert "later than" not in bodies(at)[0]
    assert "yesterday" in bodies(at)[0]
