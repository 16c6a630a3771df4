"""Replies from mail in Chromium (issue 26): upload an .mbox holding a rejection and an
invitation, accept both, see the timeline, the wait and Home change, and undo them in one step.
"""

from __future__ import annotations

import mailbox
from datetime import timedelta
from pathlib import Path

import pytest

from bench.server import CURRENT_PAGE
from nextround.commands import applications
from nextround.domain import dates
from nextround.storage.store import Store
from tests.unit.mail.corpus import Sample

pytestmark = pytest.mark.browser


def _setup(folder: Path) -> None:
    """Two applications: Northwind interviewed ten days ago (so it waits on Home), Contoso
    applied for and not yet answered."""
    store = Store(folder)
    today, now = dates.today(), dates.now()
    north = applications.add_application(store, {
        "company": "Northwind Traders", "role": "Data Engineer", "stage": "applied",
        "date_applied": today - timedelta(days=20),
        "contact_email": "talent@northwind-traders.com"}, now)
    applications.log_event(store, {"application_id": north, "kind": "interview", "round": 1,
                                   "date": today - timedelta(days=10),
                                   "interviewers": "Sam Lee",
                                   "interviewer_emails": "sam.lee@northwind-traders.com"}, now)
    applications.add_application(store, {
        "company": "Contoso", "role": "Business Analyst", "stage": "applied",
        "date_applied": today - timedelta(days=15)}, now)


def _mbox(path: Path) -> bytes:
    day = dates.today()
    stamp = "%Y-%m-%d 10:00"
    samples = [
        Sample("Sam Lee <sam.lee@northwind-traders.com>", "Data Engineer",
               "Hi Alex,\n\nThank you for your time last week. Unfortunately we have decided to "
               "move forward with other candidates.\n\nSam",
               (day - timedelta(days=3)).strftime(stamp), "rejection", None),
        Sample("Contoso <no-reply@ashbyhq.com>", "Contoso: next round",
               "Hi Alex,\n\nThe team at Contoso would like to invite you to an interview for "
               "Business Analyst. Please pick a time below.\n\nContoso",
               (day - timedelta(days=1)).strftime(stamp), "invitation", None),
        Sample("Northwind News <news@northwind-traders.com>", "Northwind newsletter",
               "The Northwind newsletter: our autumn catalogue.",
               (day - timedelta(days=2)).strftime(stamp), None, None,
               headers={"List-Unsubscribe": "<mailto:u@northwind-traders.com>"}),
    ]
    box = mailbox.mbox(path)
    for sample in samples:
        box.add(mailbox.mboxMessage(sample.message()))
    box.flush()
    box.close()
    return path.read_bytes()


def _go(ui, title: str) -> None:
    """Open a page from the app's own menu (the same session: the scan's findings live in it;
    opening an address afresh would start a new one)."""
    link = ui.page.locator("[data-testid='stSidebarNavLink']").filter(has_text=title).first
    ui.rerun(link.click, f"opening {title}")
    ui.page.wait_for_function(CURRENT_PAGE, arg=title, timeout=30_000, polling=100)
    ui.settled(what=f"{title} to load")


def _home_waiting(ui, app) -> str:
    _go(ui, "Home")
    ui.page.get_by_text("What to do next").first.wait_for()
    return ui.page.locator("[data-testid='stMain']").inner_text()


def _data_mail(ui) -> None:
    _go(ui, "Data")
    ui.page.get_by_role("tab", name="Mail").click()


