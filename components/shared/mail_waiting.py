"""The replies a mail scan found in this session that wait for review.

The Data page's mail section (components/data/mail.py) keeps its scan under ``RESULT``; Home
only counts what waits. The count lives here, apart from the mail section, so the first page
does not import the whole mail reader (the classifier, the e-mail parser, the IMAP source)
to learn that nothing was scanned.
"""

from __future__ import annotations

import streamlit as st

#: The session key of the mail section's last scan (a ``nextround.mail.review`` result).
RESULT = "mail_result"


def waiting_count() -> int:
    """Replies found in this session's scan that still wait for review (Home shows it)."""
    result = st.session_state.get(RESULT)
    return len(result.to_review) if result is not None else 0
