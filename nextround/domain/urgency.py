"""How pressing a due action is, and the counts every screen shows of them: one home for the
urgency words, the "soon" window and the catch-up backlog, so Home, Pipeline and the plan agree.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

URGENCIES = ("overdue", "today", "soon", "later")
#: An action due within this many days counts as "soon".
SOON_DAYS = 3
#: Overdue by more than this many days, and at least CATCH_UP_MIN of them: gathered into one
#: "catch up on these" list instead of a card each (a backlog, typically after an import).
CATCH_UP_DAYS = 7
CATCH_UP_MIN = 3


def urgency_of(due: pd.Series, today: pd.Timestamp) -> pd.Series:
    """Per due day: overdue, today, soon (within SOON_DAYS) or later."""
    days = (due - today).dt.days
    labels = np.select(
        [days < 0, days == 0, days <= SOON_DAYS], ["overdue", "today", "soon"], "later"
    )
    return pd.Series(labels, index=due.index, dtype="str")


def summarise_urgency(actions: pd.DataFrame) -> dict[str, int]:
    """How many actions are overdue, due today, soon and later (every level present, in order)."""
    counts = actions["urgency"].value_counts() if len(actions) else pd.Series(dtype=int)
    return {level: int(counts.get(level, 0)) for level in URGENCIES}


def due_now(actions: pd.DataFrame, today: dt.date) -> tuple[int, int]:
    """(due now, in the catch-up list): the one count of what is overdue or due today, for
    Home's figure and Pipeline's alike. The long-overdue backlog is counted apart, since Home
    shows it as one "catch up on these" entry and not as cards."""
    if actions.empty:
        return 0, 0
    backlog = catch_up(actions, today)
    urgent = actions["urgency"].isin(("overdue", "today"))
    return int((urgent & ~backlog).sum()), int(backlog.sum())


def catch_up(actions: pd.DataFrame, today: dt.date) -> pd.Series:
    """Per action: True when it belongs in one "catch up on these" list instead of a card.

    Overdue by more than CATCH_UP_DAYS, once there are at least CATCH_UP_MIN such: a backlog
    (after an import, or a few weeks away) reads as one calm list rather than a wall of alarms,
    while one or two old items stay ordinary overdue cards. Home asks this; nothing is dropped.
    """
    late = (pd.Timestamp(today).normalize() - actions["due"]).dt.days > CATCH_UP_DAYS
    late = late.fillna(False).astype(bool)
    return late if int(late.sum()) >= CATCH_UP_MIN else late & False
