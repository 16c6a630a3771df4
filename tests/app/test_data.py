"""The Data page: import, export and backups."""

from __future__ import annotations

import errno
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from nextround.storage.store import Store


def _widget(elements, name: str):
    """One of the import preview's widgets by the name its key starts with (the key also
    carries the preview's token, so that a new file starts with widgets of its own)."""
    found = [e for e in elements if e.key and e.key.startswith(f"data_import_{name}_")]
    assert len(found) == 1, (name, [e.key for e in elements])
    return found[0]


def _fix_table(at, lines: list[int]) -> str:
    from components.data.importing import fix_key

    return f"data_import_{fix_key(lines)}_{at.session_state['data_import_token']}"


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
    _widget(at.checkbox, "skip_bad").check().run()
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


# --- import as one unit ---------------------------------------------------------------------------

TRACKER = (
    b"Employer,Job Title,Status,Applied On,Contact Person\n"
    b"Acme,Data analyst,Applied,01.09.2026,Ann Lee\n"
    b"Beta,Developer,Interviewing,03.09.2026,Bo\n"
    b"Gamma,Designer,Rejected,31.02.2026,Cy\n"
)


def _import(at, upload, payload: bytes = TRACKER, name: str = "tracker.csv") -> None:
    upload(at, name, payload)
    at.run()
    assert not at.exception, at.exception
    if any((c.key or "").startswith("data_import_skip_bad_") for c in at.checkbox):
        _widget(at.checkbox, "skip_bad").check().run()
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception


def test_the_preview_speaks_plainly(texts, upload, data_dir: Path, open_app) -> None:
    at = open_app("pages/data.py")
    upload(at, "tracker.csv", TRACKER)
    at.run()
    assert _widget(at.radio, "date_order").value == "dmy"  # settled by the 31
    assert _widget(at.selectbox, "map_contact_name").value == "Contact Person"
    frames = [d.value for d in at.dataframe]
    preview = next(f for f in frames if list(f.columns) == [
        "company", "role", "date_applied", "stage", "outcome"])
    assert str(preview["date_applied"].iloc[0]) == "2026-09-01"  # before: 2026-09-01 00:00:00
    problems = next(f for f in frames if "problem" in f.columns)
    assert problems["problem"].tolist() == ["'31.02.2026' is not a day that exists"]
    upload(at, "empty.csv", b"")
    at.run()
    assert any("The file is empty" in e.value for e in at.error)


def test_an_import_is_one_backup_entry_and_one_undo(texts, upload, data_dir: Path,
                                                     open_app) -> None:
    at = open_app("pages/data.py")
    _import(at, upload)
    store = Store(data_dir)
    assert store.load("applications")["company"].tolist() == ["Acme", "Beta"]
    assert "import of tracker.csv (2 rows)" in texts(at).replace("\\", "")
    # A later save, then the import is undone in one step from the Backups tab.
    store.update("applications", lambda f: f.assign(notes="worked on it"))
    undo = next(b for b in at.button if b.label == "Undo that import")
    undo.click().run()
    at.button(key="confirm_undo_import_yes").click().run()
    assert not at.exception, at.exception
    store = Store(data_dir)
    assert store.load("applications").empty and store.load("events").empty
    labels = [b.describe() for b in store.backups()]
    assert any(label.endswith("before undo of the import of tracker.csv (2 rows)")
               for label in labels)
    assert all("." not in label.split(" · ")[0] for label in labels)  # no microseconds


def test_the_same_file_again_is_recognised_and_adds_nothing(texts, upload, data_dir: Path,
                                                            open_app) -> None:
    """Before: the Import button stayed enabled and a second press imported it all again."""
    at = open_app("pages/data.py")
    _import(at, upload)
    upload(at, "tracker.csv", TRACKER)
    at.run()
    shown = texts(at)
    assert "You imported this file before" in shown
    assert _widget(at.checkbox, "skip_duplicates").value is True
    assert at.button(key="data_import_go").disabled
    assert len(Store(data_dir).load("applications")) == 2


