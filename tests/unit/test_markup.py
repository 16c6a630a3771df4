"""User text inside Markdown stays text."""

import pytest

from nextround.markup import escape_markdown


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
