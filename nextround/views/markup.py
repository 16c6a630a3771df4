"""User text made inert before it is placed inside Markdown.

st.markdown escapes HTML, but Markdown itself would still turn a company called
"[Apply](javascript:alert(1))" into a link, "![x](https://...)" into a request for a remote
image, "# Acme" into a heading, "$x$" into maths, ":red[x]" into coloured text and
":material/home:" or ":streamlit:" into icons. Everything a person typed, and everything read
from a file (a cell, a file name), goes through ``escape_markdown`` before it meets Markdown:
titles, captions, toasts, errors and widget labels alike.
"""

from __future__ import annotations

import math
import re

import pandas as pd

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_STREAMLIT_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$:{}()!])")
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")
_AUTOLINK_WWW = re.compile(r"(www)\.", re.IGNORECASE)
_DIRECTIVE = re.compile(r":(?=[A-Za-z0-9_+-])")
ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(text: object, streamlit: bool = True) -> str:
    """One line of user text, inert in Markdown: no headings, lists, links, HTML, cells, and in
    Streamlit no maths, icons or colour directives. Leading spaces go too (they would start a
    code block)."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    pattern = _STREAMLIT_SPECIAL if streamlit else _SPECIAL
    line = " ".join(str(text).split())
    if streamlit:
        # Escaping does not stop Markdown from linking a bare https://..., www.... or
        # name@host; an invisible zero-width space inside each does.
        line = line.replace("@", ZERO_WIDTH_SPACE + "@")
        line = line.replace("://", ":" + ZERO_WIDTH_SPACE + "//")
        line = _AUTOLINK_WWW.sub("\\1" + ZERO_WIDTH_SPACE + ".", line)
        # Streamlit turns :material/name:, :streamlit: and emoji short codes into icons after
        # Markdown has removed the backslashes, so escaping the colon is not enough: an
        # invisible space after it breaks the name.
        line = _DIRECTIVE.sub(":" + ZERO_WIDTH_SPACE, line)
    line = pattern.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], line)


_FILE_UNSAFE = re.compile(r"[^a-z0-9]+")


def safe_filename(*parts: object, suffix: str, fallback: str = "file") -> str:
    """A download name built only from a-z, 0-9 and dashes: user text never becomes a path."""
    cleaned = [_FILE_UNSAFE.sub("-", str(p).casefold()).strip("-") for p in parts if p]
    stem = "-".join(p for p in cleaned if p)[:80].strip("-")
    return f"{stem or fallback}{suffix}"
