"""The interview self-check: an honest, explained reading of observable signs, then a plan.

The person using this usually arrives sure the interview went badly. The check does not predict
the decision (no source measures how well any sign predicts an offer); it adds up what they saw,
says plainly why the reading is what it is, and turns it into actions, because acting is what
helps.

The scoring model, in one place so it can be argued with:

* Each answered sign adds evidence. ``yes`` adds ``direction * weight``. ``no`` adds the opposite
  but only a fraction of it (``if_no``, default ``NO_FACTOR``): not seeing a good sign is weak
  evidence, and for some signs (running over, a tour on a video call) it is no evidence at all.
  ``not sure`` adds nothing.
* The times, when given, stand in for the "cut short" and "ran over" signs, and a decision date
  for "clear timeline", but only where the person did not answer those signs yes or no, so
  nothing counts twice.
* The self-rating adds a little: ``RATING_WEIGHT * (average - 2.5)``, between -0.75 (all ones)
  and +1.25 (all fives), less than one moderate sign: it is one's own view, and people judge
  their own interviews harshly. On its own it gives no score.
* Evidence maps to ``50 + 45 * tanh(evidence / EVIDENCE_SCALE)``: centred at 50, monotone, and
  kept inside 5..95 on purpose: no set of signs makes an outcome certain.
* With no sign that moves the reading there is no number at all, only "Not enough to tell".
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

from nextround.domain.catalog import load_catalog
from nextround.storage.schema import ANSWERS

#: How much a "no" counts, relative to a "yes", when a sign does not set its own ``if_no``.
NO_FACTOR = 0.2
#: Sets how fast evidence moves the score. At 13, one strong sign alone (3) stays in "Mixed signs"
#: even with a perfect self-rating; a strong and a moderate sign together (5) read about 66.
EVIDENCE_SCALE = 13.0
#: Half-width of the score range: scores stay inside 50 +/- 45, never 0 or 100.
SCORE_SPREAD = 45.0
#: Evidence per point of self-rating average above (or below) the threshold.
RATING_WEIGHT = 0.5
#: Ended at or below this share of the scheduled time, and at least CUT_SHORT_MINUTES early.
CUT_SHORT_RATIO = 0.75
CUT_SHORT_MINUTES = 10
#: Ran over by at least this many minutes and this share of the scheduled time.
RAN_OVER_MINUTES = 10
RAN_OVER_RATIO = 0.15
#: Known outcomes needed before the learning view shows any number.
MIN_KNOWN_OUTCOMES = 5
#: A thank-you sent more than this many days after the interview is a late one.
LATE_THANK_YOU_DAYS = 3
#: Fewer active applications than this and the plan suggests adding one.
MIN_ACTIVE_APPLICATIONS = 3
TOP_N = 3

CUT_SHORT = "sign-cut-short"
RAN_OVER = "sign-ran-over"
CLEAR_TIMELINE = "sign-clear-timeline"
RATING_ROW_ID = "self-rating"

UP_COLOUR = "#2e7d32"
DOWN_COLOUR = "#c62828"
BAND_COLOURS = {"low": "#f6d5d5", "mid": "#e8e8e8", "high": "#d3ecd5"}


# ---- Content --------------------------------------------------------------------------------


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


def _signs_catalog() -> dict[str, Any]:
    return load_catalog("signs")


def _rating_catalog() -> dict[str, Any]:
    return load_catalog("self_rating")


@cache
def signs() -> tuple[Sign, ...]:
    """Every sign in catalogue order (the order the page asks them and ties are broken in)."""
    catalog = _signs_catalog()
    group_labels = {g["id"]: g["label"] for g in catalog["groups"]}
    return tuple(
        Sign(
            id=s["id"],
            label=s["label"],
            group=s["group"],
            group_label=group_labels.get(s["group"], s["group"]),
            text=s["text"],
            weight=int(s["weight"]),
            direction=int(s["direction"]),
            if_no=float(s.get("if_no", NO_FACTOR)),
            why=s["why"],
            source=s["source"],
        )
        for s in catalog["signs"]
    )


@cache
def signs_by_id() -> dict[str, Sign]:
    return {s.id: s for s in signs()}


def sign_groups() -> list[dict[str, str]]:
    """The groups in display order, each as {"id", "label"}."""
    return [dict(g) for g in _signs_catalog()["groups"]]


def context_items() -> list[dict[str, str]]:
    """The questions about the interview itself (round, times, decision date) for the form."""
    return [dict(c) for c in _signs_catalog()["context"]]


@cache
def rating_items() -> tuple[RatingItem, ...]:
    return tuple(
        RatingItem(
            id=i["id"],
            label=i["label"],
            text=i["text"],
            tip=i["tip"],
            prep_tags=tuple(i.get("prep_tags", ())),
        )
        for i in _rating_catalog()["items"]
    )


def rating_scale() -> dict[str, Any]:
    """min, max, labels, the "probably all right" threshold and its source."""
    return dict(_rating_catalog()["scale"])


def caveats() -> list[Caveat]:
    return [Caveat(c["id"], c["text"], c["source"]) for c in _signs_catalog()["caveats"]]


def survey_figure() -> dict[str, str]:
    """The one quantified sign found (SmartRecruiters 2017), as {"text", "source"}."""
    return dict(_signs_catalog()["figure"])


def weights_note() -> str:
    """Why the weights are a heuristic; the page shows it next to the signs."""
    return str(_signs_catalog()["weights_note"])


def sign_sources() -> dict[str, str]:
    """The full source lists behind the encouraging and the warning signs."""
    catalog = _signs_catalog()
    return {"positive": catalog["sources_positive"], "negative": catalog["sources_negative"]}


def bands() -> list[Band]:
    """Bands from the highest minimum down."""
    raw = [Band(float(b["min"]), b["label"], b["meaning"]) for b in _signs_catalog()["bands"]]
    return sorted(raw, key=lambda b: b.minimum, reverse=True)


def not_enough_band() -> Band:
    entry = _signs_catalog()["not_enough"]
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
    catalog = _signs_catalog()
    group_ids = {g["id"] for g in catalog["groups"]}
    ids = [s.get("id", "") for s in catalog["signs"]]
    ids += [i["id"] for i in _rating_catalog()["items"]]
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
    for item in _rating_catalog()["items"]:
        for key in ("label", "text", "tip"):
            if not str(item.get(key, "")).strip():
                problems.append(f"{item['id']}: missing {key}")
        if not item.get("prep_tags"):
            problems.append(f"{item['id']}: no prep_tags")
    for c in catalog["caveats"]:
        if not c.get("source"):
            problems.append(f"{c['id']}: caveat without a source")
    return problems


# ---- Cleaning input -------------------------------------------------------------------------


def clean_answers(answers: Mapping[str, Any] | None) -> dict[str, str]:
    """Known signs with a valid answer only: a saved check may name a sign since removed."""
    known = signs_by_id()
    out: dict[str, str] = {}
    for key, value in (answers or {}).items():
        if key in known and isinstance(value, str) and value.strip().lower() in ANSWERS:
            out[key] = value.strip().lower()
    return out


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


# ---- Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignEffect:
    """How one answered sign moved the reading."""

    sign_id: str
    label: str
    answer: str
    contribution: float
    basis: str  # "your answer", "from the times you gave", "from the decision date", ...


@dataclass(frozen=True)
class WeakSpot:
    """A self-rating item rated below the middle of the scale, for the plan and the prep page."""

    item_id: str
    label: str
    tip: str
    prep_tags: tuple[str, ...]
    rating: int


@dataclass(frozen=True, eq=False)
class CheckResult:
    """The reading. ``score`` is None, never a number, when nothing moved it.

    ``contributions`` has one row per sign that counted (and one for the self-rating when it
    counted), columns: sign_id, label, text, group, answer, contribution, basis; sorted from the
    largest push up to the largest push down.
    """

    score: float | None
    band: str
    band_meaning: str
    confidence: str
    answered: int
    not_sure: int
    top_up: list[SignEffect]
    top_down: list[SignEffect]
    contributions: pd.DataFrame
    explanation: list[str]
    caveats: list[Caveat]
    rating_average: float | None = None
    weak_spots: list[WeakSpot] = field(default_factory=list)


CONTRIBUTION_COLUMNS = ["sign_id", "label", "text", "group", "answer", "contribution", "basis"]


def infer_from_times(
    scheduled_minutes: float | None, actual_minutes: float | None
) -> dict[str, str]:
    """What the interview's length says about "cut short" and "ran over" (empty if unknown)."""
    if scheduled_minutes is None or actual_minutes is None:
        return {}
    try:
        scheduled, actual = float(scheduled_minutes), float(actual_minutes)
    except (TypeError, ValueError):
        return {}
    if not (scheduled > 0 and actual >= 0) or math.isnan(scheduled) or math.isnan(actual):
        return {}
    short = actual <= scheduled * CUT_SHORT_RATIO and scheduled - actual >= CUT_SHORT_MINUTES
    over_by = actual - scheduled
    over = over_by >= RAN_OVER_MINUTES and over_by >= scheduled * RAN_OVER_RATIO
    return {CUT_SHORT: "yes" if short else "no", RAN_OVER: "yes" if over else "no"}


