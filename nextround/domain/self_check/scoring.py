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
* The kind of interview scales each sign by how much it says there (the content's ``by_type``):
  on a recruiter screen, talk of pay is routine and counts for nothing; a sign that does not
  apply is set aside and the reading says so, and which kind it assumed.
* Two signs that are one fact seen from both sides (the content's ``pairs``) count once: the
  stronger answer stands; answers that contradict each other count for nothing.
* The times, when given, stand in for the "cut short" and "ran over" signs, and a decision date
  for "clear timeline", but only where the person did not answer those signs yes or no, so
  nothing counts twice.
* The self-rating adds a little: ``RATING_WEIGHT * (average - 2.5)``, between -0.75 (all ones)
  and +1.25 (all fives), less than one moderate sign: it is one's own view, and people judge
  their own interviews harshly. On its own it gives no score.
* Evidence maps to ``50 + 45 * tanh(evidence / EVIDENCE_SCALE)``: centred at 50, monotone, and
  kept inside 5..95 on purpose: it shows how the signs balance, never how likely an offer is.
* When every sign that counted points the same way, the band says which way they lean (and,
  when they are few, that they are few) rather than "mixed" or a pattern they cannot show.
* With no sign that moves the reading there is no number at all, only "Not enough to tell".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from nextround.domain.self_check.content import (
    Caveat,
    after_rejection_words,
    band_for,
    bands,
    caveats,
    clean_answers,
    first_step,
    interview_type,
    lean_band,
    not_enough_band,
    rating_items,
    rating_scale,
    rating_words,
    rests_on_words,
    signs_by_id,
    signs_catalog,
    signs_in_words,
)
from nextround.domain.self_check.evidence import (
    CUT_SHORT,
    RAN_OVER,
    RATING_BASIS,
    TOP_N,
    SignEffect,
    infer_from_times,
    lean,
    quote,
    rests_on,
    sign_effects,
)
from nextround.domain.self_check.ratings import (
    LOW_RATING,
    WeakSpot,
    clean_ratings,
    rating_average,
    weak_spots,
)
from nextround.text import plural

#: Sets how fast evidence moves the score. At 13, one strong sign alone (3) stays near the
#: middle even with a perfect self-rating; a strong and a moderate sign together (5) read about 66.
EVIDENCE_SCALE = 13.0
#: Half-width of the score range: scores stay inside 50 +/- 45, never 0 or 100.
SCORE_SPREAD = 45.0
#: Evidence per point of self-rating average above (or below) the threshold.
RATING_WEIGHT = 0.5

RATING_ROW_ID = "self-rating"

#: What the reading rests on, from least to most.
RESTS_ON = ("few", "light", "some", "many")


# ---- Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CheckResult:
    """The reading. ``score`` is None, never a number, when nothing moved it.

    ``contributions`` has one row per sign that counted (and one for the self-rating when it
    counted), columns: sign_id, label, text, group, answer, contribution, basis; sorted from the
    largest push up to the largest push down. ``rests_on`` is one of RESTS_ON;
    ``lean`` is +1 or -1 when every sign that counted points that way, else 0;
    ``interview_type`` is the kind of interview the reading assumed (None: a general one).
    """

    score: float | None
    band: str
    band_meaning: str
    rests_on: str
    answered: int
    not_sure: int
    top_up: list[SignEffect]
    top_down: list[SignEffect]
    contributions: pd.DataFrame
    explanation: list[str]
    caveats: list[Caveat]
    rating_average: float | None = None
    weak_spots: list[WeakSpot] = field(default_factory=list)
    interview_type: str | None = None
    lean: int = 0
    set_aside: list[SignEffect] = field(default_factory=list)

    @property
    def low(self) -> bool:
        """A reading that points down: the lowest band, or a lean towards the warning signs.
        The page opens such a reading with a few warm words before anything else."""
        return self.score is not None and (
            self.lean < 0 or self.band == min(bands(), key=lambda b: b.minimum).label)


CONTRIBUTION_COLUMNS = ["sign_id", "label", "text", "group", "answer", "contribution", "basis"]


def evidence_to_score(evidence: float) -> float:
    """Centred at 50, strictly increasing, and never reaching 0 or 100."""
    return 50.0 + SCORE_SPREAD * math.tanh(evidence / EVIDENCE_SCALE)


@dataclass(frozen=True)
class Reading:
    """The intermediate facts the explanation is written from."""

    score: float | None
    effects: list[SignEffect]
    ups: list[SignEffect]
    downs: list[SignEffect]
    not_sure: int
    average: float | None
    kind: str | None = None
    set_aside: list[SignEffect] = field(default_factory=list)
    pair_notes: list[str] = field(default_factory=list)
    lean: int = 0
    rests_on: str = "few"
    low_items: list[tuple[str, int]] = field(default_factory=list)


def _rating_effect(average: float | None) -> SignEffect | None:
    if average is None:
        return None
    value = RATING_WEIGHT * (average - rating_scale()["threshold"])
    if value == 0:
        return None
    return SignEffect(
        RATING_ROW_ID, "Your self-rating", f"{average:.1f} of 5", value, RATING_BASIS
    )


def score_check(
    answers: Mapping[str, str] | None,
    ratings: Mapping[str, int] | None,
    scheduled_minutes: float | None = None,
    actual_minutes: float | None = None,
    decision_date_given: bool | None = None,
    kind_of_interview: str | None = None,
) -> CheckResult:
    """Read the answered signs, the self-rating and the times into a score, a band and reasons.

    ``kind_of_interview`` is an interview type ("phone", "panel"...); unknown or None reads the
    signs as for a general interview. The self-rating only adjusts a reading the signs make: on
    its own it gives no score. Same answers give the same result whatever order they arrive in,
    since everything is walked in catalogue order. ``answered`` counts the facts that moved it.
    """
    known_type = interview_type(kind_of_interview)
    kind = known_type.id if known_type else None
    cleaned = clean_answers(answers)
    sorted_out = sign_effects(cleaned, scheduled_minutes, actual_minutes, decision_date_given,
                               kind)
    effects = sorted_out.effects
    average = rating_average(ratings)
    rating_effect = _rating_effect(average) if effects else None
    counted = effects + ([rating_effect] if rating_effect else [])
    score = evidence_to_score(sum(e.contribution for e in counted)) if effects else None
    basis, leaning = rests_on(effects, kind), lean(effects)
    band = band_for(score)
    middle = sorted(bands(), key=lambda b: b.minimum)[len(bands()) // 2].label
    thin = basis in ("few", "light")
    if leaning and (thin or band.label == middle):
        band = lean_band(leaning, len(effects) if thin else None, basis)
    ups = sorted((e for e in effects if e.contribution > 0), key=lambda e: -e.contribution)
    downs = sorted((e for e in effects if e.contribution < 0), key=lambda e: e.contribution)
    not_sure = sum(1 for a in cleaned.values() if a == "not sure")
    reading = Reading(score, effects, ups, downs, not_sure, average, kind,
                      sorted_out.set_aside, sorted_out.pair_notes, leaning, basis,
                      _low_items(ratings))
    return CheckResult(
        score=score,
        band=band.label,
        band_meaning=band.meaning,
        rests_on=basis,
        answered=len(effects),
        not_sure=not_sure,
        top_up=ups[:TOP_N],
        top_down=downs[:TOP_N],
        contributions=_contributions_frame(counted),
        explanation=_explain(reading, scheduled_minutes, actual_minutes, cleaned),
        caveats=caveats(),
        rating_average=average,
        weak_spots=weak_spots([ratings]),
        interview_type=kind,
        lean=leaning,
        set_aside=sorted_out.set_aside,
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


def _quoted(effects: list[SignEffect], limit: int | None = TOP_N) -> str:
    parts = [quote(e) for e in effects[:limit]]
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
    lines.extend(_type_sentences(reading))
    lines.extend(reading.pair_notes)
    if reading.average is not None:
        lines.append(_rating_sentence(reading.average, reading.low_items,
                                      counted=reading.score is not None))
    if reading.score is not None and reading.rests_on in ("few", "light") and not reading.lean:
        words = signs_catalog()["reading"]
        lines.append(words["rough" if reading.rests_on == "few" else "rough_light"])
    return lines


def _type_sentences(reading: Reading) -> list[str]:
    """Which kind of interview the reading assumed, and the answers it counted less or not."""
    words = signs_catalog()["reading"]
    known = interview_type(reading.kind)
    if known is None:
        return [words["no_type"]] if reading.score is not None or reading.set_aside else []
    lines = [words["type"].format(type=known.reading)]
    if reading.set_aside:
        lines.append(words["set_aside"].format(type=known.reading,
                                               signs=_quoted(reading.set_aside, None)))
    by_id = signs_by_id()
    reduced = [e for e in reading.effects
               if e.sign_id in by_id and by_id[e.sign_id].counts_on(reading.kind) < 1]
    if reduced:
        lines.append(words["reduced"].format(type=known.reading, signs=_quoted(reduced, None)))
    return lines


def _evidence_sentences(reading: Reading) -> list[str]:
    direct = sum(1 for e in reading.effects if e.basis == "your answer")
    others = len(reading.effects) - direct
    parts = [f"{plural(direct, 'sign', one='one')} you answered"] if direct else []
    if others:
        taken = others if direct else plural(others, "sign", one="one")
        parts.append(f"{'one' if taken == 1 else taken} taken from the details you gave")
    count = "It rests on " + " and ".join(parts)
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


def _low_items(ratings: Mapping[str, int] | None) -> list[tuple[str, int]]:
    """The items rated low (1 or 2), in catalogue order, as (label, rating)."""
    cleaned = clean_ratings(ratings)
    return [(item.label, cleaned[item.id]) for item in rating_items()
            if cleaned.get(item.id, LOW_RATING + 1) <= LOW_RATING]


def _rating_sentence(average: float, low_items: list[tuple[str, int]], counted: bool) -> str:
    """What the self-rating says and does, plainly: above, at or below the threshold, which way
    it moves the reading, and, when items rated low still lift it, that they were rated low."""
    threshold = rating_scale()["threshold"]
    words = rating_words()
    side = "above" if average > threshold else "at" if average == threshold else "below"
    shown = f"{average:.1f}"
    if side != "at" and float(shown) == threshold:
        shown = f"{average:.2f}"  # 27 of 11 items is 2.45, not "2.5, below the 2.5"
    sentence = words["sentence"].format(average=shown, side=side, threshold=f"{threshold:g}")
    if not counted:
        return sentence + words["alone"]
    value = RATING_WEIGHT * (average - threshold)
    sentence += words["up" if value > 0 else "down" if value < 0 else "level"]
    if value > 0 and low_items:
        items = _and_list([f"{label} ({rating})" for label, rating in low_items])
        sentence += " " + words["low_items_lift"].format(items=items)
    return f"{sentence} {words['counted']}"


def _and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# ---- The words around the reading -----------------------------------------------------------


def rests_on_sentence(result: CheckResult) -> str:
    """What the reading rests on, in words that fit the count: "only one sign, so treat it as
    rough.", "7 signs, light ones that...", "a fair number of signs (6).", "many signs (12)..."."""
    words = rests_on_words()
    return words[result.rests_on].format(
        count=result.answered,
        few_signs=signs_in_words(result.answered, "few"),
        light_signs=signs_in_words(result.answered, "light"),
    )


def opening_words(result: CheckResult, rejected: bool = False) -> list[str]:
    """The first words of the reading, before the band: a rejection logged since is said first
    and connected to the reading; a low reading gets warm words in proportion to it (a lean on
    a sign or two is not met with the words for a page of warning signs); else nothing."""
    if rejected:
        after = after_rejection_words()
        if result.score is None:
            return [after["mixed"]]
        key = "down" if result.low else "up" if result.lean > 0 or \
            result.band == bands()[0].label else "mixed"
        return [after[key]]
    if not result.low:
        return []
    words = first_step()
    light = result.rests_on in ("few", "light")
    return [words["low_reading_light" if light else "low_reading"]]
