"""The Data page's import: upload, match the columns, check the preview, import as one unit.

A second upload of the same file is recognised (and the rows already there are skipped by
default), an import can be undone in one step, and every name or cell read from the file is
shown as text: the file name and the reasons go through ``escape_markdown``, cells through
dataframes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.feedback import ask_to_confirm, attempt, confirm, flash
from nextround.domain import dates
from nextround.storage import importer
from nextround.storage.backups import Unit
from nextround.storage.store import Store
from nextround.views.markup import escape_markdown

UNDO = "undo_import"


def import_section(store: Store) -> None:
    st.write(
        "Bring in applications from a spreadsheet or another tracker. Match its columns to "
        "ours, check the preview, then import. Rows with problems are listed; an import adds "
        "everything or nothing, and can be undone in one step."
    )
    blocked = [name for name in ("applications", "events") if store.check(name)]
    if blocked:
        st.warning(
            f"Import needs {' and '.join(f'{n}.csv' for n in blocked)} to be readable: fix or "
            "restore it on the Files tab first. Nothing is imported halfway.",
            icon=":material/warning:")
        return
    upload = st.file_uploader("CSV file", type=["csv", "txt"], key="data_import_file")
    if upload is None:
        return
    name = escape_markdown(upload.name)
    try:
        data = importer.read_upload(upload.getvalue())
    except importer.ImportFileError as error:
        st.error(f"{name}: {escape_markdown(error)}", icon=":material/error:")
        return
    frame = data.frame
    st.caption(f"{name}: {len(frame):,} rows, {len(frame.columns)} columns. First rows:")
    st.dataframe(frame.head(5), hide_index=True, width="stretch")
    earlier = importer.previous_import(store, data.digest)
    if earlier is not None:
        _already_imported(earlier)

    mapping, date_format = _mapping(frame)
    if not mapping["company"] or not mapping["role"]:
        st.warning("Choose the columns for company and role: every application needs both.",
                   icon=":material/warning:")
        return
    preview = importer.prepare_import(data, mapping, date_format, store.load("applications"),
                                      dates.now())
    _problems(preview)
    skip_duplicates = True
    if preview.duplicates:
        skip_duplicates = st.checkbox(
            f"Skip the {preview.duplicates} rows already in your applications (the same "
            "company, role and date applied)", value=True, key="data_import_skip_duplicates")
    keep = ~preview.duplicate.to_numpy() if skip_duplicates and preview.duplicates else None
    ready = preview.applications if keep is None else preview.applications[keep]
    ok = len(ready)
    if ok:
        st.markdown(f"**Ready to import {ok} applications:**")
        shown = ready[["company", "role", "date_applied", "stage", "outcome"]].head(50)
        st.dataframe(shown.assign(date_applied=shown["date_applied"].dt.date),
                     hide_index=True, width="stretch")
    elif preview.duplicates:
        st.info("Every good row is already in your applications: nothing new to import.",
                icon=":material/info:")
    skip_ok = True
    if preview.problems and ok:
        skip_ok = st.checkbox(f"Skip the {preview.bad_rows} rows with problems",
                              key="data_import_skip")
    go = st.button(f"Import {ok} applications", type="primary", disabled=not ok or not skip_ok,
                   icon=":material/upload:", key="data_import_go")
    if go and attempt(lambda: importer.apply_import(store, preview, upload.name, data.digest,
                                                    skip_duplicates)):
        flash(f"Imported {ok} applications from {name}. Changed your mind? Undo it in one "
              "step on the Backups tab.")
        st.rerun()


def _mapping(frame: pd.DataFrame) -> tuple[dict[str, str | None], str]:
    """Which uploaded column holds each of ours (suggested, then the person's choice), and
    how the dates are written."""
    suggested = importer.suggest_mapping(list(frame.columns))
    choices = ["(none)", *frame.columns]
    mapping: dict[str, str | None] = {}
    st.markdown("**Which of your columns holds what?**")
    grid = st.columns(3)
    for i, ours in enumerate(importer.IMPORTABLE):
        default = suggested.get(ours)
        picked = grid[i % 3].selectbox(
            ours.replace("_", " ").capitalize(),
            choices,
            index=choices.index(default) if default else 0,
            key=f"data_import_map_{ours}",
        )
        mapping[ours] = None if picked == "(none)" else picked
    date_column = mapping.get("date_applied")
    guessed = importer.guess_date_format(frame[date_column]) if date_column else "YYYY-MM-DD"
    labels = list(importer.DATE_FORMATS)
    date_format = st.radio("Dates are written as", labels, index=labels.index(guessed),
                           horizontal=True, key="data_import_date_format")
    return mapping, date_format


def _problems(preview: importer.ImportPreview) -> None:
    if not preview.problems:
        return
    st.warning(
        f"{preview.bad_rows} of {preview.total_rows} rows have problems and would be "
        "skipped. Fix them in the file and upload it again, or import the rest.",
        icon=":material/warning:",
    )
    st.dataframe(
        pd.DataFrame({"row": [p.row for p in preview.problems],
                      "column": [p.column or "" for p in preview.problems],
                      "problem": [p.message for p in preview.problems]}),
        hide_index=True, width="stretch",
    )


def _already_imported(unit: Unit) -> None:
    when = unit.describe().split(" · ")[0]
    with st.container(border=True):
        st.info(
            f"You imported this file before: {when}, {unit.rows} rows. Importing it again "
            "would add them twice, so the rows already in your applications are skipped "
            "below.",
            icon=":material/content_copy:",
        )
        undo_button(unit, key_suffix="upload")


def undo_button(unit: Unit, key_suffix: str = "") -> None:
    if st.button("Undo that import", key=f"undo_import_{unit.id}_{key_suffix}",
                 icon=":material/undo:"):
        ask_to_confirm(UNDO, unit=unit.id, label=unit.label, rows=unit.rows)


def undo_dialog(store: Store) -> None:
    """The confirmation for undoing an import, whichever tab's Undo button opened it (drawn
    once per run: a page can show one dialog at a time)."""
    pending = st.session_state.get(f"confirm_{UNDO}")
    if not pending:
        return
    confirm(
        UNDO,
        "Undo this import?",
        f"This takes back the {escape_markdown(pending.get('label'))}: the {pending.get('rows')} "
        "applications it added and their events (also ones logged since). Nothing else "
        "changes, and the tables as they are now are kept as backups.",
        "Undo the import",
        lambda payload: (importer.undo_import(store, payload["unit"]),
                         flash("Import undone.", ":material/undo:")),
    )
