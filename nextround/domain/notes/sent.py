"""A note sent: the fields kept of it, the tables recording it writes (the command is
``nextround.commands.notes.record_sent_note``), and the mailto: link that opens it in the
person's own mail program."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

SENT_FIELDS = ("application_id", "kind", "tone", "recipient_name", "recipient_email", "subject",
               "body", "greeting", "detail", "strength", "repair")
#: The tables marking a note sent writes, and so the versions it is checked against.
SENT_TABLES = ("events", "applications", "sent_notes")


# --- sending (the person's own mail program does it) ----------------------------------------


_ADDRESS = re.compile(r"^[^\s@?&#%<>\"',;:/\\()\[\]=]+@[^\s@?&#%<>\"',;:/\\()\[\]=]+$")


def mailto_link(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens a draft in the person's mail program.

    Subject and body are UTF-8 percent-encoded with line breaks as %0D%0A and spaces as %20.
    An address that could smuggle extra fields (?, &, line breaks, commas) is refused.
    """
    address = unicodedata.normalize("NFC", to or "").strip()
    if address and not _ADDRESS.match(address):
        raise ValueError(
            f"{to!r} does not look like a single email address; fix it in the interview's "
            "interviewer emails."
        )

    def encode(text: str) -> str:
        lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "%0D%0A".join(quote(line, safe="") for line in lines)

    return f"mailto:{quote(address, safe='@.+-_~')}?subject={encode(subject)}&body={encode(body)}"
