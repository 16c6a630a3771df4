"""How pages report a broken file and the outcome of a save, so every page treats a broken file,
a stale tab, a full disk and a successful save the same way."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import pandas as pd
import streamlit as st

from nextround.commands.data import quarantine_table
from nextround.commands.data import restore_backup as restored
from nextround.data_folder import (
    DataFileError,
    NextRoundError,
    Store,
    ValidationError,
    emptied_parents,
    os_failure,
)
from nextround.views.markup import escape_markdown

_FLASH = "flash_messages"
_LOG = logging.getLogger("nextround")
#: Set (to anything) to let an unexpected error through to Streamlit's own display, for
#: development and the test suite, which must see a page that crashed.
DEBUG_ENV = "NEXTROUND_DEBUG"


def flash(message: str, icon: str = ":material/check_circle:") -> None:
    """A toast that survives the st.rerun that usually follows a save. ``message`` is
    Markdown: callers escape any user text in it."""
    st.session_state.setdefault(_FLASH, []).append((message, icon))


def show_flashes() -> None:
    for message, icon in st.session_state.pop(_FLASH, []):
        st.toast(message, icon=icon)


def broken_file(store: Store, error: DataFileError) -> None:
    # The name is the table's own (from the schema); the folder around it is the user's.
    st.error(f"**{error.path.name} cannot be read.** The file is untouched.",
             icon=":material/error:")
    st.markdown("What is wrong (rows count like a spreadsheet, the header is row 1):")
    st.dataframe(
        pd.DataFrame(
            {
                "row": [p.row for p in error.problems],
                "column": [p.column or "" for p in error.problems],
                "problem": [p.message for p in error.problems],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(f"File: {escape_markdown(error.path)}")
    latest = store.latest_readable_backup(error.table)
    st.markdown(
        "Fix it in a text editor or spreadsheet, save it as CSV UTF-8, and press **Reload**. "
        + ("Or put back the latest backup that reads cleanly (the broken file is kept in the "
           "quarantine folder). " if latest else "")
        + "Or keep a quarantine copy and start this table empty."
    )
    # One row of buttons each as wide as its words: equal columns cut "Restore the backup
    # from Mon 7 Dec 2026, 17:45" off.
    buttons = st.container(horizontal=True)
    if buttons.button("Reload", key=f"broken_reload_{error.table}", icon=":material/refresh:"):
        st.rerun()
    if latest:
        restore_latest_button(store, error.table, latest, buttons)
    if buttons.button(
        "Quarantine the file and start fresh",
        key=f"broken_quarantine_{error.table}",
        icon=":material/move_item:",
    ):
        ask_to_confirm(f"quarantine_{error.table}")
    confirm(
        f"quarantine_{error.table}",
        "Start this table fresh?",
        f"The broken {error.table} file will be moved to the quarantine folder, where you can "
        "still open it, and the app will start this table empty. Its backups stay.",
        "Move it and start fresh",
        lambda _: flash(f"Moved to {quarantine_table(store, error.table)} in the quarantine "
                        "folder."),
    )


def restore_latest_button(store: Store, table: str, latest: tuple, where=st) -> None:
    """A button (and its confirmation) that puts back the newest readable backup of a table."""
    backup, rows = latest
    when = backup.describe().split(" · ")[0]
    if where.button(f"Restore the backup from {when}", key=f"restore_latest_{table}",
                    icon=":material/restore:"):
        ask_to_confirm(f"restore_latest_{table}", path=str(backup.path))
    confirm(
        f"restore_latest_{table}",
        "Restore this backup?",
        f"The {table.replace('_', ' ')} table goes back to how it was on {when} "
        f"({rows:,} rows). The current file is kept first: as a backup, or in the quarantine "
        "folder if it cannot be read.",
        "Restore",
        lambda payload: restore_backup(store, table, payload["path"]),
    )


def restore_backup(store: Store, table: str, path: str) -> None:
    """Restore the backup at ``path`` (one the page listed) and say so."""
    backup = next((b for b in store.backups(table) if str(b.path) == path), None)
    if backup is None:
        raise NextRoundError("That backup is no longer in the backups folder.")
    restored(store, backup)
    flash(f"Restored the {table.replace('_', ' ')} backup from "
          f"{backup.describe().split(' · ')[0]}.", ":material/restore:")


def missing_data_notice(store: Store) -> bool:
    """Instead of the first-run welcome when the applications are empty but not new: the file
    was moved to the quarantine folder, or it is empty while other tables point at it. Says
    what happened and offers the way back. False when there is nothing to say."""
    emptied = emptied_parents(store)
    set_aside = store.quarantined("applications")
    if not emptied and not set_aside:
        return False
    with st.container(border=True):
        if emptied:
            st.warning(escape_markdown(emptied[0]), icon=":material/warning:")
        else:
            st.warning(
                "**Your applications are not lost.** The applications file could not be read, "
                f"so it was moved to the quarantine folder ({escape_markdown(set_aside[0].name)}"
                ") and the app started the table empty. Put back a backup, or fix the "
                "quarantined file and copy it back as applications.csv.",
                icon=":material/inventory_2:",
            )
        latest = store.latest_readable_backup("applications")
        if latest:
            restore_latest_button(store, "applications", latest)
        st.caption("Every backup is listed on the Data page. Starting afresh on purpose? Add "
                   "your first application on Pipeline.")
    return True


def tables_unreadable(store: Store, task: str, *tables: str, after: str = "") -> bool:
    """True (with a warning saying which files) when a task that reads and writes several
    tables at once cannot start because one of them cannot be read."""
    blocked = [name for name in tables if store.check(name)]
    if blocked:
        st.warning(f"{task} needs {' and '.join(f'{n}.csv' for n in blocked)} to be readable: "
                   f"fix or restore it on the Files tab first.{after}",
                   icon=":material/warning:")
    return bool(blocked)


def ask_to_confirm(key: str, **payload: object) -> None:
    """Open the confirmation dialog ``key`` (drawn by ``confirm``) on this and later runs."""
    st.session_state[f"confirm_{key}"] = payload


def confirm(
    key: str,
    title: str,
    message: str,
    action_label: str,
    on_confirm: Callable[[dict], object],
) -> None:
    """A confirmation dialog that stays open until answered, across reruns.

    The open state lives in session state rather than in the button that opened it, because a
    click inside a dialog reruns the script, and by then that button is no longer pressed.
    """
    state_key = f"confirm_{key}"
    if state_key not in st.session_state:
        return

    def close() -> None:
        st.session_state.pop(state_key, None)

    @st.dialog(title, on_dismiss=close)
    def _dialog() -> None:
        st.write(message)
        yes, no = st.columns(2)
        if yes.button(action_label, type="primary", key=f"{state_key}_yes"):
            payload = st.session_state.pop(state_key, {})
            if attempt(lambda: on_confirm(payload)):
                st.rerun()
        if no.button("Cancel", key=f"{state_key}_no"):
            close()
            st.rerun()

    _dialog()


def _failure(error: NextRoundError | OSError) -> tuple[str, str]:
    """Why a save failed (stale tab, invalid row, disk full), and its icon. The reasons quote
    cells and paths, so they are escaped: a value such as "![x](https://...)" in a refused row
    is text, never an image fetched from elsewhere. A refusal of the operating system that is
    not the store's own error still gets a sentence, not a traceback."""
    if isinstance(error, OSError):
        return escape_markdown(os_failure(error)), ":material/error:"
    icon = ":material/block:" if isinstance(error, ValidationError) else ":material/error:"
    return escape_markdown(error), icon


