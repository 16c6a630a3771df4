"""Where messages come from, each streamed: an .mbox file (Google Takeout, Thunderbird and
Apple Mail export this), a Maildir or a folder of .eml files, uploaded .eml files, and an IMAP
folder opened read-only.

Every source yields ``(envelope, done)`` pairs, ``done`` being the share of the source read so
far (for a progress bar), and reads only a message's header block until the scanner asks for
the rest. Files are opened for reading only ("rb"; Python's ``mailbox.mbox`` opens its file
for writing too, so it is not used here) and a mailbox of several gigabytes is read line by
line: the memory held is one header block, whatever the file's size.
"""

from __future__ import annotations

import contextlib
import imaplib
import io
import ipaddress
import os
import ssl
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from email.message import Message
from pathlib import Path
from typing import BinaryIO

from nextround.mail.content import content
from nextround.mail.message import Envelope, envelope, from_headers, parse

#: A header block longer than this is cut (a real one is a few kilobytes).
MAX_HEADER_BYTES = 256 * 1024
#: Folder names (Maildir++ subfolders, folders of .eml files, IMAP) that hold mail the user sent.
SENT_NAMES = ("sent", "sent items", "sent mail", "sent messages", "gesendet",
              "gesendete elemente", "envoyés", "éléments envoyés", "enviados")
KEYRING_SERVICE = "Next Round (IMAP)"

Scan = Iterator[tuple[Envelope, float]]


class MailSourceError(ValueError):
    """A source cannot be read; the message says what and where, in plain words."""


def _bulk() -> tuple[str, ...]:
    return content().bulk_headers


def _is_sent_folder(name: str) -> bool:
    return name.strip(". ").replace("[Gmail]/", "").replace(".", " ").casefold() in SENT_NAMES


# --- mbox -------------------------------------------------------------------------------------


def _unescape(raw: bytes) -> bytes:
    """mboxrd/mboxo escape body lines starting "From " as ">From "; undo one level."""
    if b"\n>" not in raw:
        return raw
    lines = raw.split(b"\n")
    return b"\n".join(line[1:] if line.lstrip(b">").startswith(b"From ")
                      and line.startswith(b">") else line for line in lines)


def _mbox_stream(fh: BinaryIO, size: int, read: Callable[[int, int], bytes], name: str) -> Scan:
    offset = 0
    start: int | None = None
    header: list[bytes] = []
    header_size = 0
    in_header = False
    blank_before = True

    def finish(begin: int, end: int) -> Envelope:
        def load() -> Message:
            return parse(_unescape(read(begin, end)))
        return envelope(f"{name}:{begin}", b"".join(header), load, bulk_names=_bulk())

    for line in fh:
        if blank_before and line.startswith(b"From "):
            if start is not None:
                yield finish(start, offset), offset / size if size else 1.0
            start = offset + len(line)
            header, header_size, in_header = [], 0, True
        elif in_header:
            if line in (b"\n", b"\r\n"):
                in_header = False
            elif header_size < MAX_HEADER_BYTES:
                header.append(line)
                header_size += len(line)
        blank_before = line in (b"\n", b"\r\n")
        offset += len(line)
    if start is not None:
        yield finish(start, offset), 1.0
    elif offset:
        raise MailSourceError(f"{name} is not an mbox file: it does not start with a "
                              "'From ' line. Export the mailbox again as .mbox.")


def mbox_file(path: Path) -> Scan:
    """Messages of an .mbox file on disk, opened read-only."""
    path = Path(path)
    if not path.is_file():
        raise MailSourceError(f"{path} is not a file.")

    def read(begin: int, end: int) -> bytes:
        with path.open("rb") as again:
            again.seek(begin)
            return again.read(end - begin)

    with path.open("rb") as fh:
        yield from _mbox_stream(fh, path.stat().st_size, read, path.name)


