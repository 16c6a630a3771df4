"""Timing the mail scan (issue 26): 100,000 generated messages in an .mbox, streamed.

``python -m bench.mail`` writes an mbox of N messages (most of them mail that is not about a
job, one in fifty from a company in the corpus tracker or its applicant-tracking system),
scans it as the Data page does, and reports messages per second and the memory the scan held
at its peak (tracemalloc) at two sizes: flat memory means the peak does not grow with N.
Results go to bench/results/mail.json and mail.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nextround.mail import review, sources  # noqa: E402
from nextround.mail.tracker import Tracker, build_tracker  # noqa: E402
from tests.unit.mail.corpus import tracker_frames  # noqa: E402
from tests.unit.mail.corpus.messages import MESSAGES  # noqa: E402

RESULTS = ROOT / "bench" / "results"
FILLER = (b"From: Friend %d <friend%d@example.net>\nTo: alex.morgan@example.org\n"
          b"Subject: Weekend plans %d\nDate: Mon, 12 Oct 2026 10:%02d:00 +0000\n"
          b"Message-ID: <f%d@example.net>\nContent-Type: text/plain; charset=utf-8\n\n"
          + b"Shall we meet on Saturday? Bring the book you mentioned.\n" * 12)


def write_mbox(path: Path, n: int) -> int:
    """An mbox of n messages, written as a stream; returns its size in bytes."""
    job = [s.raw().replace(b"\r\n", b"\n") for s in MESSAGES]
    with path.open("wb") as fh:
        for i in range(n):
            fh.write(b"From MAILER-DAEMON Mon Oct 12 10:00:00 2026\n")
            body = job[i // 50 % len(job)] if i % 50 == 0 else FILLER % (i, i, i, i % 60, i)
            fh.write(body.replace(b"\nFrom ", b"\n>From "))
            fh.write(b"\n\n")
    return path.stat().st_size


def measure(n: int, folder: Path) -> dict[str, float]:
    path = folder / f"bench-{n}.mbox"
    size = write_mbox(path, n)
    tracker = build_tracker(*tracker_frames())
    start = time.perf_counter()
    result = review.scan(sources.mbox_file(path), tracker)
    seconds = time.perf_counter() - start
    tracemalloc.start()  # a second pass for memory: tracing slows the scan several times
    review.scan(sources.mbox_file(path), tracker)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    # The stream alone (every header block read, nothing recognised): what does not grow with
    # the mailbox. The first pass's peak adds the proposals kept for review (one per job mail).
    review.scan(sources.mbox_file(path), Tracker((), None))
    _, stream_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    path.unlink()
    return {"messages": n, "mbox_mb": round(size / 1e6, 1), "seconds": round(seconds, 2),
            "messages_per_second": round(n / seconds), "read_past_headers": result.read,
            "to_review": len(result.to_review), "peak_mb": round(peak / 1e6, 2),
            "stream_peak_mb": round(stream_peak / 1e6, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mail")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        runs = [measure(int(n), Path(folder)) for n in args.sizes.split(",")]
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "mail.json").write_text(json.dumps(runs, indent=2) + "\n")
    lines = ["# Mail scan", "", "| messages | mbox MB | seconds | messages/s | read past headers "
             "| to review | peak MB | peak MB, stream alone |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['messages']:,} | {r['mbox_mb']} | {r['seconds']} | "
              f"{r['messages_per_second']:,} | {r['read_past_headers']:,} | {r['to_review']:,} | "
              f"{r['peak_mb']} | {r['stream_peak_mb']} |" for r in runs]
    lines += ["", "Peak memory is Python's own allocations during the scan (tracemalloc), "
              "the mbox read from disk. The stream alone stays flat; the full scan adds the "
              "proposals it keeps for review, one per job message."]
    (args.output / "mail.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
