"""The one door every page goes through: the shell first, then one guarded load of the tables it
reads, then one cached view built from them.

A page file starts with ``open_screen`` (nothing can be drawn before the shell is in place: a
test reads every page file and fails when anything comes before it), reads its tables with
``snapshot_or_stop`` (a broken file shows the friendly panel, whichever table it is), and asks
``cached_view`` for its view model, which is rebuilt only when one of those tables changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from types import CodeType
from typing import TypeVar

import streamlit as st

from components.shared.feedback import broken_file
from components.shared.navigation import require_app_shell
from components.shared.store import get_store
from nextround.data_folder import Store
from nextround.views.markup import escape_markdown
from nextround.views.snapshot import BrokenTables, Snapshot

T = TypeVar("T")


_SCREEN = "screen_current"
_FORM_VERSIONS = "screen_form_versions"


def open_screen(title: str, caption: str | None = None) -> None:
    """A page's first call: make sure the app shell (navigation, sidebar) is in place, then
    draw the page's one title. Coming to a page from another one starts its forms afresh."""
    require_app_shell()
    if st.session_state.get(_SCREEN) != title:
        st.session_state[_SCREEN] = title
        forget_form_versions()
    st.title(title)
    if caption:
        st.caption(caption)
    folder_check(get_store())


def folder_check(store: Store) -> None:
    """What is wrong with the data folder, on every page: a folder that cannot be used at all
    (a file, no permission, a newer schema) stops the page with the reason and the way out;
    one that only limits the app (read-only) is a warning above the page."""
    if store.problem:
        st.error(escape_markdown(store.problem), icon=":material/folder_off:")
        st.stop()
    for warning in store.folder_warnings():
        st.warning(escape_markdown(warning), icon=":material/warning:")


def snapshot_or_stop(store: Store, *tables: str) -> Snapshot:
    """Every table the page reads, loaded once; a file that cannot be read is explained (all of
    them, each with its way out) and the page stops there, before any button can touch it."""
    try:
        return Snapshot.load(store, tables)
    except BrokenTables as broken:
        for error in broken.errors:
            broken_file(store, error)
        st.stop()
        raise  # st.stop() does not return; this keeps type checkers content


@st.cache_resource(show_spinner=False, max_entries=32)
def _views(key: tuple, _build: Callable[[], T]) -> T:
    return _build()


def build_key(build: Callable[..., object]) -> Hashable:
    """What identifies a view's build function across reruns: its code (the file and line it is
    written on, its name, its bytecode, the names and constants it uses) and the defaults bound
    to it (``lambda s, table=name: ...``).

    A page script runs afresh on every rerun, so a lambda in it is a new object each time; its
    code is the same, so the same build finds its view again. Two builds that differ in any way
    (another line, another body, another file) never share an entry, and no name string has to
    be kept in step with the code. A ``functools.partial`` is keyed on its function and the
    arguments bound to it. Plain values only: Streamlit's cache hashes the key and cannot hash
    a code object.
    """
    if isinstance(build, partial):
        return (build_key(build.func), build.args, tuple(sorted(build.keywords.items())))
    code = getattr(build, "__code__", None)
    if code is None:  # a callable object: itself, so it must be hashable
        return (type(build).__qualname__, build)
    return (_code_digest(code), getattr(build, "__defaults__", None))


@lru_cache(maxsize=4096)
def _code_digest(code: CodeType) -> str:
    """``_code_key`` as a short digest, worked out once per code object: a page's lambdas are
    the same code objects on every rerun (Streamlit keeps the compiled script), and the cache
    then hashes 32 characters instead of the code's whole description (a view's lookup took
    0.28 ms, 0.2 after; Home asks for nine a run)."""
    return hashlib.blake2b(repr(_code_key(code)).encode(), digest_size=16).hexdigest()


def _code_key(code: CodeType) -> tuple:
    consts = tuple(_code_key(c) if isinstance(c, CodeType) else (type(c).__name__, repr(c))
                   for c in code.co_consts)
    return (code.co_filename, code.co_firstlineno, code.co_qualname, code.co_code,
            code.co_names, consts)


def cached_view(snapshot: Snapshot, build: Callable[[Snapshot], T], *params: Hashable) -> T:
    """``build(snapshot)`` once per change of the snapshot's tables (or of ``params``), shared by
    every session, keyed on the build itself (``build_key``). ``params`` are the other values
    the build reads (today, the chosen interview), so a change of any of them builds anew.

    A resource cache: the view is not copied on each rerun, so pages only read it. This is what
    keeps a page quick with tens of thousands of applications."""
    return _views((build_key(build), snapshot.key, params), lambda: build(snapshot))


def form_version(form: str, snapshot: Snapshot, table: str) -> str:
    """The table's version when this form was first drawn since the page was opened.

    A save from the form is checked against it, so a change another tab saved in the meantime
    to the rows this save touches is refused with the reload message rather than overwritten,
    however many reruns came in between (a version read on each rerun would let the stale form
    through); a change to other rows is no conflict (see ``nextround.storage.conflicts``).
    """
    versions = st.session_state.setdefault(_FORM_VERSIONS, {})
    return versions.setdefault((form, table), snapshot.version(table))


def forget_form_versions(*tables: str) -> None:
    """After this tab's own save to ``tables``, the forms over them start from the new version
    (the change is this tab's doing). Forms over other tables keep the version they were drawn
    from: a form still holding text typed before another tab's change must not be made to look
    fresh by an unrelated save (a checklist tick once let a stale practice answer overwrite the
    other tab's). With no tables, every form starts afresh (a page opened anew)."""
    versions = st.session_state.get(_FORM_VERSIONS)
    if not versions:
        return
    if not tables:
        st.session_state.pop(_FORM_VERSIONS, None)
        return
    for key in [k for k in versions if k[1] in tables]:
        del versions[key]


@contextmanager
def drawn_by_the_page(key: str, made: object) -> Iterator[None]:
    """While the page's full run draws its named fragments, ``made`` (the view it built) is
    kept under ``key`` for them to draw; on their own reruns (a click's, by name) there is none
    and each reads the files again. Asking the cached views again from every fragment cost a
    full run of Home about 8 ms of its 20."""
    st.session_state[key] = made
    try:
        yield
    finally:
        st.session_state.pop(key, None)