def _effective_answers(
    answers: dict[str, str], inferred: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """Direct yes/no answers win; an inferred answer fills a sign left blank or "not sure"."""
    out = {sid: (answer, "your answer") for sid, answer in answers.items() if answer != "not sure"}
    for sid, (answer, basis) in inferred.items():
        out.setdefault(sid, (answer, basis))
    return out


def _contribution(sign: Sign, answer: str) -> float:
    if answer == "yes":
        return float(sign.direction * sign.weight)
    if answer == "no":
        return -sign.direction * sign.weight * sign.if_no
    return 0.0


def evidence_to_score(evidence: float) -> float:
    """Centred at 50, strictly increasing, and never reaching 0 or 100."""
    return 50.0 + SCORE_SPREAD * math.tanh(evidence / EVIDENCE_SCALE)


def _confidence(effects: list[SignEffect]) -> str:
    """How much the reading rests on: the count of signs that counted and their total weight."""
    if not effects:
        return "low"
    known = signs_by_id()
    counted = [e for e in effects if e.sign_id in known]
    weight = sum(known[e.sign_id].weight for e in counted)
    share = weight / sum(s.weight for s in signs())
    if len(counted) >= 10 and share >= 0.45:
        return "high"
    if len(counted) >= 4 and share >= 0.2:
        return "medium"
    return "low"


def weak_spots(ratings: Mapping[str, Any] | None, limit: int = TOP_N) -> list[WeakSpot]:
    """Items rated 1 or 2, lowest first (catalogue order breaks ties)."""
    cleaned = clean_ratings(ratings)
    low = [
        WeakSpot(item.id, item.label, item.tip, item.prep_tags, cleaned[item.id])
        for item in rating_items()
        if cleaned.get(item.id, 99) <= 2
    ]
    return sorted(low, key=lambda w: w.rating)[:limit]


@dataclass(frozen=True)
class Reading:
    """The intermediate facts the explanation is written from."""

    score: float | None
    effects: list[SignEffect]
    ups: list[SignEffect]
    downs: list[SignEffect]
    not_sure: int
    average: float | None


def _sign_effects(
    answers: dict[str, str],
    scheduled_minutes: float | None,
    actual_minutes: float | None,
    decision_date_given: bool | None,
) -> list[SignEffect]:
    """Every sign that moves the reading, in catalogue order (which also breaks ties later)."""
    inferred = {
        sid: (a, "from the times you gave")
        for sid, a in infer_from_times(scheduled_minutes, actual_minutes).items()
    }
    if decision_date_given is not None:
        answer = "yes" if decision_date_given else "no"
        inferred[CLEAR_TIMELINE] = (answer, "from whether they gave a decision date")
    effective = _effective_answers(answers, inferred)
    effects = []
    for sign in signs():
        if sign.id in effective:
            answer, basis = effective[sign.id]
            value = _contribution(sign, answer)
            if value != 0:
                effects.append(SignEffect(sign.id, sign.label, answer, value, basis))
    return effects


def _rating_effect(average: float | None) -> SignEffect | None:
    if average is None:
        return None
    value = RATING_WEIGHT * (average - rating_scale()["threshold"])
    if value == 0:
        return None
    return SignEffect(
        RATING_ROW_ID, "Your self-rating", f"{average:.1f} of 5", value, "your self-rating"
    )


def score_check(
    answers: Mapping[str, str] | None,
    ratings: Mapping[str, int] | None,
    scheduled_minutes: float | None = None,
    actual_minutes: float | None = None,
    decision_date_given: bool | None = None,
) -> CheckResult:
    """Read the answered signs, the self-rating and the times into a score, a band and reasons.

    The self-rating only adjusts a reading the signs make: on its own it gives no score. Same
    answers give the same result whatever order they arrive in, since everything is walked in
    catalogue order. ``answered`` counts the signs that moved the reading.
    """
    cleaned = clean_answers(answers)
    effects = _sign_effects(cleaned, scheduled_minutes, actual_minutes, decision_date_given)
    average = rating_average(ratings)
    rating_effect = _rating_effect(average) if effects else None
    counted = effects + ([rating_effect] if rating_effect else [])
    score = evidence_to_score(sum(e.contribution for e in counted)) if effects else None
    band = band_for(score)
    ups = sorted((e for e in effects if e.contribution > 0), key=lambda e: -e.contribution)
    downs = sorted((e for e in effects if e.contribution < 0), key=lambda e: e.contribution)
    not_sure = sum(1 for a in cleaned.values() if a == "not sure")
    reading = Reading(score, effects, ups, downs, not_sure, average)
    return CheckResult(
        score=score,
        band=band.label,
        band_meaning=band.meaning,
        confidence=_confidence(effects),
        answered=len(effects),
        not_sure=not_sure,
        top_up=ups[:TOP_N],
        top_down=downs[:TOP_N],
        contributions=_contributions_frame(counted),
        explanation=_explain(reading, scheduled_minutes, actual_minutes, cleaned),
        caveats=caveats(),
        rating_average=average,
        weak_spots=weak_spots(ratings),
    )


def _contributions_frame(effects: list[SignEffect]) -> pd.DataFrame:
    known = signs_by_id()
    rows = [
        {
            "sign_id": e.sign_id,
            "label": e.label,
            "text": known[e.sign_id].text if e.sign_id in known else "Your average self-rating",
            "group": known[e.sign_id].group_label if e.sign_id in known else "Self-rating",
            "answer": e.answer,
            "contribution": e.contribution,
            "basis": e.basis,
        }
        for e in effects
    ]
    frame = pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS)
    frame["contribution"] = frame["contribution"].astype("float64")
    for col in CONTRIBUTION_COLUMNS:
        if col != "contribution":
            frame[col] = frame[col].astype("str")
    return frame.sort_values("contribution", ascending=False, kind="stable").reset_index(drop=True)


