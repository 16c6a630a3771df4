"""The benchmark (``make bench``): every screen at several sizes, as ratios measured in one run.

Absolute times drift on shared machines, so each figure is set against yardsticks measured in
the same run: a bare one-line page (the floor of the stack) and a reference page that does the
least a tracker page does (read the applications CSV with pandas, show it in st.dataframe).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import altair  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.latency import latencies  # noqa: E402
from bench.server import CHROMIUM_FLAGS, StreamlitServer  # noqa: E402
from components.shared.navigation import PAGES  # noqa: E402
from nextround.commands.sample import write_sample  # noqa: E402
from nextround.domain.settings import rule_settings  # noqa: E402
from nextround.storage.store import Store  # noqa: E402

YARDSTICKS = ROOT / "bench" / "yardsticks"
RESULTS = ROOT / "bench" / "results"
BUDGETS = {
    # Issue 15: against a typical single-page tracker (bench/yardsticks/tracker.py).
    # Issue 25: every page's rerun at most the typical tracker's, at every size measured.
    "page_vs_tracker": 1.0,
    "heavy_page_vs_reference_at_10k": 1.2,
    "events_load_vs_read_csv_at_10k": 3.0,
    "page_vs_reference_at_10k": 2.0,
    "page_50k_vs_10k": 2.0,
    "browser_vs_reference_at_10k": 2.0,
    # Issue 25: Pipeline usable (script done, every chart drawn) soon after the reference page.
    "pipeline_browser_vs_reference_at_1k": 1.5,
    "chart_payload_kb": 100.0,
    "memory_vs_reference_at_50k": 1.3,
    "update_vs_to_csv_at_10k": 1.5,
    "cold_start_vs_bare": 1.3,
    "click_vs_checkbox_click": 1.5,
}
#: The size the click latencies are measured at: a search as people really have it.
LATENCY_SIZE = 100
#: The pages held to the reference page itself at 10,000 applications.
HEAVY_PAGES = ("Home", "Self-check", "Prep")


def median_times(fns: dict[str, Callable[[], object]], repeats: int,
                 warmup: int = 2) -> dict[str, float]:
    """Each function's median time, measured in rounds of one call of each: on a shared
    machine a burst of load then falls on every figure of a ratio alike, not on one side."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def make_data(root: Path, n: int) -> Path:
    folder = root / f"n{n}"
    if not (folder / "applications.csv").exists():
        write_sample(folder, date.today(), applications=n, seed=11)
    return folder


# --- server-side script runs (AppTest, same process, same overheads for every page) -------------


