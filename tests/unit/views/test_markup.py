"""User text inside Markdown stays text."""

import re

import pytest

from nextround.views.markup import ZERO_WIDTH_SPACE, escape_markdown, safe_filename


@pytest.mark.parametrize(
    "hostile",
    ["[Apply](javascript:alert(1))", "# Heading", "$x^2$", ":red[alert]", "<b>bold</b>",
     "**bold**", "- list", "1. item", "a | b", "`code`", ":material/home:"],
)
def test_markdown_specials_are_escaped(hostile: str) -> None:
    escaped = escape_markdown(hostile)
    for ch in "[]#$:<>*`|":
        assert f"{ch}" not in escaped.replace(f"\\{ch}", "")
    assert not escaped.startswith(("-", "#", "1."))


def test_plain_text_is_unchanged() -> None:
    assert escape_markdown("Acme Analytics") == "Acme Analytics"


def test_escape_markdown_escapes_markdown_and_stops_bare_addresses_becoming_links() -> None:
    text = escape_markdown(
        "[x](javascript:alert(1)) see https://evil.example www.evil.example a@b.c"
    )
    assert "\\[x\\]" in text and "\\(javascript" in text
    assert "https://" not in text.replace("\\", "")
    assert "://" not in text
    assert "www." not in text.lower()
    assert "a@" not in text
    assert text.replace("\u200b", "").replace("\\", "").startswith("[x](javascript")
    assert escape_markdown(None) == "" and escape_markdown(float("nan")) == ""


def test_file_names_are_built_only_from_safe_characters() -> None:
    assert safe_filename("Prep", "Acme/../../etc", "Zoë <x>", suffix=".md") == (
        "prep-acme-etc-zo-x.md")
    assert safe_filename("", "  ", None, suffix=".md", fallback="prep") == "prep.md"
    assert len(safe_filename("x" * 300, suffix=".txt")) == 80 + len(".txt")


def test_the_printable_sheet_escapes_without_streamlits_extra_characters() -> None:
    text = "$5 :smile: (a) #1"
    assert escape_markdown(text, streamlit=False) == r"$5 :smile: (a) \#1"
    assert escape_markdown(text).replace("\u200b", "").startswith(r"\$5 \:smile\: \(a\)")


@pytest.mark.parametrize("directive", [":material/skull:", ":streamlit:", ":shark:",
                                       ":red[x]", ":blue-background[x]", ":small[x]"])
def test_icons_logos_and_colour_directives_are_broken_up(directive: str) -> None:
    """Before: a backslash before the colon was all, and Streamlit, which reads icons and
    the logo after Markdown has removed backslashes, still drew them."""
    escaped = escape_markdown(f"Acme {directive} Ltd")
    unescaped = escaped.replace("\\", "")
    assert directive not in unescaped
    assert f":{ZERO_WIDTH_SPACE}" in escaped
    assert unescaped.replace(ZERO_WIDTH_SPACE, "") == f"Acme {directive} Ltd"


@pytest.mark.parametrize("payload", [
    "![x](http://203.0.113.9/iv.png)", "http://203.0.113.9/x", ":material/skull:", ":streamlit:",
    "$\\frac12$", "[x](http://203.0.113.9/l)", "**bold**", ":red[RED-MARK]", "www.example.com",
    "me@example.com", "<http://203.0.113.9>", "$$x$$", ":+1:", "~~gone~~", "`code`"])
def test_every_label_payload_loses_what_makes_it_markup(payload: str) -> None:
    """What issue 23 stored as a person's whole name: the escaped text keeps its letters but
    none of the sequences Streamlit's label Markdown acts on (an image or link opener, a bare
    address, an icon or emoji short code, a maths or bold delimiter, a colour directive)."""
    escaped = escape_markdown(payload)
    assert re.sub(r"\\(.)", r"\1", escaped).replace(ZERO_WIDTH_SPACE, "") == payload
    bare = re.sub(r"\\.", "", escaped)  # what is left once every escaped character is out
    assert not any(t in bare for t in ("![", "](", "$", "*", "~", "`", "<", "["))
    assert not any(t in escaped for t in ("://", "www.", "e@"))  # a zero-width space between
    assert not re.search(r":[A-Za-z0-9_+/-]+:|:[a-z]+\[", escaped)
