"""Which data folder this session works on (the user's, or the separate sample folder) and the
one Store per folder, shared by every session of the server so they share its cache and locks."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import TypeVar

import streamlit as st

from nextround import demo
from nextround.storage.paths import default_data_dir, sample_dir
from nextround.storage.store import Store

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    store = Store(path)
    store.migrate()
    return store


def real_store() -> Store:
    return _store(str(default_data_dir()))


def viewing_sample() -> bool:
    real = real_store()
    return bool(real.read_meta().get("viewing_sample")) and sample_dir(real.data_dir).is_dir()


def get_store() -> Store:
    """The store every page reads and writes: the sample one while the user is trying it."""
    real = real_store()
    if viewing_sample():
        return _store(str(sample_dir(real.data_dir)))
    return real


def start_sample(today: date) -> None:
    """Write fresh sample data into its own folder and switch to it."""
    real = real_store()
    folder = sample_dir(real.data_dir)
    demo.write(folder, today)
    _store.clear()
    real_store().write_meta(viewing_sample=True)


def leave_sample(delete: bool) -> None:
    """Back to the user's own data; optionally remove the sample folder."""
    real = real_store()
    real.write_meta(viewing_sample=False)
    folder: Path = sample_dir(real.data_dir)
    if delete and folder.is_dir() and folder.parent == real.data_dir:
        shutil.rmtree(folder)
    _store.clear()


@st.cache_resource(show_spinner=False, max_entries=64)
def _memo(key: tuple, _compute: Callable[[], T]) -> T:
    return _compute()


def cached(store: Store, tables: tuple[str, ...], name: str, compute: Callable[[], T],
           *params: Hashable) -> T:
    """``compute()`` once per change of the tables' files (or of ``params``), shared by every
    session. A resource cache: the result is not copied on each rerun, so callers only read it.
    This is what keeps a page quick with tens of thousands of applications."""
    key = (str(store.data_dir), name, tuple(store.version(t) for t in tables), params)
    return _memo(key, compute)
