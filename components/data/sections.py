"""The Data page's sections: the files, export, backups and the sample folder (the import
is in ``importing``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data.importing import undo_button
from components.shared.feedback import (
    ask_to_confirm,
    attempt,
    broken_file,
    confirm,
    flash,
    restore_backup,
)
from components.shared.screen import cached_view
from components.shared.store import leave_sample, real_store, start_sample, viewing_sample
from nextround.domain import dates
from nextround.data_folder import TABLES, Store, export_csv_bytes, export_zip, formula_cells
from nextround.text import plural
from nextround.views.markup import escape_markdown
from nextround.views.snapshot import Snapshot


def files_section(store: Store) -> None:
    st.write(
        "Your data is a set of CSV files you own, holding your text exactly as you typed or "
        "imported it. Each save writes the whole file safely and keeps the previous version as "
        "a backup."
    )
    st.write(
        "Opening a stored file directly in a spreadsheet is safe only when no cell starts "
        "like a formula (=, +, -, @): a spreadsheet would run such a cell. The last column "
        "says which files are safe to open directly; for the others, and whenever you are not "
        "sure, use **Export**, which gives spreadsheet-safe copies."
    )
    st.code(str(store.data_dir), language=None)
    rows = []
    broken = []
    for name, spec in TABLES.items():
        path = store.path(name)
        error = store.check(name)
        opening = ""
        if error:
            broken.append(error)
            status, count = "cannot be read", None
        elif path.exists():
            snapshot = Snapshot.load(store, [name])
            status, count = "ok", len(snapshot[name])
            # Every cell is read: counted once per change of the file, not on every rerun.
            risky = cached_view(snapshot, lambda s, table=name: formula_cells(s[table]))
            opening = (f"use Export ({plural(risky, 'cell')} like a formula)" if risky else
                       "safe to open directly")
        else:
            status, count = "not created yet", 0
        rows.append({"file": spec.filename, "what it holds": spec.help, "rows": count,
                     "status": status, "in a spreadsheet": opening})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config={
        "what it holds": st.column_config.TextColumn(width="large"),
        "in a spreadsheet": st.column_config.TextColumn(width="medium")})
    for error in broken:
        with st.container(border=True):
            broken_file(store, error)
    set_aside = [p.name for name in TABLES for p in store.quarantined(name)]
    if set_aside:
        st.caption("In the quarantine folder (set aside, never deleted): "
                   + escape_markdown(", ".join(set_aside[:10])))


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
        data=lambda: export_zip(store),
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
            data=lambda name=name: export_csv_bytes(name, store.load(name)),
            file_name=f"{name}-{stamp}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"data_export_{name}",
            on_click="ignore",
        )


def backups_section(store: Store) -> None:
    st.write(
        f"Before every save the previous version of the file is kept: the last "
        f"{store.backups_kept} per table, newest first. Restoring also keeps the current "
        "version first, so a restore can be undone. An import is one step: it can be undone "
        "as a whole."
    )
    imports_list(store)
    backups = store.backups()
    if not backups:
        st.info("No backups yet: one is kept each time a save replaces a file.",
                icon=":material/info:")
        return
    tables = sorted({b.table for b in backups})
    table = st.selectbox("Table", tables, key="data_backup_table")
    listed = [b for b in backups if b.table == table]
    st.dataframe(
        pd.DataFrame({"taken": [b.describe().split(" · ")[0] for b in listed],
                      "kept": [b.label for b in listed],
                      "size (KB)": [round(b.size / 1024, 1) for b in listed]}),
        hide_index=True, width="stretch",
    )
    # Chosen by the file, not by its place in the list: when new backups arrive (an undo, a
    # save elsewhere) the newest is chosen again, never whatever slid into the old place.
    paths = {str(b.path): b for b in listed}
    # The widget answers with the label chosen: two backups with one label (taken in the same
    # second) must not read as one, or choosing either picks the first.
    labels = [b.describe() for b in listed]
    names = {str(b.path): f"{text} · no. {b.seq}" if labels.count(text) > 1 else text
             for b, text in zip(listed, labels, strict=True)}
    newest = str(listed[0].path)
    if st.session_state.get("data_backup_newest") != newest or \
            st.session_state.get("data_backup_pick") not in paths:
        st.session_state["data_backup_pick"] = newest
    st.session_state["data_backup_newest"] = newest
    picked = st.selectbox("Backup to restore", list(paths),
                          format_func=names.get, key="data_backup_pick")
    backup = paths.get(picked, listed[0])
    if st.button("Restore this backup", icon=":material/restore:", key="data_backup_restore"):
        ask_to_confirm("restore", path=str(backup.path), table=backup.table)
    when = backup.describe().split(" · ")[0]
    confirm(
        "restore",
        "Restore this backup?",
        f"The {backup.table.replace('_', ' ')} table will go back to how it was on {when}. "
        "The current version is kept first: as a backup, or in the quarantine folder if it "
        "cannot be read.",
        "Restore",
        lambda payload: restore_backup(store, payload["table"], payload["path"]),
    )


def imports_list(store: Store) -> None:
    """Every import still on record, each undoable in one step while it is in place."""
    imports = store.units(["import"])[:10]
    if not imports:
        return
    st.markdown("**Imports**")
    for unit in imports:
        text, button = st.columns([4, 1], vertical_alignment="center")
        state = " (undone)" if unit.state == "undone" else ""
        text.markdown(escape_markdown(unit.describe() + state))
        if unit.state == "done":
            with button:
                undo_button(unit, key_suffix="backups")


def sample_section() -> None:
    if viewing_sample():
        st.write("You are looking at the sample data. Your own folder is untouched.")
        left, right = st.columns(2)
        if left.button("Back to my own data", key="data_sample_leave",
                       icon=":material/logout:") and attempt(
                lambda: leave_sample(delete=False),
                "Back to your own data. The sample is still there if you want it again."):
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
    if st.button("Try with sample data", key="data_sample_start", icon=":material/science:") \
            and attempt(lambda: start_sample(dates.today()), "Sample data loaded."):
        st.rerun()
