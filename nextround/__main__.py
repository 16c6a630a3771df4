"""Command line: ``python -m nextround demo|doctor|export-ics --data-dir DIR``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from nextround import demo
from nextround.domain import dates
from nextround.storage import doctor
from nextround.storage.paths import default_data_dir
from nextround.storage.schema import columns_markdown


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nextround", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="write a deterministic sample job search")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--applications", type=int, default=15)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    p.add_argument("--force", action="store_true",
                   help="write even into a folder that holds your own data (replacing it)")
    sub.add_parser("columns", help="print the CSV column reference as Markdown")
    p = sub.add_parser("doctor", help="check a data folder without changing anything")
    p.add_argument("--data-dir", type=Path, default=None)
    p = sub.add_parser("export-ics", help="write due follow-ups and interviews as .ics")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--output", type=Path, default=None, help="file to write (default: stdout)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "columns":
        print(columns_markdown())
        return 0
    data_dir = args.data_dir or default_data_dir()
    if args.command == "demo":
        if not 1 <= args.applications <= 50_000:
            print("--applications must be between 1 and 50,000", file=sys.stderr)
            return 2
        if demo.holds_user_data(data_dir) and not args.force:
            print(f"{data_dir} holds your own data; the sample would replace its tables. "
                  "Choose another folder with --data-dir (for example data/sample), or add "
                  "--force if that is really what you want.", file=sys.stderr)
            return 2
        store = demo.write(data_dir, args.today or dates.today(), args.applications, args.seed)
        apps = store.load("applications")
        events = store.load("events")
        print(f"wrote {len(apps):,} applications and {len(events):,} events to {store.data_dir}")
        return 0
    if args.command == "doctor":
        report = doctor.check_folder(data_dir)
        print(report.text())
        return report.exit_code
    if args.command == "export-ics":
        return _export_ics(data_dir, args.output)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _export_ics(data_dir: Path, output: Path | None) -> int:
    """The same calendar file Home offers, built from the same view of the data."""

    from nextround.storage.errors import NextRoundError
    from nextround.storage.store import Store
    from nextround.views import home
    from nextround.views.snapshot import Snapshot

    try:
        snapshot = Snapshot.load(Store(data_dir, clean_temp=False), home.TABLES)
    except NextRoundError as error:
        print(error, file=sys.stderr)
        return 1
    today = dates.today()
    view = home.build(snapshot, today)
    payload = view.calendar(dates.now(), today)
    if output is None:
        sys.stdout.buffer.write(payload)
    else:
        output.write_bytes(payload)
        events = payload.count(b"BEGIN:VEVENT")
        print(f"wrote {doctor.plural(events, 'calendar event')} to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
