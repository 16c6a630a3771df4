"""Published figures are typed once, in figures.toml, with their sources, and every text that
cites one reads it from there."""

from __future__ import annotations

import re
from pathlib import Path

from nextround.domain import waiting
from nextround.domain.figures import cite_in, figure, figures
from nextround.domain.prep.content import waiting_tips

ROOT = Path(__file__).resolve().parents[3]


def test_every_figure_has_a_value_a_sentence_and_a_source() -> None:
    assert set(figures()) >= {"reply_days", "month_wait", "interview_to_offer",
                              "resumes_per_opening"}
    for f in figures().values():
        assert f.value > 0 and f.source and f.cite and "{value" in f.says, f.name


def test_a_figure_reads_as_it_did_when_it_was_typed_in_each_place() -> None:
    assert figure("reply_days").cited == ("the average US interview process took 23.8 days "
                                          "from application to answer (Glassdoor, 2017)")
    assert figure("month_wait").text == ("55% of candidates waited more than a month to hear "
                                         "back after an interview")
    assert figure("interview_to_offer").source_line == (
        "**Interview to offer, about 28%** (roughly 3.5 people interviewed per hire): Jobvite's "
        "2018 recruiting report.")


def test_a_text_cites_a_figure_by_name_and_gets_its_source() -> None:
    text, sources = cite_in("Slow is normal: {month_wait}. Follow up after {due}.")
    assert text == ("Slow is normal: 55% of candidates waited more than a month to hear back "
                    "after an interview. Follow up after {due}.")
    assert sources == (figure("month_wait").source,)
    slow = next(t for t in waiting_tips() if t.id == "waiting-slow-is-normal")
    assert slow.text.startswith("Slow is normal: 55% of candidates") and slow.source
    public, public_sources = waiting.for_perspective()
    assert "55%" in public and public_sources == (figure("month_wait").source,)


def test_no_figure_is_typed_again_in_the_code_or_the_content() -> None:
    """The numbers live in figures.toml alone (docs and tests may quote them)."""
    typed = re.compile(r"23\.8|55% (?:of candidates|waited)|28% of interview|250 r[ée]sum")
    found = []
    for folder in ("nextround", "components", "pages", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".toml", ".j2"} or path.name == "figures.toml":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if typed.search(line) and not line.lstrip().startswith(("#", '"""')):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []
