"""Every shared component alone, in a script of its own (``AppTest.from_function``): what the
user sees of it without a page around it, so a change to one shows up here before it shows up,
mixed with a page's other elements, in the page tests.

The scripts import inside themselves: AppTest runs each function's source as a fresh script.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from nextround.commands.sample import write_sample
from nextround.domain import dates

TIMEOUT = 30


def _run(script, **kwargs) -> AppTest:
    at = AppTest.from_function(script, default_timeout=TIMEOUT, kwargs=kwargs or None)
    return at.run()


def _toasts(at: AppTest) -> list[str]:
    return [t.value for t in at.toast]


# feedback ------------------------------------------------------------------------------------


def test_a_toast_flashed_before_a_rerun_is_shown_once_after_it(data_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.feedback import flash, show_flashes

        show_flashes()
        if st.button("Save", key="save"):
            flash("Saved your note.")
            st.rerun()

    at = _run(script)
    assert _toasts(at) == []
    at.button(key="save").click().run()
    assert _toasts(at) == ["Saved your note."]
    at.run()
    assert _toasts(at) == [], "a flash is shown once, not on every later run"


def test_a_failed_save_says_why_in_words_and_flashes_no_success(data_dir: Path) -> None:
    def script() -> None:
        import errno

        import streamlit as st

        from components.shared.feedback import attempt, show_flashes

        show_flashes()

        def full_disk() -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        if st.button("Save", key="save") and attempt(full_disk, "Saved."):
            st.rerun()

    at = _run(script)
    at.button(key="save").click().run()
    assert [e.value for e in at.error] and "the disk is full" in at.error[0].value
    assert "What was saved before is as it was" in at.error[0].value
    assert "Traceback" not in at.error[0].value
    assert _toasts(at) == []


def test_a_successful_save_flashes_its_message(data_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.feedback import attempt, show_flashes

        show_flashes()
        if st.button("Save", key="save") and attempt(lambda: None, "Application saved."):
            st.rerun()

    at = _run(script)
    at.button(key="save").click().run()
    assert not at.error
    assert _toasts(at) == ["Application saved."]


def test_a_confirmation_stays_open_until_answered_and_acts_only_on_yes(data_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.feedback import ask_to_confirm, confirm, show_flashes

        show_flashes()
        st.session_state.setdefault("deleted", [])
        if st.button("Delete", key="delete"):
            ask_to_confirm("delete_it", what="Acme")
        confirm("delete_it", "Delete this application?", "Its events go too.", "Delete",
                lambda payload: st.session_state["deleted"].append(payload["what"]))
        st.write(f"deleted: {st.session_state['deleted']}")

    at = _run(script)
    assert not [b for b in at.button if b.label == "Delete" and b.key != "delete"]
    at.button(key="delete").click().run()
    assert "Its events go too." in [m.value for m in at.markdown]
    at.run()  # an unrelated rerun: the question is still there
    assert at.button(key="confirm_delete_it_no").label == "Cancel"
    at.button(key="confirm_delete_it_no").click().run()
    assert "deleted: []" in [m.value for m in at.markdown]
    assert "Its events go too." not in [m.value for m in at.markdown]

    at.button(key="delete").click().run()
    at.button(key="confirm_delete_it_yes").click().run()
    assert "deleted: ['Acme']" in [m.value for m in at.markdown]
    assert "Its events go too." not in [m.value for m in at.markdown]


# screen --------------------------------------------------------------------------------------


def test_a_broken_file_stops_the_screen_with_what_and_where(data_dir: Path) -> None:
    write_sample(data_dir, dates.today())
    applications = data_dir / "applications.csv"
    header = applications.read_text(encoding="utf-8").splitlines()[0]
    applications.write_text(header + "\n" + "x," * header.count(",") + "\n", encoding="utf-8")
    before = applications.read_bytes()

    def script() -> None:
        import streamlit as st

        from components.shared.screen import snapshot_or_stop
        from components.shared.store import get_store

        snapshot_or_stop(get_store(), "applications")
        st.write("drawn after the load")

    at = _run(script)
    assert "drawn after the load" not in [m.value for m in at.markdown]
    assert any("applications.csv cannot be read" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["row", "column", "problem"]
    assert (problems["row"] == 2).any(), "rows count like a spreadsheet: the first data row is 2"
    assert {b.label for b in at.button} >= {"Reload", "Quarantine the file and start fresh"}
    assert applications.read_bytes() == before, "the broken file is left as it was"


def test_the_sample_folder_is_read_once_and_its_tables_reach_the_script(
        sample_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.screen import snapshot_or_stop
        from components.shared.store import get_store

        snapshot = snapshot_or_stop(get_store(), "applications", "events")
        st.write(f"{len(snapshot['applications'])} applications")

    at = _run(script)
    assert not at.error
    assert "15 applications" in [m.value for m in at.markdown]


# store, sidebar, welcome ---------------------------------------------------------------------


def test_the_welcome_offers_both_starts_and_the_sample_switches_the_folder(
        data_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.feedback import show_flashes
        from components.shared.navigation import build_navigation
        from components.shared.sidebar import sidebar
        from components.shared.store import get_store, viewing_sample
        from components.shared.welcome import welcome

        build_navigation()  # the welcome links to Pipeline and Data: they must be known pages
        show_flashes()
        sidebar()
        if not viewing_sample():
            welcome()
        st.write(f"folder: {get_store().data_dir.name}")

    at = _run(script)
    assert "How would you like to start?" in [h.value for h in at.header]
    assert "folder: data" in [m.value for m in at.markdown]
    assert not at.sidebar.info
    at.button(key="welcome_sample").click().run()
    assert "folder: data" not in [m.value for m in at.markdown], "the sample has its own folder"
    assert any("Sample data loaded" in t for t in _toasts(at))
    assert "sample data" in at.sidebar.info[0].value
    assert (data_dir / "applications.csv").exists() is False, "the user's folder is untouched"

    at.sidebar.button(key="sidebar_leave_sample").click().run()
    assert "folder: data" in [m.value for m in at.markdown]
    assert not at.sidebar.info


def test_the_sidebar_says_where_the_data_lives_and_that_nothing_leaves(data_dir: Path) -> None:
    def script() -> None:
        from components.shared.sidebar import sidebar

        sidebar()

    at = _run(script)
    caption = at.sidebar.caption[0].value
    assert str(data_dir) in caption
    assert "Nothing is sent anywhere" in caption


# navigation, charts, the wait's method -------------------------------------------------------


def test_a_request_left_for_a_page_is_taken_once(data_dir: Path) -> None:
    def script() -> None:
        import streamlit as st

        from components.shared.navigation import request_key, take_request

        if st.button("Leave a request", key="leave"):
            st.session_state[request_key("Notes")] = {"application_id": "a1", "kind": "thanks"}
        st.write(f"request: {take_request('Notes')}")

    at = _run(script)
    assert "request: {}" in [m.value for m in at.markdown]
    at.button(key="leave").click().run()
    assert "request: {'application_id': 'a1', 'kind': 'thanks'}" in [m.value for m in at.markdown]
    at.run()
    assert "request: {}" in [m.value for m in at.markdown], "a request is used once"


def test_a_chart_caption_is_text_and_its_downloads_are_offered(data_dir: Path) -> None:
    def script() -> None:
        import json

        import streamlit as st

        from components.shared.chart_downloads import chart_caption, csv_button, image_buttons

        spec = {"mark": "bar", "description": "Replies at ![x](https://example.com/t.png)",
                "data": {"values": [{"a": 1}]},
                "encoding": {"x": {"field": "a", "type": "quantitative"}}}
        st.caption(chart_caption(spec))
        csv_button(lambda: __import__("pandas").DataFrame({"a": [1]}), "replies", "Data (CSV)",
                   "replies_csv")
        image_buttons(json.dumps(spec), "replies", "replies_image")

    at = _run(script)
    assert not at.exception
    caption = at.caption[0].value
    assert "![x]" not in caption, "a title cannot become an image fetched from elsewhere"
    assert "Replies at" in caption
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Data (CSV)", "PNG", "SVG"]


def test_the_wait_method_sits_behind_its_own_expander(data_dir: Path) -> None:
    def script() -> None:
        from components.shared.wait_method import how_it_is_worked_out

        how_it_is_worked_out("method")

    at = _run(script)
    assert at.expander[0].label == "How is this worked out?"
    assert at.expander[0].markdown[0].value.strip()
