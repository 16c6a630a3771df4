"""How many examples a property test that needs more than most asks for: a multiple of the
profile in force (tests/conftest.py), so the quick tier (`make test-fast`), the full suite and
the thorough run (HYPOTHESIS_PROFILE=thorough) scale it alike."""

from __future__ import annotations

from typing import Any

from hypothesis import settings


def more_examples(times: float, **other: Any) -> settings:
    """``times`` as many examples as the profile gives every other property test."""
    return settings(max_examples=round(settings.default.max_examples * times), **other)
