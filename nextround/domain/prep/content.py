"""Preparing for the next interview: content loaders, the dated checklist, practice answers.

The content (qualities, questions, checklist, debrief prompts) lives beside this module as
TOML so it can be corrected without touching code; this module turns it into small frozen
dataclasses and adds the logic a prep page needs. Everything here is pure: functions receive
``today`` and ``now`` instead of reading the clock, and table updates return a new DataFrame
instead of writing a file, so the storage layer stays the only writer.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from nextround.domain.catalog import load_catalog
from nextround.storage.frames import empty_frame, typed_frame
from nextround.storage.schema import get_table
from nextround.views import markup

CATALOG_NAMES = ("qualities", "questions", "checklist")

#: The interview id used for preparation that is not tied to a dated interview.
GENERAL = "general"
#: The round whose questions suit any interview; ``ANY_ROUND`` is its counterpart for the
#: questions to ask the interviewer.
CORE_ROUND = "core"
ANY_ROUND = "any"
#: Checklist statuses, in the order a page might sort or colour them.
STATUSES = ("overdue", "due today", "upcoming", "done")
#: Fields a debrief prompt may prefill: the self-check reflections, the note's callback detail,
#: and the interview event's interviewer names and emails.
FEEDS = ("went_well", "to_change", "prepare_better", "specific_detail", "interviewers")
#: A self-rating at or below this (on 1-5) marks a weak spot worth practising.
LOW_RATING = 2
MIN_CORE_QUESTIONS = 12
MIN_ROUND_QUESTIONS = 3
MIN_ROUND_ASK = 2

PLAN_COLUMNS = (
    "item_id",
    "slot",
    "slot_name",
    "offset_days",
    "text",
    "detail",
    "due",
    "done",
    "status",
)
STAR_FIELDS = ("situation", "task", "action", "result")


# --- Content types --------------------------------------------------------------------------


@dataclass(frozen=True)
class QualityGroup:
    """One of the three things every interview tries to settle."""

    id: str
    question: str
    explains: str
    figure: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Quality:
    id: str
    group: str
    name: str
    how_to_show: str
    source: str | None = None


@dataclass(frozen=True)
class Round:
    """A set of questions; ``interview_types`` maps the events table's interview_type onto it."""

    id: str
    name: str
    blurb: str
    interview_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    round: str
    text: str
    tip: str
    pitfall: str
    star: bool
    tags: tuple[str, ...]
    figure: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class StarStep:
    id: str
    letter: str
    name: str
    prompt: str


@dataclass(frozen=True)
class StarGuide:
    """STAR with its steps, and the shorter PAR variant for quick answers."""

    name: str
    intro: str
    steps: tuple[StarStep, ...]
    short_name: str
    short_intro: str
    short_steps: tuple[StarStep, ...]


@dataclass(frozen=True)
class Mistake:
    id: str
    text: str
    avoid: str
    percent: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class Tip:
    """A handling note or a waiting tip: one piece of advice, sourced when it states a figure."""

    id: str
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Slot:
    id: str
    name: str
    offset_days: int


@dataclass(frozen=True)
class ChecklistItem:
    """``offset_days`` is the item's own when it sets one, else its slot's."""

    id: str
    slot: str
    text: str
    offset_days: int
    detail: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class AskQuestion:
    """A question for the candidate to ask the interviewer."""

    id: str
    round: str
    text: str
    why: str | None = None


@dataclass(frozen=True)
class DebriefPrompt:
    """``feeds`` names the field (one of FEEDS) the answer can prefill; None: notes only."""

    id: str
    text: str
    help: str
    feeds: str | None = None


# --- Loaders --------------------------------------------------------------------------------


def _opt(entry: Mapping[str, Any], key: str) -> str | None:
    """An optional text field: missing and blank both become None."""
    value = entry.get(key)
    if value is None:
        return None
    return str(value).strip() or None


@cache
def quality_groups() -> tuple[QualityGroup, ...]:
    return tuple(
        QualityGroup(
            id=g["id"],
            question=g["question"],
            explains=g["explains"],
            figure=_opt(g, "figure"),
            source=_opt(g, "source"),
        )
        for g in load_catalog("qualities").get("groups", [])
    )


