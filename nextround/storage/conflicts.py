"""When a save from a view read at an older version is a real conflict.

A whole-file check refused a save whenever anything in the file had changed: another tab's edit
of a different application refused yours. The rule here is narrower and still safe: a save is
refused when a row it touches (adds, changes or removes, by key) is not the same now as in the
version the view was read at. A save that touches only rows nobody else changed goes through,
on top of the other tab's changes. Some saves have a wider scope (a sent note belongs to its
application: a note for the same application logged elsewhere is a conflict) and name the
column that says so.

Rows are compared as the text the file holds, so a value counts as changed exactly when the
file would show a difference.
"""

from __future__ import annotations

import pandas as pd

from nextround.storage.frames import to_csv_text
from nextround.storage.schema import Table


def _rows(table: Table, frame: pd.DataFrame, keys: set[str]) -> dict[str, tuple]:
    """Each key's row as the text it is written as (only the rows with those keys)."""
    subset = frame[frame[table.key].isin(keys)]
    if subset.empty:
        return {}
    text = to_csv_text(table, subset)
    columns = sorted(text.columns)
    return {row[0]: tuple(row[1:]) for row in
            text[[table.key, *columns]].itertuples(index=False, name=None)}


def touched(table: Table, before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The rows a save adds, changes or removes: their new form, or the old one if removed."""
    key = table.key
    old_keys, new_keys = set(before[key].dropna()), set(after[key].dropna())
    common = old_keys & new_keys
    changed = set()
    if common:
        # Cheap first pass by hash; the rows it flags are few.
        old = before[before[key].isin(common)].set_index(key)
        new = after[after[key].isin(common)].set_index(key)
        if list(old.columns) != list(new.columns):
            changed = common
        else:
            new = new.loc[old.index]
            left = pd.util.hash_pandas_object(to_csv_text(table, old), index=False).to_numpy()
            right = pd.util.hash_pandas_object(to_csv_text(table, new), index=False).to_numpy()
            changed = set(old.index[left != right])
    rows = after[after[key].isin((new_keys - old_keys) | changed)]
    removed = before[before[key].isin(old_keys - new_keys)]
    return pd.concat([rows, removed], ignore_index=True) if not removed.empty else rows


def conflicts(
    table: Table,
    base: pd.DataFrame,
    current: pd.DataFrame,
    mine: pd.DataFrame,
    scope: str | None = None,
) -> bool:
    """True when a row in ``mine`` (the rows a save touches) differs between ``base`` (the
    version the view read) and ``current``; with ``scope``, also when any row sharing that
    column's value with ``mine`` was added, changed or removed since."""
    keys = set(mine[table.key].dropna())
    if keys and _rows(table, base, keys) != _rows(table, current, keys):
        return True
    if scope is None:
        return False
    values = set(mine[scope].dropna())
    if not values:
        return False
    theirs_base = base[base[scope].isin(values)]
    theirs_now = current[current[scope].isin(values)]
    group = set(theirs_base[table.key]) | set(theirs_now[table.key])
    return _rows(table, base, group) != _rows(table, current, group)
