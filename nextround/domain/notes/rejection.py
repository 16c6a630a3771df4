"""What they said when they turned you down, as the reply to the no can use it.

A rejection that offers something (to keep you in mind for a later opening, to share
feedback) deserves a reply that takes it up in their own words: "I'd be glad to be considered
for the senior analyst opening in the spring", not a generic "future openings". This reads the
rejection event's details (what the person typed of their message) for those two offers and
returns exactly the words they used; it never invents an opening nobody mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nextround.text import sentences

#: Nouns that name a job they might keep you in mind for.
_OPENING_NOUNS = r"(?:opening|role|position|vacancy|opportunity|job|post)s?"
#: "a senior analyst opening in the spring", "the data engineer role next year": an article,
#: up to six words, the noun, then optionally when (a short "in/next/later/this ..." tail).
_OPENING = re.compile(
    rf"\b(?P<phrase>(?:an?|the|another|our|future|upcoming)\s+(?:[\w'-]+\s+){{0,6}}?"
    rf"{_OPENING_NOUNS}"
    r"(?:\s+(?:in|next|later|this|coming|opening|from|early|late|by)\b(?:\s+[\w'-]+){0,3})?)",
    re.IGNORECASE,
)
#: A sentence that offers to keep the door open (not "the role has been filled").
_OFFER = re.compile(r"\b(keep you in mind|consider you|reach out|get in touch|contact you|"
                    r"encourage you to apply|would love to|think of you|upcoming|later|"
                    r"next year|in the spring|in the summer|in the autumn|in the fall|"
                    r"in the winter|future)\b", re.IGNORECASE)
_FEEDBACK = re.compile(r"\bfeedback\b", re.IGNORECASE)
_FEEDBACK_OFFER = re.compile(r"\b(happy|glad|can|could|would|will|offer|share|give|provide|"
                             r"welcome)\b", re.IGNORECASE)
_NOT_OFFERED = re.compile(r"\b(not able|unable|cannot|can't|won't|do not|don't|no)\b",
                          re.IGNORECASE)
_WHEN_WORDS = re.compile(r"\s+(?:in|next|later|this|coming|from|early|late|by)$", re.I)


@dataclass(frozen=True)
class TheirOffer:
    """What the rejection offered: ``opening`` in their words ("" when none was offered) and
    whether they offered feedback."""

    opening: str = ""
    feedback: bool = False


def their_offer(details: object) -> TheirOffer:
    """The later opening and the feedback a rejection's details offer, quoted, never made up."""
    if not isinstance(details, str) or not details.strip():
        return TheirOffer()
    opening, feedback = "", False
    for sentence in sentences(details):
        if not opening and _OFFER.search(sentence):
            found = _OPENING.search(sentence)
            if found:
                phrase = _WHEN_WORDS.sub("", found.group("phrase").strip(" ,;:.!?\"'"))
                opening = phrase
        if (not feedback and _FEEDBACK.search(sentence) and _FEEDBACK_OFFER.search(sentence)
                and not _NOT_OFFERED.search(sentence)):
            feedback = True
    return TheirOffer(_as_yours(opening), feedback)


def _as_yours(phrase: str) -> str:
    """Their words as the reply says them: "our spring opening" is "your spring opening", and
    "a senior analyst opening" is "the senior analyst opening" (the one they mentioned)."""
    if not phrase:
        return ""
    first, _, rest = phrase.partition(" ")
    lead = {"a": "the", "an": "the", "our": "your", "another": "the other"}.get(first.lower())
    return f"{lead} {rest}" if lead else phrase
