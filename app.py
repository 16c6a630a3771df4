"""Next Round's pages and shell. Served by `make run` (`streamlit run serve.py`, which adds the
local-only guard); `streamlit run app.py` also works."""

import streamlit as st

from components.shared.feedback import run_guarded, show_flashes
from components.shared.navigation import build_navigation, mark_app_shell
from components.shared.sidebar import sidebar

st.set_page_config(page_title="Next Round", page_icon="🔄", layout="wide")
page = build_navigation()
sidebar()
show_flashes()
mark_app_shell()
run_guarded(page.run)
