"""Looking back: the readings over time, and what this person's own outcomes say about them,
with how sure: no numbers until enough outcomes are known, every difference with its 90%
interval (``intervals``), and "too few to tell" whenever the interval spans no difference."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from nextround.domain.pipeline import reached_steps
from nextround.domain.self_check.content import (
    answers_from_json,
    band_for,
    bands,
    clean_answers,
    signs,
)
from nextround.domain.self_check.intervals import (
    CONFIDENCE,
    Interval,
    mean_difference,
    rate_difference,
    wilson,
)
from nextround.event_kinds import closing_outcomes, stage_setters

#: Known outcomes needed before the learning view shows any number.
MIN_KNOWN_OUTCOMES = 5
#: Known outcomes needed before readings are drawn against outcomes (the calibration chart).
MIN_FOR_CALIBRATION = 10
#: What an interval that spans no difference is called.
TOO_FEW = "too few to tell"




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


GOOD_OUTCOMES = ("offer accepted", "offer declined")
BAD_OUTCOMES = ("rejected", "no response")
#: Events after the interview that say it led somewhere (another round, even one booked ahead,
#: or an offer) or nowhere (closed as rejected or no response), from the event-kind registry.
GOOD_EVENT_KINDS = tuple(k for k, s in stage_setters().items() if s in ("interviewing", "offer"))
BAD_EVENT_KINDS = tuple(k for k, o in closing_outcomes().items() if o in BAD_OUTCOMES)


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
    score_difference: Interval | None = None

    @property
    def score_words(self) -> str:
        """The difference in average reading in words, with its interval and what it says."""
        return difference_words(self.score_difference, "points", scale=1.0)


SMALL_SAMPLE_CAVEAT = (
    "These numbers come from your own handful of interviews: a tiny sample, where chance "
    "easily outweighs any pattern. Treat them as a prompt to reflect, not as evidence."
)
SIGN_RATE_COLUMNS = ["sign_id", "label", "yes_rate_good", "yes_rate_not_good", "difference",
                     "seen_good", "seen_not_good", "low", "high", "says"]


def _number(value: float, scale: float) -> str:
    whole = round(value * scale)
    return "0" if whole == 0 else f"{whole:+d}".replace("-", "−")


def difference_words(diff: Interval | None, unit: str, scale: float,
                     than: str = "before good outcomes") -> str:
    """ "+14 points (90% interval −3 to +31): too few to tell", or "... : higher before good
    outcomes". ``scale`` 100 turns a difference of rates into percentage points; ``than`` ends
    the sentence when the interval tells a difference."""
    if diff is None:
        return f"{TOO_FEW} (not enough outcomes on each side to work out an interval)"
    span = (f"{_number(diff.estimate, scale)} {unit} ({CONFIDENCE:.0%} interval "
            f"{_number(diff.low, scale)} to {_number(diff.high, scale)})")
    # Decided on the numbers as shown, so a bound that reads "0" is never called a difference.
    if round(diff.low * scale) <= 0 <= round(diff.high * scale):
        return f"{span}: {TOO_FEW}"
    return f"{span}: {'higher' if diff.estimate > 0 else 'lower'} {than}"


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
    n_good, n_other = int(good.sum()), int((~good).sum())
    k_good, k_other = yes[good].sum(), yes[~good].sum()
    diffs = {sign: rate_difference(int(k_good[sign]), n_good, int(k_other[sign]), n_other)
             for sign in rates.index}
    rates["seen_good"] = [f"{int(k_good[i])} of {n_good}" for i in rates.index]
    rates["seen_not_good"] = [f"{int(k_other[i])} of {n_other}" for i in rates.index]
    rates["low"] = [d.low if d else math.nan for d in diffs.values()]
    rates["high"] = [d.high if d else math.nan for d in diffs.values()]
    rates["says"] = [difference_words(d, "points", 100.0) for d in diffs.values()]
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
        score_difference=mean_difference(scores[good], scores[~good]),
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


# --- readings against outcomes --------------------------------------------------------------


def calibration_frame(checks: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    """The checks with a known outcome, for drawing readings against what happened: columns
    score (0-100), good (bool), outcome (words), label. Empty below ``MIN_FOR_CALIBRATION``."""
    joined = checks[["id", "score", "label"]].merge(
        outcomes[["check_id", "good_outcome"]], left_on="id", right_on="check_id", how="inner")
    joined = joined[joined["good_outcome"].notna() & joined["score"].notna()]
    if len(joined) < MIN_FOR_CALIBRATION:
        joined = joined.iloc[:0]
    good = joined["good_outcome"].astype("bool")
    return pd.DataFrame({
        "score": joined["score"].astype("float64").to_numpy(),
        "good": good.to_numpy(),
        "outcome": good.map({True: "Moved forward", False: "Rejected or no response"})
        .astype("str").to_numpy(),
        "label": joined["label"].fillna("Quick check").astype("str").to_numpy(),
    })


def calibration_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per reading band (lowest first), how many checks and how many moved forward, the share
    with its 90% Wilson interval: do higher readings go with better outcomes in this record?
    Columns band, low_edge, checks, moved_forward, share, low, high, text ("3 of 5")."""
    columns = ["band", "low_edge", "checks", "moved_forward", "share", "low", "high", "text"]
    rows = []
    for band in sorted(bands(), key=lambda b: b.minimum):
        mine = frame[frame["score"].map(lambda v, b=band: band_for(v).label == b.label)]
        n, k = len(mine), int(mine["good"].sum())
        ci = wilson(k, n)
        rows.append({"band": band.label, "low_edge": band.minimum, "checks": n,
                     "moved_forward": k, "share": ci.estimate if ci else math.nan,
                     "low": ci.low if ci else math.nan, "high": ci.high if ci else math.nan,
                     "text": f"{k} of {n}"})
    return pd.DataFrame(rows, columns=columns)


