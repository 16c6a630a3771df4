"""The benchmark keeps working: a quick run at N = 100 (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from components.shared.navigation import PAGES


@pytest.mark.slow
def test_benchmark_runs_at_100(tmp_path: Path) -> None:
    from bench.__main__ import main

    assert main(["--sizes", "100", "--repeats", "2", "--no-browser",
                 "--output", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "latest.json").read_text())
    runs = results["server"]["100"]
    assert {"bare", "reference", *(p.title for p in PAGES)} <= set(runs)
    assert all(value > 0 for value in runs.values())
    assert "Budgets" in (tmp_path / "latest.md").read_text()
