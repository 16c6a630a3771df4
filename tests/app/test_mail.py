"""The Data page's Mail tab and Home's count: scan an .mbox, review, accept both, undo."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.storage.store import Store
from tests.imap_server import Imap, serve
from tests.unit.mail.corpus import tracker_frames
from tests.unit.mail.corpus.messages import INVITATIONS, LOOKALIKES, REJECTIONS


@pytest.fixture
def seeded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("NEXTROUND_TODAY", "2026-12-07")
    store = Store(data_dir)
    apps, events = tracker_frames()
    store.replace("applications", apps)
    store.replace("events", events)
    return store


@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[Imap]:
    """A real IMAP server (Dovecot) of the test's own."""
    yield from serve(tmp_path)


def _mbox(path: Path) -> Path:
    box = mailbox.mbox(path)
    for sample in (REJECTIONS[1], INVITATIONS[2], LOOKALIKES[0], LOOKALIKES[2]):
        box.add(mailbox.mboxMessage(sample.message()))
    box.flush()
    box.close()
    return path


def test_scan_review_accept_and_undo(seeded: Store, tmp_path: Path, open_app, texts) -> None:
    path = _mbox(tmp_path / "takeout.mbox")
    at = open_app("pages/data.py")
    at.text_input(key="mail_path").input(str(path)).run()
    at.button(key="mail_scan").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "4 messages looked at" in shown and "2 proposals to review" in shown
    assert "rejection before an interview" in shown
    assert "invitation to an interview or next round" in shown
    assert "will not be moving forward" in shown  # the reasons name the words that decided
    assert "not about an application" in shown  # the newsletter, listed apart

    # Home counts them while they wait.
    home = at.switch_page("pages/home.py").run()
    assert "2 replies found in your mail to review" in texts(home)
    at = home.switch_page("pages/data.py").run()

    before_events = seeded.load("events")
    at.button(key="mail_accept_sure").click().run()
    assert not at.exception, at.exception
    events = seeded.load("events")
    assert len(events) == len(before_events) + 2
    apps = seeded.load("applications").set_index("id")
    assert apps.loc["A00002", "outcome"] == "rejected"
    assert apps.loc["A00005", "stage"] == "screening"
    assert "found in your mail" not in texts(at.switch_page("pages/home.py").run())
    written = "".join(p.read_text("utf-8", "replace") for p in seeded.data_dir.rglob("*")
                      if p.is_file())
    assert "Please book a time in our calendar" not in written  # the body stays unwritten
    assert "after careful review" not in written.lower()

    at = at.switch_page("pages/data.py").run()
    [unit] = [u for u in seeded.units(["mail"])]
    at.button(key=f"mail_undo_{unit.id}").click().run()
    at.button(key="confirm_undo_mail_yes").click().run()
    assert not at.exception, at.exception
    assert len(seeded.load("events")) == len(before_events)
    apps = seeded.load("applications").set_index("id")
    assert apps.loc["A00002", "stage"] == "applied" and apps.loc["A00005", "stage"] == "applied"


def test_a_path_that_is_not_an_mbox_is_said_plainly(seeded: Store, tmp_path: Path, open_app,
                                                    texts) -> None:
    bad = tmp_path / "notes.mbox"
    bad.write_text("not mail\n")
    at = open_app("pages/data.py")
    at.text_input(key="mail_path").input(str(bad)).run()
    at.button(key="mail_scan").click().run()
    assert not at.exception, at.exception
    assert "is not an mbox file" in texts(at)


def test_an_imap_account_is_read_without_changing_it(seeded: Store, imap_server, open_app,
                                                     texts) -> None:
    box = mailbox.Maildir(imap_server.maildir, create=True)
    for sample in (REJECTIONS[1], INVITATIONS[2], LOOKALIKES[0]):
        box.add(mailbox.MaildirMessage(sample.message()))
    imap_server.settle()
    at = open_app("pages/data.py")
    at.radio(key="mail_source").set_value("An IMAP account (read-only)").run()
    at.text_input(key="mail_host").input("imap.example.com").run()
    at.text_input(key="mail_user").input(imap_server.user).run()
    at.number_input(key="mail_port").set_value(143).run()
    assert at.checkbox(key="mail_tls").disabled  # TLS is not optional for another computer
    at.text_input(key="mail_host").input("127.0.0.1").run()
    at.checkbox(key="mail_tls").uncheck().run()
    at.number_input(key="mail_port").set_value(imap_server.port).run()
    at.text_input(key="mail_pw").input("wrong").run()
    at.button(key="mail_scan").click().run()
    assert "refused the user name or password" in texts(at)
    at.text_input(key="mail_pw").input(imap_server.password).run()
    at.button(key="mail_scan").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "3 messages looked at" in shown and "2 proposals to review" in shown
    assert imap_server.password not in "".join(
        p.read_text("utf-8", "replace") for p in seeded.data_dir.rglob("*") if p.is_file())