def _quoted(effects: list[SignEffect]) -> str:
    parts = [f"\u201c{e.label}\u201d ({e.answer})" for e in effects[:TOP_N]]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _times_sentence(scheduled: float | None, actual: float | None, answers: dict[str, str]) -> str:
    inferred = infer_from_times(scheduled, actual)
    if not inferred:
        return ""
    used = [sid for sid in inferred if answers.get(sid, "not sure") == "not sure"]
    if not used:
        return ""
    length = f"It lasted {actual:g} of {scheduled:g} scheduled minutes"
    if inferred[CUT_SHORT] == "yes" and CUT_SHORT in used:
        return f"{length}, so it counts as cut short."
    if inferred[RAN_OVER] == "yes" and RAN_OVER in used:
        return f"{length}, so it counts as running over."
    if CUT_SHORT in used:
        return f"{length}, so it was not cut short."
    return ""


def _explain(
    reading: Reading, scheduled: float | None, actual: float | None, answers: dict[str, str]
) -> list[str]:
    """Plain sentences saying why the reading is what it is."""
    lines: list[str] = []
    if reading.score is None:
        lines.append(not_enough_band().meaning)
    else:
        lines.extend(_evidence_sentences(reading))
        times = _times_sentence(scheduled, actual, answers)
        if times:
            lines.append(times)
    if reading.average is not None:
        lines.append(_rating_sentence(reading.average, counted=reading.score is not None))
    if reading.score is not None and _confidence(reading.effects) == "low":
        lines.append("With this few signs answered, treat the reading as rough.")
    return lines


