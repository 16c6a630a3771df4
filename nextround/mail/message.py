"""One message as the scanner sees it: its headers at once, its body only when asked for.

The headers are what the filter reads for every message; the body (and any calendar file
attached) is parsed only for the few messages that pass it, and only in memory: nothing here
writes anywhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header as _decode
from email.header import make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

_PARSER = BytesParser(policy=policy.default)
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_QUOTE_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})


def decode_header(value: object) -> str:
    """A header as text, encoded words (=?utf-8?...?=) decoded, on one line."""
    if value is None:
        return ""
    if "=?" not in str(value):
        return " ".join(str(value).split())
    try:
        text = str(make_header(_decode(str(value))))
    except (LookupError, ValueError, UnicodeError):
        text = str(value)
    return " ".join(text.split())


def plain(text: str) -> str:
    """Text as the cue phrases are matched against it: casefolded, quotes straightened, one
    space between words."""
    return " ".join(text.translate(_QUOTE_MARKS).casefold().split())


@dataclass
class Envelope:
    """A message's headers, and a way to read the rest of it."""

    key: str
    subject: str
    sender_name: str
    sender: str  # the address, lower case
    recipients: tuple[str, ...]
    date: datetime | None
    folder: str = "inbox"  # or "sent"
    bulk: tuple[str, ...] = ()  # bulk-mail headers it carries (List-Unsubscribe...)
    reply_to: tuple[str, ...] = ()
    labels: str = ""
    load: Callable[[], Message] | None = field(default=None, repr=False)

    @property
    def sender_domain(self) -> str:
        return domain_of(self.sender)

    def full(self) -> Message:
        """The whole message, parsed in memory (bodies never leave it)."""
        if self.load is None:
            raise ValueError("this message has no body to read")
        return self.load()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").lower() if "@" in address else ""


#: The headers the scanner reads; every other header of a message is passed over.
WANTED = frozenset(["from", "to", "cc", "reply-to", "subject", "date", "x-gmail-labels",
                    "list-unsubscribe", "list-id"])
Headers = dict[str, list[str]]
_SIMPLE_ADDRESS = re.compile(r"^\s*(?:([^\"<>,;()@]*?)\s*<([^<>\s,;\"()]+@[^<>\s,;\"()]+)>"
                             r"|([^<>\s,;\"()]+@[^<>\s,;\"()]+))\s*$")


def header_fields(header_bytes: bytes) -> Headers:
    """The wanted headers of a header block, unfolded (a fast path: a mailbox of 100,000
    messages is read header by header, and the email package's full parse costs several times
    more per message than this)."""
    fields: Headers = {}
    name = None
    for raw in header_bytes.decode("utf-8", "replace").splitlines():
        if raw[:1] in (" ", "\t"):
            if name is not None:
                fields[name][-1] += " " + raw.strip()
            continue
        head, sep, value = raw.partition(":")
        name = head.strip().lower() if sep and head.strip().lower() in WANTED else None
        if name is not None:
            fields.setdefault(name, []).append(value.strip())
    return fields


def _addresses(fields: Headers, *names: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in names:
        for raw in fields.get(name, []):
            value = decode_header(raw) if "=?" in raw else raw
            parts = value.split(",")
            simple = [_SIMPLE_ADDRESS.match(p) for p in parts]
            if all(simple):
                found += [((m[1] or "").strip(), (m[2] or m[3]).lower())
                          for m in simple if m is not None]
            else:  # quoted names, comments, groups: the email package's full parser
                found += [(n, a.strip().lower()) for n, a in getaddresses([value]) if "@" in a]
    return found


def _date(fields: Headers) -> datetime | None:
    raw = (fields.get("date") or [""])[0]
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def envelope(key: str, header_bytes: bytes, load: Callable[[], Message] | None,
             folder: str = "inbox", bulk_names: tuple[str, ...] = ()) -> Envelope:
    """The envelope of a message from the bytes of its header block."""
    return _build(key, header_fields(header_bytes), load, folder, bulk_names)


def from_headers(key: str, headers: Message, load: Callable[[], Message] | None,
                 folder: str = "inbox", bulk_names: tuple[str, ...] = ()) -> Envelope:
    """The envelope of a message from headers already parsed (IMAP)."""
    fields: Headers = {}
    for name, value in headers.items():
        if name.lower() in WANTED:
            fields.setdefault(name.lower(), []).append(" ".join(str(value).split()))
    return _build(key, fields, load, folder, bulk_names)


def _build(key: str, fields: Headers, load: Callable[[], Message] | None, folder: str,
           bulk_names: tuple[str, ...]) -> Envelope:
    sender = _addresses(fields, "from")
    name, address = sender[0] if sender else ("", "")
    labels = decode_header((fields.get("x-gmail-labels") or [""])[0])
    if folder == "inbox" and re.search(r"(?i)(^|,)\s*sent\b", labels):
        folder = "sent"
    return Envelope(
        key=key,
        subject=decode_header((fields.get("subject") or [""])[0]),
        sender_name=name.strip('"'),
        sender=address,
        recipients=tuple(a for _, a in _addresses(fields, "to", "cc")),
        date=_date(fields),
        folder=folder,
        bulk=tuple(h for h in bulk_names if h.lower() in fields),
        reply_to=tuple(a for _, a in _addresses(fields, "reply-to")),
        labels=labels,
        load=load,
    )


def parse(raw: bytes) -> Message:
    return _PARSER.parsebytes(raw)


def body_text(message: Message) -> str:
    """The readable text of a message: its plain parts, or its HTML parts without tags."""
    plain_parts: list[str] = []
    html_parts: list[str] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        try:
            text = (part.get_content() if isinstance(part, EmailMessage)
                    else (part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
        except (LookupError, UnicodeError, ValueError, AssertionError):
            payload = part.get_payload(decode=True) or b""
            text = payload.decode("utf-8", "replace")
        (plain_parts if kind == "text/plain" else html_parts).append(str(text))
    if plain_parts:
        return "\n".join(plain_parts)
    return html.unescape(_TAGS.sub(" ", "\n".join(html_parts)))


def calendars(message: Message) -> list[bytes]:
    """The iCalendar files in a message (attached, or sent as a text/calendar part)."""
    found = []
    for part in message.walk():
        name = (part.get_filename() or "").lower()
        if part.get_content_type() == "text/calendar" or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if payload:
                found.append(payload)
    return found
