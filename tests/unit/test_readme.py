"""README.md is the user's manual for their files: it must match the schema."""

import json
from datetime import datetime
from pathlib import Path

from nextround.commands.self_check import save_check
from nextround.domain.self_check.saved import DECISION_KEY
from nextround.storage.schema import columns_markdown
from nextround.storage.store import Store

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


def test_readme_says_what_a_saved_check_keeps_in_its_answers(tmp_path: Path) -> None:
    """The manual names the decision-date key; a saved check holds it exactly as it says:
    present with yes or no when answered, absent for "not sure", next to the signs."""
    assert f'"{DECISION_KEY}"' in README.read_text()
    store = Store(tmp_path / "data")
    answers = {"sign-next-round-invite": "yes", "sign-cut-short": "not sure"}
    base = {"label": "Café call", "answers": answers}
    for decision in ("yes", "no", "not sure"):
        save_check(store, base | {"decision": decision}, datetime(2026, 3, 9, 10))
    stored = [json.loads(text) for text in store.load("self_checks")["answers"]]
    assert [s.get(DECISION_KEY) for s in stored] == ["yes", "no", None]
    assert all(s["sign-next-round-invite"] == "yes" and "sign-cut-short" not in s
               for s in stored)


def test_every_test_the_privacy_and_data_sections_cite_exists() -> None:
    """Those sections list each promise with the test that checks it: a renamed or deleted
    test must not leave a promise without its proof."""
    import re

    text = README.read_text()
    sections = text[text.index("## Privacy"):text.index("## For developers")]
    cited = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", sections)
    assert len(cited) >= 20
    root = README.parent
    missing = [f"{path}::{name}" for path, name in cited
               if not (root / path).is_file()
               or not re.search(rf"^def {name}\(", (root / path).read_text(), re.M)]
    assert missing == []


def test_the_data_folder_readme_names_every_table_and_is_the_only_file_committed() -> None:
    """A newcomer sees where their tables will live before the app has run once."""
    import subprocess

    from nextround.storage.schema import TABLES

    data_readme = README.parent / "data" / "README.md"
    text = data_readme.read_text()
    assert all(f"`{name}.csv`" in text for name in TABLES)
    listed = subprocess.run(["git", "ls-files", "data"], cwd=README.parent, text=True,
                            capture_output=True, check=False)
    if listed.returncode == 0:  # inside a git checkout of the project
        assert listed.stdout.split() == ["data/README.md"]
