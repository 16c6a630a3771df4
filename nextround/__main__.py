"""Command line: ``python -m nextround demo|doctor|export-ics --data-dir DIR``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from nextround import demo
from nextround.paths import default_data_dir
from nextround.schema import columns_markdown


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nextround", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="write a deterministic sample job search")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--applications", type=int, default=15)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    sub.add_parser("columns", help="print the CSV column reference as Markdown")
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
        store = demo.write(data_dir, args.today or date.today(), args.applications, args.seed)
        apps = store.load("applications")
        events = store.load("events")
        print(f"wrote {len(apps):,} applications and {len(events):,} events to {store.data_dir}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
