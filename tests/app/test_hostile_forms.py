"""Hostile text typed into the forms or imported is stored exactly and never breaks a page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nextround.storage.store import Store
from tests.app import test_prep_page as prep_t
from tests.app import test_self_check_page as check_t
from tests.app.test_home_and_data import _upload

HOSTILE = (
    "<script>alert('x')</script> [link](javascript:alert(1)) =SUM(A1) "
    "\u202eRTL 🎉 {{ 7*7 }} $x$ :red[red]\nsecond line\r\nthird"
)


def test_import_stores_hostile_cells_exactly(data_dir: Path, open_app) -> None:
    frame = pd.DataFrame({"Company": [HOSTILE, "Plain Ltd"], "Title": ["@role", "Analyst"],
                          "Notes": ["\x00nul\x07bell", "+1 formula"]})
    at = open_app("pages/data.py")
    _upload(at, "hostile.csv", frame.to_csv(index=False).encode("utf-8"))
    at.run()
    assert not at.exception, at.exception
    at.button(key="data_import_go").click().run()
    assert not at.exception, at.exception
    apps = Store(data_dir).load("applications")
    assert apps["company"].tolist() == [HOSTILE.strip(), "Plain Ltd"]
    assert apps["role"].tolist() == ["@role", "Analyst"]
    assert apps["notes"].tolist() == ["\x00nul\x07bell", "+1 formula"]
    for page in ("pages/home.py", "pages/notes.py", "pages/self_check.py", "pages/prep.py"):
        assert not open_app(page).exception, page


def test_prep_answer_keeps_hostile_text(sample_dir: Path, open_app) -> None:
    at = open_app(prep_t.PAGE)
    cobalt = prep_t._interview_id(sample_dir, "Cobalt Robotics")
    prep_t._open_core_question(at, cobalt, prep_t.TELL_ME)
    at.text_area(key=f"prep_answer_answer_{prep_t.TELL_ME}").input(HOSTILE)
    next(b for b in at.button if b.label == "Save answer").click().run()
    assert not at.exception, at.exception
    saved = Store(sample_dir).load("practice_answers")
    assert saved["answer"].tolist() == [HOSTILE]
    assert not open_app(prep_t.PAGE).exception


def test_self_check_reflection_keeps_hostile_text(sample_dir: Path, open_app) -> None:
    at, acme = check_t._open_acme(open_app, sample_dir)
    form_key = f"{acme['event_id']}_new"
    check_t._answer(at, form_key, {"sign-rapport": "yes"})
    check_t._submit_reading(at)
    at.text_area(key=f"sc_{form_key}_went_well").input(HOSTILE)
    check_t._press(at, "Save this check")
    assert not at.exception, at.exception
    assert check_t._checks(sample_dir)["went_well"].tolist() == [HOSTILE]
    again, _ = check_t._open_acme(open_app, sample_dir)
    assert not again.exception
