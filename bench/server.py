"""Run a Streamlit script as a real server on a free loopback port, and wait on it in a browser
tab: shared by the browser tests and the benchmark, so both start the app the way `make run`
does (serve.py, with its guard) and know when it has settled the same way."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# Installed in a browser tab before the app loads (the browser tests and the benchmark): counts
# the script runs the app finishes in window.__nextround.runs and fires "nextround:run" on each.
# A run is counted when the root element's data-test-script-state leaves "running" (Streamlit's
# own e2e tests read it too) and when Streamlit's "script finished" message arrives, whichever
# count is higher: a run that finishes before the browser has drawn "running" (a fragment, a
# quick rerun of a small page) leaves no trace in the attribute, since the app draws both states
# in one go. The message is a ForwardMsg whose top-level field SCRIPT_FINISHED is set; the page
# finds it by walking the message's protobuf fields. Its value says how the run ended:
# FINISHED_EARLY_FOR_RERUN (a save followed by st.rerun, a press during a run) means another
# run has already been asked for, so the page is not settled (``rerunning``) until one ends
# some other way, even while Streamlit shows "notRunning" between the two.
RUN_COUNTER = """
window.__nextround = {runs: 0, seen: 0, finished: 0, rerunning: false};
(() => {
  const counter = window.__nextround;
  const counted = () => {
    counter.runs = Math.max(counter.seen, counter.finished);
    window.dispatchEvent(new Event("nextround:run"));
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === "running") { counter.seen += 1; counted(); }
    }
  }).observe(document, {attributes: true, subtree: true, attributeOldValue: true,
                        attributeFilter: ["data-test-script-state"]});
  const varint = (bytes, at) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
    while (byte & 0x80);
    return [value, at];
  };
  const finishes = (data) => {
    if (!(data instanceof ArrayBuffer)) return null;
    const bytes = new Uint8Array(data);
    let at = 0;
    while (at < bytes.length) {
      let tag;
      [tag, at] = varint(bytes, at);
      const field = Math.floor(tag / 8), wire = tag % 8;
      if (field === SCRIPT_FINISHED && wire === 0) return varint(bytes, at)[0];
      if (wire === 0) { [, at] = varint(bytes, at); }
      else if (wire === 1) { at += 8; }
      else if (wire === 2) { let size; [size, at] = varint(bytes, at); at += size; }
      else if (wire === 5) { at += 4; }
      else return null;
    }
    return null;
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const status = finishes(event.data);
        if (status === null) return;
        counter.finished += 1;
        counter.rerunning = status === FINISHED_EARLY_FOR_RERUN;
        counted();
      });
    }
  };
})();
""".replace("SCRIPT_FINISHED", str(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number)
            ).replace("FINISHED_EARLY_FOR_RERUN", str(ForwardMsg.FINISHED_EARLY_FOR_RERUN))

# Idle: connected, the script not running and no run asked for, no skeleton or running indicator
# left, and at least ``runs`` runs finished on this page.
IDLE = """(runs) => {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && window.__nextround.runs >= runs && !window.__nextround.rerunning
    && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector("[data-testid='stSkeleton']")
    && !document.querySelector("[data-testid='stStatusWidgetRunningIcon']");
}"""
# The same, held on three polls in a row, SETTLE_POLL_MS apart (the predicate keeps its own
# count on the page): a run the page itself asks for once drawn (a widget reporting its value)
# starts within that tenth of a second. A run asked for by the one before it is known at once
# (``rerunning`` above); it was what the window once had to cover, at 100 ms a poll.
SETTLE_POLL_MS = 50
SETTLED = """(runs) => {
  const idle = """ + IDLE + """;
  const state = window.__nextround;
  state.calm = idle(runs) ? (state.calm || 0) + 1 : 0;
  return state.calm >= 3;
}"""
# The app's navigation marks this page as the current one.
CURRENT_PAGE = """(title) => {
  const link = document.querySelector("[data-testid='stSidebarNavLink'][aria-current='page']");
  return !!link && link.innerText.trim().endsWith(title);
}"""


def chromium_path() -> str | None:
    """An installed Chromium (Debian's on these machines), or None to let Playwright choose."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """`streamlit run SCRIPT` with its own port and data folder; ready once /_stcore/health
    answers ok."""

    def __init__(self, data_dir: Path, script: Path = ROOT / "serve.py",
                 log: Path | None = None, timeout: float = 120) -> None:
        self.data_dir = data_dir
        self._log = log.open("w") if log else None
        self.started = time.perf_counter()
        deadline = time.monotonic() + timeout
        # The port is free when chosen but taken only when the server binds it: another test
        # process may bind it first. Then this server exits, and it starts again on another
        # port (its health check must not be answered by the other process's server).
        while time.monotonic() < deadline:
            self._start(script, data_dir)
            if self._healthy(deadline):
                return
            if self.proc.poll() is None:
                break
        self.stop()
        raise RuntimeError(f"{script.name} did not become healthy within {timeout:.0f} s")

    def _start(self, script: Path, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"NEXTROUND_DATA_DIR": str(data_dir)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port",
             str(self.port), "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self._log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    def _healthy(self, deadline: float) -> bool:
        """True once this server answers; False as soon as it has exited or time is up."""
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok" and self.proc.poll() is None:
                        return True
            except OSError:
                time.sleep(0.05)
        return False

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def cpu_seconds(self) -> float:
        """Processor time the server has used so far (every thread, ended ones included:
        Streamlit runs each script run in a thread of its own), in clock ticks of 10 ms: a
        click's figure is exact only as a mean over several."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self._log:
            self._log.close()
