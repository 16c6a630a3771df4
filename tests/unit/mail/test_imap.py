"""Reading an IMAP folder read-only, against a real Dovecot server (see conftest.py)."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from nextround.mail import review, sources
from nextround.mail.tracker import build_tracker
from tests.unit.mail.corpus import tracker_frames
from tests.unit.mail.corpus.messages import LOOKALIKES, REJECTIONS, SCHEDULING, SENT


def _fill(server, inbox, sent=()) -> None:
    box = mailbox.Maildir(server.maildir, create=True)
    for sample in inbox:
        box.add(mailbox.MaildirMessage(sample.message()))
    folder = box.add_folder("Sent")
    for sample in sent:
        folder.add(mailbox.MaildirMessage(sample.message()))
    server.settle()


def _flags(server) -> dict[str, tuple[str, ...]]:
    with MailBoxUnencrypted("127.0.0.1", server.port).login(server.user, server.password) as box:
        # \Recent belongs to a session, not to the message: it is not one of its stored flags.
        return {m.uid: tuple(f for f in m.flags if f != "\\Recent")
                for m in box.fetch(mark_seen=False, headers_only=True)}


def test_imap_scan_reads_the_folder_and_changes_no_flag(imap_server) -> None:
    inbox = [*REJECTIONS[:3], *SCHEDULING[:2], *LOOKALIKES[:4]]
    _fill(imap_server, inbox, SENT[:2])
    before = _flags(imap_server)
    assert before and all("\\Seen" not in f for f in before.values())
    account = sources.ImapAccount("127.0.0.1", imap_server.user, port=imap_server.port,
                                  tls=False, sent_folder="Sent")
    result = review.scan(sources.imap_messages(account, imap_server.password),
                         build_tracker(*tracker_frames()))
    assert result.seen == len(inbox) + 2
    kinds = {p.subject: p.reading.kind for p in result.to_review}
    for sample in [*REJECTIONS[:3], *SCHEDULING[:2], *SENT[:2]]:
        assert kinds.get(sample.subject) == sample.kind
    assert _flags(imap_server) == before  # EXAMINE: not even \Seen was set
    stored = [p.name for p in Path(imap_server.maildir).rglob("*") if ":2," in p.name]
    assert not [name for name in stored if "S" in name.rpartition(":2,")[2]]


def test_imap_over_tls_with_the_servers_certificate(imap_server) -> None:
    if imap_server.tls_port is None:
        pytest.skip("openssl is not installed: no certificate for the TLS listener")
    _fill(imap_server, REJECTIONS[:2])
    account = sources.ImapAccount("localhost", imap_server.user, port=imap_server.tls_port)
    result = review.scan(sources.imap_messages(account, imap_server.password,
                                               ssl_context=imap_server.tls_context()),
                         build_tracker(*tracker_frames()))
    assert [p.reading.kind for p in result.to_review] == ["rejection", "rejection"]


def test_an_untrusted_certificate_is_refused(imap_server) -> None:
    if imap_server.tls_port is None:
        pytest.skip("openssl is not installed: no certificate for the TLS listener")
    account = sources.ImapAccount("localhost", imap_server.user, port=imap_server.tls_port)
    with pytest.raises(sources.MailSourceError, match="Could not reach"):
        next(sources.imap_messages(account, imap_server.password))


def test_a_wrong_password_and_a_missing_folder_say_so(imap_server) -> None:
    account = sources.ImapAccount("127.0.0.1", imap_server.user, port=imap_server.port,
                                  tls=False)
    with pytest.raises(sources.MailSourceError, match="refused"):
        next(sources.imap_messages(account, "wrong"))
    _fill(imap_server, REJECTIONS[:1])
    lost = sources.ImapAccount("127.0.0.1", imap_server.user, port=imap_server.port,
                               tls=False, folder="Nowhere")
    with pytest.raises(sources.MailSourceError, match="no folder"):
        next(sources.imap_messages(lost, imap_server.password))
    assert Path(imap_server.maildir).is_dir()