@cache
def qualities() -> tuple[Quality, ...]:
    """Qualities in file order, which keeps each group's entries together."""
    return tuple(
        Quality(
            id=q["id"],
            group=q["group"],
            name=q["name"],
            how_to_show=q["how_to_show"],
            source=_opt(q, "source"),
        )
        for q in load_catalog("qualities").get("qualities", [])
    )


@cache
def rounds() -> tuple[Round, ...]:
    return tuple(
        Round(
            id=r["id"],
            name=r["name"],
            blurb=r["blurb"],
            interview_types=tuple(r.get("interview_types", ())),
        )
        for r in load_catalog("questions").get("rounds", [])
    )


def round_for_interview_type(interview_type: str | None) -> str:
    """The question round for an interview event's type; the core set when nothing matches."""
    for r in rounds():
        if interview_type and interview_type in r.interview_types:
            return r.id
    return CORE_ROUND


@cache
def _all_questions() -> tuple[Question, ...]:
    return tuple(
        Question(
            id=q["id"],
            round=q["round"],
            text=q["text"],
            tip=q["tip"],
            pitfall=q["pitfall"],
            star=bool(q.get("star", False)),
            tags=tuple(q.get("tags", ())),
            figure=_opt(q, "figure"),
            source=_opt(q, "source"),
        )
        for q in load_catalog("questions").get("questions", [])
    )


def questions(round: str | None = None) -> list[Question]:
    """All practice questions, or one round's set. An unknown round is a caller's typo: raise."""
    if round is None:
        return list(_all_questions())
    known = [r.id for r in rounds()]
    if round not in known:
        raise ValueError(f"unknown question round {round!r}; known: {', '.join(known)}")
    return [q for q in _all_questions() if q.round == round]


def question_by_id() -> dict[str, Question]:
    return {q.id: q for q in _all_questions()}


@cache
def star_guide() -> StarGuide:
    raw = load_catalog("questions")["star"]

    def steps(key: str) -> tuple[StarStep, ...]:
        return tuple(
            StarStep(id=s["id"], letter=s["letter"], name=s["name"], prompt=s["prompt"])
            for s in raw.get(key, [])
        )

    return StarGuide(
        name=raw["name"],
        intro=raw["intro"],
        steps=steps("steps"),
        short_name=raw["short_name"],
        short_intro=raw["short_intro"],
        short_steps=steps("short_steps"),
    )


@cache
def mistakes() -> tuple[Mistake, ...]:
    """Mistakes with the largest share of hiring managers first; unquantified ones last."""
    items = [
        Mistake(
            id=m["id"],
            text=m["text"],
            avoid=m["avoid"],
            percent=int(m["percent"]) if "percent" in m else None,
            source=_opt(m, "source"),
        )
        for m in load_catalog("questions").get("mistakes", [])
    ]
    items.sort(key=lambda m: -1 if m.percent is None else m.percent, reverse=True)
    return tuple(items)


def _tips(catalog: str, key: str) -> tuple[Tip, ...]:
    return tuple(
        Tip(id=t["id"], text=t["text"], source=_opt(t, "source"))
        for t in load_catalog(catalog).get(key, [])
    )


@cache
def handling_notes() -> tuple[Tip, ...]:
    return _tips("questions", "handling")


@cache
def waiting_tips() -> tuple[Tip, ...]:
    return _tips("checklist", "waiting")


@cache
def slots() -> tuple[Slot, ...]:
    return tuple(
        Slot(id=s["id"], name=s["name"], offset_days=int(s["offset_days"]))
        for s in load_catalog("checklist").get("slots", [])
    )


@cache
def checklist() -> tuple[ChecklistItem, ...]:
    """Items grouped by slot in slot order, file order within a slot."""
    raw = load_catalog("checklist")
    slot_order = {s.id: i for i, s in enumerate(slots())}
    slot_offset = {s.id: s.offset_days for s in slots()}
    items = [
        ChecklistItem(
            id=i["id"],
            slot=i["slot"],
            text=i["text"],
            offset_days=int(i.get("offset_days", slot_offset[i["slot"]])),
            detail=_opt(i, "detail"),
            source=_opt(i, "source"),
        )
        for i in raw.get("items", [])
    ]
    items.sort(key=lambda item: slot_order[item.slot])  # stable: file order within a slot
    return tuple(items)


