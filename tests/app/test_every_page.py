"""Every page in the navigation runs without an exception, with no data, with the sample data
and with each kind of broken file. New pages are covered by being listed in PAGES."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.shared.navigation import PAGES
from nextround.views import home, notes, pipeline, prep, self_check

PAGE_FILES = [p.file for p in PAGES]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_runs_on_empty_data(open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_runs_on_sample_data(texts, sample_dir, open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception
    assert "cannot be read" not in texts(at)


BROKEN_FILES = {
    "ragged": "id,company,role,stage\nA1,Acme,Analyst,applied,extra,values\n",
    "bad date": "id,company,role,stage,date_applied\nA1,Acme,Analyst,applied,next tuesday\n",
    "binary": "\x00\x01\x02 not text",
    "unclosed quote": 'id,company,role,stage\nA1,"Acme,Analyst,applied\n',
}


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("case", list(BROKEN_FILES))
def test_page_explains_a_broken_file(texts, data_dir: Path, open_app, page: str, case: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "applications.csv"
    path.write_text(BROKEN_FILES[case])
    before = path.read_bytes()
    at = open_app(page)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "applications.csv cannot be read" in shown
    assert path.read_bytes() == before


ODD_DATA = {
    "applications without events": (
        "id,company,role,stage,date_applied\nA1,Solo,Analyst,wishlist,\n"
        "A2,Duo,Dev,applied,2026-01-05\n",
        "id,application_id,date,kind\n",
    ),
    "events whose application is gone": (
        "id,company,role,stage,date_applied\nA1,Solo,Analyst,applied,2026-01-05\n",
        "id,application_id,date,kind,round\nE1,A1,2026-01-05,applied,\n"
        "E2,A9,2026-01-09,interview,1\nE3,A9,2026-01-10,rejection,\n",
    ),
    "only closed applications": (
        "id,company,role,stage,outcome,date_applied\nA1,Gone,Analyst,closed,rejected,2025-01-05\n",
        "id,application_id,date,kind,round\nE1,A1,2025-01-05,applied,\n"
        "E2,A1,2025-01-09,interview,1\nE3,A1,2025-01-20,rejection,\n",
    ),
    "interview without a round or type": (
        "id,company,role,stage,date_applied\nA1,Solo,Analyst,interviewing,2026-01-05\n",
        "id,application_id,date,kind\nE1,A1,2026-01-05,applied\nE2,A1,2026-01-07,interview\n",
    ),
}


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("case", list(ODD_DATA))
def test_page_copes_with_odd_but_valid_data(
    texts, data_dir: Path, open_app, page: str, case: str
) -> None:
    applications, events = ODD_DATA[case]
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "applications.csv").write_text(applications)
    (data_dir / "events.csv").write_text(events)
    at = open_app(page)
    assert not at.exception, at.exception
    assert "cannot be read" not in texts(at)


# Every table each page reads, from the view model that names them: a broken file in any of them
# shows the friendly panel (never a traceback, never a button that reaches the broken file).
PAGE_TABLES = {
    "pages/home.py": home.TABLES,
    "pages/pipeline.py": pipeline.TABLES,
    "pages/self_check.py": self_check.TABLES,
    "pages/notes.py": notes.TABLES,
    "pages/prep.py": prep.TABLES,
}
BROKEN_TABLE = 'id,value\n"row-1,never closed\n'  # a quoted value that never ends


def test_every_listed_page_names_the_tables_it_reads() -> None:
    assert set(PAGE_TABLES) | {"pages/data.py"} == set(PAGE_FILES)


@pytest.mark.parametrize(
    ("page", "table"),
    [(page, table) for page, tables in PAGE_TABLES.items() for table in tables],
)
def test_a_broken_table_gives_the_panel_not_a_traceback(
    texts, sample_dir: Path, open_app, page: str, table: str
) -> None:
    path = sample_dir / f"{table}.csv"
    path.write_text(BROKEN_TABLE)
    at = open_app(page)
    assert not at.exception, at.exception
    assert f"{table}.csv cannot be read" in texts(at)
    assert [b.label for b in at.button] == ["Reload", "Quarantine the file and start fresh"]
    assert path.read_text() == BROKEN_TABLE


def test_a_broken_settings_file_stops_the_self_check_before_its_buttons(
    texts, sample_dir: Path, open_app
) -> None:
    (sample_dir / "settings.csv").write_text('id,value\n"min_active,3\n')
    at = open_app("pages/self_check.py")
    assert not at.exception, at.exception
    assert "settings.csv cannot be read" in texts(at)
    assert not [b for b in at.button if b.label == "See my reading"]


# An unreadable table, a data "folder" that is a file, a read-only folder: every page says what
# is wrong and where (before: a raw traceback on every page, the Data page included).


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_table_the_system_will_not_let_us_read_is_explained(
    texts, sample_dir: Path, open_app, deny_reading, page: str
) -> None:
    deny_reading("applications.csv")
    at = open_app(page)
    assert not at.exception, at.exception
    assert "applications.csv cannot be read" in texts(at)
    problems = [d.value for d in at.dataframe if "problem" in d.value.columns]
    assert problems[0]["problem"].tolist() == ["cannot be opened: permission denied"]
    if page == "pages/data.py":  # Data still opens, with the way out
        assert "Quarantine the file and start fresh" in [b.label for b in at.button]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_data_folder_that_is_a_file_is_named_on_every_page(
    texts, data_dir: Path, open_app, page: str
) -> None:
    data_dir.write_text("I am a file")
    at = open_app(page)
    assert not at.exception, at.exception
    assert any("is a file, not a folder" in e.value for e in at.error)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_read_only_folder_opens_every_page_with_a_warning(
    texts, data_dir: Path, open_app, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "applications.csv").write_text(
        "id,company,role,stage\nA1,Acme,Analyst,wishlist\n")  # no nextround.json yet

    def read_only(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("nextround.storage.store.atomic_write_bytes", read_only)
    monkeypatch.setattr("nextround.storage.store.os.access",
                        lambda path, mode: not mode & 2)  # os.W_OK
    at = open_app(page)
    assert not at.exception, at.exception
    assert any("is read-only" in w.value for w in at.warning)


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("case", ["loop", "elsewhere"])
def test_a_table_linked_in_a_loop_or_elsewhere_gives_the_panel(
    texts, sample_dir: Path, tmp_path: Path, open_app, page: str, case: str
) -> None:
    """Before: a symlink loop in place of a table gave "RuntimeError: Symlink loop" on every
    page, and a link elsewhere was written through to its target."""
    path = sample_dir / "applications.csv"
    path.unlink()
    if case == "loop":
        path.symlink_to(sample_dir / "loop.csv")
        (sample_dir / "loop.csv").symlink_to(path)
    else:
        outside = tmp_path / "elsewhere.csv"
        outside.write_text("id,company,role,stage\nA1,Acme,Analyst,applied\n")
        path.symlink_to(outside)
    at = open_app(page)
    assert not at.exception, at.exception
    assert "applications.csv cannot be read" in texts(at)
    problems = [d.value for d in at.dataframe if "problem" in d.value.columns]
    assert problems and problems[0]["problem"].iloc[0].startswith("is a symbolic link")
