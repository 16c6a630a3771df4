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


# --- bad arguments: a usage error with a sentence, never a traceback or an empty calendar -----


def _fails(argv: list[str], capsys: pytest.CaptureFixture, code: int, said: str) -> None:
    """``argv`` ends with exit ``code`` and ``said`` on stderr, no traceback, nothing on stdout."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        raise SystemExit(main(argv))
    out, err = capsys.readouterr()
    assert exited.value.code == code, err
    assert said in err
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize(("day", "said"), [("9999-12-31", "is outside 2003-01-01..2098-12-31"),
                                           ("1000-01-01", "is outside"),
                                           ("2000-01-01", "is outside"),
                                           ("2099-12-31", "is outside"),
                                           ("2026-02-30", "is not a day written YYYY-MM-DD")])
def test_demo_refuses_a_day_it_cannot_use(tmp_path, capsys, day, said) -> None:
    """Before: 9999-12-31 crashed with OverflowError; 1000-01-01 wrote a search in year 1000.
    The first and last days accepted leave room for the sample's own span inside the days the
    app keeps (2000-01-01 would date applications in 1999)."""
    _fails(["demo", "--data-dir", str(tmp_path / "d"), "--today", day], capsys, 2, said)
    assert not (tmp_path / "d").exists()


def test_an_empty_data_dir_is_refused_not_the_current_folder(tmp_path, capsys,
                                                             monkeypatch) -> None:
    """Before: `demo --data-dir ""` wrote the sample into the current folder."""
    monkeypatch.chdir(tmp_path)
    for command in ("demo", "doctor", "export-ics"):
        _fails([command, "--data-dir", ""], capsys, 2, "give a folder's path")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("where", "said"), [("missing/due.ics", "does not exist"),
                                             (".", "is a folder"), ("", "give a file name")])
def test_export_ics_refuses_an_output_it_cannot_write(tmp_path, capsys, monkeypatch, where,
                                                      said) -> None:
    """Before: a missing folder gave FileNotFoundError and a folder IsADirectoryError, as
    tracebacks."""
    main(["demo", "--data-dir", str(tmp_path / "d"), "--today", "2026-11-25"])
    monkeypatch.chdir(tmp_path)
    _fails(["export-ics", "--data-dir", str(tmp_path / "d"), "--output", where], capsys, 2,
           said)
    assert not (tmp_path / "missing").exists()


def test_export_ics_says_why_an_output_cannot_be_written(tmp_path, capsys, monkeypatch) -> None:
    main(["demo", "--data-dir", str(tmp_path / "d"), "--today", "2026-11-25"])

    def refuse(self, _data):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_bytes", refuse)
    _fails(["export-ics", "--data-dir", str(tmp_path / "d"), "--output",
            str(tmp_path / "due.ics")], capsys, 1, "could not be written to")


@pytest.mark.parametrize("command", ["export-ics", "demo"])
def test_a_data_dir_that_is_a_file_is_named(tmp_path, capsys, command) -> None:
    """Before: `export-ics --data-dir FILE` printed an empty calendar and exited 0."""
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    _fails([command, "--data-dir", str(file)], capsys, 1, "is a file, not a folder")
    assert file.read_text() == "mine"


def test_export_ics_from_a_folder_that_is_not_there_is_named(tmp_path, capsys) -> None:
    """A mistyped path is not an empty search: no empty calendar with exit 0."""
    _fails(["export-ics", "--data-dir", str(tmp_path / "typo")], capsys, 1,
           "There is no data folder at")


@pytest.mark.parametrize("day", ["2003-01-01", "2098-12-31"])
def test_demo_writes_on_the_first_and_last_days_it_accepts(tmp_path, day) -> None:
    assert main(["demo", "--data-dir", str(tmp_path / "d"), "--today", day,
                 "--applications", "400"]) == 0
