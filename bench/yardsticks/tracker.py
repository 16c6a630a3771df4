"""A typical single-page Streamlit job tracker, written the way most are: what a user would pick
instead of this app. It reads applications.csv, shows three metric cards, three multiselect
filters, the filtered table and one bar chart."""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

st.set_page_config(page_title="Job tracker", layout="wide")
folder = Path(os.environ.get("NEXTROUND_DATA_DIR", "data"))
apps = pd.read_csv(folder / "applications.csv")

st.title("Job tracker")
total, active, offers = st.columns(3)
total.metric("Applications", len(apps))
active.metric("Active", int(apps["outcome"].isna().sum()))
offers.metric("Offers", int(apps["stage"].eq("offer").sum()))

stage, source, priority = st.columns(3)
stages = stage.multiselect("Stage", sorted(apps["stage"].dropna().unique()))
sources = source.multiselect("Source", sorted(apps["source"].dropna().unique()))
priorities = priority.multiselect("Priority", sorted(apps["priority"].dropna().unique()))
shown = apps
if stages:
    shown = shown[shown["stage"].isin(stages)]
if sources:
    shown = shown[shown["source"].isin(sources)]
if priorities:
    shown = shown[shown["priority"].isin(priorities)]

st.dataframe(shown, hide_index=True)
st.bar_chart(shown["stage"].value_counts())