@cache
def _all_ask() -> tuple[AskQuestion, ...]:
    return tuple(
        AskQuestion(id=a["id"], round=a["round"], text=a["text"], why=_opt(a, "why"))
        for a in load_catalog("checklist").get("ask", [])
    )


def questions_to_ask(round: str | None) -> list[AskQuestion]:
    """The round's own questions first, then the ones that suit any round; None: all of them.

    The core round (and any round without its own list) gets the general questions only, so a
    page can pass ``round_for_interview_type(...)`` without special cases.
    """
    everything = _all_ask()
    if round is None:
        return list(everything)
    own = [a for a in everything if a.round == round and round != ANY_ROUND]
    return own + [a for a in everything if a.round == ANY_ROUND]


@cache
def debrief_prompts() -> tuple[DebriefPrompt, ...]:
    return tuple(
        DebriefPrompt(id=d["id"], text=d["text"], help=d["help"], feeds=_opt(d, "feeds"))
        for d in load_catalog("checklist").get("debrief", [])
    )


# --- Validation -----------------------------------------------------------------------------


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


# --- The dated checklist --------------------------------------------------------------------


def _as_day(value: date | datetime | pd.Timestamp | None) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).normalize().as_unit("us")


def _done_items(progress: pd.DataFrame | None, interview_id: str | None) -> set[str]:
    if progress is None or progress.empty or "item_id" not in progress.columns:
        return set()
    rows = progress
    if interview_id is not None and "interview_id" in rows.columns:
        rows = rows[rows["interview_id"] == interview_id]
    done = rows["done"].astype("boolean").fillna(False) if "done" in rows.columns else False
    # The last row for an item wins, should a hand-edited file hold two.
    latest = pd.DataFrame({"item_id": rows["item_id"], "done": done}).drop_duplicates(
        "item_id", keep="last"
    )
    return set(latest.loc[latest["done"].astype(bool), "item_id"].dropna())


def checklist_plan(
    interview_date: date | datetime | pd.Timestamp | None,
    today: date,
    progress: pd.DataFrame | None = None,
    interview_id: str | None = None,
) -> pd.DataFrame:
    """The checklist for one interview, each item dated by counting back from the interview.

    ``progress`` is the prep_progress table for this interview (pass ``interview_id`` to have
    it filtered here). Without an interview date ("general" prep) nothing is due, so unfinished
    items are simply "upcoming". Columns: PLAN_COLUMNS.
    """
    items = checklist()
    slot_names = {s.id: s.name for s in slots()}
    frame = pd.DataFrame(
        {
            "item_id": pd.Series([i.id for i in items], dtype="str"),
            "slot": pd.Series([i.slot for i in items], dtype="str"),
            "slot_name": pd.Series([slot_names[i.slot] for i in items], dtype="str"),
            "offset_days": pd.Series([i.offset_days for i in items], dtype="Int64"),
            "text": pd.Series([i.text for i in items], dtype="str"),
            "detail": pd.Series([i.detail for i in items], dtype="str"),
        }
    )
    day = _as_day(interview_date)
    if day is None:
        due = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    else:
        offsets = pd.to_timedelta(frame["offset_days"].astype("int64"), unit="D")
        due = (day + offsets).astype("datetime64[us]")
    frame["due"] = due
    frame["done"] = frame["item_id"].isin(_done_items(progress, interview_id)).astype("boolean")
    today_ts = _as_day(today)
    frame["status"] = pd.Series(
        np.select(
            [frame["done"].to_numpy(bool), due.isna(), due < today_ts, due == today_ts],
            ["done", "upcoming", "overdue", "due today"],
            default="upcoming",
        ),
        index=frame.index,
        dtype="str",
    )
    return frame[list(PLAN_COLUMNS)]


def progress_summary(plan: pd.DataFrame) -> tuple[int, int, float]:
    """(done, total, fraction done); an empty plan counts as 0 of 0, fraction 0.0."""
    total = len(plan)
    done = int(plan["done"].astype("boolean").fillna(False).sum()) if total else 0
    return done, total, (done / total if total else 0.0)


