"""The Data page's import: upload, match the columns, answer what the file leaves open (how its
dates are written, what its status words mean), fix the rows that cannot go in as they are, then
import as one unit.

A second upload of the same file is recognised (and the rows already there are skipped by
default), an import can be undone in one step, and every name or cell read from the file is
shown as text: the file name, the values in labels and the reasons go through
``escape_markdown``, cells through dataframes.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json

import pandas as pd
import streamlit as st

from components.shared.feedback import ask_to_confirm, attempt, confirm, flash, tables_unreadable
from nextround.domain import dates
from nextround import data_folder as folder
from nextround.commands.data import apply_import, undo_import
from nextround.data_folder import DAY_FIRST, MONTH_FIRST, OUTCOMES, Store, Unit
from nextround.text import plural
from nextround.views.markup import escape_markdown

UNDO = "undo_import"
PREFIX = "data_import_"
ORDER_LABELS = {DAY_FIRST: "Day first (31/12/2026)", MONTH_FIRST: "Month first (12/31/2026)"}
MAX_VALUES_ASKED = 60
MAX_FIX_ROWS = 200


def shape_token(data: folder.Upload) -> str:
    """What makes a file's preview its own: the file, its sheet and whether its first row
    holds names. Every widget of a preview carries it in its key, so that a new file (or the
    other reading of the same one) starts from its own suggestions: a browser sends back the
    values of widgets it still has, whatever was deleted from the session."""
    shape = f"{data.digest}|{data.sheet}|{data.has_header}"
    return hashlib.sha1(shape.encode()).hexdigest()[:10]


def _key(name: str) -> str:
    """The key of one of the current preview's widgets."""
    return f"{PREFIX}{name}_{st.session_state[f'{PREFIX}token']}"


def value_key(kind: str, value: str) -> str:
    """The key (before the preview's token) of one status or outcome value's choice (values
    can hold anything)."""
    return f"{kind}_{hashlib.sha1(value.encode()).hexdigest()[:12]}"


def fix_key(lines: list[int]) -> str:
    """The key (before the preview's token) of the table of refused rows: its own for each set
    of rows, so that edits made to one set are never applied to another."""
    return f"fix_{hashlib.sha1(repr(sorted(lines)).encode()).hexdigest()[:8]}"


