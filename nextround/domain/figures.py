"""Published figures the app sets beside the person's own ("the average US interview process
took N days from application to answer"), each typed once, in figures.toml, with its source.

The Pipeline's charts and captions, the wait after an interview and the prep tips all read them
here, so a corrected figure or source changes every place that cites it. Each figure is shown
only in its own context (docs/sources.md): the reply-time figure beside reply times from
applying, never as the wait after an interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nextround.domain.catalog import load_catalog

_CITED = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Figure:
    """One published figure; its texts are formatted with the value, so the number is typed
    once."""

    name: str
    value: float
    says: str
    headline: str
    cite: str
    source: str
    detail: str = ""
    label: str = ""

    @property
    def text(self) -> str:
        """The figure in a sentence: "55% of candidates waited more than a month ..."."""
        return self.says.format(value=self.value)

    @property
    def cited(self) -> str:
        """The sentence with its source in brackets, to end a caption."""
        return f"{self.text} ({self.cite})"

    @property
    def chart_label(self) -> str:
        """The label beside the figure's line on a chart, with its source."""
        return f"{self.label.format(value=self.value)} ({self.cite})"

    @property
    def source_line(self) -> str:
        """One line of a screen's list of sources (Markdown: the figure in bold)."""
        detail = f" {self.detail}" if self.detail else ""
        return f"**{self.headline.format(value=self.value)}**{detail}: {self.source}."


@cache
def figures() -> dict[str, Figure]:
    """Every figure, by name, in the order of figures.toml."""
    return {name: Figure(name=name, **entry) for name, entry in load_catalog("figures").items()}


def figure(name: str) -> Figure:
    try:
        return figures()[name]
    except KeyError:
        raise ValueError(f"not a figure in figures.toml: {name!r}") from None


def cite_in(text: str) -> tuple[str, tuple[str, ...]]:
    """A content text with each figure it names in braces ("{month_wait}") written out, and
    the sources of those figures; other braces (a "{due}" filled later) are left as they are."""
    named = [m.group(1) for m in _CITED.finditer(text) if m.group(1) in figures()]
    filled = _CITED.sub(lambda m: figure(m.group(1)).text if m.group(1) in named else m.group(0),
                        text)
    return filled, tuple(figure(name).source for name in dict.fromkeys(named))
