"""Notes in a real browser: the thank-you on the sample data marked as sent, and the three notes
that matter most after a bad interview drawn from hand-made records (a panel thank-you, a late
thank-you with a repair, a reply to a no), each looked at in a screenshot."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from nextround.domain import dates
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

pytestmark = pytest.mark.browser
DISCUSSED = re.compile(r"^What you discussed with ")


def record(folder: Path, interviewers: str, days_ago: int, rejected: bool = False) -> None:
    """One application with one interview (and a rejection after it, if asked), the way a
    person records it: names as they come, private notes in the interview's details."""
    today = dates.today()
    store = Store(folder)
    store.update("applications", lambda _f: typed_frame("applications", [{
        "id": "A1", "company": "Smith & Wesson Data", "role": "Engineer, Platform",
        "stage": "closed" if rejected else "interviewing",
        "outcome": "rejected" if rejected else None, "date_applied": today - timedelta(40),
        "contact_name": "Okoye, Rita", "contact_email": "rita@sw.example"}]))
    events = [{"id": "E1", "application_id": "A1", "date": today - timedelta(days_ago),
               "kind": "interview", "interviewers": interviewers,
               "interviewer_emails": "marcus@sw.example; zoe@sw.example",
               "details": "Felt awful. She checked her phone the whole time."}]
    if rejected:
        events.append({"id": "E2", "application_id": "A1", "date": today - timedelta(1),
                       "kind": "rejection", "details": "Went with someone internal."})
    store.update("events", lambda _f: typed_frame("events", events))


def open_notes(ui, start_app, suggested: str, interviewers: str, days_ago: int,
               rejected: bool = False):
    """The Notes page on a hand-made record, once it suggests the ``suggested`` kind."""
    app = start_app(lambda folder: record(folder, interviewers, days_ago, rejected))
    ui.open(app, "notes")
    ui.page.get_by_text(f"Suggested: {suggested}.").wait_for()
    return ui.page


def write(ui, details: list[str], strength: str = "", repair: str = "") -> list[str]:
    page = ui.page
    for box, text in zip(page.get_by_role("textbox", name=DISCUSSED).all(), details,
                         strict=True):
        box.fill(text)
    page.get_by_role("textbox", name="Your full name", exact=True).fill("Sam Okafor")
    if strength:
        page.get_by_role("textbox", name="One strength for this role", exact=True).fill(strength)
    if repair:
        page.get_by_role("textbox", name=re.compile("^Optional: a better answer")).fill(repair)
    ui.click(page.locator("[data-testid='stFormSubmitButton'] button"), "Write")
    # A new sign-off name is saved and the page runs once more: wait for the drafts to stay.
    page.get_by_role("textbox", name="Body", exact=True).first.wait_for()
    ui.settled(what="the drafts")
    ui.assert_no_exception()
    # A panel's later notes sit in tabs not shown yet: only the first body is visible.
    return [b.input_value() for b in page.get_by_role("textbox", name="Body", exact=True).all()]


def test_write_a_thank_you_and_mark_it_sent(ui, sample_app):
    page = ui.page
    ui.open(sample_app, "notes")
    ui.assert_no_exception()
    page.get_by_text("Suggested: thank-you.").wait_for()
    ui.screenshot("notes-start")
    people = page.get_by_role("textbox", name=DISCUSSED).count()
    texts = write(ui, ["their plan to open an office in Lisbon", "how the team plans its week"]
                  [:people], strength="five years of SQL reporting")
    assert "your plan to open an office in Lisbon" in texts[0]
    assert texts[0].rstrip().endswith("Sam Okafor")
    assert page.get_by_text("Ready to send: every check passes").first.is_visible()
    link = page.locator("a", has_text="Open in email").first
    assert link.get_attribute("href").startswith("mailto:")
    ui.screenshot("notes-finished")

    ui.click(page.get_by_role("button", name="Mark as sent").first, "Mark as sent")
    page.get_by_text("Marked as sent today").first.wait_for()
    ui.assert_no_exception()
    sent = Store(sample_app.data_dir).load("sent_notes")
    assert sent["body"].iloc[0] == texts[0]
    ui.screenshot("notes-sent")


