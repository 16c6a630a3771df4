"""Reading replies from mail (issue 26): the corpus figures, each source, accepting as one
undoable unit, and the privacy promises (no network, no body on disk, files read-only)."""

from __future__ import annotations

import mailbox
import socket
import stat
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

from nextround.commands import mail as mail_commands
from nextround.mail import review, sources
from nextround.mail.tracker import build_tracker
from nextround.storage.store import Store
from tests.unit.mail.corpus import ME, tracker_frames
from tests.unit.mail.corpus.messages import LOOKALIKES, MESSAGES, REJECTIONS, SCHEDULING
from tests.unit.mail.corpus_figures import figures

NOW = datetime(2026, 12, 7, 10, 0)


def test_corpus_figures_hold() -> None:
    f = figures()
    assert f.messages >= 80
    assert f.precision >= 0.95, f.wrong
    assert f.recall >= 0.80, f.missed
    assert f.lookalikes_proposed == []
    assert {s.kind for s in MESSAGES} >= {"acknowledgement", "rejection", "invitation",
                                          "scheduling", "request", "offer", "thank-you sent",
                                          "follow-up sent", None}


def test_a_look_alike_is_said_to_be_one_with_its_reason() -> None:
    result = figures().result
    alerts = [p for p in result.proposals if p.subject == "Join our talent network"]
    assert alerts and alerts[0].status == review.NOT_ABOUT
    assert any("talent network" in r for r in alerts[0].reasons)
    globex = next(p for p in result.proposals if p.subject == "Your application to Globex")
    assert globex.status == review.NO_MATCH and globex.reading.kind == "rejection"


def test_a_scheduling_message_logs_the_interview_on_its_own_day_and_time() -> None:
    result = figures().result
    acme = next(p for p in result.proposals if p.subject.startswith("Interview confirmation: "
                                                                    "Backend"))
    assert acme.event["kind"] == "interview"
    assert acme.event["date"].isoformat() == "2026-11-03"
    assert acme.event["round"] == 2  # one interview was logged before it
    assert acme.event["interview_type"] == "video"
    assert "14:00" in acme.event["details"]
    piper = next(p for p in result.proposals if p.subject == "Your interview is scheduled")
    assert "13:00" in piper.event["details"]


def _mbox(path: Path, samples) -> Path:
    box = mailbox.mbox(path)
    for sample in samples:
        box.add(mailbox.mboxMessage(sample.message()))
    box.flush()
    box.close()
    return path


def _maildir(path: Path, samples) -> Path:
    box = mailbox.Maildir(path)
    for sample in samples:
        box.add(mailbox.MaildirMessage(sample.message()))
    return path


def _tracker():
    return build_tracker(*tracker_frames())


def _kinds(result: review.ScanResult) -> dict[str, str]:
    return {p.subject: p.reading.kind for p in result.proposals}


@pytest.mark.parametrize("write", [_mbox, _maildir])
def test_an_mbox_and_a_maildir_written_by_python_read_alike(tmp_path: Path, write) -> None:
    samples = [*REJECTIONS[:4], *SCHEDULING[:3], *LOOKALIKES[:5]]
    where = write(tmp_path / "mail", samples)
    source = (sources.mbox_file(where) if where.is_file() else sources.folder_files(where))
    result = review.scan(source, _tracker())
    assert result.seen == len(samples)
    for sample in [*REJECTIONS[:4], *SCHEDULING[:3]]:
        assert _kinds(result)[sample.subject] == sample.kind
    assert all(p.status != review.PROPOSE for p in result.proposals
               if p.subject in {s.subject for s in LOOKALIKES})


def test_the_mailbox_file_is_opened_read_only_and_left_as_it_was(tmp_path: Path,
                                                                  monkeypatch) -> None:
    path = _mbox(tmp_path / "takeout.mbox", REJECTIONS)
    before = path.read_bytes(), path.stat().st_mtime_ns
    modes: list[str] = []
    real_open = Path.open

    def watch(self: Path, mode: str = "r", *args, **kwargs):
        if self == path:
            modes.append(mode)
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watch)
    path.chmod(stat.S_IRUSR)  # a file the user may only read still scans
    try:
        result = review.scan(sources.mbox_file(path), _tracker())
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert len(result.to_review) == len(REJECTIONS)
    assert modes and set(modes) == {"rb"}
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_file_that_is_not_an_mbox_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("hello\nthis is not mail\n")
    with pytest.raises(sources.MailSourceError, match="not an mbox"):
        list(sources.mbox_file(path))


