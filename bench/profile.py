"""Profile a page's reruns where they really run: in the script thread, not the caller's.

AppTest (like the server) runs the page script in a thread of its own, so a profiler started
around ``at.run()`` sees only the caller waiting. This wraps the script runner's ``_run_script``
(the method the script thread calls for every run) with cProfile, so the figures are the page's
own work, and prints the functions that took the most cumulative time.

    python -m bench.profile --data-dir DIR --page Home --runs 5 --top 25
    python -m bench.profile --data-dir DIR --page Home --runs 5 --click home_done_

Create the data with ``python -m nextround demo --data-dir DIR --applications N``.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import sys
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from components.shared.navigation import PAGES  # noqa: E402

_PROFILE = cProfile.Profile()
_original = script_runner.ScriptRunner._run_script


def _profiled(self, rerun_data) -> None:  # the script thread's entry, once per run
    if not _PROFILE_ON["on"]:
        return _original(self, rerun_data)
    _PROFILE.enable()
    try:
        return _original(self, rerun_data)
    finally:
        _PROFILE.disable()


_PROFILE_ON = {"on": False}


def _press(at: AppTest, key: str) -> None:
    """Press the first button whose key starts with ``key`` (a Done on Home: the next card's
    each time), as a person's click does: its callback, then the run it starts."""
    button = next((b for b in at.button if b.key and b.key.startswith(key)), None)
    if button is None:
        raise RuntimeError(f"no button with a key starting {key!r} on the page")
    button.click()


def profile_page(data_dir: Path, title: str, runs: int, click: str = "") -> pstats.Stats:
    """Open the app at ``title`` (two warm-up runs fill the caches as a returning user finds
    them), then profile ``runs`` reruns in the script thread: each one a click on the button
    whose key starts with ``click``, when given (its callback runs in the script thread too)."""
    script_runner.ScriptRunner._run_script = _profiled
    os.environ["NEXTROUND_DATA_DIR"] = str(data_dir)
    spec = next(p for p in PAGES if p.title == title)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.switch_page(str(ROOT / spec.file))
    at.run()
    at.run()
    if at.exception:
        raise RuntimeError(f"{title} raised: {at.exception[0].message}")
    _PROFILE_ON["on"] = True
    for _ in range(runs):
        if click:
            _press(at, click)
        at.run()
    _PROFILE_ON["on"] = False
    return pstats.Stats(_PROFILE)


def top_lines(stats: pstats.Stats, top: int, runs: int) -> str:
    """The ``top`` functions by cumulative time, as pstats prints them, per ``runs`` reruns."""
    out = StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(top)
    return f"({runs} reruns profiled)\n" + out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--page", default="Home", choices=[p.title for p in PAGES])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--click", default="", help="profile a click instead: the key (or "
                        "its start) of the button to press, as home_done_")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    stats = profile_page(args.data_dir, args.page, args.runs, args.click)
    print(top_lines(stats, args.top, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
