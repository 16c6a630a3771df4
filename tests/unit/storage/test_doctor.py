"""The doctor reads a folder without changing it and says what it finds in plain numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nextround.commands.sample import write_sample
from nextround.storage.doctor import check_folder, emptied_parents
from nextround.storage.store import Store


def test_one_row_is_one_row(store: Store, app_row, add_rows) -> None:
    add_rows(store, [app_row(1)])
    assert "ok       applications.csv: 1 row" in check_folder(store.data_dir).text().splitlines()


def test_an_applications_file_cut_to_nothing_is_a_warning_not_a_fresh_start(
    tmp_path: Path,
) -> None:
    """Before: a 0-byte applications.csv with events still pointing at applications was read
    silently as an empty table."""
    folder = tmp_path / "data"
    write_sample(folder, date(2026, 11, 25))
    (folder / "applications.csv").write_bytes(b"")
    (message,) = emptied_parents(Store(folder))
    assert message.startswith("applications.csv is empty (0 bytes), but events.csv has")
    assert "for 14 applications" in message and "Restore a backup" in message
    report = check_folder(folder)
    assert report.warnings == 1 and report.exit_code == 0
    assert any(line.startswith("warning  applications.csv is empty") for line in report.lines)


def test_a_data_folder_that_is_a_file_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("oops")
    report = check_folder(folder)
    assert report.exit_code == 1 and "is a file, not a folder" in report.text()