def _apptest(script: Path, data_dir: Path, page: str | None = None) -> Callable[[], object]:
    os.environ["NEXTROUND_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(str(script), default_timeout=600)
    at.run()
    if page:
        at.switch_page(str(ROOT / page))
        at.run()
    if at.exception:
        raise RuntimeError(f"{page or script.name} raised: {at.exception[0].message}")

    def rerun() -> object:
        return at.run()

    return rerun


def server_runs(data_dir: Path, repeats: int) -> dict[str, float]:
    reruns = {name: _apptest(YARDSTICKS / f"{name}.py", data_dir)
              for name in ("bare", "reference", "tracker")}
    for spec in PAGES:
        reruns[spec.title] = _apptest(ROOT / "app.py", data_dir, spec.file)
    return median_times(reruns, repeats)


# --- real server and browser --------------------------------------------------------------------


class Server(StreamlitServer):
    def __init__(self, script: Path, data_dir: Path) -> None:
        super().__init__(data_dir, script=script)


_IDLE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) return false;
    const s = app.getAttribute("data-test-script-state");
    if (s === "initial" || s === "running") return false;
    const charts = document.querySelectorAll("[data-testid='stVegaLiteChart']");
    for (const c of charts) { if (!c.querySelector("canvas, svg")) return false; }
    return true;
}"""


def _load_time(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(_IDLE, timeout=300_000)
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE, timeout=300_000)
    elapsed = time.perf_counter() - start - 0.15
    context.close()
    return elapsed



def browser_loads(browser, data_dir: Path, repeats: int) -> dict[str, float]:
    reference = Server(YARDSTICKS / "reference.py", data_dir)
    app = Server(ROOT / "app.py", data_dir)
    try:
        out = {"reference": statistics.median(
            _load_time(browser, reference.url) for _ in range(repeats))}
        for spec in PAGES:
            url = f"{app.url}/{spec.url_path}"
            _load_time(browser, url)  # warm-up: caches filled as a returning user finds them
            out[spec.title] = statistics.median(_load_time(browser, url) for _ in range(repeats))
    finally:
        reference.stop()
        app.stop()
    return out


def memory(browser, data_dir: Path) -> dict[str, float]:
    reference = Server(YARDSTICKS / "reference.py", data_dir)
    app = Server(ROOT / "app.py", data_dir)
    try:
        _load_time(browser, reference.url)
        for spec in PAGES:
            _load_time(browser, f"{app.url}/{spec.url_path}")
        return {"reference": reference.peak_rss_mb(), "app": app.peak_rss_mb()}
    finally:
        reference.stop()
        app.stop()


def cold_start(browser, data_dir: Path) -> dict[str, float]:
    """Process start to first page drawn: the app as `make run` starts it (serve.py, which
    imports the first page's modules while the browser loads) against a bare Streamlit app."""
    out = {}
    for name, script in (("bare", YARDSTICKS / "bare.py"), ("app", ROOT / "serve.py")):
        samples = []
        for _ in range(3):
            server = Server(script, data_dir)
            _load_time(browser, server.url)
            samples.append(time.perf_counter() - server.started)
            server.stop()
        out[name] = statistics.median(samples)
    return out


# --- storage and charts -------------------------------------------------------------------------


def storage_costs(data_dir: Path, repeats: int) -> dict[str, float]:
    store = Store(data_dir)
    events_path = store.path("events")
    apps = store.load("applications")
    scratch = Path(tempfile.mkdtemp())

    def plain_to_csv() -> None:
        apps.to_csv(scratch / "plain.csv", index=False)

    counter = {"n": 0}

    def one_edit() -> None:
        counter["n"] += 1

        def edit(df: pd.DataFrame) -> pd.DataFrame:
            df.loc[0, "notes"] = f"edit {counter['n']}"
            return df

        store.update("applications", edit)

    result = median_times({
        "events_load_cold": lambda: Store(data_dir).load("events"),
        "events_read_csv_plain": lambda: pd.read_csv(events_path),
        "events_save": lambda: Store(scratch).replace("events", store.load("events")),
        "update_one_edit": one_edit,
        "plain_to_csv": plain_to_csv,
    }, repeats, 1)
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def chart_payloads(data_dir: Path) -> dict[str, float]:
    from nextround.charts import pipeline as charts
    from nextround.charts.spec import chart_data_bytes
    from nextround.charts.timeline import timeline_chart
    from nextround.domain import followup, pipeline

    store = Store(data_dir)
    apps, events = store.load("applications"), store.load("events")
    today = date.today()
    actions = followup.due_actions(apps, events, rule_settings(store.load("settings")), today)
    built = {
        "timeline": timeline_chart(apps, events, actions, today),
        "funnel": charts.funnel_chart(pipeline.funnel(apps, events)),
        "reply days": charts.reply_days_chart(pipeline.reply_days(apps, events)),
        "weekly": charts.weekly_chart(pipeline.weekly_activity(events)),
    }
    return {name: chart_data_bytes(chart) / 1024 for name, chart in built.items()}


# --- report -------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "streamlit": streamlit.__version__,
        "pandas": pd.__version__,
        "altair": altair.__version__,
    }