# --- rates by source ------------------------------------------------------------------------

SOURCE_COLUMNS = ["source", "applications", "answered", "answer_low", "answer_high",
                  "interviewed", "interview_low", "interview_high", "says"]
#: A source needs this many applications before its rates are worked out.
MIN_PER_SOURCE = 1
NO_SOURCE = "not recorded"


def source_rates(applications: pd.DataFrame, events: pd.DataFrame,
                 today: date) -> pd.DataFrame:
    """Per source (referral, job board, company site...: the applications' source column, as
    typed, case and spaces aside): how many applications, how many got an answer and how many
    reached an interview, each rate with its 90% Wilson interval, and what the record says
    compared with the other sources together ("too few to tell" when the interval of the
    difference spans none). Wishlist rows are not applications yet. Columns SOURCE_COLUMNS;
    empty when fewer than two sources are recorded (nothing to compare)."""
    reached = reached_steps(applications, events, today)
    applied = reached["Applied"] & applications["stage"].fillna("").ne("wishlist")
    typed = applications["source"].astype("str").str.strip().fillna("")
    source = typed.str.lower()
    source = source.where(source.ne(""), NO_SOURCE)
    frame = pd.DataFrame({"source": source, "answered": reached["Replied"],
                          "interviewed": reached["Interview round 1"]})[applied]
    # Shown as the person most often typed it ("LinkedIn", not "linkedin").
    spelled = typed[applied & typed.ne("")].groupby(source).agg(lambda v: v.mode().iloc[0])
    # All lower case ("job board") is written as a label; "LinkedIn" keeps its capitals.
    spelled = spelled.where(spelled.ne(spelled.str.lower()), spelled.str.capitalize())
    counts = frame.groupby("source").agg(applications=("answered", "size"),
                                         answered=("answered", "sum"),
                                         interviewed=("interviewed", "sum"))
    recorded = counts.drop(index=NO_SOURCE, errors="ignore")
    if len(recorded) < 2:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    total = counts.sum()
    rows = []
    for name, row in counts.iterrows():
        n, k_ans, k_int = int(row["applications"]), int(row["answered"]), int(row["interviewed"])
        answer, interview = wilson(k_ans, n), wilson(k_int, n)
        rest = int(total["applications"]) - n
        vs_rest = rate_difference(k_ans, n, int(total["answered"]) - k_ans, rest)
        says = ("" if name == NO_SOURCE else
                difference_words(vs_rest, "points", 100.0, than="than your other sources"))
        rows.append({"source": str(spelled.get(name, name)), "applications": n, "answered": k_ans,
                     "answer_low": answer.low, "answer_high": answer.high,
                     "interviewed": k_int, "interview_low": interview.low,
                     "interview_high": interview.high, "says": says})
    out = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    out["_unknown"] = out["source"].eq(NO_SOURCE)
    out["_key"] = out["source"].str.lower()
    out = out.sort_values(["_unknown", "applications", "_key"], ascending=[True, False, True])
    return out.drop(columns=["_unknown", "_key"]).reset_index(drop=True)


def rate_text(k: int, n: int, low: float, high: float) -> str:
    """ "3 of 4 (75%; 90% interval 36-95%)": the count first, the estimate and its interval."""
    if n <= 0:
        return "none yet"
    return f"{k} of {n} ({k / n:.0%}; {CONFIDENCE:.0%} interval {low:.0%}–{high:.0%})"


@dataclass(frozen=True, eq=False)
class WhatOutcomesSay:
    """Everything the learning view shows: the readings against outcomes (``learned``), the
    per-band table for the calibration chart (empty below ``MIN_FOR_CALIBRATION``) and the
    rates by source (empty with fewer than two sources)."""

    learned: LearningResult
    calibration: pd.DataFrame
    sources: pd.DataFrame


def what_outcomes_say(checks: pd.DataFrame, applications: pd.DataFrame, events: pd.DataFrame,
                      today: date) -> WhatOutcomesSay:
    outcomes = derive_outcomes(checks, applications, events)
    frame = calibration_frame(checks, outcomes)
    return WhatOutcomesSay(
        learned=learn(checks, outcomes),
        calibration=calibration_table(frame) if len(frame) else frame.iloc[:0],
        sources=source_rates(applications, events, today),
    )