def test_a_panel_thank_you_gives_each_person_their_own_note(ui, start_app):
    page = open_notes(ui, start_app, "thank-you", "O'Brien-Smith, Marcus; Zoë Dubois", 1)
    write(ui, ["", ""])  # nothing personal yet: the same note twice is never ready
    page.get_by_text("Not ready yet").first.wait_for()
    assert page.get_by_text("Ready to send").count() == 0
    assert page.get_by_text("same as the one to Zoë Dubois").first.is_visible()
    ui.screenshot("notes-panel-not-ready")
    [marcus] = write(ui, ["their plan to split the platform team",
                          "We talked about how their on-call rota works."],
                     strength="I have led a team of eight for three years")
    assert page.get_by_text("Ready to send: every check passes").first.is_visible()
    ui.screenshot("notes-panel-thank-you")
    page.get_by_role("tab", name="To Zoë Dubois").click()  # a tab switch does not rerun
    zoe = page.get_by_role("textbox", name="Body", exact=True).last
    zoe.wait_for()
    zoe = zoe.input_value()
    assert marcus.startswith("Dear Marcus,\n") and zoe.startswith("Dear Zoë,\n")
    assert "your plan to split the platform team" in marcus
    assert "how your on-call rota works" in zoe
    assert "Felt awful" not in marcus + zoe
    assert page.get_by_text("Ready to send: every check passes").last.is_visible()
    ui.screenshot("notes-panel-thank-you-second")


def test_a_late_thank_you_with_a_repair(ui, start_app):
    page = open_notes(ui, start_app, "late thank-you", "Priya Raman, PhD", 6)
    [text] = write(ui, ["the migration of their reporting to a new warehouse"],
                   strength="five years of SQL reporting",
                   repair="When you asked about Airflow I said I hadn't used it, but I ran our "
                   "nightly jobs on it for two years.")
    assert text.startswith("Dear Priya,\n")
    assert "I'm writing later than I meant to" in text
    assert "there is one thing I'd like to add. When you asked about Airflow" in text
    assert page.get_by_text("Ready to send: every check passes").count() == 1
    ui.screenshot("notes-late-thank-you-repair")


def test_a_reply_to_a_no_goes_to_whoever_wrote_it(ui, start_app):
    page = open_notes(ui, start_app, "rejection reply", "Tom Byrne", 15, rejected=True)
    page.get_by_text("is not among the interviewers recorded").wait_for()
    [text] = write(ui, [""], strength="turning messy data into clear decisions")
    assert text.startswith("Dear Rita,\n")
    assert "disappointed" in text and "future openings" in text
    assert "conversation" not in text
    assert page.get_by_text("Ready to send: every check passes").count() == 1
    ui.screenshot("notes-rejection-reply")


def test_a_feelings_word_is_named_and_holds_the_draft_back(ui, start_app):
    page = open_notes(ui, start_app, "thank-you", "Zoë Dubois", 1)
    [text] = write(ui, ["the loyalty data, even though I think I bombed it"],
                   strength="five years of SQL reporting")
    assert "I think I bombed it" in text  # the words are the person's: left as typed
    page.get_by_text("Not ready yet").first.wait_for()
    assert page.get_by_text("Ready to send").count() == 0
    named = page.get_by_text(re.compile(r'"I think I" apologises for or doubts yourself'))
    assert named.first.is_visible()
    ui.screenshot("notes-feelings-held-back")
    [text] = write(ui, ["the loyalty data and how the stores use it"],
                   strength="five years of SQL reporting")
    assert "how the stores use it" in text
    assert page.get_by_text("Ready to send: every check passes").count() == 1
    ui.screenshot("notes-feelings-fixed")


def test_an_uncertain_given_name_is_confirmed_once(ui, start_app):
    page = open_notes(ui, start_app, "thank-you", "Nguyen, Thi Minh", 1)
    page.get_by_text(re.compile("usually the last, Minh")).first.wait_for()
    [text] = write(ui, ["the move to handheld scanners"], strength="four years of planning")
    assert text.startswith("Dear Thi,\n")  # what the parse gives, until they confirm it
    page.get_by_text("Not ready yet").first.wait_for()
    assert page.get_by_text(re.compile('under "Greet Thi Minh Nguyen as" to confirm')).count()
    ui.screenshot("notes-greeting-to-confirm")
    page.get_by_role("textbox", name="Greet Thi Minh Nguyen as", exact=True).fill("Minh")
    [text] = write(ui, ["the move to handheld scanners"], strength="four years of planning")
    assert text.startswith("Dear Minh,\n")
    assert page.get_by_text("Ready to send: every check passes").count() == 1
    ui.screenshot("notes-greeting-confirmed")
