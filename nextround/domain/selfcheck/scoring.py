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

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from nextround.domain.selfcheck.content import (
    Caveat,
    Sign,
    band_for,
    caveats,
    clean_answers,
    not_enough_band,
    rating_scale,
    signs,
    signs_by_id,
)
from nextround.domain.selfcheck.ratings import WeakSpot, rating_average, weak_spots

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
TOP_N = 3

CUT_SHORT = "sign-cut-short"
RAN_OVER = "sign-ran-over"
CLEAR_TIMELINE = "sign-clear-timeline"
RATING_ROW_ID = "self-rating"


# ---- Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignEffect:
    """How one answered sign moved the reading."""

    sign_id: str
    label: str
    answer: str
    contribution: float
    basis: str  # "your answer", "from the times you gave", "from the decision date", ...


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
        weak_spots=weak_spots([ratings]),
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
