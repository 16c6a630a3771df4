"""The labelled corpus (issue 21): 220 typed inputs written fresh, each marked sendable or not
with its reason (labelled_inputs.py), drafted in both tones through the real templates and
checks. No input a careful person would not send may give a draft called ready; at least 90% of
the sendable ones must.

Figures: ``.venv/bin/python -m tests.unit.domain.notes.test_labelled_corpus``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextround.domain.notes.checks import Check, check_note
from nextround.domain.notes.drafting import TONES, NoteInput, render_note
from tests.unit.domain.notes.labelled_inputs import LABELLED, Labelled

TODAY = date(2026, 3, 12)
FIELDS = {"detail": "specific_detail", "strength": "strength", "repair": "repair",
          "development": "development"}
#: The sentence an edit is typed in front of, per tone (the closing line of a thank-you).
CLOSING = {"warm": "I'm excited about the role", "concise": "I remain very interested"}


def _note(item: Labelled, tone: str) -> NoteInput:
    kind = "follow-up" if item.field == "development" else "thank-you"
    values = {
        "kind": kind, "tone": tone, "company": "Harbour Foods", "role": "Supply Analyst",
        "interviewer_name": "Grace Mensah", "interviewer_email": "grace@harbour.example",
        "interview_date": TODAY - timedelta(days=1 if kind == "thank-you" else 9),
        "today": TODAY, "sender_name": "Jordan Ellis",
        "specific_detail": "the plan to move stock counts onto handheld scanners",
        "strength": "four years of demand planning",
    }
    if item.field in FIELDS:
        values[FIELDS[item.field]] = item.text
    return NoteInput(**values)


def draft(item: Labelled, tone: str) -> tuple[str, str, list[Check]]:
    """The draft a person would see for this input, and its checks."""
    note = _note(item, tone)
    rendered = render_note(note)
    body = rendered.body
    if item.field == "edit":
        closing = CLOSING[tone]
        assert closing in body
        body = body.replace(closing, f"{item.text} {closing}", 1)
    return rendered.subject, body, check_note(note.kind, rendered.subject, body, note)


def figures() -> dict[str, object]:
    """Ready drafts among the sendable and the unsendable inputs, in both tones."""
    sendable = [(i, t) for i in LABELLED if i.sendable for t in TONES]
    unsendable = [(i, t) for i in LABELLED if not i.sendable for t in TONES]
    held_back = [(i, t, [c for c in draft(i, t)[2] if not c.ok]) for i, t in sendable]
    held_back = [h for h in held_back if h[2]]
    wrongly_ready = [(i, t) for i, t in unsendable if all(c.ok for c in draft(i, t)[2])]
    return {"inputs": len(LABELLED), "sendable drafts": len(sendable),
            "ready of sendable": len(sendable) - len(held_back),
            "unsendable drafts": len(unsendable), "ready of unsendable": len(wrongly_ready),
            "held back": held_back, "wrongly ready": wrongly_ready}


def test_the_corpus_is_labelled_and_large_enough():
    assert len(LABELLED) >= 200
    assert {i.field for i in LABELLED} == {"detail", "strength", "repair", "development", "edit"}
    assert len({i.text for i in LABELLED}) == len(LABELLED)
    assert all(i.reason for i in LABELLED)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("item", [i for i in LABELLED if not i.sendable],
                         ids=lambda i: f"{i.field}: {i.text[:40]}")
def test_no_unsendable_input_gives_a_ready_draft(item, tone):
    _subject, body, checks = draft(item, tone)
    assert not all(c.ok for c in checks), f"{item.reason}\n{body}"


def test_at_least_nine_in_ten_sendable_inputs_give_a_ready_draft():
    found = figures()
    share = found["ready of sendable"] / found["sendable drafts"]
    detail = "\n".join(f"{i.field} {t}: {i.text!r}: {[c.message for c in failed]}"
                       for i, t, failed in found["held back"])
    assert share >= 0.9, detail


if __name__ == "__main__":
    found = figures()
    for key in ("inputs", "sendable drafts", "ready of sendable", "unsendable drafts",
                "ready of unsendable"):
        print(f"{key}: {found[key]}")
    share = found["ready of sendable"] / found["sendable drafts"]
    print(f"share of sendable drafts ready: {share:.1%}")
    for i, t, failed in found["held back"]:
        print(f"held back ({i.field}, {t}): {i.text!r}: " + " | ".join(
            f"{c.name}: {c.message}" for c in failed))
    for i, t in found["wrongly ready"]:
        print(f"WRONGLY READY ({i.field}, {t}): {i.text!r} ({i.reason})")
