"""Command line: ``python -m nextround demo|doctor|export-ics --data-dir DIR``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from nextround import demo
from nextround.commands.sample import write_sample
from nextround.domain import dates
from nextround.storage import doctor
from nextround.storage.errors import NextRoundError
from nextround.storage.paths import default_data_dir
from nextround.storage.schema import columns_markdown
from nextround.storage.validation import EARLIEST_DATE, LATEST_DATE

#: The days ``demo --today`` accepts: the sample reaches up to two years before "today" and some
#: weeks after it, and every one of its dates must be a day the app keeps (EARLIEST_DATE to
#: LATEST_DATE).
FIRST_DAY = date(EARLIEST_DATE.year + 3, 1, 1)
LAST_DAY = date(LATEST_DATE.year - 1, 12, 31)


def _folder(text: str) -> Path:
    """A --data-dir value: an empty one would silently mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a folder's path (an empty one would mean the "
                                         "current folder)")
    return Path(text).expanduser()


def _day(text: str) -> date:
    """A --today value: a real calendar day, YYYY-MM-DD, within FIRST_DAY..LAST_DAY."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{day} is outside {FIRST_DAY}..{LAST_DAY}")
    return day


def _output(text: str) -> Path:
    """An --output value: a file in a folder that exists, not a folder."""
    path = Path(text).expanduser()
    if not text.strip():
        raise argparse.ArgumentTypeError("give a file name, such as calendar.ics")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder; give a file name in it, such "
                                         "as calendar.ics")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"the folder {path.parent} does not exist; create it "
                                         "first or choose another place")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nextround", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="write a deterministic sample job search")
    p.add_argument("--data-dir", type=_folder, default=None)
    p.add_argument("--applications", type=int, default=15)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--today", type=_day, default=None,
                   help=f"YYYY-MM-DD, from {FIRST_DAY} to {LAST_DAY}")
    p.add_argument("--force", action="store_true",
                   help="write even into a folder that holds your own data (replacing it)")
    sub.add_parser("columns", help="print the CSV column reference as Markdown")
    p = sub.add_parser("doctor", help="check a data folder without changing anything")
    p.add_argument("--data-dir", type=_folder, default=None)
    p = sub.add_parser("export-ics", help="write due follow-ups and interviews as .ics")
    p.add_argument("--data-dir", type=_folder, default=None)
    p.add_argument("--output", type=_output, default=None,
                   help="file to write (default: stdout)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "columns":
        print(columns_markdown())
        return 0
    data_dir = args.data_dir or default_data_dir()
    if args.command == "doctor":
        report = doctor.check_folder(data_dir)
        print(report.text())
        return report.exit_code
    problem = _folder_problem(data_dir, must_exist=args.command == "export-ics")
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if args.command == "demo":
        if not 1 <= args.applications <= 50_000:
            print("--applications must be between 1 and 50,000", file=sys.stderr)
            return 2
        if demo.holds_user_data(data_dir) and not args.force:
            print(f"{data_dir} holds your own data; the sample would replace its tables. "
                  "Choose another folder with --data-dir (for example data/sample), or add "
                  "--force if that is really what you want.", file=sys.stderr)
            return 2
        try:
            store = write_sample(data_dir, args.today or dates.today(), args.applications,
                               args.seed)
        except (OSError, NextRoundError) as error:
            print(f"The sample could not be written to {data_dir}: {_reason(error)}",
                  file=sys.stderr)
            return 1
        apps = store.load("applications")
        events = store.load("events")
        print(f"wrote {len(apps):,} applications and {len(events):,} events to {store.data_dir}")
        return 0
    if args.command == "export-ics":
        return _export_ics(data_dir, args.output)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _folder_problem(data_dir: Path, must_exist: bool) -> str | None:
    """Why ``data_dir`` cannot be used, or None: a file, a folder that cannot be opened, or
    (for an export) no folder at all, which is a mistyped path rather than an empty search."""
    from nextround.storage.store import Store

    if must_exist and not data_dir.exists():
        return (f"There is no data folder at {data_dir}. Check the path given to --data-dir "
                "(or NEXTROUND_DATA_DIR).")
    return Store(data_dir, clean_temp=False).folder_problem()


def _reason(error: BaseException) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


def _export_ics(data_dir: Path, output: Path | None) -> int:
    """The same calendar file Home offers, built from the same view of the data."""

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
        try:
            output.write_bytes(payload)
        except OSError as error:
            print(f"The calendar could not be written to {output}: {_reason(error)}",
                  file=sys.stderr)
            return 1
        events = payload.count(b"BEGIN:VEVENT")
        print(f"wrote {doctor.plural(events, 'calendar event')} to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
