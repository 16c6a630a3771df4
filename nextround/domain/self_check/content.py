"""The self-check's content: the signs, the self-rating items, the caveats, the bands and the
plan's wording, read from signs.toml and self_rating.toml beside this module.

Content is data: a careers adviser can change a sign's weight, its reason or its source without
touching code. ``content_problems`` says what a hand edit broke, for the tests and ``doctor``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from nextround.domain.catalog import entries, load_catalog
from nextround.storage.schema import ANSWERS, INTERVIEW_TYPES
from nextround.text import plural

#: How much a "no" counts, relative to a "yes", when a sign does not set its own ``if_no``.
NO_FACTOR = 0.2


@dataclass(frozen=True)
class TypeRule:
    """How much a sign counts on one kind of interview (0: it does not apply there), and why."""

    counts: float
    why: str


@dataclass(frozen=True)
class Sign:
    """One observable sign, as the content file describes it."""

    id: str
    label: str
    group: str
    group_label: str
    text: str
    weight: int
    direction: int
    if_no: float
    why: str
    source: str
    by_type: Mapping[str, TypeRule] = field(default_factory=dict)

    def rule(self, interview_type: str | None) -> TypeRule | None:
        """The sign's rule for this kind of interview; None when it counts in full."""
        return self.by_type.get(interview_type or "")

    def counts_on(self, interview_type: str | None) -> float:
        rule = self.rule(interview_type)
        return 1.0 if rule is None else rule.counts

    def applies_to(self, interview_type: str | None) -> bool:
        return self.counts_on(interview_type) > 0


@dataclass(frozen=True)
class InterviewType:
    id: str
    label: str
    reading: str


@dataclass(frozen=True)
class RatingItem:
    """One item of the self-rating, with the tip the prep page shows when it is rated low."""

    id: str
    label: str
    text: str
    tip: str
    prep_tags: tuple[str, ...]


@dataclass(frozen=True)
class Caveat:
    id: str
    text: str
    source: str


@dataclass(frozen=True)
class Band:
    minimum: float
    label: str
    meaning: str


def signs_catalog() -> dict[str, Any]:
    return load_catalog("signs")


def rating_catalog() -> dict[str, Any]:
    return load_catalog("self_rating")


@cache
def signs() -> tuple[Sign, ...]:
    """Every sign in catalogue order (the order the page asks them and ties are broken in)."""
    catalog = signs_catalog()
    group_labels = {g["id"]: g["label"] for g in catalog["groups"]}
    return entries(
        Sign, catalog["signs"],
        group_label=lambda s: group_labels.get(s["group"], s["group"]),
        if_no=lambda s: float(s.get("if_no", NO_FACTOR)),
        by_type=lambda s: {t: TypeRule(float(r["counts"]), r["why"])
                           for t, r in s.get("by_type", {}).items()},
    )


@cache
def interview_types() -> tuple[InterviewType, ...]:
    """The kinds of interview the reading knows, in the order the form offers them."""
    return entries(InterviewType, signs_catalog()["interview_types"])


def interview_type(type_id: object) -> InterviewType | None:
    """The known kind of interview with this id (any case, spaces trimmed), else None."""
    key = type_id.strip().lower() if isinstance(type_id, str) else ""
    return next((t for t in interview_types() if t.id == key), None)


@cache
def sign_pairs() -> dict[str, str]:
    """Each sign that is one side of a mirrored pair, mapped to the other side."""
    out: dict[str, str] = {}
    for pair in signs_catalog()["pairs"]:
        first, second = pair["signs"]
        out[first], out[second] = second, first
    return out


def lean_band(direction: int, few_signs: int | None, basis: str = "few") -> Band:
    """The band of a one-sided reading: which way the signs lean and, when they are few or
    light (``basis``), that they are (``few_signs`` is their number then, else None)."""
    entry = signs_catalog()["lean"]["up" if direction > 0 else "down"]
    meaning = entry["meaning"]
    if few_signs is not None:
        meaning += " " + entry["few"].format(signs=signs_in_words(few_signs, basis))
    return Band(math.nan, entry["label"], meaning)


