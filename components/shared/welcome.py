"""The first-run welcome: what the app is for, and the two ways to start."""

from __future__ import annotations

import streamlit as st

from components.shared.feedback import attempt
from components.shared.navigation import has_page, page_path
from components.shared.store import start_sample
from nextround.domain import dates


def welcome() -> None:
    st.markdown(
        "An interview that felt like it went badly often did not go as badly as it felt. "
        "Next Round helps you turn that feeling into a clear read and a plan:"
    )
    st.markdown(
        "- **Self-check**: read the signs from the interview, honestly and with their caveats.\n"
        "- **Pipeline**: every application, round and follow-up on one timeline; what is due.\n"
        "- **Notes**: the thank-you (even a late one), the follow-up, a gracious reply to a no.\n"
        "- **Prep**: a dated plan for the next interview."
    )
    st.header("How would you like to start?")
    own, sample = st.columns(2, border=True)
    with own:
        st.subheader(":material/edit_note: With your own search", anchor=False)
        if has_page("Pipeline"):
            st.write("Add the jobs you have applied to; it takes a minute each.")
            st.page_link(page_path("Pipeline"), label="Add your first application",
                         icon=":material/add:")
        st.write("Already track them in a spreadsheet? Import the CSV.")
        st.page_link(page_path("Data"), label="Import from a spreadsheet",
                     icon=":material/upload_file:")
    with sample:
        st.subheader(":material/science: With sample data", anchor=False)
        st.write(
            "Explore with an invented job search of 15 applications. It lives in its own "
            "folder, never mixed with yours, and you can leave or delete it any time."
        )
        if st.button("Try with sample data", key="welcome_sample", type="primary",
                     icon=":material/play_arrow:") and attempt(
                lambda: start_sample(dates.today()),
                "Sample data loaded. Leave it from the sidebar whenever you like."):
            st.rerun()