def run(sizes: list[int], repeats: int, with_browser: bool, out_dir: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix="nextround-bench-"))
    results: dict = {"machine": machine(), "sizes": sizes, "repeats": repeats, "server": {},
                     "charts_kb": {}, "storage": {}, "browser": {}, "memory_mb": {},
                     "cold_start": {}, "latency": {}}
    try:
        for n in sizes:
            folder = make_data(work, n)
            print(f"[bench] N={n}: server-side runs", flush=True)
            results["server"][n] = server_runs(folder, repeats)
            results["charts_kb"][n] = chart_payloads(folder)
            if n in (max(sizes), 10_000):
                results["storage"][n] = storage_costs(folder, max(3, repeats // 2))
        if with_browser:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_FLAGS)
                for n in [s for s in sizes if s in (1_000, 10_000)] or sizes[:1]:
                    print(f"[bench] N={n}: browser loads", flush=True)
                    results["browser"][n] = browser_loads(browser, make_data(work, n),
                                                          max(3, repeats // 2))
                for n in [s for s in sizes if s in (10_000, 50_000)] or sizes[-1:]:
                    print(f"[bench] N={n}: memory", flush=True)
                    results["memory_mb"][n] = memory(browser, make_data(work, n))
                results["cold_start"] = cold_start(browser, make_data(work, sizes[0]))
                print(f"[bench] N={LATENCY_SIZE}: click latencies", flush=True)
                # A folder of its own: Home's clicks mark actions done in it.
                results["latency"] = latencies(browser, make_data(work / "clicks", LATENCY_SIZE),
                                               clicks=max(5, repeats))
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["verdicts"] = verdicts(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, indent=2, default=str))
    (out_dir / "latest.md").write_text(markdown(results))
    return results


def verdicts(r: dict) -> list[dict]:
    out = []

    def judge(name: str, value: float | None, budget: float, what: str) -> None:
        if value is None:
            return
        out.append({"budget": name, "what": what, "value": round(value, 2), "limit": budget,
                    "met": value <= budget})

    pages = [p.title for p in PAGES]
    s = r["server"]
    for n in sorted(s):
        if "tracker" in s[n]:
            for page in pages:
                judge("page_vs_tracker", s[n][page] / s[n]["tracker"], BUDGETS["page_vs_tracker"],
                      f"{page}: server rerun / typical tracker, {n:,}")
    if 10_000 in s:
        for page in HEAVY_PAGES:
            judge("heavy_page_vs_reference_at_10k", s[10_000][page] / s[10_000]["reference"],
                  BUDGETS["heavy_page_vs_reference_at_10k"],
                  f"{page}: server rerun / reference, 10k")
        for page in pages:
            judge("page_vs_reference_at_10k", s[10_000][page] / s[10_000]["reference"],
                  BUDGETS["page_vs_reference_at_10k"], f"{page}: server rerun / reference, 10k")
    if 10_000 in s and 50_000 in s:
        for page in pages:
            judge("page_50k_vs_10k", s[50_000][page] / s[10_000][page],
                  BUDGETS["page_50k_vs_10k"], f"{page}: server rerun 50k / 10k")
    b = r["browser"]
    if 1_000 in b:
        judge("pipeline_browser_vs_reference_at_1k", b[1_000]["Pipeline"] / b[1_000]["reference"],
              BUDGETS["pipeline_browser_vs_reference_at_1k"],
              "Pipeline: browser load until its charts are drawn / reference, 1,000")
    if 10_000 in b:
        for page in pages:
            judge("browser_vs_reference_at_10k", b[10_000][page] / b[10_000]["reference"],
                  BUDGETS["browser_vs_reference_at_10k"], f"{page}: browser load / reference")
    for n, charts_kb in r["charts_kb"].items():
        for chart, kb in charts_kb.items():
            judge("chart_payload_kb", kb, BUDGETS["chart_payload_kb"], f"{chart} chart at {n}: KB")
    m = r["memory_mb"]
    if 50_000 in m:
        judge("memory_vs_reference_at_50k", m[50_000]["app"] / m[50_000]["reference"],
              BUDGETS["memory_vs_reference_at_50k"], "server peak RSS / reference, 50k")
    st_ = r["storage"]
    if 10_000 in st_:
        judge("update_vs_to_csv_at_10k",
              st_[10_000]["update_one_edit"] / st_[10_000]["plain_to_csv"],
              BUDGETS["update_vs_to_csv_at_10k"], "Store.update one edit / to_csv, 10k")
        judge("events_load_vs_read_csv_at_10k",
              st_[10_000]["events_load_cold"] / st_[10_000]["events_read_csv_plain"],
              BUDGETS["events_load_vs_read_csv_at_10k"], "typed events load / read_csv, 10k")
    clicks = r.get("latency", {})
    if clicks:
        reference, *interactions = clicks
        for name in interactions:
            judge("click_vs_checkbox_click", clicks[name] / clicks[reference],
                  BUDGETS["click_vs_checkbox_click"], f"{name}: click to settled / {reference}")
    c = r["cold_start"]
    if c:
        judge("cold_start_vs_bare", c["app"] / c["bare"], BUDGETS["cold_start_vs_bare"],
              "cold start / bare Streamlit app")
    return out


def markdown(r: dict) -> str:
    pages = [p.title for p in PAGES]
    m = r["machine"]
    lines = [
        "# Benchmark results", "",
        f"Measured {m['date']} on {m['platform']} ({m['cpus']} CPUs), Python {m['python']}, "
        f"Streamlit {m['streamlit']}, pandas {m['pandas']}, Altair {m['altair']}. "
        f"Produced by `make bench`; medians of {r['repeats']} runs after warm-up.", "",
        "## Server-side script run (ms; ratio to the reference page, and to the typical "
        "tracker)", "",
        "| page | " + " | ".join(f"N={n:,}" for n in r["server"]) + " |",
        "|---|" + "---|" * len(r["server"]),
    ]
    for name in ["bare", "reference", "tracker", *pages]:
        cells = []
        for runs in r["server"].values():
            ms = runs[name] * 1000
            cells.append(f"{ms:.1f} ({runs[name] / runs['reference']:.2f}x; "
                         f"{runs[name] / runs['tracker']:.2f}x tracker)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if r["browser"]:
        lines += ["", "## Browser: navigation until the page has run and its charts are drawn",
                  "", "| page | " + " | ".join(f"N={n:,}" for n in r["browser"]) + " |",
                  "|---|" + "---|" * len(r["browser"])]
        for name in ["reference", *pages]:
            cells = [f"{b[name] * 1000:.0f} ms ({b[name] / b['reference']:.2f}x)"
                     for b in r["browser"].values()]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "## Chart payloads (KB of data embedded per chart)", "",
              "| chart | " + " | ".join(f"N={n:,}" for n in r["charts_kb"]) + " |",
              "|---|" + "---|" * len(r["charts_kb"])]
    names = next(iter(r["charts_kb"].values())).keys() if r["charts_kb"] else []
    for chart in names:
        lines.append(f"| {chart} | " + " | ".join(f"{c[chart]:.1f}"
                                                   for c in r["charts_kb"].values()) + " |")
    if r["storage"]:
        lines += ["", "## Storage (ms)", "", "| N | " + " | ".join(
            next(iter(r["storage"].values())).keys()) + " |",
            "|---|" + "---|" * len(next(iter(r["storage"].values())))]
        for n, costs in r["storage"].items():
            lines.append(f"| {n:,} | " + " | ".join(f"{v * 1000:.1f}" for v in costs.values())
                         + " |")
    if r["memory_mb"]:
        lines += ["", "## Server peak memory after visiting every page (MB)", "",
                  "| N | reference | app | ratio |", "|---|---|---|---|"]
        for n, mem in r["memory_mb"].items():
            lines.append(f"| {n:,} | {mem['reference']:.0f} | {mem['app']:.0f} | "
                         f"{mem['app'] / mem['reference']:.2f} |")
    if r["cold_start"]:
        c = r["cold_start"]
        lines += ["", f"Cold start (process start to first page drawn): app "
                  f"{c['app']:.2f} s, bare Streamlit {c['bare']:.2f} s "
                  f"({c['app'] / c['bare']:.2f}x).", ""]
    if r.get("latency"):
        clicks = r["latency"]
        reference = next(iter(clicks))
        lines += ["", f"## Clicks in Chromium at N={LATENCY_SIZE:,}: from the press to the page "
                  "settled (ms, and ratio to the reference click)", "",
                  "| click | ms | ratio |", "|---|---|---|"]
        for name, seconds in clicks.items():
            lines.append(f"| {name} | {seconds * 1000:.0f} | "
                         f"{seconds / clicks[reference]:.2f}x |")
    lines += ["", "## Budgets", "", "| budget | what | value | limit | met |",
              "|---|---|---|---|---|"]
    for v in r["verdicts"]:
        lines.append(f"| {v['budget']} | {v['what']} | {v['value']} | {v['limit']} | "
                     f"{'yes' if v['met'] else '**no**'} |")
    missed = [v for v in r["verdicts"] if not v["met"]]
    lines += ["", f"{len(r['verdicts']) - len(missed)} of {len(r['verdicts'])} budgets met.", ""]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():  # the causes of misses and what is being done, written by hand
        lines += [notes.read_text().strip(), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # AppTest warns on every run; the table is what matters
    sizes = [int(s) for s in args.sizes.split(",")]
    with_browser = not args.no_browser and shutil.which("chromium") is not None
    results = run(sizes, args.repeats, with_browser, args.output)
    missed = [v for v in results["verdicts"] if not v["met"]]
    print((args.output / "latest.md").read_text())
    print(f"[bench] {len(missed)} budget(s) missed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