def test_with_events_broken_the_import_waits_and_writes_nothing(
    texts, upload, data_dir: Path, open_app
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "events.csv").write_text('id,application_id,date,kind\n"E1,A1\n')
    at = open_app("pages/data.py")
    upload(at, "tracker.csv", TRACKER)
    at.run()
    assert "Import needs events.csv to be readable" in texts(at)
    assert not [b for b in at.button if b.key == "data_import_go"]
    assert not (data_dir / "applications.csv").exists()


# --- broken files, restore and quarantine ---------------------------------------------------------


def _cut_off(sample_dir: Path) -> bytes:
    store = Store(sample_dir)
    store.update("applications", lambda f: f.assign(notes="a save, so there is a backup"))
    path = store.path("applications")
    path.write_bytes(path.read_bytes()[:-25])
    return path.read_bytes()


def test_a_backup_restores_over_a_file_that_cannot_be_read(sample_dir: Path, open_app) -> None:
    """Before: Restore answered "cannot be read ... will not overwrite it"."""
    broken = _cut_off(sample_dir)
    at = open_app("pages/data.py")
    at.selectbox(key="data_backup_table").select("applications").run()
    at.button(key="data_backup_restore").click().run()
    at.button(key="confirm_restore_yes").click().run()
    assert not at.exception, at.exception
    assert not at.error
    store = Store(sample_dir)
    assert len(store.load("applications")) == 15
    assert store.quarantined("applications")[0].read_bytes() == broken


def test_the_broken_file_panel_offers_the_latest_backup(texts, sample_dir: Path,
                                                        open_app) -> None:
    _cut_off(sample_dir)
    at = open_app("pages/pipeline.py")
    labels = [b.label for b in at.button]
    assert labels[0] == "Reload" and labels[-1] == "Quarantine the file and start fresh"
    assert labels[1].startswith("Restore the backup from ")
    at.button(key="restore_latest_applications").click().run()
    at.button(key="confirm_restore_latest_applications_yes").click().run()
    assert not at.exception, at.exception
    assert len(Store(sample_dir).load("applications")) == 15


def test_after_a_quarantine_home_says_where_the_applications_went(
    texts, sample_dir: Path, open_app
) -> None:
    """Before: Home then showed the first-run welcome, as if everything were gone."""
    _cut_off(sample_dir)
    at = open_app()
    at.button(key="broken_quarantine_applications").click().run()
    at.button(key="confirm_quarantine_applications_yes").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Your applications are not lost" in shown
    assert "How would you like to start?" not in shown
    at.button(key="restore_latest_applications").click().run()
    at.button(key="confirm_restore_latest_applications_yes").click().run()
    assert len(Store(sample_dir).load("applications")) == 15


def test_the_files_tab_says_which_files_are_safe_to_open_directly(
    sample_dir: Path, open_app
) -> None:
    Store(sample_dir).update("applications", lambda f: f.assign(
        notes=f["notes"].where(f.index != 0, "=HYPERLINK(\"http://x\")")))
    at = open_app("pages/data.py")
    files = at.dataframe[0].value.set_index("file")["in a spreadsheet"]
    assert files["applications.csv"] == "use Export (1 cell like a formula)"
    assert files["events.csv"] == "safe to open directly"


@pytest.mark.parametrize(("page", "button"), [("pages/data.py", "data_sample_start"),
                                              (None, "welcome_sample")])
def test_sample_data_on_a_read_only_folder_gives_a_message(
    data_dir: Path, open_app, monkeypatch: pytest.MonkeyPatch, page: str | None, button: str
) -> None:
    """Before: "Try with sample data" on a read-only data folder showed a StorageWriteError
    traceback (start_sample ran outside ``attempt``)."""
    data_dir.mkdir(parents=True)

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("nextround.storage.store.atomic_write_bytes", read_only)
    at = open_app(page)
    at.button(key=button).click().run()
    assert not at.exception, at.exception
    assert any("read-only" in e.value for e in at.error), [e.value for e in at.error]


