"""How pages report a broken file and the outcome of a save, so every page treats a broken file,
a stale tab, a full disk and a successful save the same way."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from nextround.storage.errors import DataFileError, NextRoundError, ValidationError
from nextround.storage.store import Store

_FLASH = "flash_messages"


def flash(message: str, icon: str = ":material/check_circle:") -> None:
    """A toast that survives the st.rerun that usually follows a save."""
    st.session_state.setdefault(_FLASH, []).append((message, icon))


def show_flashes() -> None:
    for message, icon in st.session_state.pop(_FLASH, []):
        st.toast(message, icon=icon)


def broken_file(store: Store, error: DataFileError) -> None:
    st.error(
        f"**{error.path.name} cannot be read.** The file is untouched.", icon=":material/error:"
    )
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
    st.caption(f"File: {error.path}")
    st.markdown(
        "Fix it in a text editor or spreadsheet, save it as CSV UTF-8, and press **Reload**. "
        "Or keep a quarantine copy and start this table empty. A backup can also be restored "
        "on the Data page."
    )
    left, right = st.columns(2)
    if left.button("Reload", key=f"broken_reload_{error.table}", icon=":material/refresh:"):
        st.rerun()
    if right.button(
        "Quarantine the file and start fresh",
        key=f"broken_quarantine_{error.table}",
        icon=":material/move_item:",
    ):
        ask_to_confirm(f"quarantine_{error.table}")
    confirm(
        f"quarantine_{error.table}",
        "Start this table fresh?",
        f"The broken {error.table} file will be moved to the quarantine folder, where you can "
        "still open it, and the app will start this table empty.",
        "Move it and start fresh",
        lambda _: flash(f"Moved to {store.quarantine(error.table).name} in the quarantine folder."),
    )


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


def attempt(action: Callable[[], object], success: str | None = None) -> bool:
    """Run a save; show why it failed (stale tab, invalid row, disk full) or flash success."""
    try:
        action()
    except ValidationError as error:
        st.error(str(error), icon=":material/block:")
        return False
    except NextRoundError as error:
        st.error(str(error), icon=":material/error:")
        return False
    if success:
        flash(success)
    return True