def test_a_folder_with_no_mail_says_what_to_choose(tmp_path: Path) -> None:
    with pytest.raises(sources.MailSourceError, match="holds no messages"):
        list(sources.folder_files(tmp_path))


def test_stop_ends_the_scan_early(tmp_path: Path) -> None:
    path = _mbox(tmp_path / "m.mbox", MESSAGES)
    calls: list[float] = []
    result = review.scan(sources.mbox_file(path), _tracker(), stop=lambda: True,
                         progress=lambda done, _r: calls.append(done), every=10)
    assert result.stopped and result.seen == 10
    assert calls and 0 < calls[0] < 1


def _seeded(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    apps, events = tracker_frames()
    store.replace("applications", apps)
    store.replace("events", events)
    return store


def test_accepting_is_one_unit_and_undo_restores_both_tables(tmp_path: Path) -> None:
    store = _seeded(tmp_path)
    apps_before, events_before = store.load("applications"), store.load("events")
    result = review.scan(sources.eml_uploads(
        [(f"{i}.eml", s.raw()) for i, s in enumerate([REJECTIONS[0], SCHEDULING[3]])]),
        build_tracker(apps_before, events_before))
    unit = mail_commands.accept(store, result.to_review, NOW)
    assert unit is not None and unit.kind == review.UNIT_KIND and unit.rows == 2
    events = store.load("events")
    assert len(events) == len(events_before) + 2
    apps = store.load("applications").set_index("id")
    assert apps.loc["A00001", "stage"] == "closed" and apps.loc["A00001", "outcome"] == "rejected"
    assert apps.loc["A00005", "stage"] == "interviewing"
    mail_commands.undo(store, unit.id)
    pd.testing.assert_frame_equal(store.load("events"), events_before)
    pd.testing.assert_frame_equal(store.load("applications"), apps_before)
    assert store.shelf.unit(unit.id).state == "undone"
    with pytest.raises(Exception, match="not in place"):
        mail_commands.undo(store, unit.id)


def test_a_second_scan_knows_what_was_accepted(tmp_path: Path) -> None:
    store = _seeded(tmp_path)
    upload = [("a.eml", SCHEDULING[3].raw())]
    first = review.scan(sources.eml_uploads(upload),
                        build_tracker(store.load("applications"), store.load("events")))
    mail_commands.accept(store, first.to_review, NOW)
    again = review.scan(sources.eml_uploads(upload),
                        build_tracker(store.load("applications"), store.load("events")))
    assert again.to_review == [] and again.proposals[0].status == review.LOGGED


def test_two_fitting_applications_let_the_user_choose(tmp_path: Path) -> None:
    from tests.unit.mail.corpus import Sample
    vague = Sample("Jane Doe <jane.doe@acmerobotics.com>", "Quick call?",
                   "Hi Alex, could we schedule a call this week?", "2026-10-29 10:00",
                   "invitation", None)
    tracker = _tracker()
    result = review.scan(sources.eml_uploads([("v.eml", vague.raw())]), tracker)
    [p] = result.proposals
    assert p.status == review.CHOOSE and set(p.app_ids) == {"A00001", "A00010"}
    assert not p.sure
    picked = review.choose(p, "A00010", tracker)
    assert picked.sure and picked.app_id == "A00010"


def test_a_scan_over_an_mbox_needs_no_network(tmp_path: Path, monkeypatch) -> None:
    path = _mbox(tmp_path / "m.mbox", MESSAGES)
    real = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network request to {host}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError(f"name lookup {a[0]}")))
    store = _seeded(tmp_path)
    result = review.scan(sources.mbox_file(path), _tracker(), own=[ME])
    assert len(result.to_review) >= 50
    assert mail_commands.accept(store, result.to_review, NOW) is not None


def test_no_message_body_reaches_a_file_in_the_data_folder(tmp_path: Path) -> None:
    store = _seeded(tmp_path)
    path = _mbox(tmp_path / "m.mbox", MESSAGES)
    result = review.scan(sources.mbox_file(path), _tracker(), own=[ME])
    unit = mail_commands.accept(store, [p for p in result.to_review if p.sure], NOW)
    mail_commands.undo(store, unit.id)
    mail_commands.accept(store, [p for p in result.to_review if p.sure], NOW)
    # Sentences only the bodies hold (the subject may be logged; the body never).
    phrases = ["Our team will review your application", "Please book a time in our calendar",
               "Unfortunately, we have decided to move forward", "I enjoyed our conversation",
               "Ihre Unterlagen haben uns überzeugt", "Nous avons le regret de vous informer"]
    written = [p for p in store.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "events.csv" for p in written)
    for file in written:
        text = file.read_bytes().decode("utf-8", "replace")
        for phrase in phrases:
            assert phrase not in text, f"{phrase!r} written to {file}"
    assert not [p for p in written if p.suffix in (".mbox", ".eml")]


