"""README.md is the user's manual for their files: it must match the schema."""

from pathlib import Path

from nextround.storage.schema import columns_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_column_reference_matches_the_schema() -> None:
    text = README.read_text()
    start = text.index("<!-- columns:start")
    end = text.index("<!-- columns:end -->")
    assert columns_markdown().strip() in text[start:end], (
        "README column reference is stale: paste the output of `python -m nextround columns`"
    )


def test_readme_shows_the_two_commands_first() -> None:
    text = README.read_text()
    assert text.index("make run") < text.index("make test") < text.index("## Privacy")
