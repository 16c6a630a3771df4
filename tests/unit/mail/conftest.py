"""The mail tests' IMAP server (a real Dovecot; see tests/imap_server.py)."""

from tests.imap_server import imap_server  # noqa: F401 - a fixture, found by its name
