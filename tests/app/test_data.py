"""The Data page: import, export and backups."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from nextround.storage.store import Store


def test_import_lists_bad_rows_and_imports_all_or_nothing(
    upload, texts, data_dir: Path, open_app
) -> None:
    csv = (
        b"Company Name,Job Title,Status,Date Applied,Notes\n"
        b'Acme,Analyst,Applied,03/02/2026,"multi\nline"\n'
        b"Beta,Developer,Interviewing,05/02/2026,\n"
        b",Missing company,Applied,06/02/2026,\n"
        b"Gamma,Designer,Ghosted,31/02/2026,\n"
    )
    at = open_app("pages/data.py")
    upload(at, "tracker.csv", csv)
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "2 of 4 rows have problems" in shown
    go = at.button(key="data_import_go")
    assert go.disabled  # not until the user agrees to skip the bad rows
    at.checkbox(key="data_import_skip").check().run()
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["company"].tolist() == ["Acme", "Beta"]
    assert apps["stage"].tolist() == ["applied", "interviewing"]
    assert apps.loc[0, "date_applied"] == pd.Timestamp(2026, 2, 3)
    assert apps.loc[0, "notes"] == "multi\nline"
    events = Store(data_dir).load("events")
    assert (events["kind"] == "applied").sum() == 2


def test_export_neutralises_formulas_but_storage_keeps_them(sample_dir: Path) -> None:
    from nextround.storage import transfer

    store = Store(sample_dir)
    store.update("applications", lambda df: df.assign(notes='=HYPERLINK("http://x")'))
    payload = transfer.export_zip(store)
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        text = zf.read("applications.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert store.load("applications")["notes"].iloc[0].startswith("=HYPERLINK")


def test_backup_restore_from_the_data_page(sample_dir: Path, open_app) -> None:
    store = Store(sample_dir)
    store.update("applications", lambda df: df.iloc[:3])
    at = open_app("pages/data.py")
    at.selectbox(key="data_backup_table").select("applications").run()
    at.button(key="data_backup_restore").click().run()
    at.button(key="confirm_restore_yes").click().run()
    assert not at.exception, at.exception
    assert len(Store(sample_dir).load("applications")) == 15


def test_import_stores_hostile_cells_exactly(
    hostile_text, upload, data_dir: Path, open_app
) -> None:
    frame = pd.DataFrame(
        {
            "Company": [hostile_text, "Plain Ltd"],
            "Title": ["@role", "Analyst"],
            "Notes": ["\x00nul\x07bell", "+1 formula"],
        }
    )
    at = open_app("pages/data.py")
    upload(at, "hostile.csv", frame.to_csv(index=False).encode("utf-8"))
    at.run()
    assert not at.exception, at.exception
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["company"].tolist() == [hostile_text.strip(), "Plain Ltd"]
    assert apps["role"].tolist() == ["@role", "Analyst"]
    assert apps["notes"].tolist() == ["\x00nul\x07bell", "+1 formula"]
    for page in ("pages/home.py", "pages/notes.py", "pages/self_check.py", "pages/prep.py"):
        assert not open_app(page).exception, page
