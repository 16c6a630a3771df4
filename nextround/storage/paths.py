"""Where the user's data lives. The user never types a path into the app: folders come from the
environment or the defaults here, and file names from the schema."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "NEXTROUND_DATA_DIR"
SAMPLE_FOLDER = "sample"


def default_data_dir() -> Path:
    """NEXTROUND_DATA_DIR if set, else ./data beside app.py."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser().resolve() if configured else PROJECT_ROOT / "data"


def sample_dir(data_dir: Path) -> Path:
    """The sample data lives in its own folder so it is never mixed into real data."""
    return data_dir / SAMPLE_FOLDER
