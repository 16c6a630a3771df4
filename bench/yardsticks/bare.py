"""The floor of the stack: a one-line Streamlit page."""

import streamlit as st

st.write("ok")
