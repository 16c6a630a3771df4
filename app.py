"""Next Round: run with `streamlit run app.py` (or `make run`)."""

import streamlit as st

from components.feedback import show_flashes
from components.navigation import build_navigation, mark_app_shell
from components.sidebar import sidebar

st.set_page_config(page_title="Next Round", page_icon="🔄", layout="wide")
page = build_navigation()
sidebar()
show_flashes()
mark_app_shell()
page.run()
