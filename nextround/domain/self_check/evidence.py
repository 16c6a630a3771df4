"""Which answered signs count, and how much: the evidence a reading is made of.

One sign's push is its weight (a "no" counts for less), scaled by how much it says on this kind
of interview; the interview's times and decision date answer the signs left open; a mirrored
pair of signs is one fact and counts once. ``scoring`` turns this evidence into the reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nextround.domain.self_check.content import (
    Sign,
    no_date_says_nothing_on,
    sign_pairs,
    signs,
    signs_by_id,
    signs_catalog,
)

#: Ended at or below this share of the scheduled time, and at least CUT_SHORT_MINUTES early.
CUT_SHORT_RATIO = 0.75
CUT_SHORT_MINUTES = 10
#: Ran over by at least this many minutes and this share of the scheduled time.
RAN_OVER_MINUTES = 10
RAN_OVER_RATIO = 0.15
#: How many signs the reading names as pointing up or down most.
TOP_N = 3

CUT_SHORT = "sign-cut-short"
RAN_OVER = "sign-ran-over"
CLEAR_TIMELINE = "sign-clear-timeline"
YOUR_ANSWER = "your answer"
RATING_BASIS = "your self-rating"
#: The bases that are the person's own: their answers and their self-rating. Anything else was
#: worked out from the details they gave, and is never called their answer.
OWN_BASES = (YOUR_ANSWER, RATING_BASIS)
FROM_TIMES = "from the times you gave"
FROM_DATE = "from the decision date given"
FROM_NO_DATE = "as no decision date was given"


@dataclass(frozen=True)
class SignEffect:
    """How one answered sign moved the reading."""

    sign_id: str
    label: str
    answer: str
    contribution: float
    basis: str  # "your answer", "from the times you gave", "from the decision date given", ...

    @property
    def inferred(self) -> bool:
        """Worked out from the details given (times, a decision date), not answered."""
        return self.basis not in OWN_BASES


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


def effective_answers(
    answers: dict[str, str], inferred: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """Direct yes/no answers win; an inferred answer fills a sign left blank or "not sure"."""
    out = {sid: (answer, YOUR_ANSWER) for sid, answer in answers.items() if answer != "not sure"}
    for sid, (answer, basis) in inferred.items():
        out.setdefault(sid, (answer, basis))
    return out


def contribution(sign: Sign, answer: str, kind: str | None) -> float:
    """A sign's push on the reading: its weight, less for a "no", scaled by the interview type."""
    if answer == "yes":
        value = float(sign.direction * sign.weight)
    elif answer == "no":
        value = -sign.direction * sign.weight * sign.if_no
    else:
        return 0.0
    return value * sign.counts_on(kind)


def fact_weight(sign: Sign, kind: str | None) -> float:
    return sign.weight * sign.counts_on(kind)


def rests_on(effects: list[SignEffect], kind: str | None) -> str:
    """How much the reading rests on: the number of facts that counted and their share of the
    weight there is to see on this kind of interview (a mirrored pair is one fact). "few" is
    three or fewer; "light" more, but a small share of the weight; then "some" and "many"."""
    known = signs_by_id()
    counted = [e for e in effects if e.sign_id in known]
    if not counted:
        return "few"
    pairs = sign_pairs()
    facts = {}
    for sign in signs():
        fact = min(sign.id, pairs.get(sign.id, sign.id))
        facts[fact] = max(facts.get(fact, 0.0), fact_weight(sign, kind))
    share = sum(fact_weight(known[e.sign_id], kind) for e in counted) / sum(facts.values())
    if len(counted) >= 10 and share >= 0.45:
        return "many"
    if len(counted) >= 4 and share >= 0.2:
        return "some"
    return "light" if len(counted) >= 4 else "few"


@dataclass(frozen=True)
class AnsweredSigns:
    """Every answered sign sorted out: those that count, those set aside, and the pair notes."""

    effects: list[SignEffect]
    set_aside: list[SignEffect]
    pair_notes: list[str]


def sign_effects(
    answers: dict[str, str],
    scheduled_minutes: float | None,
    actual_minutes: float | None,
    decision_date_given: bool | None,
    kind: str | None,
) -> AnsweredSigns:
    """Every sign that moves the reading, in catalogue order (which also breaks ties later)."""
    inferred = {
        sid: (a, FROM_TIMES)
        for sid, a in infer_from_times(scheduled_minutes, actual_minutes).items()
    }
    if decision_date_given is not None:
        inferred[CLEAR_TIMELINE] = ("yes", FROM_DATE) if decision_date_given \
            else ("no", FROM_NO_DATE)
    effective = effective_answers(answers, inferred)
    effects, set_aside = [], []
    for sign in signs():
        if sign.id not in effective:
            continue
        answer, basis = effective[sign.id]
        if basis == FROM_NO_DATE and kind in no_date_says_nothing_on():
            # A recruiter screen rarely ends with a decision date: its absence says nothing.
            set_aside.append(SignEffect(sign.id, sign.label, answer, 0.0, basis))
            continue
        if not sign.applies_to(kind):
            if answer == "yes" or contribution(sign, answer, None):
                set_aside.append(SignEffect(sign.id, sign.label, answer, 0.0, basis))
            continue
        value = contribution(sign, answer, kind)
        if value != 0:
            effects.append(SignEffect(sign.id, sign.label, answer, value, basis))
    kept, notes = count_pairs_once(effects)
    return AnsweredSigns(kept, set_aside, notes)


def count_pairs_once(effects: list[SignEffect]) -> tuple[list[SignEffect], list[str]]:
    """A mirrored pair is one fact: answered both ways round, the stronger answer stands; answers
    that contradict each other count for nothing, unless one was only worked out from the
    details given: then the person's own answer stands, and the worked-out one is never called
    theirs. Returns the effects kept and why."""
    words = signs_catalog()["reading"]
    pairs = sign_pairs()
    by_id = {e.sign_id: e for e in effects}
    dropped: set[str] = set()
    notes: list[str] = []
    for effect in effects:
        other = by_id.get(pairs.get(effect.sign_id, ""))
        if other is None or effect.sign_id in dropped or other.sign_id in dropped:
            continue
        if (effect.contribution > 0) != (other.contribution > 0) and \
                effect.inferred != other.inferred:
            answered, worked_out = (other, effect) if effect.inferred else (effect, other)
            dropped.add(worked_out.sign_id)
            notes.append(words["overruled"].format(answered=quote(answered),
                                                   inferred=quote(worked_out)))
            continue
        if (effect.contribution > 0) != (other.contribution > 0):
            dropped |= {effect.sign_id, other.sign_id}
            notes.append(words["conflict"].format(first=quote(effect), second=quote(other)))
            continue
        weaker = other if abs(other.contribution) <= abs(effect.contribution) else effect
        kept = effect if weaker is other else other
        dropped.add(weaker.sign_id)
        notes.append(words["merged"].format(kept=quote(kept), dropped=quote(weaker)))
    return [e for e in effects if e.sign_id not in dropped], notes


def lean(effects: list[SignEffect]) -> int:
    """+1 or -1 when every sign that counted points that way; 0 when they point both ways."""
    if not effects:
        return 0
    if all(e.contribution > 0 for e in effects):
        return 1
    return -1 if all(e.contribution < 0 for e in effects) else 0


def quote(effect: SignEffect) -> str:
    """ "“Cut short” (yes)", or "“Cut short” (yes, from the times you gave)" when worked out."""
    how = f"{effect.answer}, {effect.basis}" if effect.inferred else effect.answer
    return f"\u201c{effect.label}\u201d ({how})"
