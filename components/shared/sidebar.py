"""The sidebar every page shares: whose data this is, and the way out of the sample."""

from __future__ import annotations

import streamlit as st

from components.shared.feedback import attempt
from components.shared.store import get_store, leave_sample, viewing_sample


def sidebar() -> None:
    with st.sidebar:
        if viewing_sample():
            st.info(
                "You are looking at **sample data**. Nothing here is yours, and your own data "
                "folder is untouched.",
                icon=":material/science:",
            )
            if st.button("Back to my own data", key="sidebar_leave_sample",
                         icon=":material/logout:", width="stretch") and attempt(
                    lambda: leave_sample(delete=False)):
                st.rerun()
        st.caption(
            f":material/lock: Private: everything stays in `{get_store().data_dir}` on this "
            "computer. Nothing is sent anywhere."
        )
