"""The self-rating: one parser for the ratings a check stores, and one choice of weak spots.

The Self-check page (one check) and the Prep page (the last few checks) both ask ``weak_spots``,
so the same ratings always give the same items in the same order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from nextround.domain.self_check.content import json_object, rating_items, rating_scale

#: Items rated at or below this are weak spots.
LOW_RATING = 2
#: How many weak spots the plan and Prep bring forward.
TOP_N = 3
#: How many recent checks Prep reads its weak spots from.
RECENT_CHECKS = 3


def clean_ratings(ratings: Mapping[str, Any] | None) -> dict[str, int]:
    """Known items rated with a whole number on the scale; anything else is dropped, not guessed."""
    scale = rating_scale()
    known = {i.id for i in rating_items()}
    out: dict[str, int] = {}
    for key, value in (ratings or {}).items():
        if key not in known or isinstance(value, bool):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if number.is_integer() and scale["min"] <= number <= scale["max"]:
            out[key] = int(number)
    return out


def rating_average(ratings: Mapping[str, Any] | None) -> float | None:
    cleaned = clean_ratings(ratings)
    return sum(cleaned.values()) / len(cleaned) if cleaned else None


def ratings_to_json(ratings: Mapping[str, int]) -> str:
    return json.dumps({k: int(v) for k, v in ratings.items()}, sort_keys=True)


def ratings_from_json(text: Any) -> dict[str, int]:
    """Never raises; keeps whole numbers only (a 3.0 written by a spreadsheet reads as 3)."""
    out: dict[str, int] = {}
    for key, value in json_object(text).items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if float(value).is_integer():
            out[str(key)] = int(value)
    return out


@dataclass(frozen=True)
class WeakSpot:
    """A self-rating item rated below the middle of the scale, for the plan and the prep page."""

    item_id: str
    label: str
    tip: str
    prep_tags: tuple[str, ...]
    rating: float




def weak_spots(ratings: Iterable[Mapping[str, Any] | None], limit: int = TOP_N) -> list[WeakSpot]:
    """Items rated low (1 or 2) across one or more checks' ratings, the weakest first.

    Items rated low more often come first, then the lower average, then catalogue order; the
    spot's ``rating`` is its average over the checks that rated it.
    """
    cleaned = [clean_ratings(r) for r in ratings]
    spots = []
    for position, item in enumerate(rating_items()):
        scores = [r[item.id] for r in cleaned if item.id in r]
        lows = sum(score <= LOW_RATING for score in scores)
        if lows:
            average = sum(scores) / len(scores)
            spots.append((-lows, average, position,
                          WeakSpot(item.id, item.label, item.tip, item.prep_tags, average)))
    return [spot for *_, spot in sorted(spots, key=lambda s: s[:3])][:limit]


def recent_weak_spots(checks: pd.DataFrame, limit: int = TOP_N,
                      recent: int = RECENT_CHECKS) -> list[WeakSpot]:
    """``weak_spots`` of the latest ``recent`` saved checks: a skill since improved drops off."""
    if checks.empty:
        return []
    ordered = checks.sort_values(["interview_date", "created_at"], na_position="first",
                                 kind="stable")
    return weak_spots([ratings_from_json(text) for text in ordered["ratings"].tail(recent)],
                      limit)