def progress_key(interview_id: str, item_id: str) -> str:
    """The prep_progress row id: one row per interview and checklist item."""
    if not interview_id or not item_id:
        raise ValueError("progress_key needs both an interview id and an item id")
    return f"{interview_id}:{item_id}"


def _upsert(frame: pd.DataFrame | None, table_name: str, record: dict[str, Any]) -> pd.DataFrame:
    """Replace the row with the record's key in place, or append it; dtypes kept.

    Columns a user added in a spreadsheet survive, empty on a new row.
    """
    table = get_table(table_name)
    base = empty_frame(table) if frame is None else frame.reset_index(drop=True)
    for column in table.columns:  # a frame missing schema columns gets them, empty and typed
        if column.name not in base.columns:
            base[column.name] = empty_frame(table)[column.name].reindex(base.index)
    new = typed_frame(table, [record])
    for name in base.columns:
        if name not in new.columns:
            new[name] = pd.Series([None], dtype=base[name].dtype)
        elif new[name].dtype != base[name].dtype:
            new[name] = new[name].astype(base[name].dtype)
    new = new[list(base.columns)]
    matches = np.flatnonzero((base[table.key] == record[table.key]).fillna(False).to_numpy())
    if len(matches) == 0:
        return pd.concat([base, new], ignore_index=True) if len(base) else new
    first = int(matches[0])
    rest = base.drop(index=matches).reset_index(drop=True)  # duplicates of the key go too
    pieces = [rest.iloc[:first], new, rest.iloc[first:]]
    return pd.concat([p for p in pieces if len(p)], ignore_index=True)


def set_item_done(
    progress_df: pd.DataFrame | None,
    interview_id: str,
    item_id: str,
    done: bool,
    now: datetime,
) -> pd.DataFrame:
    """The prep_progress table with one item ticked or unticked (done_at cleared on untick)."""
    record = {
        "id": progress_key(interview_id, item_id),
        "interview_id": interview_id,
        "item_id": item_id,
        "done": bool(done),
        "done_at": now if done else None,
    }
    return _upsert(progress_df, "prep_progress", record)


# --- Practice answers -----------------------------------------------------------------------


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def upsert_practice_answer(
    answers_df: pd.DataFrame | None,
    question_id: str,
    situation: str | None,
    task: str | None,
    action: str | None,
    result: str | None,
    answer: str | None,
    ready: bool,
    now: datetime,
) -> pd.DataFrame:
    """The practice_answers table with this question's answer saved (one row per question).

    Whitespace-only fields are stored as empty so an untouched box does not count as written.
    """
    if not question_id:
        raise ValueError("a practice answer needs a question id")
    record = {
        "id": question_id,
        "situation": _clean_text(situation),
        "task": _clean_text(task),
        "action": _clean_text(action),
        "result": _clean_text(result),
        "answer": _clean_text(answer),
        "ready": bool(ready),
        "updated_at": now,
    }
    return _upsert(answers_df, "practice_answers", record)


def _text_of(row: Mapping[str, Any] | pd.Series, field_name: str) -> str:
    value = row.get(field_name)
    return value if isinstance(value, str) else ""


def answer_word_count(row: Mapping[str, Any] | pd.Series) -> int:
    """Words in the answer as it would be spoken.

    The free-form answer is the spoken version when there is one; otherwise the STAR notes
    are the answer. Counting both would double a well-prepared answer.
    """
    answer = _text_of(row, "answer")
    if answer.strip():
        return len(answer.split())
    return sum(len(_text_of(row, f).split()) for f in STAR_FIELDS)


# --- Weak spots -----------------------------------------------------------------------------


def _parse_ratings(raw: Any) -> dict[str, float]:
    """The ratings JSON as {item: score}; anything broken or out of 1-5 is dropped."""
    if not isinstance(raw, str) or not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    scores = {}
    for item_id, value in data.items():
        if isinstance(value, bool):
            continue
        try:
            score = float(value)
        except (TypeError, ValueError):
            continue
        if 1 <= score <= 5:
            scores[str(item_id)] = score
    return scores


