"""The doctor reads a folder without changing it and says what it finds in plain numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nextround import demo
from nextround.storage.doctor import article, check_folder, emptied_parents, plural, possessive
from nextround.storage.store import Store


def test_counts_read_as_words() -> None:
    """Before: "applications.csv: 1 rows"."""
    assert [plural(n, "row") for n in (0, 1, 2, 1234)] == ["0 rows", "1 row", "2 rows",
                                                          "1,234 rows"]


def test_one_row_is_one_row(store: Store, app_row, add_rows) -> None:
    add_rows(store, [app_row(1)])
    assert "ok       applications.csv: 1 row" in check_folder(store.data_dir).text().splitlines()


def test_an_applications_file_cut_to_nothing_is_a_warning_not_a_fresh_start(
    tmp_path: Path,
) -> None:
    """Before: a 0-byte applications.csv with events still pointing at applications was read
    silently as an empty table."""
    folder = tmp_path / "data"
    demo.write(folder, date(2026, 11, 25))
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


def test_one_of_a_thing_can_be_said_in_words() -> None:
    assert plural(1, "sign", one="one") == "one sign"
    assert plural(3, "sign", one="one") == "3 signs"


def test_the_article_goes_by_sound() -> None:
    """Issue 24, 12: "Suggested for a onsite interview"."""
    assert article("onsite") == "an onsite"
    assert article("phone") == "a phone"
    assert article("hour") == "an hour"
    assert article("user test") == "a user test"
    assert article("Unusual one") == "an Unusual one"


def test_a_name_ending_in_s_takes_the_apostrophe_alone() -> None:
    """Issue 24, 12: "Larchmont Foods's"."""
    assert possessive("Larchmont Foods") == "Larchmont Foods'"
    assert possessive("Acme Analytics ") == "Acme Analytics'"
    assert possessive("Granite Bank") == "Granite Bank's"
