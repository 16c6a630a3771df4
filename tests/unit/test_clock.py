"""One clock: the app asks ``nextround.text`` (the domain through ``nextround.domain.dates``)
for today and now, never the system.

That is what lets the tests (and a person checking "what would Home say on Friday?") set the
day with NEXTROUND_TODAY; a direct ``date.today()`` would quietly ignore it. Storage stamps
rows by the same clock; only the names of its backups and the times in its log of changes keep
the real wall-clock time (their order on disk must follow real time).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from nextround.domain import dates

ROOT = Path(__file__).resolve().parents[2]
#: The clock itself, and storage's file names and change log, which follow real time.
WALL_CLOCK = {"nextround/text.py", "nextround/storage/backups.py", "nextround/storage/store.py",
              "nextround/storage/changes.py"}
DIRECT = re.compile(r"(?<![\w.])(?:dt\.)?(?:date\.today|datetime\.now)\(")


def test_only_the_app_clock_reads_the_system_clock() -> None:
    offenders = []
    for folder in ("nextround", "components", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative in WALL_CLOCK:
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


def test_storage_stamps_rows_by_the_app_clock(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration back-fills created_at on the frozen day, as a form would have."""
    from nextround.storage.store import Store

    monkeypatch.setenv(dates.TODAY_ENV, "2025-01-14")
    (tmp_path / "applications.csv").write_text(
        "id,company,role,stage\nA00001,Acme,Analyst,applied\n", encoding="utf-8")
    (tmp_path / "nextround.json").write_text('{"schema_version": 0}', encoding="utf-8")
    store = Store(tmp_path)
    assert store.migrate()
    stamped = store.load("applications")["created_at"]
    assert stamped.dt.date.tolist() == [dt.date(2025, 1, 14)]
