"""Sample data: writing the sample into its own folder, and switching to it and back.

The sample lives in a folder of its own beside the person's data (``storage.paths.sample_dir``),
so trying the app never touches their tables; which folder the app shows is a mark in the real
folder's meta file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from nextround.demo import SAMPLE_MARK, build
from nextround.storage.paths import sample_dir
from nextround.storage.store import Store

#: The mark in the real folder's meta file that says the sample is being shown.
VIEWING = "viewing_sample"


def write_sample(data_dir: Path, today: date, applications: int = 15, seed: int = 7) -> Store:
    """Write the sample into a data folder, replacing whatever tables of ours are there, as one
    unit (applications and their events together, never events pointing at nothing), and mark
    the folder as sample data (so it can be written over again without asking)."""
    apps, events = build(today, applications, seed)
    store = Store(data_dir)
    store.apply("writing the sample data", [("applications", lambda _current: apps),
                                            ("events", lambda _current: events)],
                kind="sample", rows=len(apps))
    store.write_meta(**{SAMPLE_MARK: {name: store.version(name)
                                      for name in ("applications", "events")}})
    return store


def viewing_sample(real: Store) -> bool:
    """True while the person is trying the sample instead of their own data."""
    return bool(real.read_meta().get(VIEWING)) and sample_dir(real.data_dir).is_dir()


def start_sample(real: Store, today: date) -> Path:
    """Write fresh sample data into its own folder and switch to it; returns that folder."""
    folder = sample_dir(real.data_dir)
    write_sample(folder, today)
    real.write_meta(**{VIEWING: True})
    return folder


def leave_sample(real: Store, delete: bool) -> None:
    """Back to the person's own data; with ``delete``, the sample folder is removed (only ever
    the one inside their data folder)."""
    real.write_meta(**{VIEWING: False})
    folder = sample_dir(real.data_dir)
    if delete and folder.is_dir() and folder.parent == real.data_dir:
        shutil.rmtree(folder)
