"""The reference page with one checkbox: what a click costs on the least a tracker page does
(read the applications CSV, show it), the yardstick of the interaction latencies."""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

folder = Path(os.environ.get("NEXTROUND_DATA_DIR", "data"))
st.checkbox("Only the open ones", key="only_open")
st.dataframe(pd.read_csv(folder / "applications.csv"))