def signs_in_words(count: int, basis: str) -> str:
    """How many signs a reading rests on, in words that fit the count: "only one sign", "only 3
    signs" when they are few, "7 signs, light ones that..." when many but light."""
    words = signs_catalog()["rests_on"]
    signs = plural(count, "sign", one="one")
    return words["light_signs" if basis == "light" else "few_signs"].format(signs=signs)


def lean_labels() -> dict[int, str]:
    """The labels of the two lean bands: {+1: leaning up, -1: leaning down}."""
    lean = signs_catalog()["lean"]
    return {1: lean["up"]["label"], -1: lean["down"]["label"]}


def rests_on_words() -> dict[str, str]:
    """"What it rests on" in words: the label, and the words for few, some and many signs."""
    return dict(signs_catalog()["rests_on"])


def first_step() -> dict[str, str]:
    """The seed's first step: title and detail for the plan, and the words after a low reading
    (``low_reading``, and ``low_reading_light`` for a lean on a sign or two)."""
    return dict(signs_catalog()["first_step"])


def after_rejection_words() -> dict[str, str]:
    """The first words of a reading made after a rejection was logged: "up", "mixed", "down"."""
    return dict(signs_catalog()["after_rejection"])


def rating_words() -> dict[str, str]:
    """How the reading words the self-rating (self_rating.toml's [reading])."""
    return dict(rating_catalog()["reading"])


def no_date_says_nothing_on() -> frozenset[str]:
    """The kinds of interview on which no decision date says nothing (a recruiter screen)."""
    item = next(c for c in signs_catalog()["context"] if c["id"] == "context-decision-date")
    return frozenset(item.get("no_date_says_nothing_on", ()))


@cache
def signs_by_id() -> dict[str, Sign]:
    return {s.id: s for s in signs()}


def sign_groups() -> list[dict[str, str]]:
    """The groups in display order, each as {"id", "label"}."""
    return [dict(g) for g in signs_catalog()["groups"]]


def context_items() -> list[dict[str, str]]:
    """The questions about the interview itself (round, times, decision date) for the form."""
    return [dict(c) for c in signs_catalog()["context"]]


@cache
def rating_items() -> tuple[RatingItem, ...]:
    return entries(RatingItem, rating_catalog()["items"])


def rating_scale() -> dict[str, Any]:
    """min, max, labels, the "probably all right" threshold and its source."""
    return dict(rating_catalog()["scale"])


def caveats() -> list[Caveat]:
    return list(entries(Caveat, signs_catalog()["caveats"]))


def survey_figure() -> dict[str, str]:
    """The one quantified sign found (SmartRecruiters 2017), as {"text", "source"}."""
    return dict(signs_catalog()["figure"])


def weights_note() -> str:
    """Why the weights are a heuristic; the page shows it next to the signs."""
    return str(signs_catalog()["weights_note"])


def sign_sources() -> dict[str, str]:
    """The full source lists behind the encouraging and the warning signs."""
    catalog = signs_catalog()
    return {"positive": catalog["sources_positive"], "negative": catalog["sources_negative"]}


def bands() -> list[Band]:
    """Bands from the highest minimum down."""
    raw = [Band(float(b["min"]), b["label"], b["meaning"]) for b in signs_catalog()["bands"]]
    return sorted(raw, key=lambda b: b.minimum, reverse=True)


def not_enough_band() -> Band:
    entry = signs_catalog()["not_enough"]
    return Band(math.nan, entry["label"], entry["meaning"])


def band_for(score: float | None) -> Band:
    if score is None or math.isnan(score):
        return not_enough_band()
    for band in bands():
        if score >= band.minimum:
            return band
    return bands()[-1]


