"""A chart's caption and its downloads: the data as a spreadsheet-safe CSV and the picture as
PNG or SVG, each built only when its button is pressed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import streamlit as st

from nextround.charts.spec import chart_image, chart_summary
from nextround.data_folder import spreadsheet_csv_bytes
from nextround.views.markup import escape_markdown


def csv_button(build: Callable[[], pd.DataFrame], name: str, label: str, key: str) -> None:
    """The CSV is built only when the button is pressed, never on an ordinary rerun."""
    st.download_button(label, data=lambda: spreadsheet_csv_bytes(build()),
                       file_name=f"{name}.csv", mime="text/csv", icon=":material/download:",
                       key=key, on_click="ignore", type="tertiary")


def image_buttons(plain: str, name: str, key: str) -> None:
    """PNG and SVG of a chart, rendered only when asked for."""
    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        st.download_button(fmt.upper(), data=lambda fmt=fmt: chart_image(
                               json.loads(plain), fmt),
                           file_name=f"{name}.{fmt}", mime=mime, icon=":material/image:",
                           key=f"{key}_{fmt}", on_click="ignore", type="tertiary")


def chart_caption(spec: dict) -> str:
    """A chart's one-sentence text alternative, escaped for the Markdown of a caption."""
    return escape_markdown(chart_summary(spec))
