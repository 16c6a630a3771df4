"""Interview prep content: what interviewers look for, common questions, the STAR guide,
mistakes to avoid, the dated checklist's items and questions to ask, read from the TOML files
beside this module into small frozen dataclasses.

Content is data: it can be corrected without touching code. ``validate_content`` names what a
hand edit broke (a figure without a source, a duplicate id), for the tests and ``doctor``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from nextround.domain.catalog import entries, load_catalog
from nextround.domain.figures import cite_in

CATALOG_NAMES = ("qualities", "questions", "checklist")
#: The round whose questions suit any interview; ``ANY_ROUND`` is its counterpart for the
#: questions to ask the interviewer.
CORE_ROUND = "core"
ANY_ROUND = "any"
#: Fields a debrief prompt may prefill: the self-check reflections, the note's callback detail,
#: and the interview event's interviewer names and emails.
FEEDS = ("went_well", "to_change", "prepare_better", "specific_detail", "interviewers")
MIN_CORE_QUESTIONS = 12
MIN_ROUND_QUESTIONS = 3
MIN_ROUND_ASK = 2


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


def _raw(catalog: str, key: str) -> list[Mapping[str, Any]]:
    return load_catalog(catalog).get(key, [])


@cache
def quality_groups() -> tuple[QualityGroup, ...]:
    return entries(QualityGroup, _raw("qualities", "groups"))


@cache
def qualities() -> tuple[Quality, ...]:
    """Qualities in file order, which keeps each group's entries together."""
    return entries(Quality, _raw("qualities", "qualities"))


@cache
def rounds() -> tuple[Round, ...]:
    return entries(Round, _raw("questions", "rounds"))


def round_name(round_id: str) -> str:
    """A round's name for the page; an unknown id is shown as it is."""
    return next((r.name for r in rounds() if r.id == round_id), round_id)


def round_for_interview_type(interview_type: str | None) -> str:
    """The question round for an interview event's type; the core set when nothing matches."""
    for r in rounds():
        if interview_type and interview_type in r.interview_types:
            return r.id
    return CORE_ROUND


@cache
def _all_questions() -> tuple[Question, ...]:
    return entries(Question, _raw("questions", "questions"))


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
        return entries(StarStep, raw.get(key, []))

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
    items = entries(Mistake, _raw("questions", "mistakes"))
    return tuple(sorted(items, key=lambda m: -1 if m.percent is None else m.percent,
                        reverse=True))


def _tips(catalog: str, key: str) -> tuple[Tip, ...]:
    """The tips, each figure a tip cites by name ("{month_wait}") written out from
    figures.toml, whose source becomes the tip's."""
    tips = []
    for tip in entries(Tip, _raw(catalog, key)):
        text, sources = cite_in(tip.text)
        tips.append(replace(tip, text=text, source="; ".join(sources)) if sources else tip)
    return tuple(tips)


@cache
def handling_notes() -> tuple[Tip, ...]:
    return _tips("questions", "handling")


@cache
def waiting_tips() -> tuple[Tip, ...]:
    return _tips("checklist", "waiting")


@cache
def slots() -> tuple[Slot, ...]:
    return entries(Slot, _raw("checklist", "slots"))


@cache
def checklist() -> tuple[ChecklistItem, ...]:
    """Items grouped by slot in slot order, file order within a slot."""
    slot_order = {s.id: i for i, s in enumerate(slots())}
    slot_offset = {s.id: s.offset_days for s in slots()}
    items = entries(ChecklistItem, _raw("checklist", "items"),
                    offset_days=lambda i: int(i.get("offset_days", slot_offset[i["slot"]])))
    # Stable: file order within a slot.
    return tuple(sorted(items, key=lambda item: slot_order[item.slot]))


@cache
def _all_ask() -> tuple[AskQuestion, ...]:
    return entries(AskQuestion, _raw("checklist", "ask"))


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
    return entries(DebriefPrompt, _raw("checklist", "debrief"))
