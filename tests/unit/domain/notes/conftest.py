"""Helpers the note tests share, as fixtures returning the helper."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import pytest

from nextround.domain.notes.checks import Check, check_note
from nextround.domain.notes.drafting import NoteInput, RenderedNote, render_note

#: The day every note built by ``make_input`` is written on (a Thursday).
TODAY = date(2026, 3, 12)
INTERVIEW_DAY = {
    "thank-you": TODAY - timedelta(days=1),
    "late thank-you": TODAY - timedelta(days=8),
    "follow-up": TODAY - timedelta(days=10),
    "late thank-you and follow-up": TODAY - timedelta(days=20),
    "rejection reply": TODAY - timedelta(days=15),
}


def _make_input(kind: str = "thank-you", tone: str = "warm", **changes) -> NoteInput:
    values = {
        "kind": kind,
        "tone": tone,
        "company": "Lumen Health",
        "role": "Data Analyst",
        "interviewer_name": "Priya Raman",
        "interviewer_email": "priya.raman@lumen.example",
        "interview_date": INTERVIEW_DAY.get(kind),
        "today": TODAY,
        "sender_name": "Sam Okafor",
        "specific_detail": "the plan to rebuild the patient-churn dashboard",
        "strength": "five years of SQL reporting",
    }
    values.update(changes)
    return NoteInput(**values)


def _failed(checks: Iterable[Check]) -> dict[str, str]:
    return {c.name: c.message for c in checks if not c.ok}


def _render_and_check(note: NoteInput) -> tuple[RenderedNote, list[Check]]:
    rendered = render_note(note)
    return rendered, check_note(note.kind, rendered.subject, rendered.body, note)


@pytest.fixture(scope="session")
def make_input() -> Callable[..., NoteInput]:
    """``make_input(kind="thank-you", tone="warm", **changes)``: a complete note input, written
    on 12 March 2026 to Priya Raman at Lumen Health (greeted "Priya" in a warm note, "Priya
    Raman" in a concise one), with any field changed."""
    return _make_input


@pytest.fixture(scope="session")
def failed() -> Callable[[Iterable[Check]], dict[str, str]]:
    """``failed(checks)``: the checks that failed, name -> message."""
    return _failed


@pytest.fixture(scope="session")
def render_and_check() -> Callable[[NoteInput], tuple[RenderedNote, list[Check]]]:
    """``render_and_check(note)``: the rendered note and the checks of it as rendered."""
    return _render_and_check