def test_after_new_backups_the_newest_is_chosen_again(sample_dir: Path, open_app) -> None:
    """Issue 24, 12: after an undo, Backups preselected an older entry. The choice follows the
    file: once newer backups arrive, the newest is the one offered."""
    store = Store(sample_dir)
    store.update("applications", lambda df: df.iloc[:10])
    store.update("applications", lambda df: df.iloc[:5])
    at = open_app("pages/data.py")
    at.selectbox(key="data_backup_table").select("applications").run()
    pick = at.selectbox(key="data_backup_pick")
    assert pick.value == str(store.backups("applications")[0].path)  # the newest first
    assert len(set(pick.options)) == len(pick.options)  # two of one minute still told apart
    older = str(store.backups("applications")[1].path)
    pick.set_value(older).run()
    assert at.selectbox(key="data_backup_pick").value == older
    store.update("applications", lambda df: df.iloc[:2])  # a save (an undo) elsewhere
    at.run()
    newest = store.backups("applications")[0]
    assert at.selectbox(key="data_backup_pick").value == str(newest.path)
    at.button(key="data_backup_restore").click().run()
    at.button(key="confirm_restore_yes").click().run()
    assert not at.exception, at.exception
    assert len(Store(sample_dir).load("applications")) == 5


# --- the value step and fixing refused rows -------------------------------------------------------

STATUSES = (
    "Company,Position,Status,Applied Date\n"
    "Acme,Analyst,Pending,2026-01-05\n"
    "Beta,Developer,Pending,2026-01-06\n"
    "Gamma,Designer,Phone screen,2026-01-07\n"
    "Delta,Tester,Rejection :(,2026-01-08\n"
    "Epsilon,Writer,已投递,2026-01-09\n"
).encode()


def test_the_value_step_places_each_status_and_asks_about_unknown_ones(
    texts, upload, data_dir: Path, open_app
) -> None:
    """Before: "Pending", "Phone screen"-like decorated words and "已投递" refused their rows."""
    from components.data.importing import value_key

    at = open_app("pages/data.py")
    upload(at, "statuses.csv", STATUSES)
    at.run()
    assert not at.exception, at.exception
    boxes = {b.label: b for b in at.selectbox if b.key.startswith("data_import_status_")}
    # Every distinct value with its row count, the most common first (escaped: a label is
    # Markdown, and ":(" must not start an icon).
    assert list(boxes) == ["Pending · 2 rows", "已投递 · 1 row", "Phone screen · 1 row",
                           "Rejection \\:\\( · 1 row"]
    assert _widget(at.selectbox, value_key("status", "Pending")).value == "applied"
    assert _widget(at.selectbox, value_key("status", "Rejection :(")).value == "closed|rejected"
    assert _widget(at.selectbox, value_key("status", "已投递")).value is None  # asked, not guessed
    assert "One is not a word we know: choose its stage." in texts(at)
    assert "To import, answer above: what 1 status value means" in texts(at)
    assert at.button(key="data_import_go").disabled
    # The person answers the unknown word and changes one proposal.
    _widget(at.selectbox, value_key("status", "已投递")).set_value("applied").run()
    _widget(at.selectbox, value_key("status", "Phone screen")).set_value("interviewing").run()
    assert not at.button(key="data_import_go").disabled
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["stage"].tolist() == ["applied", "applied", "interviewing", "closed", "applied"]
    assert apps["outcome"].tolist()[3] == "rejected"
    # The next file with the same columns starts from these answers.
    upload(at, "later.csv", STATUSES.replace(b"Acme", b"Zeta").replace(b"2026-01-0", b"2026-02-0"))
    at.run()
    assert "your answers then are filled in" in texts(at)
    assert _widget(at.selectbox, value_key("status", "已投递")).value == "applied"
    assert _widget(at.selectbox, value_key("status", "Phone screen")).value == "interviewing"
    assert not at.button(key="data_import_go").disabled


