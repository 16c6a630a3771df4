"""One clock: the app asks ``nextround.domain.dates`` for today and now, never the system.

That is what lets the tests (and a person checking "what would Home say on Friday?") set the
day with NEXTROUND_TODAY; a direct ``date.today()`` would quietly ignore it. Storage keeps
real wall-clock times for its backups and file stamps, so it is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from nextround.domain import dates

ROOT = Path(__file__).resolve().parents[2]
DIRECT = re.compile(r"(?<![\w.])(?:dt\.)?(?:date\.today|datetime\.now)\(")


def test_only_the_app_clock_reads_the_system_clock() -> None:
    offenders = []
    for folder in ("nextround", "components", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("nextround/storage/") or relative == "nextround/domain/dates.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if DIRECT.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_check_sees_a_direct_call() -> None:
    assert DIRECT.search("today = date.today()") and DIRECT.search("stamp = dt.datetime.now()")
    assert not DIRECT.search("today = dates.today()")


def test_today_follows_the_setting_and_now_keeps_the_time_of_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(dates.TODAY_ENV, "2026-02-13")
    assert dates.today() == dt.date(2026, 2, 13)
    assert dates.now().date() == dt.date(2026, 2, 13)
    monkeypatch.delenv(dates.TODAY_ENV)
    assert dates.today() == dt.date.today()
