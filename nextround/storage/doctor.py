"""A read-only health check of a data folder, for the command line and the Data page.

It opens nothing for writing, removes nothing and takes no locks, so it is safe to run while
the app is open or on a copy someone sent for help.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nextround.storage.csvfile import TEMP_SUFFIX
from nextround.storage.schema import SCHEMA_VERSION, TABLES
from nextround.storage.store import META_FILE, Store
from nextround.text import plural


@dataclass
class Report:
    data_dir: Path
    lines: list[str] = field(default_factory=list)
    problems: int = 0
    warnings: int = 0

    def ok(self, text: str) -> None:
        self.lines.append(f"ok       {text}")

    def problem(self, text: str) -> None:
        self.problems += 1
        self.lines.append(f"PROBLEM  {text}")

    def warn(self, text: str) -> None:
        self.warnings += 1
        self.lines.append(f"warning  {text}")

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def text(self) -> str:
        verdict = (
            f"{plural(self.problems, 'problem')}, {plural(self.warnings, 'warning')}"
            if self.problems or self.warnings else "everything reads cleanly"
        )
        return "\n".join([f"Next Round data folder: {self.data_dir}", *self.lines,
                          f"Result: {verdict}"])


def emptied_parents(store: Store) -> list[str]:
    """Tables that are empty while other tables still point at their rows: the classic sign of
    a file cut off (saved as 0 bytes) by another program, which would otherwise read as a
    fresh start. One sentence per table, naming a way back."""
    found = []
    for name, spec in TABLES.items():
        if not spec.parent or not store.path(name).exists():
            continue
        column, parent = spec.parent
        path = store.path(parent)
        if not path.exists() or store.check(parent) or store.check(name):
            continue
        if not store.load(parent).empty:
            continue
        children = store.load(name)[column].dropna()
        if children.empty:
            continue
        size = "0 bytes" if path.stat().st_size == 0 else "no rows"
        found.append(
            f"{path.name} is empty ({size}), but {spec.filename} has "
            f"{plural(len(children), 'row')} for {plural(children.nunique(), parent[:-1])}: "
            "it may have been cut off by another program. Restore a backup on the Data page "
            "(or from the backups folder) before adding anything."
        )
    return found


def check_folder(data_dir: Path) -> Report:
    report = Report(Path(data_dir).resolve())
    store = Store(report.data_dir, clean_temp=False)
    if not report.data_dir.exists():
        report.problem("the folder does not exist")
        return report
    if store.folder_problem():
        report.problem(str(store.folder_problem()))
        return report
    meta = store.read_meta()
    version = meta.get("schema_version")
    if version is None:
        report.warn(f"no {META_FILE}: the app will stamp the schema version on its next start")
    elif int(version) > SCHEMA_VERSION:
        report.problem(f"schema version {version} is newer than this app understands "
                       f"({SCHEMA_VERSION})")
    else:
        report.ok(f"schema version {version}")
    frames = {}
    for name, spec in TABLES.items():
        path = store.path(name)
        if not path.exists():
            report.ok(f"{spec.filename}: not created yet")
            continue
        error = store.check(name)
        if error:
            for problem in error.problems[:20]:
                report.problem(f"{spec.filename}: {problem}")
            continue
        frames[name] = store.load(name)
        extra = [c for c in frames[name].columns if c not in spec.column_names]
        note = f" (your own columns kept: {', '.join(extra)})" if extra else ""
        report.ok(f"{spec.filename}: {plural(len(frames[name]), 'row')}{note}")
    for name, spec in TABLES.items():
        if spec.parent and name in frames and spec.parent[1] in frames:
            column, parent = spec.parent
            if frames[parent].empty:
                continue  # an emptied parent table gets its own warning below
            known = set(frames[parent]["id"])
            orphans = frames[name][~frames[name][column].isin(known)]
            if not orphans.empty:
                ids = ", ".join(orphans["id"].head(5))
                report.warn(f"{spec.filename}: {plural(len(orphans), 'row')} for an "
                            f"application that is not in applications.csv (e.g. {ids})")
    for message in emptied_parents(store):
        report.warn(message)
    strays = sorted(report.data_dir.glob(f".*{TEMP_SUFFIX}"))
    if strays:
        report.warn(f"{plural(len(strays), 'temp file')} left by an interrupted save (the app "
                    f"removes them on start): {', '.join(p.name for p in strays[:5])}")
    return report
