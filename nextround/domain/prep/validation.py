"""What a hand edit of the prep content broke: duplicate ids, a figure without a source, a
question without a tip, a checklist item in an unknown slot. The tests and ``doctor`` ask it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nextround.domain.catalog import load_catalog
from nextround.domain.prep.content import (
    ANY_ROUND,
    CATALOG_NAMES,
    CORE_ROUND,
    FEEDS,
    MIN_CORE_QUESTIONS,
    MIN_ROUND_ASK,
    MIN_ROUND_QUESTIONS,
)


def _walk(node: Any, path: str) -> Iterable[tuple[str, dict[str, Any]]]:
    """Every table in a parsed TOML document with a readable path such as questions[3]."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def _label(path: str, entry: Mapping[str, Any]) -> str:
    return f"{path} ({entry['id']})" if "id" in entry else path or "top level"


def _strings(entry: Mapping[str, Any]) -> Iterable[str]:
    for key, value in entry.items():
        if key == "source":
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def _has_source(entry: Mapping[str, Any]) -> bool:
    return isinstance(entry.get("source"), str) and bool(entry["source"].strip())


def _duplicate_ids(cats: Mapping[str, Any]) -> list[str]:
    """Ids must be unique across files: practice answers and progress rows are keyed by them."""
    seen: dict[str, str] = {}
    problems = []
    for name, doc in cats.items():
        for path, entry in _walk(doc, ""):
            entry_id = entry.get("id")
            if entry_id is None:
                continue
            where = f"{name}.toml: {path}"
            if entry_id in seen:
                problems.append(f"{where}: id {entry_id!r} is also used at {seen[entry_id]}")
            else:
                seen[entry_id] = where
    return problems


def _unsourced_figures(cats: Mapping[str, Any]) -> list[str]:
    """The product promises a source beside every figure it states."""
    problems = []
    for name, doc in cats.items():
        for path, entry in _walk(doc, ""):
            states_figure = "percent" in entry or any("%" in s for s in _strings(entry))
            if states_figure and not _has_source(entry):
                problems.append(f"{name}.toml: {_label(path, entry)} states a figure, no source")
    return problems


def _missing_fields(
    name: str, doc: Mapping[str, Any], key: str, fields: Sequence[str]
) -> list[str]:
    problems = []
    for i, entry in enumerate(doc.get(key, [])):
        for field_name in fields:
            value = entry.get(field_name)
            if not isinstance(value, str) or not value.strip():
                label = _label(f"{key}[{i}]", entry)
                problems.append(f"{name}.toml: {label} has no {field_name}")
    return problems


def _check_qualities(doc: Mapping[str, Any]) -> list[str]:
    problems = _missing_fields("qualities", doc, "groups", ("id", "question", "explains"))
    problems += _missing_fields("qualities", doc, "qualities", ("id", "group", "name"))
    problems += _missing_fields("qualities", doc, "qualities", ("how_to_show",))
    groups = {g.get("id") for g in doc.get("groups", [])}
    for q in doc.get("qualities", []):
        if q.get("group") not in groups:
            problems.append(f"qualities.toml: {q.get('id')} has unknown group {q.get('group')!r}")
    return problems


def _check_question_tags(doc: Mapping[str, Any]) -> list[str]:
    vocabulary = set(doc.get("tag_vocabulary", []))
    used: set[str] = set()
    problems = []
    for q in doc.get("questions", []):
        tags = q.get("tags", [])
        used.update(tags)
        for tag in set(tags) - vocabulary:
            problems.append(f"questions.toml: {q.get('id')} has unknown tag {tag!r}")
        if bool(q.get("star")) != ("star" in tags):
            problems.append(f"questions.toml: {q.get('id')}: star and the 'star' tag disagree")
    for tag in sorted(vocabulary - used):
        problems.append(f"questions.toml: no question carries the tag {tag!r}")
    return problems


def _check_questions(doc: Mapping[str, Any]) -> list[str]:
    fields = ("id", "round", "text", "tip", "pitfall")
    problems = _missing_fields("questions", doc, "questions", fields)
    problems += _missing_fields("questions", doc, "mistakes", ("id", "text", "avoid"))
    problems += _missing_fields("questions", doc, "handling", ("id", "text"))
    round_ids = [r.get("id") for r in doc.get("rounds", [])]
    counts = {r: 0 for r in round_ids}
    for q in doc.get("questions", []):
        if q.get("round") not in counts:
            problems.append(f"questions.toml: {q.get('id')} has unknown round {q.get('round')!r}")
        else:
            counts[q["round"]] += 1
    for round_id, count in counts.items():
        needed = MIN_CORE_QUESTIONS if round_id == CORE_ROUND else MIN_ROUND_QUESTIONS
        if count < needed:
            problems.append(f"questions.toml: round {round_id!r} has {count} questions, {needed}+")
    if CORE_ROUND not in counts:
        problems.append(f"questions.toml: no {CORE_ROUND!r} round")
    star = doc.get("star", {})
    for key in ("steps", "short_steps"):
        problems += _missing_fields("questions", star, key, ("id", "letter", "name", "prompt"))
        if not star.get(key):
            problems.append(f"questions.toml: the STAR guide has no {key}")
    return problems + _check_question_tags(doc)


def _check_checklist(doc: Mapping[str, Any], round_ids: Sequence[str]) -> list[str]:
    problems = _missing_fields("checklist", doc, "items", ("id", "slot", "text"))
    problems += _missing_fields("checklist", doc, "ask", ("id", "round", "text"))
    problems += _missing_fields("checklist", doc, "debrief", ("id", "text", "help"))
    problems += _missing_fields("checklist", doc, "waiting", ("id", "text"))
    slot_ids = set()
    for s in doc.get("slots", []):
        slot_ids.add(s.get("id"))
        if not isinstance(s.get("offset_days"), int):
            problems.append(f"checklist.toml: slot {s.get('id')} needs a whole offset_days")
    for item in doc.get("items", []):
        if item.get("slot") not in slot_ids:
            problems.append(f"checklist.toml: {item.get('id')} has unknown slot")
    ask_rounds = [r for r in round_ids if r != CORE_ROUND] + [ANY_ROUND]
    ask_counts = {r: 0 for r in ask_rounds}
    for a in doc.get("ask", []):
        if a.get("round") not in ask_counts:
            problems.append(f"checklist.toml: {a.get('id')} has unknown round {a.get('round')!r}")
        else:
            ask_counts[a["round"]] += 1
    for round_id, count in ask_counts.items():
        if count < MIN_ROUND_ASK:
            problems.append(f"checklist.toml: round {round_id!r} has {count} questions to ask")
    for d in doc.get("debrief", []):
        if "feeds" in d and d["feeds"] not in FEEDS:
            problems.append(f"checklist.toml: {d.get('id')} feeds unknown field {d['feeds']!r}")
    return problems


def validate_content(catalogs: Mapping[str, Any] | None = None) -> list[str]:
    """Problems in the content files, one readable line each; [] when all is well.

    ``catalogs`` maps a catalogue name to its parsed TOML; by default the shipped files. Tests
    pass altered copies to prove each rule bites.
    """
    cats = {name: load_catalog(name) for name in CATALOG_NAMES} if catalogs is None else catalogs
    questions_doc = cats.get("questions", {})
    round_ids = [r.get("id") for r in questions_doc.get("rounds", [])]
    return (
        _duplicate_ids(cats)
        + _unsourced_figures(cats)
        + _check_qualities(cats.get("qualities", {}))
        + _check_questions(questions_doc)
        + _check_checklist(cats.get("checklist", {}), round_ids)
    )