def mbox_upload(data: bytes | memoryview, name: str = "upload.mbox") -> Scan:
    """Messages of an uploaded .mbox (already in memory: nothing is written)."""
    view = memoryview(data)

    def read(begin: int, end: int) -> bytes:
        return view[begin:end].tobytes()

    yield from _mbox_stream(io.BytesIO(view), len(view), read, name)


# --- Maildir and folders of .eml files ------------------------------------------------------


def _read_header(path: Path) -> bytes:
    lines = []
    size = 0
    with path.open("rb") as fh:
        for line in fh:
            if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
                break
            lines.append(line)
            size += len(line)
    return b"".join(lines)


def _file_messages(files: list[tuple[Path, str]], root: Path) -> Scan:
    for number, (path, folder) in enumerate(files, 1):
        def load(path: Path = path) -> Message:
            return parse(path.read_bytes())
        try:
            header = _read_header(path)
        except OSError:
            continue  # a file removed while scanning: there is nothing to read
        key = str(path.relative_to(root))
        yield envelope(key, header, load, folder, _bulk()), number / len(files)


def folder_files(path: Path) -> Scan:
    """Messages of a Maildir (cur/ and new/, and Maildir++ subfolders such as .Sent) or of a
    folder of .eml files (a subfolder named like Sent holds sent mail)."""
    root = Path(path)
    if not root.is_dir():
        raise MailSourceError(f"{root} is not a folder.")
    files: list[tuple[Path, str]] = []
    maildirs = [d for d in [root, *sorted(root.glob(".*"))]
                if (d / "cur").is_dir() or (d / "new").is_dir()]
    if maildirs:
        for folder in maildirs:
            kind = "sent" if folder != root and _is_sent_folder(folder.name) else "inbox"
            for sub in ("new", "cur"):
                if (folder / sub).is_dir():
                    files += [(Path(e.path), kind) for e in os.scandir(folder / sub)
                              if e.is_file() and not e.name.startswith(".")]
    else:
        for file in sorted(root.rglob("*.eml")):
            parts = file.relative_to(root).parts[:-1]
            kind = "sent" if any(_is_sent_folder(p) for p in parts) else "inbox"
            files.append((file, kind))
    if not files:
        raise MailSourceError(f"{root.name} holds no messages: choose a Maildir (with cur/ "
                              "and new/ inside) or a folder of .eml files.")
    yield from _file_messages(files, root)


def eml_uploads(files: Iterable[tuple[str, bytes]]) -> Scan:
    """Messages dropped on the page as .eml files (in memory)."""
    items = list(files)
    for number, (name, raw) in enumerate(items, 1):
        head, _, _ = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
        yield (envelope(f"{name}#{number}", head + b"\n", lambda raw=raw: parse(raw),
                        bulk_names=_bulk()), number / len(items))


# --- IMAP -----------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ImapAccount:
    """Where to read: host, port, user and the folders. TLS is required for any host that is
    not this computer; the password is passed in and held by the caller for the session."""

    host: str
    user: str
    port: int = 993
    tls: bool = True
    folder: str = "INBOX"
    sent_folder: str = ""
    timeout: float = 30.0

    def problem(self) -> str | None:
        host = self.host.strip()
        if not host:
            return "Type the IMAP server's name, such as imap.example.com."
        if any(c.isspace() or c in "/@" for c in host):
            return "The server name has a space, a slash or an @ in it: type the host alone."
        if not 0 < self.port < 65536:
            return "The port is a number from 1 to 65535 (993 for IMAP over TLS)."
        if not self.user.strip():
            return "Type your user name (usually your e-mail address)."
        if not self.tls and not is_loopback(host):
            return ("Mail is read only over TLS from another computer: your password and your "
                    "messages would otherwise cross the network readable.")
        return None