def attempt(action: Callable[[], object], success: str | None = None) -> bool:
    """Run a save; show why it failed or flash success."""
    try:
        action()
    except (NextRoundError, OSError) as error:
        message, icon = _failure(error)
        st.error(message, icon=icon)
        return False
    if success:
        flash(success)
    return True


def attempt_in_callback(action: Callable[[], object], slot: str, success: str,
                        icon: str = ":material/check_circle:") -> bool:
    """``attempt`` for a widget's callback, which runs before the run the click starts (one run
    then draws the result, where a save followed by st.rerun draws the page twice): success is
    flashed, and why it failed is kept under ``slot`` for ``show_failure`` on that run."""
    try:
        action()
    except (NextRoundError, OSError) as error:
        st.session_state[slot] = _failure(error)
        return False
    flash(success, icon)
    return True


def show_failure(slot: str) -> None:
    """The failure ``attempt_in_callback`` kept under ``slot``, if any, shown once."""
    failed = st.session_state.pop(slot, None)
    if failed:
        st.error(failed[0], icon=failed[1])


def run_guarded(run: Callable[[], object]) -> None:
    """Run a page; an error nobody foresaw ends it with a sentence, never a traceback.

    Streamlit's own display of an uncaught error is off (``client.showErrorDetails = "none"``
    in .streamlit/config.toml), because it would show local paths and the error's text, and
    offer links that send that text to a search engine. The traceback goes to the terminal the
    app runs in instead. Streamlit's stop and rerun are not errors (they are not ``Exception``)
    and pass through.
    """
    try:
        run()
    except Exception:
        if os.environ.get(DEBUG_ENV):
            raise
        _LOG.exception("An unexpected error stopped the page")
        unexpected_error()


def unexpected_error() -> None:
    """The panel for an error the app did not expect: what happened, that the data is safe, and
    the way on."""
    st.error(
        "**Something went wrong on this page, and it stopped.** Your data is safe: Next Round "
        "writes a file only whole, so what you saved before is in your data folder as it was.",
        icon=":material/sentiment_dissatisfied:",
    )
    st.markdown("Press **Reload** to try again, or open another page. If it happens again, the "
                "details are in the window where Next Round is running.")
    if st.button("Reload", key="unexpected_error_reload", icon=":material/refresh:"):
        st.rerun()