def test_a_refused_row_is_fixed_in_the_preview_and_imported_with_the_rest(
    texts, upload, data_dir: Path, open_app
) -> None:
    payload = (b"Company,Role,Status,Date applied\n"
               b"Acme,Analyst,Applied,2026-01-05\n"
               b",Developer,Applied,2026-01-06\n"
               b"Gamma,Designer,Applied,2026-02-31\n")
    at = open_app("pages/data.py")
    upload(at, "fix.csv", payload)
    at.run()
    assert "Fix the 2 rows that cannot go in as they are" in texts(at)
    assert "2 of 3 rows have problems" in texts(at)
    at.session_state[_fix_table(at, [3, 4])] = {"edited_rows": {0: {"company": "Beta"},
                                             1: {"date_applied": "28 Feb 2026"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert "rows have problems" not in texts(at)
    assert "2 fixed rows now go in with the others." in texts(at)
    assert at.button(key="data_import_go").label == "Import 3 applications"
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    store = Store(data_dir)
    apps = store.load("applications")
    assert apps["company"].tolist() == ["Acme", "Beta", "Gamma"]
    assert apps["date_applied"].tolist()[2] == pd.Timestamp(2026, 2, 28)
    assert len(store.load("events")) == 3
    assert [u.rows for u in store.units(["import"])] == [3]  # one unit, undone in one step


def test_a_file_that_cannot_be_read_gets_a_sentence_not_a_traceback(
    texts, upload, data_dir: Path, open_app
) -> None:
    at = open_app("pages/data.py")
    for name, payload, sentence in [
        ("merge.csv", b"<<<<<<< HEAD\nCompany\n=======\nFirm\n>>>>>>> x\nAcme\n",
         "Git merge-conflict marker"),
        ("book.xlsx", b"PK\x03\x04 damaged", "cannot be opened as a spreadsheet"),
        ("mac.csv", b"Company,Role\rAcme,Dev\rBeta,QA\r", "mac.csv: 2 rows, 2 columns"),
        ("utf32.csv", "Company,Role\nAcme,Dev\n".encode("utf-32-le"), "utf32.csv: 1 row,"),
    ]:
        upload(at, name, payload)
        at.run()
        assert not at.exception, (name, at.exception)
        shown = " ".join(e.value for e in at.error) + texts(at)
        assert sentence in shown, name


def test_a_file_without_a_header_row_is_offered_with_column_names_to_choose(
    texts, upload, data_dir: Path, open_app
) -> None:
    """Before: the first application became the column names."""
    payload = (b"Acme,Data analyst,14/01/2026,ann@acme.example\n"
               b"Beta,Developer,03/02/2026,bo@beta.example\n")
    at = open_app("pages/data.py")
    upload(at, "nohead.csv", payload)
    at.run()
    assert not at.exception, at.exception
    assert "The first row looks like an application" in texts(at)
    assert _widget(at.checkbox, "header").value is False
    assert _widget(at.selectbox, "map_date_applied").value == "Column C"
    assert _widget(at.selectbox, "map_contact_email").value == "Column D"
    assert "Choose the columns for company and role" in texts(at)
    # Told otherwise, the first row becomes the column names; and back.
    _widget(at.checkbox, "header").check().run()
    assert _widget(at.selectbox, "map_company").options[1] == "Acme"
    assert "1 row, 4 columns" in texts(at)
    _widget(at.checkbox, "header").uncheck().run()
    assert "2 rows, 4 columns" in texts(at)
    _widget(at.selectbox, "map_company").select("Column A").run()
    _widget(at.selectbox, "map_role").select("Column B").run()
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["company"].tolist() == ["Acme", "Beta"]
    assert apps["date_applied"].tolist() == [pd.Timestamp(2026, 1, 14), pd.Timestamp(2026, 2, 3)]


def test_a_workbook_with_several_sheets_offers_the_choice(
    texts, upload, data_dir: Path, open_app
) -> None:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame({"Total": [2]}).to_excel(writer, sheet_name="Summary", index=False)
        pd.DataFrame({"Company": ["Acme", "Beta"], "Role": ["Analyst", "Dev"],
                      "Status": ["Applied", "Ghosted"],
                      "Date applied": [pd.Timestamp(2026, 1, 5), pd.Timestamp(2026, 1, 6)]}
                     ).to_excel(writer, sheet_name="Jobs", index=False)
    at = open_app("pages/data.py")
    upload(at, "tracker.xlsx", buffer.getvalue())
    at.run()
    assert _widget(at.selectbox, "sheet").value == "Summary"
    _widget(at.selectbox, "sheet").select("Jobs").run()
    assert not at.exception, at.exception
    assert "tracker.xlsx: 2 rows, 4 columns" in texts(at)
    at.button(key="data_import_go").click().run()
    apps = Store(data_dir).load("applications")
    assert apps["stage"].tolist() == ["applied", "closed"]
    assert apps["outcome"].tolist()[1] == "no response"


def test_linkedin_export_is_matched_in_one_step(texts, upload, data_dir: Path, open_app) -> None:
    payload = (b"Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
               b"Job Url,Resume Name,Question And Answers\n"
               b'"1/14/25, 11:25 PM",me@mail.example,,Acme,Analyst,'
               b"https://www.linkedin.com/jobs/view/1,cv.pdf,\n"
               b'"1/20/25, 9:02 AM",me@mail.example,,Beta,Developer,'
               b"https://www.linkedin.com/jobs/view/2,cv.pdf,\n")
    at = open_app("pages/data.py")
    upload(at, "Job Applications.csv", payload)
    at.run()
    assert "This is LinkedIn's export of your job applications" in texts(at)
    assert _widget(at.selectbox, "map_contact_email").value == "(none)"
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["stage"].tolist() == ["applied", "applied"]
    assert apps["contact_email"].isna().all()
    assert apps["date_applied"].tolist() == [pd.Timestamp(2025, 1, 14), pd.Timestamp(2025, 1, 20)]


def test_a_status_typed_into_the_fix_table_is_asked_about_like_the_others(
    texts, upload, data_dir: Path, open_app
) -> None:
    from components.data.importing import value_key

    payload = (b"Company,Role,Status,Date applied\n"
               b"Acme,Analyst,Applied,2026-01-05\n"
               b"Gamma,Designer,Applied,2026-01-07\n"
               b"Beta,Developer,Applied,someday\n")
    at = open_app("pages/data.py")
    upload(at, "typed.csv", payload)
    at.run()
    at.session_state[_fix_table(at, [4])] = {
        "edited_rows": {0: {"date_applied": "2026-01-06", "stage": "Warten"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert _widget(at.selectbox, value_key("status", "Warten")).value is None
    assert at.button(key="data_import_go").disabled
    _widget(at.selectbox, value_key("status", "Warten")).set_value("applied").run()
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["company"].tolist() == ["Acme", "Gamma", "Beta"]
    assert apps["date_applied"].tolist()[2] == pd.Timestamp(2026, 1, 6)


def test_after_an_import_the_same_file_offers_nothing_again_and_blank_cells_read_blank(
    texts, upload, data_dir: Path, open_app
) -> None:
    """Issue 24, 12: empty cells showed "None"; after an import the page still offered
    "Import N applications" under text saying they would be skipped; the toast was cut off."""
    payload = b"Company,Role,Date applied\nAcme,Analyst,2026-01-05\nBeta,Tester,2026-01-06\n"
    at = open_app("pages/data.py")
    upload(at, "two.csv", payload)
    at.run()
    ready = next(df.value for df in at.dataframe if "outcome" in df.value.columns)
    assert ready["outcome"].tolist() == ["", ""]
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.toast] == ["Imported 2 applications. To take it back: Backups, "
                                           "Undo."]
    at.run()
    assert "You imported this file before" in texts(at)
    go = at.button(key="data_import_go")
    assert go.label == "Nothing new to import" and go.disabled
    assert len(Store(data_dir).load("applications")) == 2
