"""The data folder as the screens see it: everything of ``nextround.storage`` they may use.

The screens (``components/``, ``pages/``) never import ``nextround.storage`` (a layer contract
in pyproject.toml): they write only through ``nextround.commands`` and take from here what
they read and show. The store itself is opened for them by the composition root
(``components.shared.store``, through ``nextround.commands.data.open_folder``) and typed as
``Store`` below; they call only its reading methods
(``load_with_version``, ``version``, ``backups``, ``units``, ...), which
``tests/unit/test_layers.py`` checks. Kept to names, never whole modules, so this file is the
list of what the screens depend on.
"""

from __future__ import annotations

from nextround.storage.backups import Backup, Unit
from nextround.storage.doctor import emptied_parents
from nextround.storage.errors import (
    DataFileError,
    NextRoundError,
    StaleDataError,
    ValidationError,
    os_failure,
)
from nextround.storage.importer import (
    IMPORTABLE,
    UPLOAD_TYPES,
    Answers,
    ImportFileError,
    ImportPreview,
    Questions,
    Upload,
    apply_fixes,
    ask,
    first_answers,
    linkedin_kind,
    prepare_import,
    previous_import,
    read_upload,
    remembered,
)
from nextround.storage.imports.dates import DAY_FIRST, MONTH_FIRST
from nextround.storage.imports.values import NO_OUTCOME, choice_label, status_choices
from nextround.storage.paths import default_data_dir, sample_dir
from nextround.storage.schema import (
    CHANNELS,
    EVENT_KINDS,
    INTERVIEW_TYPES,
    OUTCOMES,
    PRIORITIES,
    STAGES,
    TABLES,
)
from nextround.storage.store import Store
from nextround.storage.transfer import (
    export_csv_bytes,
    export_zip,
    formula_cells,
    spreadsheet_csv_bytes,
)
from nextround.storage.validation import EARLIEST_DATE, application_errors, event_errors

__all__ = [
    # the file format's words
    "CHANNELS",
    "DAY_FIRST",
    # checking a form before it is saved (the same rules the store applies)
    "EARLIEST_DATE",
    "EVENT_KINDS",
    # reading a file to import and asking about it (``commands.data`` imports it)
    "IMPORTABLE",
    "INTERVIEW_TYPES",
    "MONTH_FIRST",
    "NO_OUTCOME",
    "OUTCOMES",
    "PRIORITIES",
    "STAGES",
    "TABLES",
    "UPLOAD_TYPES",
    "Answers",
    # backups and the record of changes; a folder emptied by another program
    "Backup",
    "DataFileError",
    "ImportFileError",
    "ImportPreview",
    "NextRoundError",
    "Questions",
    "StaleDataError",
    # the handle, and the errors a screen catches
    "Store",
    "Unit",
    "Upload",
    "ValidationError",
    "application_errors",
    "apply_fixes",
    "ask",
    "choice_label",
    "default_data_dir",
    "emptied_parents",
    "event_errors",
    # exporting
    "export_csv_bytes",
    "export_zip",
    "first_answers",
    "formula_cells",
    "linkedin_kind",
    "os_failure",
    "prepare_import",
    "previous_import",
    "read_upload",
    "remembered",
    "sample_dir",
    "spreadsheet_csv_bytes",
    "status_choices",
]
