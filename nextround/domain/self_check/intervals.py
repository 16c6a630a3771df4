"""How sure a small record can be: 90% intervals for a rate, a difference of rates and a
difference of means.

- A rate (k of n): the Wilson score interval (Wilson, JASA 1927), the same interval as scipy's
  ``binomtest(k, n).proportion_ci(method="wilson")``; it stays inside 0..1 and behaves at
  0 of 3 or 3 of 3, where the textbook normal interval does not.
- A difference of two rates: Newcombe's hybrid score interval (Newcombe, Statistics in
  Medicine 1998, method 10), built from the two Wilson intervals.
- A difference of two means: Welch's t interval (unequal variances) with the
  Welch-Satterthwaite degrees of freedom, the same interval as scipy's
  ``ttest_ind(equal_var=False).confidence_interval``.

The quantiles come from ``scipy.special`` (the normal's ``ndtri``, Student's ``stdtrit``), not
from ``scipy.stats``: importing scipy.stats costs the server about 46 MB and two seconds, the
special functions about 14 MB. The tests hold every interval to scipy.stats's own.

An interval that spans no difference is said as "too few to tell": the record cannot tell a
real difference from chance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: The intervals shown are 90% intervals: wide enough to be honest about a handful of outcomes,
#: narrow enough to say something once there is a real difference.
CONFIDENCE = 0.90


@dataclass(frozen=True)
class Interval:
    """An estimate with its interval: ``low`` <= ``estimate`` <= ``high``."""

    estimate: float
    low: float
    high: float

    @property
    def spans_no_difference(self) -> bool:
        """For a difference: zero lies inside, so the record cannot tell it from chance."""
        return self.low <= 0.0 <= self.high


def _special():
    """scipy.special, imported on the first interval asked for (a page that shows no interval,
    or the first page, need not pay for it)."""
    from scipy import special

    return special


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> Interval | None:
    """The rate ``successes / n`` with its Wilson interval (None when n is 0)."""
    if n <= 0:
        return None
    z = float(_special().ndtri(0.5 + confidence / 2))
    p = successes / n
    shrink = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / shrink
    half = z / shrink * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(p, max(centre - half, 0.0), min(centre + half, 1.0))


def rate_difference(k1: int, n1: int, k2: int, n2: int,
                    confidence: float = CONFIDENCE) -> Interval | None:
    """``k1/n1 - k2/n2`` with Newcombe's hybrid score interval (None when a group is empty)."""
    first, second = wilson(k1, n1, confidence), wilson(k2, n2, confidence)
    if first is None or second is None:
        return None
    d = first.estimate - second.estimate
    low = d - math.hypot(first.estimate - first.low, second.high - second.estimate)
    high = d + math.hypot(first.high - first.estimate, second.estimate - second.low)
    return Interval(d, max(low, -1.0), min(high, 1.0))


def mean_difference(a: Sequence[float], b: Sequence[float],
                    confidence: float = CONFIDENCE) -> Interval | None:
    """``mean(a) - mean(b)`` with Welch's t interval. None when either group has fewer than two
    values or neither varies (no interval can be worked out: too few to tell)."""
    x = np.asarray(a, dtype="float64")
    y = np.asarray(b, dtype="float64")
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    if len(x) < 2 or len(y) < 2 or (x.std() == 0 and y.std() == 0):
        return None
    va, vb = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    df = (va + vb) ** 2 / (va * va / (len(x) - 1) + vb * vb / (len(y) - 1))
    half = float(_special().stdtrit(df, 0.5 + confidence / 2)) * math.sqrt(va + vb)
    d = float(x.mean() - y.mean())
    return Interval(d, d - half, d + half)