def import_section(store: Store) -> None:
    st.write(
        "Bring in applications from a spreadsheet or another tracker: CSV or text in any "
        "encoding, Excel (.xlsx, .xls), OpenDocument (.ods) or LinkedIn's export. Match its "
        "columns to ours, say what its status words mean, check the preview, then import. An "
        "import adds everything or nothing, and can be undone in one step."
    )
    if tables_unreadable(store, "Import", "applications", "events",
                         after=" Nothing is imported halfway."):
        return
    upload = st.file_uploader("Your file", type=folder.UPLOAD_TYPES, key=f"{PREFIX}file")
    if upload is None:
        return
    name = escape_markdown(upload.name)
    data = _read(upload.name, upload.getvalue())
    if data is None:
        return
    frame = data.frame
    st.caption(f"{name}: {plural(len(frame), 'row')}, {plural(len(frame.columns), 'column')}. "
               "First rows:")
    st.dataframe(frame.head(5), hide_index=True, width="stretch")
    earlier = folder.previous_import(store, data.digest)
    if earlier is not None:
        _already_imported(earlier)

    settings = store.load("settings") if store.check("settings") is None else None
    cached = st.session_state.get(f"{PREFIX}start")
    if cached is None or cached[0] is not data:  # worked out once per file read
        cached = (data, folder.first_answers(data, settings))
        st.session_state[f"{PREFIX}start"] = cached
    start = copy.deepcopy(cached[1])
    if folder.remembered(settings, list(frame.columns)) if settings is not None else None:
        st.info("A file with these columns came before: your answers then are filled in.",
                icon=":material/history:")
    answers = _mapping(frame, start)
    if not answers.mapping["company"] or not answers.mapping["role"]:
        st.warning("Choose the columns for company and role: every application needs both.",
                   icon=":material/warning:")
        return
    # The fixes typed in the table of refused rows (as of the last run): a status typed there
    # is asked about in the value step like any other.
    seen = st.session_state.get(_key("fix_seen"), {})
    answers.fixes = dict(seen)
    questions = folder.ask(folder.apply_fixes(data, answers), answers.mapping)
    _date_questions(questions, answers, list(frame.columns))
    _value_step(questions, answers, start)
    existing, version = store.load_with_version("applications")
    refused = _prepared(data, dataclasses.replace(answers, fixes={}), existing, version)
    fixes = _fix_rows(data, answers, refused)
    if fixes != seen:
        st.session_state[_key("fix_seen")] = fixes
        st.rerun()  # once per edit: the questions above take the fixed cells into account
    preview = _prepared(data, answers, existing, version) if fixes else refused
    fixed = [line for line in answers.fixes if line in preview.lines]
    if fixed:
        st.caption(f":material/check: {plural(len(fixed), 'fixed row')} now "
                   f"{'goes' if len(fixed) == 1 else 'go'} in with the others.")
    open_points = questions.open_points(answers)
    _problems(preview, bool(open_points))
    for warning in preview.warnings:
        st.warning(escape_markdown(warning), icon=":material/info:")
    skip_duplicates = True
    if preview.duplicates:
        skip_duplicates = st.checkbox(
            f"Skip the {plural(preview.duplicates, 'row')} already in your applications (the same "
            "company, role and date applied)", value=True, key=_key("skip_duplicates"))
    keep = ~preview.duplicate.to_numpy() if skip_duplicates and preview.duplicates else None
    ready = preview.applications if keep is None else preview.applications[keep]
    ok = len(ready)
    if ok:
        st.markdown(f"**Ready to import {plural(ok, 'application')}:**")
        shown = ready[["company", "role", "date_applied", "stage", "outcome"]].head(50)
        st.dataframe(shown.assign(date_applied=shown["date_applied"].dt.date,
                                  outcome=shown["outcome"].fillna("")),  # blank, not "None"
                     hide_index=True, width="stretch")
    elif preview.duplicates:
        st.info("Every good row is already in your applications: nothing new to import.",
                icon=":material/info:")
    skip_ok = True
    if preview.problems and ok and not open_points:
        skip_ok = st.checkbox(f"Skip the {plural(preview.bad_rows, 'row')} with problems",
                              key=_key("skip_bad"))
    if open_points:
        st.caption(f"To import, answer above: {'; '.join(open_points)}.")
    go = st.button(f"Import {plural(ok, 'application')}" if ok else "Nothing new to import",
                   type="primary",
                   disabled=not ok or not skip_ok or bool(open_points),
                   icon=":material/upload:", key=f"{PREFIX}go")
    remember = (list(frame.columns), answers)
    if go and attempt(lambda: apply_import(store, preview, upload.name, data.digest,
                                                    skip_duplicates, remember)):
        flash(f"Imported {plural(ok, 'application')}. To take it back: Backups, Undo.")
        st.rerun()


def _prepared(data: folder.Upload, answers: folder.Answers, existing: pd.DataFrame,
              version: str) -> folder.ImportPreview:
    """The preview for these answers, worked out once: a click elsewhere on the page (or on
    another tab of it) does not check a large file's rows again."""
    key = (data.digest, data.sheet, data.has_header, answers.to_json(), answers.year,
           json.dumps(sorted(answers.fixes.items())), version, dates.today().isoformat())
    memo = st.session_state.setdefault(f"{PREFIX}previews", {})
    if key not in memo:
        if len(memo) >= 4:
            memo.pop(next(iter(memo)))
        memo[key] = folder.prepare_import(data, answers, existing, dates.now())
    return memo[key]


def _read(file_name: str, raw: bytes) -> folder.Upload | None:
    """The upload read (the sheet and the header row as the person chose), kept for the
    session so that later clicks do not read the file again; None after an error shown."""
    digest = hashlib.sha256(raw).hexdigest()
    sheet_key = f"{PREFIX}sheet_{digest[:10]}"
    sheet = st.session_state.get(sheet_key)
    header_key = f"{PREFIX}header_{hashlib.sha1(f'{digest}|{sheet}'.encode()).hexdigest()[:10]}"
    header = st.session_state.get(header_key)
    cached = st.session_state.get(f"{PREFIX}read")
    if cached is not None and cached[0] == digest and (sheet is None or sheet == cached[1]) and (
            header is None or header == cached[2]):
        data = cached[3]  # the same file, sheet and header row as last run: read already
    else:
        try:
            data = folder.read_upload(raw, file_name, sheet=sheet, header=header)
            st.session_state[f"{PREFIX}read"] = (digest, data.sheet, data.has_header, data)
        except folder.ImportFileError as error:
            data = error
            st.session_state[f"{PREFIX}read"] = (digest, sheet, header, error)
    if isinstance(data, folder.ImportFileError):
        st.error(f"{escape_markdown(file_name)}: {escape_markdown(data)}", icon=":material/error:")
        return None
    st.session_state[f"{PREFIX}token"] = shape_token(data)
    if len(data.sheets) > 1:
        st.selectbox("Sheet", data.sheets, index=data.sheets.index(data.sheet), key=sheet_key,
                     help="The workbook has several sheets: choose the one with your "
                          "applications.")
    st.checkbox("The first row holds column names", value=data.has_header, key=header_key,
                help="Untick when the first row is already an application: the columns are "
                     "then called Column A, Column B and so on, for you to match below.")
    if not data.header_found and not data.has_header:
        st.info("The first row looks like an application (a date, an address or a link), "
                "not column names: it is read as data, and the columns are called by their "
                "letters. Match them below.", icon=":material/table_rows:")
    return data


