"""The Data page's sections: the files, import, export, backups and the sample folder."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.feedback import ask_to_confirm, attempt, broken_file, confirm, flash
from components.store import leave_sample, real_store, start_sample, viewing_sample
from nextround.domain import dates
from nextround.storage import transfer
from nextround.storage.schema import TABLES
from nextround.storage.store import Store


def files_section(store: Store) -> None:
    st.write(
        "Your data is a set of CSV files you own: open them in any spreadsheet. Each save "
        "writes the whole file safely and keeps the previous version as a backup."
    )
    st.code(str(store.data_dir), language=None)
    rows = []
    broken = []
    for name, spec in TABLES.items():
        path = store.path(name)
        error = store.check(name)
        if error:
            broken.append(error)
            status, count = "cannot be read", None
        elif path.exists():
            status, count = "ok", len(store.load(name))
        else:
            status, count = "not created yet", 0
        rows.append({"file": spec.filename, "what it holds": spec.help, "rows": count,
                     "status": status})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    for error in broken:
        with st.container(border=True):
            broken_file(store, error)


def export_section(store: Store) -> None:
    st.write(
        "Exports are made for spreadsheets: UTF-8 with a byte-order mark so Excel shows accents, "
        "and any cell that starts like a formula (=, +, -, @) gets a leading apostrophe so it "
        "is shown, never run. Your stored files are not changed."
    )
    existing = [name for name in TABLES if store.path(name).exists() and not store.check(name)]
    if not existing:
        st.info("Nothing to export yet: add an application first.", icon=":material/info:")
        return
    stamp = dates.today().isoformat()
    st.download_button(
        "Download everything (zip)",
        data=lambda: transfer.export_zip(store),
        file_name=f"nextround-{stamp}.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        type="primary",
        key="data_export_zip",
        on_click="ignore",
    )
    columns = st.columns(3)
    for i, name in enumerate(existing):
        columns[i % 3].download_button(
            f"{name.replace('_', ' ').capitalize()} (CSV)",
            data=lambda name=name: transfer.export_csv_bytes(name, store.load(name)),
            file_name=f"{name}-{stamp}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"data_export_{name}",
            on_click="ignore",
        )


def import_section(store: Store) -> None:
    st.write(
        "Bring in applications from a spreadsheet or another tracker. Match its columns to "
        "ours, check the preview, then import. Rows with problems are listed; nothing is "
        "imported halfway."
    )
    upload = st.file_uploader("CSV file", type=["csv", "txt"], key="data_import_file")
    if upload is None:
        return
    try:
        frame = transfer.read_upload(upload.getvalue())
    except transfer.ImportFileError as error:
        st.error(f"{upload.name}: {error}", icon=":material/error:")
        return
    st.caption(f"{upload.name}: {len(frame):,} rows, {len(frame.columns)} columns. First rows:")
    st.dataframe(frame.head(5), hide_index=True, width="stretch")

    suggested = transfer.suggest_mapping(list(frame.columns))
    choices = ["(none)", *frame.columns]
    mapping: dict[str, str | None] = {}
    st.markdown("**Which of your columns holds what?**")
    grid = st.columns(3)
    for i, ours in enumerate(transfer.IMPORTABLE):
        default = suggested.get(ours)
        picked = grid[i % 3].selectbox(
            ours.replace("_", " ").capitalize(),
            choices,
            index=choices.index(default) if default else 0,
            key=f"data_import_map_{ours}",
        )
        mapping[ours] = None if picked == "(none)" else picked
    date_column = mapping.get("date_applied")
    guessed = transfer.guess_date_format(frame[date_column]) if date_column else "YYYY-MM-DD"
    labels = list(transfer.DATE_FORMATS)
    date_format = st.radio("Dates are written as", labels, index=labels.index(guessed),
                           horizontal=True, key="data_import_date_format")
    if not mapping["company"] or not mapping["role"]:
        st.warning("Choose the columns for company and role: every application needs both.",
                   icon=":material/warning:")
        return

    existing = store.load("applications")
    preview = transfer.prepare_import(frame, mapping, date_format, existing, dates.now())
    ok = len(preview.applications)
    if preview.problems:
        st.warning(
            f"{preview.bad_rows} of {preview.total_rows} rows have problems and would be "
            "skipped. Fix them in the file and upload it again, or import the rest.",
            icon=":material/warning:",
        )
        st.dataframe(
            pd.DataFrame(
                {"row": [p.row for p in preview.problems],
                 "column": [p.column or "" for p in preview.problems],
                 "problem": [p.message for p in preview.problems]}
            ),
            hide_index=True,
            width="stretch",
        )
    if ok:
        st.markdown(f"**Ready to import {ok} applications:**")
        st.dataframe(preview.applications[["company", "role", "date_applied", "stage", "outcome"]]
                     .head(50), hide_index=True, width="stretch")
    skip_ok = True
    if preview.problems and ok:
        skip_ok = st.checkbox(f"Skip the {preview.bad_rows} rows with problems",
                              key="data_import_skip")
    go = st.button(f"Import {ok} applications", type="primary", disabled=not ok or not skip_ok,
                   icon=":material/upload:", key="data_import_go")
    if go and attempt(lambda: transfer.apply_import(store, preview),
                      success=f"Imported {ok} applications."):
        st.rerun()


def backups_section(store: Store) -> None:
    st.write(
        f"Before every save the previous version of the file is kept: the last "
        f"{store.backups_kept} per table. Restoring also keeps the current version first, so "
        "a restore can be undone."
    )
    backups = store.backups()
    if not backups:
        st.info("No backups yet: they appear after your first changes.", icon=":material/info:")
        return
    tables = sorted({b.table for b in backups})
    table = st.selectbox("Table", tables, key="data_backup_table")
    listed = [b for b in backups if b.table == table]
    st.dataframe(
        pd.DataFrame({"taken": [b.taken_at.strftime("%d %b %Y %H:%M:%S") for b in listed],
                      "size (KB)": [round(b.size / 1024, 1) for b in listed]}),
        hide_index=True, width="stretch",
    )
    labels = [b.taken_at.strftime("%d %b %Y %H:%M:%S.%f") for b in listed]
    picked = st.selectbox("Backup to restore", labels, key="data_backup_pick")
    backup = listed[labels.index(picked)]
    if st.button("Restore this backup", icon=":material/restore:", key="data_backup_restore"):
        ask_to_confirm("restore", path=str(backup.path))
    confirm(
        "restore",
        "Restore this backup?",
        f"The {backup.table} table will go back to how it was on "
        f"{backup.taken_at:%d %b %Y at %H:%M:%S}. The current version is kept as a backup.",
        "Restore",
        lambda payload: _restore(store, payload["path"]),
    )


def _restore(store: Store, path: str) -> None:
    backup = next(b for b in store.backups() if str(b.path) == path)
    store.restore(backup)
    flash("Backup restored.")


def sample_section() -> None:
    if viewing_sample():
        st.write("You are looking at the sample data. Your own folder is untouched.")
        left, right = st.columns(2)
        if left.button("Back to my own data", key="data_sample_leave", icon=":material/logout:"):
            leave_sample(delete=False)
            flash("Back to your own data. The sample is still there if you want it again.")
            st.rerun()
        if right.button("Leave and delete the sample", key="data_sample_delete",
                        icon=":material/delete:"):
            ask_to_confirm("delete_sample")
        confirm(
            "delete_sample",
            "Delete the sample data?",
            "The sample folder and everything in it will be deleted. Your own data stays.",
            "Delete the sample",
            lambda _: (leave_sample(delete=True), flash("Sample data deleted.")),
        )
        return
    st.write(
        "Try the app with an invented job search of 15 applications. It is written to a "
        f"separate folder ({real_store().data_dir.name}/sample) and never mixed with your data."
    )
    if st.button("Try with sample data", key="data_sample_start", icon=":material/science:"):
        start_sample(dates.today())
        flash("Sample data loaded.")
        st.rerun()
