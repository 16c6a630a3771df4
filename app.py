"""Next Round's pages and shell. Served by `make run` (`streamlit run serve.py`, which adds the
local-only guard); `streamlit run app.py` also works."""

from pathlib import Path

import streamlit as st

from components.feedback import show_flashes
from components.navigation import build_navigation, mark_app_shell
from components.sidebar import sidebar

# A local icon, sent inline with the page: a Material icon name here made every page load fetch
# the icon from a font host on the internet.
ICON = Path(__file__).resolve().parent / "assets" / "icon.svg"
st.set_page_config(page_title="Next Round", page_icon=str(ICON), layout="wide")
page = build_navigation()
sidebar()
show_flashes()
mark_app_shell()
page.run()
