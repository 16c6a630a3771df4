"""The reference for interaction latency: a page with one checkbox, clicked the same way."""

import streamlit as st

st.checkbox("Done", key="done")
