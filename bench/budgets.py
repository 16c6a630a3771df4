"""Issue 25's four budgets measured alone, without the whole `make bench` (too long on a shared
machine): each as a ratio within one run, in interleaved rounds, with the bench's own pieces.

    python -m bench.budgets cold --repeats 5       # process start to Home drawn, vs bare
    python -m bench.budgets events --repeats 9     # typed events load vs read_csv, 10,000
    python -m bench.budgets memory                 # server peak after every page, 10k and 50k
    python -m bench.budgets pipeline --repeats 7   # Pipeline in Chromium vs reference, 1,000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.__main__ import (
    CHROMIUM_FLAGS,
    ROOT,
    YARDSTICKS,
    Server,
    _load_time,
    make_data,
    memory,
    storage_costs,
)


def _browser(pw):
    return pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)


def cold(browser, work: Path, repeats: int) -> None:
    folder = make_data(work, 100)
    scripts = {"bare": YARDSTICKS / "bare.py", "app.py": ROOT / "app.py",
               "serve.py": ROOT / "serve.py"}
    out: dict[str, list[float]] = {name: [] for name in scripts}
    for _ in range(repeats):
        for name, script in scripts.items():
            server = Server(script, folder)
            _load_time(browser, server.url)
            out[name].append(time.perf_counter() - server.started)
            server.stop()
    bare = statistics.median(out["bare"])
    for name, samples in out.items():
        rounds = [round(a / b, 2) for a, b in zip(samples, out["bare"], strict=True)]
        print(f"{name}: median {statistics.median(samples):.2f} s, "
              f"{statistics.median(samples) / bare:.2f}x bare; per round {rounds}")


def events(work: Path, repeats: int) -> None:
    costs = storage_costs(make_data(work, 10_000), repeats)
    ratio = costs["events_load_cold"] / costs["events_read_csv_plain"]
    print({k: round(v * 1000, 1) for k, v in costs.items()}, f"typed load / read_csv: {ratio:.2f}x")


def memory_at(browser, work: Path) -> None:
    for n in (10_000, 50_000):
        mb = memory(browser, make_data(work, n))
        print(f"{n:,}: reference {mb['reference']:.0f} MB, app {mb['app']:.0f} MB, "
              f"{mb['app'] / mb['reference']:.2f}x")


def pipeline(browser, work: Path, repeats: int) -> None:
    folder = make_data(work, 1_000)
    reference, app = Server(YARDSTICKS / "reference.py", folder), Server(ROOT / "app.py", folder)
    try:
        url = f"{app.url}/pipeline"
        _load_time(browser, reference.url)
        _load_time(browser, url)  # warm-up, as browser_loads does
        times = {"reference": [], "Pipeline": []}
        for _ in range(repeats):
            times["reference"].append(_load_time(browser, reference.url))
            times["Pipeline"].append(_load_time(browser, url))
    finally:
        reference.stop()
        app.stop()
    ref, pipe = (statistics.median(times[k]) for k in ("reference", "Pipeline"))
    print(f"reference {ref:.2f} s, Pipeline {pipe:.2f} s: {pipe / ref:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.budgets")
    parser.add_argument("budget", choices=["cold", "events", "memory", "pipeline"])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nextround-budgets-"))
    try:
        if args.budget == "events":
            events(work, args.repeats)
            return 0
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = _browser(pw)
            if args.budget == "cold":
                cold(browser, work, args.repeats)
            elif args.budget == "memory":
                memory_at(browser, work)
            else:
                pipeline(browser, work, args.repeats)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