def _evidence_sentences(reading: Reading) -> list[str]:
    direct = sum(1 for e in reading.effects if e.basis == "your answer")
    others = len(reading.effects) - direct
    count = f"It rests on {direct} sign{'s' if direct != 1 else ''} you answered"
    if others:
        count += f" and {others} taken from the details you gave"
    if reading.not_sure == 1:
        count += "; the one marked \u201cnot sure\u201d counts for nothing"
    elif reading.not_sure:
        count += f"; the {reading.not_sure} marked \u201cnot sure\u201d count for nothing"
    lines = [count + "."]
    if reading.ups:
        lines.append(f"Pointing up most: {_quoted(reading.ups)}.")
    if reading.downs:
        lines.append(f"Pointing down most: {_quoted(reading.downs)}.")
    elif reading.ups:
        lines.append("Nothing you answered points down.")
    return lines


def _rating_sentence(average: float, counted: bool) -> str:
    threshold = rating_scale()["threshold"]
    side = "at or above" if average >= threshold else "below"
    sentence = (
        f"Your self-rating averages {average:.1f} of 5, {side} the {threshold:g} that "
        "post-interview reviews read as probably all right."
    )
    if counted:
        sentence += " It counts for less than the signs, because people judge themselves harshly."
    else:
        sentence += " On its own it gives no reading: the signs come first."
    return sentence


# ---- Charts ---------------------------------------------------------------------------------


def _band_frame() -> pd.DataFrame:
    ordered = sorted(bands(), key=lambda b: b.minimum)
    rows = []
    for i, band in enumerate(ordered):
        end = ordered[i + 1].minimum if i + 1 < len(ordered) else 100.0
        rows.append({"start": band.minimum, "end": end, "band": band.label})
    return pd.DataFrame(rows)


def _sized(chart: alt.TopLevelMixin, width: int | None) -> alt.TopLevelMixin:
    """Fit the page's width by default; a fixed width for charts placed side by side.

    Tried in Streamlit 1.67: without "fit-x" the page squeezed the height of a titled chart to
    almost nothing, and with width="container" in the spec the bars lost their height.
    """
    if width is not None:
        return chart.properties(width=width)
    return chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def _band_edges(frame: pd.DataFrame) -> list[float]:
    return sorted({0.0, 100.0, *frame["start"], *frame["end"]})


