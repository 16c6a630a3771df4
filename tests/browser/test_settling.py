"""How the browser tests and the benchmark know a click has settled (bench/server.py): the run
counter reads how each run ended from Streamlit's own message, so a run that ends only to make
way for another (a save followed by st.rerun) does not count as the page at rest."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

pytestmark = pytest.mark.browser

# A tab with the run counter (installed by the ``page`` fixture) and a socket that never
# connects: each message is handed to it as the browser would hand Streamlit's.
DELIVER = """(bytes) => {
  window.__socket = window.__socket || new WebSocket("ws://127.0.0.1:9/none");
  const data = new Uint8Array(bytes).buffer;
  window.__socket.dispatchEvent(new MessageEvent("message", {data}));
  const {finished, rerunning} = window.__nextround;
  return {finished, rerunning};
}"""


def _finished(status: int) -> list[int]:
    message = ForwardMsg()
    message.metadata.delta_path[:] = [0, 1]  # other fields before and around it
    message.script_finished = status
    return list(message.SerializeToString())


def test_a_run_ended_for_a_rerun_keeps_the_page_unsettled_until_the_next_run_ends(page) -> None:
    page.goto("data:text/html,<p>counter</p>")
    other = ForwardMsg()
    other.session_status_changed.script_is_running = False
    assert page.evaluate(DELIVER, list(other.SerializeToString())) == {
        "finished": 0, "rerunning": False}
    assert page.evaluate(DELIVER, _finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN)) == {
        "finished": 1, "rerunning": True}
    assert page.evaluate(DELIVER, _finished(ForwardMsg.FINISHED_SUCCESSFULLY)) == {
        "finished": 2, "rerunning": False}
    page.evaluate(DELIVER, _finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert page.evaluate(DELIVER, _finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)) == {
        "finished": 4, "rerunning": False}
