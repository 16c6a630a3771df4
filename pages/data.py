"""Data: your files, import, export, backups and the sample folder."""

import streamlit as st

from components.data.importing import import_section, undo_dialog
from components.data.mail import mail_section
from components.data.sections import (
    backups_section,
    export_section,
    files_section,
    sample_section,
)
from components.shared.screen import open_screen
from components.shared.store import get_store

open_screen("Your data")
store = get_store()
files, importing, mail, exporting, backups, sample = st.tabs(
    ["Files", "Import", "Mail", "Export", "Backups", "Sample data"]
)
with files:
    files_section(store)
with importing:
    import_section(store)
with mail:
    mail_section(store)
with exporting:
    export_section(store)
with backups:
    backups_section(store)
with sample:
    sample_section()
undo_dialog(store)