def score_gauge(result: CheckResult, width: int | None = None) -> alt.LayerChart:
    """The score on a 0-100 bar with the bands shaded; no marker when there is no score."""
    frame = _band_frame()
    colours = [BAND_COLOURS["low"], BAND_COLOURS["mid"], BAND_COLOURS["high"]][: len(frame)]
    x_axis = alt.X(
        "start:Q",
        scale=alt.Scale(domain=[0, 100]),
        title=None,
        axis=alt.Axis(values=_band_edges(frame), grid=False, labelColor="#666"),
    )
    base = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=x_axis,
            x2="end:Q",
            y=alt.value(18),
            y2=alt.value(44),
            color=alt.Color(
                "band:N", scale=alt.Scale(domain=list(frame["band"]), range=colours), legend=None
            ),
            tooltip=[alt.Tooltip("band:N", title="Band")],
        )
    )
    labels = (
        alt.Chart(frame.assign(middle=(frame["start"] + frame["end"]) / 2))
        .mark_text(fontSize=11, color="#444")
        .encode(x="middle:Q", y=alt.value(56), text="band:N")
    )
    layers: list[alt.Chart] = [base, labels]
    if result.score is not None:
        point = pd.DataFrame({"score": [round(result.score)], "label": [f"{result.score:.0f}"]})
        layers.append(
            alt.Chart(point)
            .mark_rule(strokeWidth=4, color="#1a1a1a")
            .encode(
                x="score:Q",
                y=alt.value(12),
                y2=alt.value(47),
                tooltip=[alt.Tooltip("score:Q", title="Score")],
            )
        )
        layers.append(
            alt.Chart(point)
            .mark_text(fontSize=13, fontWeight="bold")
            .encode(x="score:Q", y=alt.value(4), text="label:N")
        )
    title = result.band if result.score is None else f"{result.band} ({result.score:.0f} of 100)"
    return _sized(alt.layer(*layers).properties(height=66, title=title), width)


def contributions_chart(
    result: CheckResult, width: int | None = None
) -> alt.Chart | alt.LayerChart:
    """Each sign that counted as a bar: right and green pushes the reading up, left and red down."""
    frame = result.contributions
    if frame.empty:
        message = pd.DataFrame({"text": ["No answer has moved the reading yet."]})
        chart = alt.Chart(message).mark_text(fontSize=13, color="#555").encode(text="text:N")
        return _sized(chart.properties(height=60), width)
    frame = frame.assign(
        direction=frame["contribution"].map(lambda v: "Points up" if v > 0 else "Points down"),
        row=frame["label"] + " (" + frame["answer"] + ")",
    )
    order = list(frame["row"])
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("contribution:Q", title="Effect on the reading",
                    axis=alt.Axis(tickCount=5, format=".1f")),
            y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(
                    domain=["Points up", "Points down"], range=[UP_COLOUR, DOWN_COLOUR]
                ),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Sign"),
                alt.Tooltip("answer:N", title="Your answer"),
                alt.Tooltip("basis:N", title="Based on"),
                alt.Tooltip("contribution:Q", title="Effect", format="+.2f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333").encode(x="x:Q")
    chart = alt.layer(bars, zero).properties(
        height=max(60, 24 * len(frame)), title="What moved the reading"
    )
    return _sized(chart, width)


def score_chart(result: CheckResult, width: int = 480) -> alt.VConcatChart:
    """The gauge above the diverging bars, for a page that wants one picture.

    Concatenated charts cannot stretch to their container, so this one has a fixed width; a page
    that wants full width draws ``score_gauge`` and ``contributions_chart`` one under the other.
    """
    return alt.vconcat(
        score_gauge(result, width=width), contributions_chart(result, width=width)
    ).resolve_scale(x="independent", color="independent")


# ---- Plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationState:
    """What the plan needs to know about the application the interview belongs to.

    ``active_applications`` counts the person's other open applications, not this one.
    ``follow_up_due`` comes from the follow-up rules (None when no follow-up is due or known).
    """

    today: date
    interview_date: date | None = None
    thank_you_logged: bool = False
    rejected: bool = False
    active_applications: int = 0
    follow_up_due: date | None = None
    company: str = ""
    role: str = ""


@dataclass(frozen=True)
class PlanStep:
    """One thing to do. ``action`` is a machine key the page turns into a button or a link."""

    title: str
    detail: str
    due: date | None
    action: str
    note_kind: str | None = None
    source: str | None = None


def _plan_text(key: str, **values: Any) -> tuple[str, str, str | None]:
    entry = _signs_catalog()["plan"][key]
    return (
        entry["title"].format_map(values),
        entry["detail"].format_map(values),
        entry.get("source"),
    )


def _step(
    key: str, due_on: date | None, action: str, note_kind: str | None = None, **values: Any
) -> PlanStep:
    title, detail, source = _plan_text(key, **values)
    return PlanStep(title, detail, due_on, action, note_kind, source)


