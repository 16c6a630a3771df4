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
            f"{self.problems} problem(s), {self.warnings} warning(s)"
            if self.problems or self.warnings else "everything reads cleanly"
        )
        return "\n".join([f"Next Round data folder: {self.data_dir}", *self.lines,
                          f"Result: {verdict}"])


def check_folder(data_dir: Path) -> Report:
    report = Report(Path(data_dir).resolve())
    if not report.data_dir.is_dir():
        report.problem("the folder does not exist")
        return report
    store = Store(report.data_dir, clean_temp=False)
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
        report.ok(f"{spec.filename}: {len(frames[name]):,} rows{note}")
    for name, spec in TABLES.items():
        if spec.parent and name in frames and spec.parent[1] in frames:
            column, parent = spec.parent
            known = set(frames[parent]["id"])
            orphans = frames[name][~frames[name][column].isin(known)]
            if not orphans.empty:
                ids = ", ".join(orphans["id"].head(5))
                report.warn(f"{spec.filename}: {len(orphans)} row(s) point at an application "
                            f"that is not in applications.csv (e.g. {ids})")
    strays = sorted(report.data_dir.glob(f".*{TEMP_SUFFIX}"))
    if strays:
        report.warn(f"{len(strays)} temp file(s) left by an interrupted save (the app removes "
                    f"them on start): {', '.join(p.name for p in strays[:5])}")
    return report
