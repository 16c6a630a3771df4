"""Looking back: the readings over time, and what this person's own outcomes say about them
(no numbers until enough outcomes are known, and a small-sample caveat with every one)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from nextround.domain.selfcheck.content import answers_from_json, clean_answers, signs
from nextround.event_kinds import closing_outcomes, stage_setters

#: Known outcomes needed before the learning view shows any number.
MIN_KNOWN_OUTCOMES = 5




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
