"""A screen's snapshot: the tables it reads, each loaded once, with the versions read at.

Every screen reads its data through one ``Snapshot.load``: the versions are both the key of the
screen's view cache and the base every save is checked against (a stale tab is refused), and a
broken file anywhere in the snapshot is reported with all the others, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from nextround.domain.settings import RuleSettings, rule_settings
from nextround.storage.errors import DataFileError, NextRoundError
from nextround.storage.store import Store


class BrokenTables(NextRoundError):
    """One or more of the snapshot's files cannot be read; each keeps its own explanation."""

    def __init__(self, errors: list[DataFileError]) -> None:
        self.errors = errors
        super().__init__(" ".join(str(e) for e in errors))


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Loaded tables by name, and the version each was read at."""

    data_dir: str
    frames: dict[str, pd.DataFrame]
    versions: dict[str, str]
    _memo: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, store: Store, tables: Iterable[str]) -> Snapshot:
        """Read every table (from the store's parse cache when unchanged); raise BrokenTables
        naming every file that cannot be read."""
        frames: dict[str, pd.DataFrame] = {}
        versions: dict[str, str] = {}
        broken: list[DataFileError] = []
        for table in dict.fromkeys(tables):
            try:
                frames[table], versions[table] = store.load_with_version(table)
            except DataFileError as error:
                broken.append(error)
        if broken:
            raise BrokenTables(broken)
        return cls(str(store.data_dir), frames, versions)

    def only(self, *tables: str) -> Snapshot:
        """This snapshot narrowed to ``tables``: a view cached on it is rebuilt only when one of
        those changes (ticking a Prep step does not rebuild the list of interviews)."""
        return Snapshot(self.data_dir, {t: self.frames[t] for t in tables},
                        {t: self.versions[t] for t in tables})

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table]

    def version(self, table: str) -> str:
        return self.versions[table]

    @property
    def key(self) -> tuple:
        """What a view built from this snapshot depends on: the folder and every version."""
        return (self.data_dir, tuple(sorted(self.versions.items())))

    @property
    def settings(self) -> RuleSettings:
        """The follow-up rule settings, when the snapshot read the settings table."""
        if "settings" not in self._memo:
            frame = self.frames.get("settings")
            self._memo["settings"] = RuleSettings() if frame is None else rule_settings(frame)
        return self._memo["settings"]