def _thank_you_steps(state: ApplicationState, values: dict[str, Any]) -> list[PlanStep]:
    """The thank-you, late or not; weeks late with the follow-up due, one combined note."""
    today = state.today
    days = (today - state.interview_date).days if state.interview_date else 0
    follow_up_now = state.follow_up_due is not None and today >= state.follow_up_due
    if days > LATE_THANK_YOU_DAYS and follow_up_now:
        return [
            _step(
                "late_thank_you_and_follow_up",
                today,
                "write_note",
                "late thank-you and follow-up",
                **values,
            )
        ]
    steps: list[PlanStep] = []
    if days > LATE_THANK_YOU_DAYS:
        steps.append(
            _step("late_thank_you", today, "write_note", "late thank-you", days=days, **values)
        )
    else:
        due = (
            max(today, state.interview_date + timedelta(days=1)) if state.interview_date else today
        )
        steps.append(_step("thank_you", due, "write_note", "thank-you", **values))
    if state.follow_up_due is not None:
        steps.append(_follow_up_step(state.follow_up_due, today, values))
    return steps


def _follow_up_step(due: date, today: date, values: dict[str, Any]) -> PlanStep:
    """Dated in the future it says "not before then"; once the date has come, "now"."""
    key = "follow_up" if due > today else "follow_up_now"
    when = f"{due:%A} {due.day} {due:%B}"
    return _step(key, max(due, today), "write_note", "follow-up", due=when, **values)


def _applications_phrase(count: int) -> str:
    if count == 0:
        return "no other active applications"
    return f"{count} other active application{'s' if count != 1 else ''}"


def plan(result: CheckResult, state: ApplicationState) -> list[PlanStep]:
    """The "what now" after a reading, in the order to do them.

    The same steps follow a good reading and a bad one (the actions help either way); only the
    preparation step depends on the reading, through the self-rating's weak spots.
    """
    values = {
        "company": state.company.strip() or "the company",
        "role": state.role.strip() or "the role",
    }
    steps = [_step("reflect", state.today, "reflect", **values)]
    if state.rejected:
        steps.append(
            _step("rejection_reply", state.today, "write_note", "rejection reply", **values)
        )
    elif not state.thank_you_logged:
        steps.extend(_thank_you_steps(state, values))
    elif state.follow_up_due is not None:
        steps.append(_follow_up_step(state.follow_up_due, state.today, values))
    if result.weak_spots:
        spots = ", ".join(w.label.lower() for w in result.weak_spots)
        steps.append(_step("prepare", None, "prepare", spots=spots, **values))
    count = max(0, int(state.active_applications))
    values["applications"] = _applications_phrase(count)
    if count < MIN_ACTIVE_APPLICATIONS:
        steps.append(
            _step(
                "add_application",
                state.today + timedelta(days=7),
                "add_application",
                count=count,
                **values,
            )
        )
    else:
        steps.append(_step("keep_moving", None, "review_applications", count=count, **values))
    if state.rejected:
        steps.append(_step("watch_company", None, "watch_company", **values))
    return steps


# ---- JSON columns ---------------------------------------------------------------------------


def answers_to_json(answers: Mapping[str, str]) -> str:
    """Stable text (sorted keys) so saving the same answers twice writes the same cell."""
    return json.dumps(dict(answers), sort_keys=True, ensure_ascii=False)


def _json_object(text: Any) -> dict[str, Any]:
    if not isinstance(text, str) or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def answers_from_json(text: Any) -> dict[str, str]:
    """Never raises: an empty, hand-broken or non-object cell reads as no answers."""
    return {str(k): v for k, v in _json_object(text).items() if isinstance(v, str)}


def ratings_to_json(ratings: Mapping[str, int]) -> str:
    return json.dumps({k: int(v) for k, v in ratings.items()}, sort_keys=True)


def ratings_from_json(text: Any) -> dict[str, int]:
    """Never raises; keeps whole numbers only (a 3.0 written by a spreadsheet reads as 3)."""
    out: dict[str, int] = {}
    for key, value in _json_object(text).items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if float(value).is_integer():
            out[str(key)] = int(value)
    return out


# ---- History and learning -------------------------------------------------------------------


HISTORY_COLUMNS = ["check_id", "date", "score", "band", "application_id", "label"]