def imap_messages(account: ImapAccount, password: str, since: date | None = None,
                  ssl_context: ssl.SSLContext | None = None, chunk: int = 200) -> Scan:
    """Messages of the account's folder (and its Sent folder, if named), each folder opened
    with EXAMINE (read-only: no flag, not even Seen, can change) and headers fetched first."""
    from imap_tools import MailBox, MailBoxUnencrypted
    from imap_tools.errors import ImapToolsError

    problem = account.problem()
    if problem:
        raise MailSourceError(problem)
    try:
        box = (MailBox(account.host, account.port, timeout=account.timeout,
                       ssl_context=ssl_context or ssl.create_default_context())
               if account.tls else
               MailBoxUnencrypted(account.host, account.port, timeout=account.timeout))
    except (OSError, ssl.SSLError) as exc:
        raise MailSourceError(f"Could not reach {account.host}:{account.port}: "
                              f"{exc.strerror or exc}.") from None
    try:
        yield from _examine(box, account, password, since, chunk)
    except (imaplib.IMAP4.error, ImapToolsError, OSError) as exc:
        raise MailSourceError(f"The connection to {account.host} broke off ({exc}). The "
                              "messages read until then are listed; scan again to read on."
                              ) from None
    finally:
        with contextlib.suppress(Exception):  # a connection already closed: nothing to log out
            box.logout()


def _examine(box, account: ImapAccount, password: str, since: date | None, chunk: int) -> Scan:
    """Log in and read each folder (EXAMINE), headers in chunks, bodies only when asked."""
    from imap_tools import AND
    from imap_tools.errors import ImapToolsError, MailboxLoginError

    try:
        box.login(account.user, password, initial_folder=None)
    except MailboxLoginError:
        raise MailSourceError("The server refused the user name or password. Many "
                              "providers want an app password here.") from None
    folders = [(account.folder, "inbox")]
    if account.sent_folder.strip():
        folders.append((account.sent_folder.strip(), "sent"))
    for number, (name, kind) in enumerate(folders):
        try:
            box.folder.set(name, readonly=True)
        except Exception:  # imap_tools raises its own error types per command
            raise MailSourceError(f"There is no folder {name!r} on the server.") from None
        uids = box.uids(AND(date_gte=since) if since else "ALL")
        for at in range(0, len(uids), chunk):
            part = uids[at:at + chunk]
            heads = list(box.fetch(AND(uid=part), headers_only=True, mark_seen=False,
                                   bulk=True))
            for position, head in enumerate(heads):
                def load(uid: str = head.uid) -> Message:
                    try:
                        return next(box.fetch(AND(uid=uid), mark_seen=False)).obj
                    except (imaplib.IMAP4.error, ImapToolsError, OSError,
                            StopIteration) as exc:
                        raise MailSourceError(f"Message {uid} could not be read from "
                                              f"{account.host} ({exc}).") from None
                share = (number + (at + position + 1) / max(len(uids), 1)) / len(folders)
                yield from_headers(f"{name}:{head.uid}", head.obj, load, kind,
                                   _bulk()), share


# --- the password in the system keyring, only when the user asks --------------------------


def remembered_password(account: ImapAccount) -> str | None:
    """The password kept in the system keyring for this account, if the user chose to."""
    import keyring
    from keyring.errors import KeyringError
    try:
        return keyring.get_password(KEYRING_SERVICE, f"{account.user}@{account.host}")
    except (KeyringError, RuntimeError):
        return None


def remember_password(account: ImapAccount, password: str) -> str | None:
    """Keep the password in the system keyring; returns a problem in words, or None."""
    import keyring
    from keyring.errors import KeyringError
    try:
        keyring.set_password(KEYRING_SERVICE, f"{account.user}@{account.host}", password)
    except (KeyringError, RuntimeError) as exc:
        return f"The system keyring is not available here ({exc}); the password was not kept."
    return None


def forget_password(account: ImapAccount) -> None:
    import keyring
    from keyring.errors import KeyringError
    with contextlib.suppress(KeyringError, RuntimeError):
        keyring.delete_password(KEYRING_SERVICE, f"{account.user}@{account.host}")
