"""The method behind "when will I hear back", shared by Home's waiting list and Pipeline's
application detail: kept behind its own expander so the main words stay plain."""

from __future__ import annotations

import streamlit as st

from nextround.domain import waiting


def how_it_is_worked_out(key: str) -> None:
    """An expander titled "How is this worked out?" holding the estimate's method."""
    title, text = waiting.method()
    with st.expander(title, key=key):
        st.markdown(text)
