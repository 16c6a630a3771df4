"""The event-kind registry: one table whose meanings every layer reads."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nextround import event_kinds
from nextround.charts.spec import EVENT_STYLE
from nextround.domain import applications, pipeline, waiting
from nextround.event_kinds import EVENT_KINDS, event_kind, kinds_where, registry
from nextround.storage import schema
from nextround.views.application import DETAILS_LABEL, EVENT_FIELDS

ROOT = Path(__file__).resolve().parents[2]


def test_storage_allows_exactly_the_registry_kinds() -> None:
    assert schema.EVENT_KINDS == EVENT_KINDS
    assert schema.EVENTS.column("kind").choices == EVENT_KINDS


def test_every_kind_has_words_and_a_distinct_chart_style() -> None:
    styles = [EVENT_STYLE[k] for k in EVENT_KINDS]
    assert len(set(styles)) == len(styles)
    assert all(registry()[k].label and DETAILS_LABEL[k] for k in EVENT_KINDS)


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"reply": True}, {"interview", "heard back", "offer", "rejection"}),
        ({"booked": True}, {"interview"}),
        ({"ends_wait": True}, {"withdrew", "no response"}),
        ({"closes_wait": True},
         {"interview", "heard back", "offer", "rejection", "withdrew", "no response"}),
        ({"contact": False}, {"withdrew", "no response", "note"}),
        ({"final": True}, {"offer", "rejection", "withdrew", "no response"}),
        ({"shared": True}, {"interview", "heard back", "rejection"}),
    ],
)
def test_meanings(flags: dict[str, bool], expected: set[str]) -> None:
    assert set(kinds_where(**flags)) == expected


def test_an_unknown_meaning_is_an_error_not_an_empty_list() -> None:
    with pytest.raises(ValueError, match="not an event-kind meaning"):
        kinds_where(replied=True)


def test_every_layer_reads_the_registry() -> None:
    assert applications.stage_after_event("applied", "heard back") == ("screening", None)
    assert applications.CLOSING_OUTCOME == {"rejection": "rejected", "withdrew": "withdrew",
                                            "no response": "no response"}
    assert set(pipeline.REPLY_KINDS) == set(kinds_where(reply=True))
    assert set(waiting.ANSWER_KINDS) == {"heard back", "offer", "rejection"}
    assert EVENT_FIELDS["interview"][0] == "round"
    assert event_kind("interview").stage == "interviewing"
    assert event_kind("no such kind") is None


def test_no_other_module_spells_out_a_table_of_event_kinds() -> None:
    """A tuple, list, set or dict literal naming three or more event kinds is a second table."""
    offenders = []
    paths = [*ROOT.joinpath("nextround").rglob("*.py"), *ROOT.joinpath("components").rglob("*.py")]
    for path in paths:
        # demo.py writes example events; the importer maps other trackers' status words
        # ("offer", "rejection") to stages, which happen to share some spellings.
        if path.name in {"demo.py", "importer.py"} or path == Path(event_kinds.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = (node.keys if isinstance(node, ast.Dict) else
                     node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [])
            named = {i.value for i in items if isinstance(i, ast.Constant)} & set(EVENT_KINDS)
            if len(named) >= 3:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
