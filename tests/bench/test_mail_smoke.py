"""bench.mail keeps working: a quick run at 300 messages (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path


def test_the_mail_benchmark_runs(tmp_path: Path) -> None:
    from bench.mail import main

    assert main(["--sizes", "300", "--output", str(tmp_path)]) == 0
    [run] = json.loads((tmp_path / "mail.json").read_text())
    assert run["messages"] == 300 and run["seconds"] > 0
    assert run["read_past_headers"] == 6  # one in fifty is job mail; the rest is passed over
    assert "| 300 |" in (tmp_path / "mail.md").read_text()