def test_mail_replies_accepted_and_undone(ui, start_app, tmp_path: Path) -> None:
    app = start_app(_setup)
    page = ui.page
    ui.open(app, "")
    home = _home_waiting(ui, app)
    assert "Waiting to hear back" in home and "Northwind Traders" in home
    ui.screenshot("mail-home-before")

    _go(ui, "Pipeline")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    ui.screenshot("mail-pipeline-before")

    _data_mail(ui)
    chooser = page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.mbox']")
    upload = {"name": "takeout.mbox", "mimeType": "application/mbox",
              "buffer": _mbox(tmp_path / "takeout.mbox")}
    ui.rerun(lambda: chooser.set_input_files(upload), "the upload")
    ui.click(page.get_by_role("button", name="Find replies"), "Find replies")
    page.get_by_text("2 proposals to review").first.wait_for()
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "rejection after an interview" in text
    assert "invitation to an interview or next round" in text
    assert "names Contoso" in text  # matched through the hiring system's mail
    ui.screenshot("mail-review")

    home = _home_waiting(ui, app)
    assert "2 replies found in your mail to review" in home
    ui.screenshot("mail-home-count")

    _data_mail(ui)
    ui.click(page.get_by_role("button", name="Accept all sure ones (2)"), "accepting both")
    page.get_by_text("Accepted from your mail").first.wait_for()
    ui.assert_no_exception()
    store = Store(app.data_dir)
    apps = store.load("applications").set_index("company")
    assert apps.loc["Northwind Traders", "outcome"] == "rejected"
    assert apps.loc["Contoso", "stage"] == "screening"
    assert sorted(store.load("events")["kind"]) == ["applied", "applied", "heard back",
                                                    "interview", "rejection"]
    ui.screenshot("mail-accepted")

    home = _home_waiting(ui, app)
    assert "found in your mail" not in home
    assert "Waiting to hear back" not in home  # Northwind has its answer: nothing waits
    ui.screenshot("mail-home-after")
    _go(ui, "Pipeline")
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    ui.screenshot("mail-pipeline-after")

    _data_mail(ui)
    ui.click(page.get_by_role("button", name="Undo").first, "Undo")
    ui.click(page.get_by_role("dialog").get_by_role("button", name="Undo"), "confirming")
    page.get_by_text("(undone)").first.wait_for()
    ui.assert_no_exception()
    store = Store(app.data_dir)
    apps = store.load("applications").set_index("company")
    assert apps.loc["Northwind Traders", "stage"] == "interviewing"
    assert apps["outcome"].isna().all()
    assert sorted(store.load("events")["kind"]) == ["applied", "applied", "interview"]
    home = _home_waiting(ui, app)
    assert "Northwind Traders" in home.split("Waiting to hear back")[-1]
    ui.screenshot("mail-home-undone")


def test_a_long_scan_shows_its_progress_and_stops(ui, start_app, tmp_path: Path) -> None:
    from bench.mail import write_mbox

    app = start_app(_setup)
    big = tmp_path / "big.mbox"
    write_mbox(big, 60_000)
    ui.open(app, "data")
    page = ui.page
    page.get_by_role("tab", name="Mail").click()
    ui.fill("Or the path of a large .mbox on this computer", str(big))
    page.get_by_role("button", name="Find replies").click()
    page.locator("[data-testid='stProgress']").first.wait_for()
    page.get_by_text("read as job mail").first.wait_for()
    ui.screenshot("mail-scanning")
    ui.click(page.get_by_role("button", name="Stop"), "Stop")
    page.get_by_text("Stopped. The messages read until then are listed below.").first.wait_for()
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "(stopped before the end)" in text
    looked = int(text.split(" messages looked at")[0].split()[-1].replace(",", ""))
    assert 0 < looked < 60_000
    ui.assert_no_exception()
    ui.screenshot("mail-stopped")


def test_the_imap_form_insists_on_tls_for_another_computer(ui, start_app) -> None:
    app = start_app(_setup)
    ui.open(app, "data")
    page = ui.page
    page.get_by_role("tab", name="Mail").click()
    ui.pick(page, "An IMAP account (read-only)")
    ui.fill("IMAP server", "imap.example.com")
    ui.fill("User name", "alex@example.com")
    tls = page.get_by_role("checkbox", name="Use TLS")
    assert tls.is_checked() and tls.is_disabled()
    assert page.get_by_role("button", name="Find replies").is_disabled()  # no password yet
    ui.screenshot("mail-imap-form")
    ui.fill("IMAP server", "127.0.0.1")
    assert page.get_by_role("checkbox", name="Use TLS").is_enabled()
    ui.assert_no_exception()
