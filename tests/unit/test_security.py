"""Guards that stop a later change from exposing the app or the user's text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "components").glob("*.py")), *sorted((ROOT / "nextround").rglob("*.py"))]
RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1|components\.html\(")


def test_no_raw_html_rendering_anywhere() -> None:
    """User text must never reach a raw-HTML sink; the simplest proof is that none is used."""
    hits = [f"{path.relative_to(ROOT)}:{n}" for path in CODE
            for n, line in enumerate(path.read_text().splitlines(), 1) if RAW_HTML.search(line)]
    assert hits == []


def test_server_config_is_private() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 10
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["allowedHosts"] == ["127.0.0.1", "localhost"]


def test_make_run_takes_a_port_and_keeps_the_loopback_address() -> None:
    """`make run PORT=...` serves elsewhere than 8501 (before: the port was fixed), always on
    127.0.0.1 and always through serve.py's guard."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    commands = {}
    for args in ([], ["PORT=8642"]):
        dry = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True,
                             text=True, check=True, env={"PATH": "/usr/bin:/bin"})
        commands[tuple(args)] = dry.stdout.strip().splitlines()[-1]
    assert commands[()].endswith(
        "streamlit run serve.py --server.address 127.0.0.1 --server.port 8501")
    assert commands[("PORT=8642",)].endswith(
        "streamlit run serve.py --server.address 127.0.0.1 --server.port 8642")


def test_pinned_jinja_has_the_sandbox_fixes() -> None:
    import jinja2

    major, minor, patch = (int(x) for x in jinja2.__version__.split(".")[:3])
    assert (major, minor, patch) >= (3, 1, 6)


def test_nextround_never_imports_streamlit() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "nextround").rglob("*.py")
                 if re.search(r"^\s*(import|from)\s+streamlit", p.read_text(), re.M)]
    assert offenders == []
