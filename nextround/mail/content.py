"""The mail content file (mail.toml) read into plain structures, once per process."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CONTENT = Path(__file__).with_name("mail.toml")


@dataclass(frozen=True)
class Kind:
    """One meaning a message can have: its cue phrases and the event it proposes."""

    name: str
    label: str
    event: str
    beats: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    ats_domains: tuple[str, ...]
    board_domains: tuple[str, ...]
    personal_domains: tuple[str, ...]
    bulk_headers: tuple[str, ...]
    lookalike_phrases: tuple[str, ...]
    kinds: tuple[Kind, ...]
    after_interview: tuple[str, ...]
    interview_types: dict[str, tuple[str, ...]]
    sent: dict[str, tuple[str, ...]]

    def kind(self, name: str) -> Kind:
        return next(k for k in self.kinds if k.name == name)


@cache
def content() -> Content:
    with CONTENT.open("rb") as fh:
        raw: dict[str, Any] = tomllib.load(fh)
    return Content(
        ats_domains=tuple(raw["ats"]["domains"]),
        board_domains=tuple(raw["ats"]["boards"]),
        personal_domains=tuple(raw["ats"]["personal"]),
        bulk_headers=tuple(raw["lookalike"]["bulk_headers"]),
        lookalike_phrases=tuple(raw["lookalike"]["phrases"]),
        kinds=tuple(Kind(name, k["label"], k["event"], tuple(k["beats"]), tuple(k["phrases"]))
                    for name, k in raw["kinds"].items()),
        after_interview=tuple(raw["interview"]["after_interview"]),
        interview_types={t: tuple(words) for t, words in raw["interview"]["types"].items()},
        sent={kind: tuple(words) for kind, words in raw["sent"].items()},
    )


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression finding any of the phrases as whole words (case-blind)."""
    alternatives = sorted((re.escape(p.casefold()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def found(phrases: tuple[str, ...], text: str) -> list[str]:
    """The phrases that occur in ``text`` (already casefolded), each once, in order of finding."""
    return list(dict.fromkeys(phrase_pattern(phrases).findall(text)))


def domain_in(domain: str, domains: tuple[str, ...]) -> bool:
    """True when ``domain`` is one of ``domains`` or a subdomain of one."""
    return any(domain == d or domain.endswith("." + d) for d in domains)