def history_frame(checks: pd.DataFrame) -> pd.DataFrame:
    """Scored checks over time for a line chart: checks with no score are left out.

    ``date`` is the interview date, or the day the check was saved when that is missing.
    ``label`` is the check's own label, else the application id, else "Quick check".
    """
    if checks.empty:
        return pd.DataFrame(
            {
                "check_id": pd.Series([], dtype="str"),
                "date": pd.Series([], dtype="datetime64[us]"),
                "score": pd.Series([], dtype="float64"),
                "band": pd.Series([], dtype="str"),
                "application_id": pd.Series([], dtype="str"),
                "label": pd.Series([], dtype="str"),
            }
        )
    when = checks["interview_date"].fillna(checks["created_at"].dt.normalize())
    label = checks["label"].where(checks["label"].str.strip().fillna("") != "")
    label = label.fillna(checks["application_id"]).fillna("Quick check")
    frame = pd.DataFrame(
        {
            "check_id": checks["id"],
            "date": when.astype("datetime64[us]"),
            "score": checks["score"].astype("float64"),
            "band": checks["band"],
            "application_id": checks["application_id"],
            "label": label.astype("str"),
        }
    )
    frame = frame[frame["score"].notna() & frame["date"].notna()]
    return frame.sort_values(["date", "check_id"], kind="stable").reset_index(drop=True)


GOOD_EVENT_KINDS = ("interview", "offer")
BAD_EVENT_KINDS = ("rejection", "no response")
GOOD_OUTCOMES = ("offer accepted", "offer declined")
BAD_OUTCOMES = ("rejected", "no response")


def derive_outcomes(
    checks: pd.DataFrame, applications: pd.DataFrame, events: pd.DataFrame
) -> pd.DataFrame:
    """Whether each check's interview led somewhere good, for ``learn``.

    Good: a later interview round or an offer event after the interview date, or the application
    at the offer stage or ended with an offer. Not good: a rejection or no response (event or
    outcome) and nothing good. Unknown (NA): still open, withdrawn, or a quick check with no
    application. Columns: check_id, good_outcome (boolean), reason.
    """
    base = checks[["id", "application_id", "interview_date", "event_id"]].rename(
        columns={"id": "check_id"}
    )
    # Only the checked applications matter: a long search has far more of everything else.
    events = events[events["application_id"].isin(base["application_id"].dropna())]
    applications = applications[applications["id"].isin(base["application_id"].dropna())]
    event_dates = events[["id", "date"]].rename(columns={"id": "event_id", "date": "event_date"})
    base = base.merge(event_dates, on="event_id", how="left")
    base["anchor"] = base["interview_date"].fillna(base["event_date"])
    later = base[["check_id", "application_id", "anchor"]].merge(
        events[["application_id", "date", "kind"]], on="application_id", how="inner"
    )
    later = later[later["date"] > later["anchor"]]
    good_event = set(later.loc[later["kind"].isin(GOOD_EVENT_KINDS), "check_id"])
    bad_event = set(later.loc[later["kind"].isin(BAD_EVENT_KINDS), "check_id"])
    apps = applications[["id", "stage", "outcome"]].rename(columns={"id": "application_id"})
    base = base.merge(apps, on="application_id", how="left")
    good = base["check_id"].isin(good_event) | (base["stage"] == "offer").fillna(False)
    good |= base["outcome"].isin(GOOD_OUTCOMES).fillna(False)
    bad = ~good & (base["check_id"].isin(bad_event) | base["outcome"].isin(BAD_OUTCOMES))
    result = pd.Series(pd.NA, index=base.index, dtype="boolean")
    result[good] = True
    result[bad] = False
    reason = pd.Series("still open", index=base.index, dtype="str")
    reason[base["application_id"].isna()] = "no application"
    reason[base["outcome"] == "withdrew"] = "withdrew"
    reason[good] = "moved forward"
    reason[bad] = "rejected or no response"
    return pd.DataFrame(
        {
            "check_id": base["check_id"].astype("str"),
            "good_outcome": result,
            "reason": reason,
        }
    )


@dataclass(frozen=True, eq=False)
class LearningResult:
    """What this person's own outcomes say about their readings; no numbers until ``ready``.

    ``sign_rates`` columns: sign_id, label, yes_rate_good, yes_rate_not_good, difference
    (share of checks answered "yes", per group), sorted with the signs that most often came
    before a good outcome first.
    """

    ready: bool
    known: int
    needed: int
    progress: str
    n_good: int = 0
    n_not_good: int = 0
    mean_score_good: float | None = None
    mean_score_not_good: float | None = None
    sign_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    caveat: str = ""


SMALL_SAMPLE_CAVEAT = (
    "These numbers come from your own handful of interviews: a tiny sample, where chance "
    "easily outweighs any pattern. Treat them as a prompt to reflect, not as evidence."
)
SIGN_RATE_COLUMNS = ["sign_id", "label", "yes_rate_good", "yes_rate_not_good", "difference"]


def _mean_or_none(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.mean()) if len(values) else None


