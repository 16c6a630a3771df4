"""No stored text renders as markup, on any page: with names, companies, roles, interviewers,
contacts, self-check labels and a sent note's recipient each holding exactly a Markdown image,
a bare URL, a Material icon, the Streamlit logo short code or LaTeX, every string Streamlit
draws as Markdown (labels, help, captions, alerts, toasts, tab and expander titles, radio
options, metrics) carries the escaped text, never the raw one.

The check reads every element Streamlit sent, so a new widget whose label forgets the escaping
helper fails here without a test of its own. Strings Streamlit shows as plain text (a text
box's value or placeholder, a selectbox's options, st.text, st.code, tables, charts) are left
out: there the raw text is what the person should see.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict

from components.shared.navigation import PAGES
from nextround.views.markup import escape_markdown
from tests.conftest import MARKUP_PAYLOADS

#: Elements whose strings Streamlit never reads as Markdown.
PLAIN_ELEMENTS = {"text", "code", "json", "arrow_data_frame", "vega_lite_chart", "html",
                  "arrow_vega_lite_chart", "dataframe"}
#: Proto fields Streamlit draws as Markdown (the last part of the field's path).
MARKDOWN_FIELDS = {"label", "help", "body", "captions", "delta", "content", "title",
                   "description"}
#: Elements whose options are drawn as Markdown (a selectbox's are plain text).
MARKDOWN_OPTIONS = {"radio"}


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)
    elif isinstance(value, str):
        yield path, value


def _nodes(node) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def markdown_strings(at) -> list[tuple[str, str]]:
    """(element type and field, text) for every string the page draws as Markdown."""
    found = []
    for node in _nodes(at._tree):
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if proto is None or kind in PLAIN_ELEMENTS or not hasattr(proto, "DESCRIPTOR"):
            continue
        for path, text in _strings(MessageToDict(proto, preserving_proto_field_name=True)):
            field = path.rsplit(".", 1)[-1]
            if field in MARKDOWN_FIELDS or (field == "options" and kind in MARKDOWN_OPTIONS):
                found.append((f"{kind}{path}", text))
    return found


def _raw(text: str) -> list[str]:
    """The payloads that appear unescaped in ``text`` (any letter case: the name parser
    capitalises a name typed all in lower case)."""
    return [p for p in MARKUP_PAYLOADS if p.casefold() in text.casefold()]


@pytest.fixture
def seeded(data_dir: Path, markup_seed) -> list[dict[str, str]]:
    return markup_seed(data_dir)


def _visits(seeded: list[dict[str, str]]) -> list[tuple[str, dict]]:
    """Every page as opened from the menu, and the pages that show one application or
    interview opened on each seeded one."""
    visits: list[tuple[str, dict]] = [(p.title, {}) for p in PAGES]
    for ids in seeded:
        visits += [("Notes", {"application_id": ids["application_id"]}),
                   ("Self-check", {"application_id": ids["application_id"],
                                   "event_id": ids["past"]}),
                   ("Pipeline", {"application_id": ids["application_id"]}),
                   ("Prep", {"interview_id": ids["upcoming"]})]
    return visits


def test_no_page_draws_stored_text_as_markup(go_to_page, seeded) -> None:
    """Before: Notes labelled its fields "What you discussed with ![x](http://...)" and
    "Greet ![x](http://...) as", so the browser fetched the image (and drew the icon, the logo
    and the maths for the other names)."""
    raw: list[str] = []
    escaped_seen = dict.fromkeys(MARKUP_PAYLOADS, 0)
    visits = _visits(seeded)
    for title, request in visits:
        at = go_to_page(title, **request)  # asserts the page ran without an exception
        for where, text in markdown_strings(at):
            raw += [f"{title} {request}: {where} = {text[:120]!r}" for _ in _raw(text)]
            for payload in MARKUP_PAYLOADS:
                escaped_seen[payload] += escape_markdown(payload) in text
    assert raw == []
    # The payloads are on the pages, escaped: the check above looked at text that is there.
    assert all(escaped_seen.values()), escaped_seen
    assert len(visits) == len(PAGES) + 4 * len(MARKUP_PAYLOADS)


@pytest.mark.parametrize("index", range(len(MARKUP_PAYLOADS)))
def test_notes_labels_carry_the_escaped_name(go_to_page, seeded, index: int) -> None:
    """The two labels the attack found, for each payload as an interviewer's whole name."""
    at = go_to_page("Notes", application_id=seeded[index]["application_id"])
    labels = [t.label for t in at.text_input]
    discussed = [label for label in labels if label.startswith("What you discussed with ")]
    greet = [label for label in labels if label.startswith("Greet ")]
    assert discussed and greet, labels
    for label in [*discussed, *greet]:
        assert _raw(label) == [], label
        assert "\\" in label or "\u200b" in label, label
