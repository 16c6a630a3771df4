"""Reading uploads: every encoding, delimiter and line ending a spreadsheet writes, workbooks,
files without a header row, and a sentence (never a traceback) for what cannot be read."""

from __future__ import annotations

import io
import time

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.storage import importer
from nextround.storage.imports import reading
from tests.examples import more_examples

ROWS = "Company;Role;Status\r\nMüller & Söhne;Analyst;Applied\r\nCafé Zoë;Dev;Rejected\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "utf-32-le", "cp1252"])
def test_every_encoding_a_spreadsheet_writes_is_read(encoding: str) -> None:
    """Before: UTF-16 without a byte-order mark and UTF-32 gave a traceback."""
    upload = importer.read_upload(ROWS.encode(encoding), "jobs.csv")
    assert upload.frame.columns.tolist() == ["Company", "Role", "Status"]
    assert upload.frame["Company"].tolist() == ["Müller & Söhne", "Café Zoë"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_other_scripts_in_utf16_or_utf32_without_a_byte_order_mark(encoding: str) -> None:
    """Few zero bytes (only the commas and line ends are ASCII) and still told apart."""
    text = "公司,职位,状态\n甲乙丙丁公司,高级工程师,已投递\n戊己庚辛公司,产品经理,面试\n"
    upload = importer.read_upload(text.encode(encoding), "c.csv")
    assert upload.encoding == encoding
    assert upload.frame["公司"].tolist() == ["甲乙丙丁公司", "戊己庚辛公司"]


def test_a_zero_byte_inside_a_utf8_cell_is_kept() -> None:
    upload = importer.read_upload(b"Company,Notes\nAcme,\x00nul\x07bell\n", "h.csv")
    assert upload.encoding == "utf-8" and upload.frame["Notes"].tolist() == ["\x00nul\x07bell"]


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"], ids=["CR (Mac)", "LF", "CRLF"])
@pytest.mark.parametrize("sep", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_every_delimiter_and_line_ending(sep: str, end: str) -> None:
    raw = end.join(sep.join(r) for r in [["Company", "Role"], ["Acme", "Dev"], ["Beta", "QA"]])
    upload = importer.read_upload(raw.encode(), "jobs.txt")
    assert upload.frame.values.tolist() == [["Acme", "Dev"], ["Beta", "QA"]]


def test_mixed_line_ends_and_a_line_break_inside_a_cell_kept_exactly() -> None:
    raw = b'Company,Notes\rAcme,"first\r\nsecond"\r\nBeta,plain\nGamma,x\r'
    upload = importer.read_upload(raw, "mixed.csv")
    assert upload.frame.values.tolist() == [["Acme", "first\r\nsecond"], ["Beta", "plain"],
                                            ["Gamma", "x"]]


def test_a_huge_first_line_and_a_very_wide_row_cost_time_in_proportion() -> None:
    """Before: a first line over 128 KB gave `_csv.Error: field larger than field limit`; a
    400 KB file with one 400,000-field row took 247 s to preview."""
    long_cell = b"Company,Notes\nAcme," + b"y" * 200_000 + b"\n"
    assert len(importer.read_upload(long_cell, "a.csv").frame.iloc[0, 1]) == 200_000
    wide = b"Company,Role\nAcme,Dev\nBeta,QA" + b",x" * 200_000 + b"\n"
    started = time.perf_counter()
    upload = importer.read_upload(wide, "wide.csv")
    answers = importer.first_answers(upload)
    preview = importer.prepare_import(upload, answers, _empty(), pd.Timestamp.now())
    assert time.perf_counter() - started < 3
    assert upload.wide_rows == (3,) and preview.bad_rows == 1
    assert preview.applications["company"].tolist() == ["Acme"]


def _empty() -> pd.DataFrame:
    from nextround.storage.frames import empty_frame
    from nextround.storage.schema import APPLICATIONS

    return empty_frame(APPLICATIONS)


def test_a_file_without_a_header_row_is_recognised_and_can_be_told_otherwise() -> None:
    raw = (b"Acme,Data analyst,2026-01-05,ann@acme.example\n"
           b"Beta,Developer,2026-01-14,bo@beta.example\n")
    upload = importer.read_upload(raw, "nohead.csv")
    assert not upload.has_header and upload.first_line == 1
    assert upload.frame.columns.tolist() == ["Column A", "Column B", "Column C", "Column D"]
    assert upload.frame["Column A"].tolist() == ["Acme", "Beta"]
    mapping = importer.suggest_mapping(upload.frame)
    assert mapping["date_applied"] == "Column C" and mapping["contact_email"] == "Column D"
    told = importer.read_upload(raw, "nohead.csv", header=True)
    assert told.has_header and told.frame.columns[0] == "Acme"
    # A header row is a header even when a column is named like a date would be.
    assert importer.read_upload(b"Company,Date\nAcme,2026-01-05\n", "h.csv").has_header


def test_merge_conflict_markers_are_refused_with_what_they_are() -> None:
    raw = b"<<<<<<< HEAD\nCompany,Role\n=======\nCompany,Title\n>>>>>>> main\nAcme,Dev\n"
    with pytest.raises(importer.ImportFileError, match=r"Line 1 is a Git merge-conflict marker"):
        importer.read_upload(raw, "conflict.csv")
    later = b"Company,Role\nAcme,Dev\n=======\nBeta,QA\n"
    with pytest.raises(importer.ImportFileError, match=r"Line 3 .*merge that was never finished"):
        importer.read_upload(later, "conflict.csv")


@pytest.mark.parametrize(("raw", "name", "message"), [
    (b"", "e.csv", "The file is empty"),
    (b"\xef\xbb\xbf\r\n", "e.csv", "The file is empty"),
    (b"Company,Role\n", "h.csv", "a header but no rows"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x01" * 40, "photo.csv", "not text"),
    (b"PK\x03\x04 not really a workbook", "book.xlsx", "cannot be opened as a spreadsheet"),
    (b"Company,Role\n" + b"x," * 300 + b"\n", "wide.csv", None),
])
def test_what_cannot_be_read_gets_a_sentence(raw: bytes, name: str, message: str | None) -> None:
    if message is None:  # a wide data row under a two-column header is read, not refused
        assert importer.read_upload(raw, name).wide_rows == (2,)
        return
    with pytest.raises(importer.ImportFileError, match=message):
        importer.read_upload(raw, name)


def test_a_header_of_hundreds_of_columns_is_refused() -> None:
    raw = b",".join(f"c{i}".encode() for i in range(400)) + b"\nA,B\n"
    with pytest.raises(importer.ImportFileError, match="400 columns"):
        importer.read_upload(raw, "wide.csv")


def test_repeated_and_empty_column_names_are_kept_apart() -> None:
    upload = importer.read_upload(b"Company,,Status,status\nAcme,x,Applied,old\n", "d.csv")
    assert upload.frame.columns.tolist() == ["Company", "Column B", "Status", "status (2)"]


def _book(engine: str, sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine=engine) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize(("engine", "name"), [("openpyxl", "jobs.xlsx"), ("odf", "jobs.ods")])
def test_workbooks_are_read_with_their_dates_and_a_choice_of_sheet(engine: str,
                                                                  name: str) -> None:
    jobs = pd.DataFrame({"Company": ["Acme"], "Applied": [pd.Timestamp(2026, 1, 5)],
                         "Salary": [52000.0]})
    raw = _book(engine, {"Read me": pd.DataFrame(), "Jobs": jobs,
                         "Old": pd.DataFrame({"Firm": ["Zed"]})})
    upload = importer.read_upload(raw, name)
    assert upload.sheets == ("Read me", "Jobs", "Old") and upload.sheet == "Jobs"
    assert upload.frame.values.tolist() == [["Acme", "2026-01-05", "52000"]]
    old = importer.read_upload(raw, name, sheet="Old")
    assert old.sheet == "Old" and old.frame["Firm"].tolist() == ["Zed"]


def test_column_letters_go_past_z() -> None:
    assert [reading.column_letter(i) for i in (0, 25, 26, 27, 51, 52)] == [
        "A", "Z", "AA", "AB", "AZ", "BA"]


@more_examples(3)
@given(st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=st.sampled_from([*',;\t"\r\n ab1/:-', "é", "已", "\x00"]),
            max_size=200).map(lambda t: t.encode("utf-8")),
    st.text(max_size=80).map(lambda t: ("Company,Role,Status,Date\n" + t).encode("utf-16")),
), st.sampled_from(["x.csv", "x.tsv", "x.xlsx", "x.ods", "x"]))
def test_any_bytes_are_read_or_refused_with_a_sentence(raw: bytes, name: str) -> None:
    """Whatever comes in, the answer is rows or ImportFileError: never another exception, and
    the rows go through the whole preview without one either."""
    try:
        upload = importer.read_upload(raw, name)
    except importer.ImportFileError as error:
        assert str(error).endswith(".")
        return
    answers = importer.first_answers(upload)
    answers.mapping |= {"company": upload.frame.columns[0],
                        "role": upload.frame.columns[-1]}
    questions = importer.ask(upload.frame, answers.mapping)
    questions.open_points(answers)
    importer.prepare_import(upload, answers, _empty(), pd.Timestamp(2026, 12, 1).to_pydatetime())
