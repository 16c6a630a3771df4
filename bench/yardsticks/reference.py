"""The least a tracker page does: read the applications CSV and show it."""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

folder = Path(os.environ.get("NEXTROUND_DATA_DIR", "data"))
st.dataframe(pd.read_csv(folder / "applications.csv"))
