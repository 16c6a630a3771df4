"""The command line: deterministic demo data, a read-only doctor, the calendar export."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from nextround.__main__ import main


def test_demo_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["demo", "--data-dir", str(tmp_path / name), "--today", "2026-11-25",
                     "--applications", "120", "--seed", "3"]) == 0
    for table in ("applications.csv", "events.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_demo_size_is_bounded(tmp_path: Path) -> None:
    assert main(["demo", "--data-dir", str(tmp_path), "--applications", "0"]) == 2


def test_doctor_passes_a_clean_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    main(["demo", "--data-dir", str(tmp_path), "--today", "2026-11-25"])
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 0
    assert "everything reads cleanly" in capsys.readouterr().out


def test_doctor_reports_problems_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    main(["demo", "--data-dir", str(tmp_path), "--today", "2026-11-25"])
    events = tmp_path / "events.csv"
    events.write_text(events.read_text() + "E999999,A99999,2026-11-01,note,,,,,,,,\n")
    apps = tmp_path / "applications.csv"
    apps.write_text(apps.read_text().replace("2026-11-01", "first of Nov", 1))
    stray = tmp_path / ".events.csv.x1.tmp"
    stray.write_text("half")
    before = {p: p.read_bytes() for p in tmp_path.glob("*.csv")}
    capsys.readouterr()
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM  applications.csv: row" in out and "date_applied" in out
    assert "temp file" in out
    assert stray.exists()
    assert {p: p.read_bytes() for p in tmp_path.glob("*.csv")} == before


def test_doctor_warns_about_orphan_events(tmp_path: Path, capsys) -> None:
    main(["demo", "--data-dir", str(tmp_path), "--today", "2026-11-25"])
    events = tmp_path / "events.csv"
    events.write_text(events.read_text() + "E999999,A99999,2026-11-01,note,,,,,,,,\n")
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 0
    assert "1 row for an application that is not in applications.csv" in (
        capsys.readouterr().out)


def test_export_ics_writes_a_calendar(tmp_path: Path) -> None:
    main(["demo", "--data-dir", str(tmp_path / "d")])
    out = tmp_path / "due.ics"
    assert main(["export-ics", "--data-dir", str(tmp_path / "d"), "--output", str(out)]) == 0
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and all(e.get("UID") and e.get("DTSTAMP") for e in events)


def test_demo_refuses_a_folder_with_the_users_own_data(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Before: `demo` without a fitting --data-dir replaced the real folder's tables."""
    folder = tmp_path / "data"
    assert main(["demo", "--data-dir", str(folder), "--today", "2026-11-25"]) == 0
    assert main(["demo", "--data-dir", str(folder), "--seed", "2"]) == 0  # its own sample: fine
    apps = folder / "applications.csv"
    apps.write_text(apps.read_text().replace("Acme Analytics", "My real employer"))
    mine = apps.read_bytes()
    capsys.readouterr()
    assert main(["demo", "--data-dir", str(folder)]) == 2
    assert "holds your own data" in capsys.readouterr().err
    assert apps.read_bytes() == mine
    assert main(["demo", "--data-dir", str(folder), "--force"]) == 0
    assert apps.read_bytes() != mine


def test_export_ics_counts_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Before: "wrote 3 actions" for a file of 6 events (the interviews were not counted)."""
    main(["demo", "--data-dir", str(tmp_path / "d"), "--today", "2026-11-25"])
    out = tmp_path / "due.ics"
    capsys.readouterr()
    assert main(["export-ics", "--data-dir", str(tmp_path / "d"), "--output", str(out)]) == 0
    written = len(list(Calendar.from_ical(out.read_bytes()).walk("VEVENT")))
    noun = "calendar event" if written == 1 else "calendar events"
    assert capsys.readouterr().err.strip() == f"wrote {written} {noun} to {out}"
