"""The prep content validator: the shipped files pass, and it catches what it promises to."""

from __future__ import annotations

import copy

from nextround.domain.catalog import load_catalog
from nextround.domain.prep import content
from nextround.domain.prep.validation import validate_content


def shipped_catalogs() -> dict[str, dict]:
    """Deep copies, so a test can break one without touching the cached originals."""
    return {name: copy.deepcopy(load_catalog(name)) for name in content.CATALOG_NAMES}


# --- Content --------------------------------------------------------------------------------


def test_shipped_content_validates():
    assert validate_content() == []


# --- The validator catches what it promises to catch ----------------------------------------


def test_validator_reports_an_id_used_in_two_files():
    cats = shipped_catalogs()
    cats["checklist"]["items"][0]["id"] = "tell-me-about-yourself"
    problems = validate_content(cats)
    assert any("'tell-me-about-yourself' is also used" in p for p in problems)


def test_validator_reports_a_figure_without_a_source():
    cats = shipped_catalogs()
    del cats["questions"]["questions"][0]["source"]
    problems = validate_content(cats)
    assert any("tell-me-about-yourself" in p and "no source" in p for p in problems)


def test_validator_reports_missing_tip_unknown_tag_and_thin_core_set():
    cats = shipped_catalogs()
    questions = cats["questions"]["questions"]
    questions[1]["tip"] = "  "
    questions[2]["tags"] = ["charisma"]
    dropped = {"five-years", "greatest-achievement", "how-colleagues-describe-you"}
    cats["questions"]["questions"] = [q for q in questions if q["id"] not in dropped]
    problems = "\n".join(validate_content(cats))
    assert "why-this-job) has no tip" in problems
    assert "unknown tag 'charisma'" in problems
    assert "round 'core' has 11 questions" in problems