def content_problems() -> list[str]:
    """What is wrong with the two content files, in words; empty when they are sound.

    The tests and the ``doctor`` command use it, so a hand edit that breaks the check is caught
    before the page shows a sign with no source or a weight outside 1..3.
    """
    problems: list[str] = []
    catalog = signs_catalog()
    group_ids = {g["id"] for g in catalog["groups"]}
    ids = [s.get("id", "") for s in catalog["signs"]]
    ids += [i["id"] for i in rating_catalog()["items"]]
    ids += [c["id"] for c in catalog["caveats"]] + [c["id"] for c in catalog["context"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate ids: {', '.join(duplicates)}")
    for s in catalog["signs"]:
        sid = s.get("id", "?")
        for key in ("label", "text", "why", "source"):
            if not str(s.get(key, "")).strip():
                problems.append(f"{sid}: missing {key}")
        if s.get("weight") not in (1, 2, 3):
            problems.append(f"{sid}: weight must be 1, 2 or 3")
        if s.get("direction") not in (1, -1):
            problems.append(f"{sid}: direction must be 1 or -1")
        if not 0 <= float(s.get("if_no", NO_FACTOR)) <= 1:
            problems.append(f"{sid}: if_no must be between 0 and 1")
        if s.get("group") not in group_ids:
            problems.append(f"{sid}: unknown group {s.get('group')!r}")
        problems += _type_problems(sid, s.get("by_type", {}))
    problems += _pair_problems(catalog)
    for item in rating_catalog()["items"]:
        for key in ("label", "text", "tip"):
            if not str(item.get(key, "")).strip():
                problems.append(f"{item['id']}: missing {key}")
        if not item.get("prep_tags"):
            problems.append(f"{item['id']}: no prep_tags")
    for c in catalog["caveats"]:
        if not c.get("source"):
            problems.append(f"{c['id']}: caveat without a source")
    return problems


def _type_problems(sign_id: str, by_type: Mapping[str, Any]) -> list[str]:
    problems = []
    known = {t["id"] for t in signs_catalog()["interview_types"]}
    for type_id, rule in by_type.items():
        if type_id not in known:
            problems.append(f"{sign_id}: unknown interview type {type_id!r}")
        if not 0 <= float(rule.get("counts", -1)) < 1:
            problems.append(f"{sign_id}: counts on {type_id} must be at least 0 and below 1")
        if not str(rule.get("why", "")).strip():
            problems.append(f"{sign_id}: no reason for {type_id}")
    return problems


def _pair_problems(catalog: Mapping[str, Any]) -> list[str]:
    problems = []
    by_id = {s["id"]: s for s in catalog["signs"]}
    seen: set[str] = set()
    for pair in catalog["pairs"]:
        ids = pair.get("signs", [])
        if len(ids) != 2 or any(i not in by_id for i in ids):
            problems.append(f"{pair.get('id')}: a pair names two known signs")
            continue
        if by_id[ids[0]]["direction"] == by_id[ids[1]]["direction"]:
            problems.append(f"{pair['id']}: a pair is one fact seen from both sides")
        if seen & set(ids):
            problems.append(f"{pair['id']}: a sign belongs to one pair at most")
        seen |= set(ids)
    types = [t["id"] for t in catalog["interview_types"]]
    if sorted(types) != sorted(INTERVIEW_TYPES):
        problems.append("interview_types must list the events file's interview types")
    return problems


def clean_answers(answers: Mapping[str, Any] | None) -> dict[str, str]:
    """Known signs with a valid answer only: a saved check may name a sign since removed."""
    known = signs_by_id()
    out: dict[str, str] = {}
    for key, value in (answers or {}).items():
        if key in known and isinstance(value, str) and value.strip().lower() in ANSWERS:
            out[key] = value.strip().lower()
    return out


def answers_to_json(answers: Mapping[str, str]) -> str:
    """Stable text (sorted keys) so saving the same answers twice writes the same cell."""
    return json.dumps(dict(answers), sort_keys=True, ensure_ascii=False)




def json_object(text: Any) -> dict[str, Any]:
    if not isinstance(text, str) or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}




def answers_from_json(text: Any) -> dict[str, str]:
    """Never raises: an empty, hand-broken or non-object cell reads as no answers."""
    return {str(k): v for k, v in json_object(text).items() if isinstance(v, str)}


