"""Every page in the navigation runs without an exception, with no data, with the sample data
and with each kind of broken file. New pages are covered by being listed in PAGES."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.navigation import PAGES
from tests.app.conftest import texts

PAGE_FILES = [p.file for p in PAGES]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_runs_on_empty_data(open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_runs_on_sample_data(sample_dir, open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception
    assert "cannot be read" not in texts(at)


BROKEN_FILES = {
    "ragged": "id,company,role,stage\nA1,Acme,Analyst,applied,extra,values\n",
    "bad date": "id,company,role,stage,date_applied\nA1,Acme,Analyst,applied,next tuesday\n",
    "binary": "\x00\x01\x02 not text",
    "unclosed quote": 'id,company,role,stage\nA1,"Acme,Analyst,applied\n',
}


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("case", list(BROKEN_FILES))
def test_page_explains_a_broken_file(data_dir: Path, open_app, page: str, case: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "applications.csv"
    path.write_text(BROKEN_FILES[case])
    before = path.read_bytes()
    at = open_app(page)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "applications.csv cannot be read" in shown
    assert path.read_bytes() == before