def weak_spots(self_checks_df: pd.DataFrame | None, limit: int = 3, recent: int = 3) -> list[str]:
    """Self-rating items rated low (<= LOW_RATING) in the latest ``recent`` self-checks.

    Only recent checks count, so a skill you have since improved drops off the list. Items
    rated low more often come first, then the lower average, then the item id.
    """
    if self_checks_df is None or self_checks_df.empty or "ratings" not in self_checks_df:
        return []
    order = [c for c in ("interview_date", "created_at") if c in self_checks_df.columns]
    checks = self_checks_df
    if order:
        checks = checks.sort_values(order, na_position="first", kind="stable")
    latest = checks.tail(recent)
    scores = [
        (item_id, score)
        for raw in latest["ratings"].tolist()
        for item_id, score in _parse_ratings(raw).items()
    ]
    if not scores:
        return []
    frame = pd.DataFrame(scores, columns=["item_id", "score"])
    frame["low"] = frame["score"] <= LOW_RATING
    summary = frame.groupby("item_id").agg(lows=("low", "sum"), mean=("score", "mean"))
    summary = summary[summary["lows"] > 0].reset_index()
    summary = summary.sort_values(["lows", "mean", "item_id"], ascending=[False, True, True])
    return summary["item_id"].head(limit).tolist()


def questions_for_weak_spots(
    item_ids: Sequence[str],
    rating_items: Sequence[Mapping[str, Any]],
    questions: Sequence[Question] | None = None,
) -> list[Question]:
    """Every question, those that train a weak spot first.

    ``rating_items`` are the self-rating items as plain dicts, at least
    ``{"id": "listening", "prep_tags": ["listening", "clarity"]}`` (other keys ignored; a single
    tag may be a string). A question matches a weak item when they share a tag. Matching
    questions are ordered by the weakest item they train (the order of ``item_ids``), then by
    how many tags they share; the rest keep catalogue order.
    """
    pool = list(_all_questions()) if questions is None else list(questions)
    tags_by_item: dict[str, tuple[str, ...]] = {}
    for item in rating_items:
        tags = item.get("prep_tags") or ()
        tags_by_item[str(item.get("id"))] = (tags,) if isinstance(tags, str) else tuple(tags)
    tag_rank: dict[str, int] = {}
    for rank, item_id in enumerate(item_ids):
        for tag in tags_by_item.get(item_id, ()):
            tag_rank.setdefault(tag, rank)

    def sort_key(indexed: tuple[int, Question]) -> tuple[int, int, int, int]:
        position, question = indexed
        ranks = [tag_rank[t] for t in question.tags if t in tag_rank]
        if not ranks:
            return (1, 0, 0, position)
        return (0, min(ranks), -len(ranks), position)

    return [q for _, q in sorted(enumerate(pool), key=sort_key)]


def practice_round(questions: Sequence[Question | str], seed: int | str) -> list[str]:
    """Question ids in a shuffled order for one-at-a-time practice; the same seed, same order."""
    ids = [q if isinstance(q, str) else q.id for q in questions]
    random.Random(seed).shuffle(ids)
    return ids


# --- The printable prep sheet ---------------------------------------------------------------



def escape_markdown(text: str) -> str:
    """One line of user text made inert in the printable sheet's Markdown (see nextround.markup)."""
    return markup.escape_markdown(text, streamlit=False)


def _user_block(text: Any, indent: str) -> str:
    """Multi-line user text inside a list item: escaped lines joined by hard line breaks."""
    if not isinstance(text, str):
        return ""
    lines = [escape_markdown(line) for line in text.splitlines() if line.strip()]
    return ("  \n" + indent).join(lines)


def _is_true(value: Any) -> bool:
    """True for a ticked boolean cell; missing (pd.NA) counts as not ticked."""
    return value is not None and not pd.isna(value) and bool(value)


def _day_text(day: pd.Timestamp) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _interview_line(day: pd.Timestamp | None, today: pd.Timestamp) -> str:
    if day is None:
        return "**Interview:** no date set (general preparation)"
    days = (day - today).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif days > 1:
        when = f"in {days} days"
    else:
        when = f"{-days} days ago"
    return f"**Interview:** {_day_text(day)} ({when})"


