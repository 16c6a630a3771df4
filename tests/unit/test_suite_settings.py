"""The suite's own promises: it passes on a busy machine, so no property test has a deadline."""

import re
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parents[1]


def test_one_hypothesis_profile_without_deadlines_is_in_force() -> None:
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_no_test_sets_its_own_deadline_or_timing_health_check() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{n}"
        for path in TESTS.rglob("*.py") if path.name != "conftest.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bdeadline=|HealthCheck\.too_slow", line)  # a keyword argument
        and path != Path(__file__).resolve()
    ]
    assert offenders == []


def test_a_test_that_needs_more_examples_asks_for_a_multiple_of_the_profiles() -> None:
    """``more_examples(times)`` (tests/examples.py), never a count of its own: the quick tier
    and the thorough run then scale every property test alike."""
    offenders = [
        f"{path.relative_to(TESTS)}:{n}"
        for path in TESTS.rglob("test_*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bmax_examples=", line) and path != Path(__file__).resolve()
    ]
    assert offenders == []