def learn(checks: pd.DataFrame, outcomes: pd.DataFrame) -> LearningResult:
    """Compare readings with what happened next, once at least MIN_KNOWN_OUTCOMES are known.

    ``outcomes`` has columns check_id and good_outcome (boolean; NA while unknown), such as
    ``derive_outcomes`` returns.
    """
    joined = checks[["id", "score", "answers"]].merge(
        outcomes[["check_id", "good_outcome"]], left_on="id", right_on="check_id", how="inner"
    )
    joined = joined[joined["good_outcome"].notna()].reset_index(drop=True)
    known = len(joined)
    if known < MIN_KNOWN_OUTCOMES:
        return LearningResult(
            ready=False,
            known=known,
            needed=MIN_KNOWN_OUTCOMES,
            progress=f"{known} of {MIN_KNOWN_OUTCOMES} outcomes known",
            sign_rates=pd.DataFrame(columns=SIGN_RATE_COLUMNS),
        )
    good = joined["good_outcome"].astype(bool).to_numpy()
    yes = _yes_matrix(joined["answers"])
    rates = pd.DataFrame(
        {
            "yes_rate_good": yes[good].mean() if good.any() else math.nan,
            "yes_rate_not_good": yes[~good].mean() if (~good).any() else math.nan,
        }
    )
    rates = rates[yes.sum() > 0]
    rates["difference"] = rates["yes_rate_good"] - rates["yes_rate_not_good"]
    labels = {s.id: s.label for s in signs()}
    rates = rates.rename_axis("sign_id").reset_index()
    rates.insert(1, "label", rates["sign_id"].map(labels).astype("str"))
    rates = rates.sort_values(
        ["difference", "sign_id"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
    scores = joined["score"].astype("float64")
    return LearningResult(
        ready=True,
        known=known,
        needed=MIN_KNOWN_OUTCOMES,
        progress=f"{known} outcomes known",
        n_good=int(good.sum()),
        n_not_good=int((~good).sum()),
        mean_score_good=_mean_or_none(scores[good]),
        mean_score_not_good=_mean_or_none(scores[~good]),
        sign_rates=rates[SIGN_RATE_COLUMNS],
        caveat=SMALL_SAMPLE_CAVEAT,
    )


def _yes_matrix(answers: pd.Series) -> pd.DataFrame:
    """One row per check, one column per known sign: 1.0 where answered "yes", else 0.0."""
    ids = [s.id for s in signs()]
    parsed = answers.map(lambda text: clean_answers(answers_from_json(text)))
    records = [{k: 1.0 for k, v in a.items() if v == "yes"} for a in parsed]
    return (
        pd.DataFrame.from_records(records, columns=ids)
        .reindex(range(len(records)))
        .fillna(0.0)
        .astype("float64")
    )


def history_chart(history: pd.DataFrame, title: str) -> alt.LayerChart | alt.Chart:
    """Scores over time as a line with points on the bands' shading, fitted to the page width.

    ``history`` is ``selfcheck.history_frame`` (optionally ``history_with_names``). One row per
    scored check; a few dozen points at most, so nothing needs aggregating.
    """
    fit = alt.AutoSizeParams(type="fit-x", contains="padding")
    if history.empty:
        message = pd.DataFrame({"text": ["No scored checks yet."]})
        chart = alt.Chart(message).mark_text(fontSize=13, color="#555").encode(text="text:N")
        return chart.properties(height=60, title=title, autosize=fit)
    ordered = sorted(bands(), key=lambda b: b.minimum)
    shading = pd.DataFrame(
        {
            "start": [b.minimum for b in ordered],
            "end": [*(b.minimum for b in ordered[1:]), 100.0],
            "band": [b.label for b in ordered],
        }
    )
    colours = [BAND_COLOURS[k] for k in ("low", "mid", "high")][: len(shading)]
    y_scale = alt.Scale(domain=[0, 100])
    background = (
        alt.Chart(shading)
        .mark_rect(opacity=0.6)
        .encode(
            y=alt.Y("start:Q", scale=y_scale, title="Reading (0 to 100)"),
            y2="end:Q",
            color=alt.Color(
                "band:N", scale=alt.Scale(domain=list(shading["band"]), range=colours),
                legend=None,
            ),
        )
    )
    names = (
        alt.Chart(shading.assign(middle=(shading["start"] + shading["end"]) / 2))
        .mark_text(align="left", baseline="middle", fontSize=10, color="#666")
        .encode(x=alt.value(6), y=alt.Y("middle:Q", scale=y_scale), text="band:N")
    )
    frame = history.assign(
        when=history["date"].dt.strftime("%d %b %Y"), score=history["score"].round(0)
    )
    line = (
        alt.Chart(frame)
        .mark_line(
            point=alt.OverlayMarkDef(size=70, filled=True, color="#1a1a1a"), color="#1a1a1a"
        )
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%d %b", labelAngle=0)),
            y=alt.Y("score:Q", scale=y_scale),
            tooltip=[
                alt.Tooltip("label:N", title="Interview"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("band:N", title="Reading"),
                alt.Tooltip("score:Q", title="Score", format=".0f"),
            ],
        )
    )
    return alt.layer(background, names, line).properties(height=220, title=title, autosize=fit)