def _mapping(frame: pd.DataFrame, start: folder.Answers) -> folder.Answers:
    """Which uploaded column holds each of ours (suggested, then the person's choice)."""
    kind = folder.linkedin_kind(list(frame.columns))
    if kind:
        st.info(
            ("This is LinkedIn's export of your job applications: each row comes in as "
             "applied on its application date.") if kind == "applications" else
            ("These are the jobs you saved on LinkedIn: they come in as your wishlist."),
            icon=":material/work:")
        if kind == "applications":
            st.caption("Its 'Contact Email' is your own address (the one you applied with), "
                       "so it is not used as a contact.")
    choices = ["(none)", *frame.columns]
    mapping: dict[str, str | None] = {}
    st.markdown("**Which of your columns holds what?**")
    grid = st.columns(3)
    for i, ours in enumerate(folder.IMPORTABLE):
        default = start.mapping.get(ours)
        picked = grid[i % 3].selectbox(
            ours.replace("_", " ").capitalize(),
            choices,
            index=choices.index(default) if default in choices else 0,
            key=_key(f"map_{ours}"),
        )
        mapping[ours] = None if picked == "(none)" else picked
    return folder.Answers(mapping, start.order, None, dict(start.statuses),
                            dict(start.outcomes))


def _date_questions(questions: folder.Questions, answers: folder.Answers,
                    columns: list[str]) -> None:
    """Day/month order (settled by the values when one has a 13 or more) and the year of
    dates written without one: asked, never guessed."""
    column = questions.dates
    if column is None or not (column.numeric or column.yearless):
        answers.order = answers.order if column is not None else None
        return
    if column.numeric:
        settled = column.order
        options = [DAY_FIRST, MONTH_FIRST]
        index = options.index(settled or answers.order) if (settled or answers.order) else None
        answers.order = st.radio(
            "Dates are written as", options, index=index, horizontal=True,
            format_func=ORDER_LABELS.get, key=_key("date_order"),
            disabled=settled is not None,
            help="Which of the two numbers is the day. A value with 13 or more in one place "
                 "settles it for the whole column.")
        if settled and column.settled_by:
            st.caption(f"Settled by {escape_markdown(column.settled_by)} in your dates.")
        elif column.ambiguous:
            st.caption(f"{plural(column.ambiguous, 'date')} read either way (such as 03/04): "
                       + ("check the choice above (LinkedIn writes month first)."
                          if folder.linkedin_kind(columns) else
                          "check the choice above (your answer for these columns last time)."
                          if answers.order else "say which comes first."))
    if column.yearless:
        this_year = dates.today().year
        years = list(range(this_year, this_year - 6, -1))
        answers.year = st.selectbox(
            f"Year of the {column.yearless} dates written without one (such as "
            f"{escape_markdown(column.yearless_example)})", years, index=None,
            placeholder="Choose the year", key=_key("year"))


