"""The stage registry: one table of stages (order, open or not, words, badge and chart colour)
that storage, the rules, the forms and the charts all read."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from nextround import stages
from nextround.charts.spec import STAGE_COLOURS
from nextround.domain.applications import OPEN_STAGES, is_open
from nextround.storage.schema import STAGES, get_table

ROOT = Path(__file__).resolve().parents[2]


def test_storage_the_rules_and_the_charts_read_the_one_table() -> None:
    assert STAGES == stages.stage_names() == (
        "wishlist", "applied", "screening", "interviewing", "offer", "closed")
    assert get_table("applications").column("stage").choices == STAGES
    assert OPEN_STAGES == ("applied", "screening", "interviewing", "offer")
    assert list(STAGE_COLOURS) == list(STAGES)
    assert len(set(STAGE_COLOURS.values())) == len(STAGES), "each stage its own colour"


def test_words_and_badges_come_from_the_registry_and_unknown_stages_stay_readable() -> None:
    assert stages.stage_label("screening") == "Screening (they replied)"
    assert stages.stage_badge("offer") == "green"
    assert stages.stage_label("on hold") == "on hold"  # a hand-edited file still reads
    assert stages.stage_badge("on hold") == "blue"


def test_a_stage_added_to_a_copy_of_the_registry_is_open_allowed_and_coloured(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = stages.REGISTRY_PATH.read_text(encoding="utf-8")
    copy = tmp_path / "stages.toml"
    copy.write_text(raw.replace("[offer]", '[assessment]\nlabel = "Take-home task"\nopen = true\n'
                                           'badge = "orange"\ncolour = "#e0b050"\n\n[offer]'),
                    encoding="utf-8")
    monkeypatch.setattr(stages, "REGISTRY_PATH", copy)
    stages.registry.cache_clear()
    try:
        assert stages.stage_names()[4] == "assessment"
        assert "assessment" in stages.open_stages()
        assert stages.stage_label("assessment") == "Take-home task"
        assert stages.stage_colours()["assessment"] == "#e0b050"
    finally:
        stages.registry.cache_clear()


def test_a_wrong_entry_is_refused_with_its_name(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "stages.toml"
    copy.write_text('[applied]\nlabel = "Applied"\nopen = true\nbadge = "teal"\n'
                    'colour = "#7aa6d6"\n', encoding="utf-8")
    monkeypatch.setattr(stages, "REGISTRY_PATH", copy)
    stages.registry.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="'applied': badge 'teal'"):
            stages.registry()
    finally:
        stages.registry.cache_clear()


def test_open_follows_the_registry_in_the_one_definition_of_open() -> None:
    import pandas as pd

    frame = pd.DataFrame({"stage": list(STAGES), "outcome": [""] * len(STAGES)})
    assert frame.loc[is_open(frame), "stage"].tolist() == list(stages.open_stages())


def test_every_entry_has_its_fields() -> None:
    raw = tomllib.loads(stages.REGISTRY_PATH.read_text(encoding="utf-8"))
    for name, entry in raw.items():
        assert set(entry) == {"label", "open", "badge", "colour"}, name


def test_no_other_module_spells_out_a_table_of_stages() -> None:
    """A dict keyed by three or more stages (words, colours, badges) or a tuple, list or set
    naming three or more of them (which are open, which replied) is a second table."""
    offenders = []
    for path in [*ROOT.joinpath("nextround").rglob("*.py"),
                 *ROOT.joinpath("components").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = (node.keys if isinstance(node, ast.Dict) else
                     node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [])
            named = {i.value for i in items if isinstance(i, ast.Constant)} & set(STAGES)
            if len(named) >= 3:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