def test_a_password_is_never_sent_in_clear_to_another_computer() -> None:
    account = sources.ImapAccount("imap.example.com", "alex", port=143, tls=False)
    assert "TLS" in account.problem()
    with pytest.raises(sources.MailSourceError, match="TLS"):
        next(sources.imap_messages(account, "secret"))
    assert sources.ImapAccount("127.0.0.1", "alex", port=143, tls=False).problem() is None
    assert "host alone" in sources.ImapAccount("me@imap.example.com", "alex").problem()


def test_a_folder_of_eml_files_reads_its_sent_subfolder_as_sent(tmp_path: Path) -> None:
    (tmp_path / "Sent").mkdir()
    for i, sample in enumerate(MESSAGES):
        folder = tmp_path / ("Sent" if sample.folder == "sent" else "")
        (folder / f"{i}.eml").write_bytes(sample.raw())
    result = review.scan(sources.folder_files(tmp_path), _tracker())
    kinds = {p.reading.kind for p in result.to_review if p.folder == "sent"}
    assert kinds == {"thank-you sent", "follow-up sent"}


def test_the_password_goes_to_the_keyring_only_when_asked(monkeypatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import NoKeyringError

    class Memory(KeyringBackend):
        priority = 1
        kept: ClassVar[dict] = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        account = sources.ImapAccount("imap.example.com", "alex@example.com")
        assert sources.remembered_password(account) is None
        assert sources.remember_password(account, "s3cret") is None
        assert sources.remembered_password(account) == "s3cret"
        assert Memory.kept == {(sources.KEYRING_SERVICE, "alex@example.com@imap.example.com"):
                               "s3cret"}
        sources.forget_password(account)
        assert sources.remembered_password(account) is None

        class Broken(Memory):
            def set_password(self, service, username, password):
                raise NoKeyringError("no backend")

        keyring.set_keyring(Broken())
        assert "not kept" in sources.remember_password(account, "s3cret")
    finally:
        keyring.set_keyring(previous)


def test_every_kind_of_message_logs_a_registered_event_kind() -> None:
    from nextround.mail.content import content
    from nextround.storage.schema import EVENT_KINDS

    assert {k.event for k in content().kinds} <= set(EVENT_KINDS)
    assert set(content().sent) <= set(EVENT_KINDS)


def test_a_maildir_is_left_as_it_was_and_its_sent_folder_is_the_users(tmp_path: Path) -> None:
    from tests.unit.mail.corpus.messages import SENT

    box = mailbox.Maildir(tmp_path / "Mail")
    for sample in REJECTIONS[:3]:
        box.add(mailbox.MaildirMessage(sample.message()))
    sent = box.add_folder("Sent")
    for sample in SENT[:3]:
        sent.add(mailbox.MaildirMessage(sample.message()))

    def files() -> dict[str, int]:
        return {str(p.relative_to(tmp_path)): p.stat().st_mtime_ns
                for p in (tmp_path / "Mail").rglob("*") if p.is_file()}

    before = files()
    result = review.scan(sources.folder_files(tmp_path / "Mail"), _tracker())
    assert files() == before  # nothing moved from new/ to cur/, no flag added to a name
    kinds = sorted(p.reading.kind for p in result.to_review)
    assert kinds == ["rejection"] * 3 + ["thank-you sent"] * 3


def test_only_recognised_mail_is_read_past_its_headers(tmp_path: Path, monkeypatch) -> None:
    from nextround.mail import message

    path = _mbox(tmp_path / "m.mbox", MESSAGES)
    bodies: list[bytes] = []
    real = message.parse
    monkeypatch.setattr(sources, "parse", lambda raw: bodies.append(raw) or real(raw))
    result = review.scan(sources.mbox_file(path), _tracker(), own=[ME])
    assert len(bodies) == result.read == len(result.proposals)
    assert result.read < result.seen
    read = b"".join(bodies)
    assert b"Want to get dinner on Friday" not in read  # a friend's mail: passed over unread
    assert b"10 new Data Analyst jobs" not in read  # a job board's alert: passed over unread