def _value_step(questions: folder.Questions, answers: folder.Answers,
                start: folder.Answers) -> None:
    """Every distinct status and outcome value, its row count, and what it becomes here:
    proposed from the word list (or remembered), changeable, asked when unknown."""
    if questions.statuses:
        unknown = sum(1 for v, _, p in questions.statuses if v not in start.statuses and not p)
        with st.container(border=True, key=f"{PREFIX}statuses"):
            st.markdown("**What your status words mean**")
            st.caption("Each value of your status column, how many rows hold it and the stage "
                       "it becomes. Change any you would place otherwise."
                       + (" One is not a word we know: choose its stage." if unknown == 1 else
                          f" {unknown} are not words we know: choose a stage for each."
                          if unknown else ""))
            options = folder.status_choices()
            grid = st.columns(3)
            for i, (value, count, proposed) in enumerate(
                    questions.statuses[:MAX_VALUES_ASKED]):
                default = answers.statuses.get(value, proposed)
                picked = grid[i % 3].selectbox(
                    f"{escape_markdown(value)} · {plural(count, 'row')}",
                    options, index=options.index(default) if default in options else None,
                    format_func=folder.choice_label, placeholder="Choose a stage",
                    key=_key(value_key("status", value)))
                if picked is None:
                    answers.statuses.pop(value, None)
                else:
                    answers.statuses[value] = picked
            if len(questions.statuses) > MAX_VALUES_ASKED:
                st.warning(f"The status column holds {len(questions.statuses)} different "
                           "values: is it really the status? Rows with a value not listed "
                           "here wait until it is placed.", icon=":material/warning:")
    if questions.outcomes:
        with st.container(border=True, key=f"{PREFIX}outcomes"):
            st.markdown("**What your outcome words mean**")
            st.caption("An outcome is kept for closed applications; one left empty, or on an "
                       "open application, is left out.")
            options = [folder.NO_OUTCOME, *OUTCOMES]
            grid = st.columns(3)
            for i, (value, count, proposed) in enumerate(
                    questions.outcomes[:MAX_VALUES_ASKED]):
                default = answers.outcomes.get(value, proposed or folder.NO_OUTCOME)
                answers.outcomes[value] = grid[i % 3].selectbox(
                    f"{escape_markdown(value)} · {plural(count, 'row')}",
                    options, index=options.index(default) if default in options else 0,
                    format_func=lambda o: o or "(leave empty)",
                    key=_key(value_key("outcome", value)))


def _fix_rows(data: folder.Upload, answers: folder.Answers,
              refused: folder.ImportPreview) -> dict[int, dict[str, str]]:
    """An editable table of just the rows that cannot go in as they are (not those waiting for
    an answer above): what the person types there is imported with the rest."""
    waiting = ("choose above", "say above", "choose the year above")
    lines = sorted({p.row for p in refused.problems if p.row is not None
                    and not any(w in p.message for w in waiting)})
    if not lines:
        return {}
    if len(lines) > MAX_FIX_ROWS:
        st.caption(f"{plural(len(lines), 'row')} cannot go in as they are: the first "
                   f"{MAX_FIX_ROWS} can be fixed here. So many usually means a column is matched "
                   "to the wrong one of ours above.")
        lines = lines[:MAX_FIX_ROWS]
    # The columns named in the problems first, where the eye (and the cursor) starts.
    named = {ours for p in refused.problems for ours, theirs in answers.mapping.items()
             if theirs and p.column in (theirs, ours)}
    ours = sorted((o for o in folder.IMPORTABLE if answers.mapping.get(o)),
                  key=lambda o: o not in named)
    positions = [line - data.first_line for line in lines]
    original = pd.DataFrame(
        {o: ["" if v is None or v != v else str(v)
             for v in data.frame[answers.mapping[o]].iloc[positions]] for o in ours},
        index=pd.Index(lines, name="row"), dtype=object)
    reasons = {}
    for p in refused.problems:
        if p.row in reasons:
            reasons[p.row] += f"; {p.message}"
        else:
            reasons[p.row] = p.message
    st.markdown("**Fix the row that cannot go in as it is**" if len(lines) == 1 else
                f"**Fix the {len(lines)} rows that cannot go in as they are**")
    st.caption("Correct a cell here and the row is imported with the others; your file stays "
               "as it is. Dates may be written in any of the shapes above.")
    shown = original.assign(problem=[reasons.get(line, "") for line in lines])
    edited = st.data_editor(
        shown, key=_key(fix_key(lines)),
        width="stretch", num_rows="fixed", disabled=["_index", "problem"],
        column_config={"problem": st.column_config.TextColumn("Problem (as read)", width="large"),
                       **{o: st.column_config.TextColumn(o.replace("_", " ").capitalize())
                          for o in ours}})
    fixes: dict[int, dict[str, str]] = {}
    for line in lines:
        for o in ours:
            cell = edited.at[line, o]
            new = "" if cell is None or (isinstance(cell, float) and cell != cell) else str(cell)
            if new != original.at[line, o]:
                fixes.setdefault(line, {})[o] = new
    return fixes


def _problems(preview: folder.ImportPreview, waiting: bool) -> None:
    if not preview.problems:
        return
    st.warning(
        f"{preview.bad_rows} of {preview.total_rows} rows have problems and would be "
        "skipped." + (" Answer the questions above first." if waiting else
                      " Fix them in the table above, or import the rest."),
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
        lambda payload: (undo_import(store, payload["unit"]),
                         flash("Import undone.", ":material/undo:")),
    )
