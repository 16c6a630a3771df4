"""Home's first run and the Data page: sample data, import, export, backups."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from nextround.storage.store import Store
from tests.app.conftest import texts


def test_first_run_offers_both_ways_to_start(open_app) -> None:
    at = open_app()
    shown = texts(at)
    assert "How would you like to start?" in shown
    assert any(b.label == "Try with sample data" for b in at.button)


def test_sample_data_lives_apart_and_can_be_left_and_deleted(data_dir: Path, open_app) -> None:
    at = open_app()
    next(b for b in at.button if b.label == "Try with sample data").click().run()
    assert not at.exception
    assert (data_dir / "sample" / "applications.csv").exists()
    assert not (data_dir / "applications.csv").exists()
    assert "sample data" in texts(at)
    assert "How would you like to start?" not in texts(at)

    at.switch_page("pages/data.py").run()
    at.button(key="data_sample_delete").click().run()
    at.button(key="confirm_delete_sample_yes").click().run()
    assert not at.exception
    assert not (data_dir / "sample").exists()
    at.switch_page("pages/home.py").run()
    assert "How would you like to start?" in texts(at)


def _upload(at, name: str, payload: bytes) -> None:
    """AppTest has no file-uploader driver in every version; set the value the widget holds."""
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    rec = UploadedFileRec(file_id="f1", name=name, type="text/csv", data=payload)
    at.session_state["data_import_file"] = UploadedFile(rec, None)


def test_import_lists_bad_rows_and_imports_all_or_nothing(data_dir: Path, open_app) -> None:
    csv = (
        b"Company Name,Job Title,Status,Date Applied,Notes\n"
        b"Acme,Analyst,Applied,03/02/2026,\"multi\nline\"\n"
        b"Beta,Developer,Interviewing,05/02/2026,\n"
        b",Missing company,Applied,06/02/2026,\n"
        b"Gamma,Designer,Ghosted,31/02/2026,\n"
    )
    at = open_app("pages/data.py")
    from tests.app.test_home_and_data import _upload as upload

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
    store.update("applications", lambda df: df.assign(notes="=HYPERLINK(\"http://x\")"))
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