def _checklist_section(plan: pd.DataFrame, day: pd.Timestamp | None) -> list[str]:
    lines = ["## Checklist", ""]
    offsets = {s.id: s.offset_days for s in slots()}
    for slot_id, rows in plan.groupby("slot", sort=False):
        slot_day = None if day is None else day + pd.Timedelta(days=offsets.get(slot_id, 0))
        heading = escape_markdown(rows["slot_name"].iloc[0])
        lines += [f"### {heading}" + (f": {_day_text(slot_day)}" if slot_day else ""), ""]
        for row in rows.itertuples(index=False):
            box = "[x]" if _is_true(row.done) else "[ ]"
            extra = ""
            if pd.notna(row.due) and slot_day is not None and row.due != slot_day:
                extra += f" (by {_day_text(row.due)})"
            if row.status in ("overdue", "due today"):
                extra += f" _({row.status})_"
            item = f"- {box} {escape_markdown(row.text)}{extra}"
            if isinstance(row.detail, str) and row.detail:
                item += f"  \n  {escape_markdown(row.detail)}"  # hard break, then the detail
            lines.append(item)
        lines.append("")
    return lines


def _has_content(row: Mapping[str, Any]) -> bool:
    return any(_text_of(row, f).strip() for f in (*STAR_FIELDS, "answer"))


def _answers_section(answers_df: pd.DataFrame | None) -> list[str]:
    lines = ["## Practice answers", ""]
    rows = [] if answers_df is None else answers_df.to_dict("records")
    rows = [r for r in rows if _has_content(r)]
    if not rows:
        return [*lines, "_No practice answers yet._", ""]
    catalogue = question_by_id()
    order = {qid: i for i, qid in enumerate(catalogue)}
    rows.sort(key=lambda r: order.get(r.get("id"), len(order)))

    def title(row: Mapping[str, Any]) -> str:
        question = catalogue.get(row.get("id"))
        return escape_markdown(question.text if question else str(row.get("id")))

    lines += ["| Question | Status | Words |", "| --- | --- | --- |"]
    for row in rows:
        status = "ready" if _is_true(row.get("ready")) else "draft"
        lines.append(f"| {title(row)} | {status} | {answer_word_count(row)} |")
    lines.append("")
    labels = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}
    labels["answer"] = "Answer"
    for row in rows:
        lines += [f"### {title(row)}", ""]
        for field_name, label in labels.items():
            body = _user_block(row.get(field_name), "  ")
            if body:
                lines.append(f"- **{label}:** {body}")
        lines.append("")
    return lines


def _ask_section(questions_list: Sequence[AskQuestion | str]) -> list[str]:
    lines = ["## Questions to ask", ""]
    texts = [q if isinstance(q, str) else q.text for q in questions_list]
    texts = [escape_markdown(t) for t in texts if t and t.strip()]
    if not texts:
        return [*lines, "_None chosen yet._", ""]
    return lines + [f"- {t}" for t in texts] + [""]


def prep_sheet_markdown(
    interview_label: str,
    interview_date: date | datetime | pd.Timestamp | None,
    plan: pd.DataFrame | None,
    answers_df: pd.DataFrame | None,
    questions: Sequence[AskQuestion | str],
    today: date,
) -> str:
    """A printable Markdown sheet for one interview: checklist, practice answers, questions.

    ``questions`` holds the questions to ask (catalogue entries or the user's own text).
    All text that could come from the user is escaped, so an answer beginning with "#" or
    holding "|" stays an answer instead of becoming a heading or a table column.
    """
    day = _as_day(interview_date)
    today_ts = pd.Timestamp(today).normalize()
    lines = [f"# Prep sheet: {escape_markdown(interview_label or 'interview')}", ""]
    lines.append(_interview_line(day, today_ts) + "  ")
    summary = ""
    if plan is not None and len(plan):
        done, total, _ = progress_summary(plan)
        summary = f"; checklist {done} of {total} done"
    lines += [f"Prepared {_day_text(today_ts)}{summary}", ""]
    if plan is not None and len(plan):
        lines += _checklist_section(plan, day)
    lines += _answers_section(answers_df)
    lines += _ask_section(questions)
    return "\n".join(lines).rstrip("\n") + "\n"
