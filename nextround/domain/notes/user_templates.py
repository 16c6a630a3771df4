"""A person's own note templates: found only in their data folder's templates/ by an allowlist
of names, rendered in Jinja's sandbox in a worker process under hard limits (loop work, output
size, time, memory; see ``rendering``), and every failure explained with its template and line.

A bad template costs at most about two seconds of work: the worker stops a slow render itself
after a second, and the app kills a worker that has not answered a second later (work in C, such
as one huge ``sum``, ignores the first stop), so nothing keeps burning CPU after the page gave
up. The two seconds count from the moment the worker has the template: a new worker first says
it is ready, and its start-up (importing Jinja) is timed on its own, so it never lends a runaway
render extra seconds. Renders run one at a time per session (the caller passes its session's
lock) and at most ``MAX_RENDERS`` at once in all, so several tabs cannot multiply the memory a
worker may take. Other tabs are not held up by a runaway: the waiting happens in this session's
thread while the work runs in another process.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nextround.domain.notes.drafting import TEMPLATE_VARIABLES, NoteInput, template_variables
from nextround.domain.notes.rendering import TIME_LIMIT, RenderedNote, encode_variables
from nextround.storage.errors import NextRoundError
from nextround.storage.paths import PROJECT_ROOT

USER_TEMPLATE_FOLDER = "templates"
_USER_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}\.j2$")
USER_TEMPLATE_MAX_BYTES = 64 * 1024
#: Seconds the app waits for a worker's answer before it kills the worker.
HARD_LIMIT = TIME_LIMIT + 1.0
#: Seconds a new worker may take to import Jinja and say it is ready (not render time).
START_ALLOWANCE = 10.0
_IDLE_WORKERS = 2
#: Renders in progress at once across all sessions; more wait their turn.
MAX_RENDERS = 2
#: Seconds a render waits for its turn before giving up with a message.
TURN_WAIT = 2 * (HARD_LIMIT + START_ALLOWANCE)
#: The worker's command line (a test may swap in a stand-in worker).
WORKER_COMMAND = (sys.executable, "-m", "nextround.domain.notes.rendering")


class TemplateProblem(NextRoundError):
    """A template that cannot be rendered, explained so the person can fix it.

    ``line`` is the template's line number when the problem can be tied to one; ``template``
    the file's name when it is known.
    """

    def __init__(self, message: str, line: int | None = None, template: str = "") -> None:
        self.message = message
        self.line = line
        self.template = template
        where = ", ".join(p for p in (template, f"line {line}" if line else "") if p)
        where = where if template else where.capitalize()
        super().__init__(f"{where}: {message}" if where else message)


# --- the worker process ------------------------------------------------------------------------


class _Worker:
    """One worker process rendering one template at a time."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p))
        self.process = subprocess.Popen(
            list(WORKER_COMMAND),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=PROJECT_ROOT, env=env, text=True, encoding="utf-8",
        )
        self.fresh = True

    def _read(self, timeout: float) -> str | None:
        """The worker's next line, or None when it gave none within ``timeout`` (it is then
        killed) or has ended."""
        answers: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        stdout = self.process.stdout

        def read() -> None:
            try:
                answers.put(stdout.readline())
            except (OSError, ValueError):  # the worker was killed and its pipe closed
                answers.put("")

        threading.Thread(target=read, daemon=True).start()
        try:
            line = answers.get(timeout=timeout)
        except queue.Empty:
            line = ""
        if not line:
            self.kill()
            return None
        return line

    def ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        """The worker's answer, or None when it did not answer within ``HARD_LIMIT`` of having
        the request (it is then killed). A new worker's start-up is waited for first, apart."""
        assert self.process.stdin is not None
        if self.fresh:
            self.fresh = False
            if self._read(START_ALLOWANCE) is None:  # it never said it was ready
                return None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:
            self.kill()
            return None
        line = self._read(HARD_LIMIT)
        return None if line is None else json.loads(line)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_renders = threading.BoundedSemaphore(MAX_RENDERS)


def _take_worker() -> _Worker:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.process.poll() is None:
                return worker
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _idle_lock:
        if len(_idle) < _IDLE_WORKERS:
            _idle.append(worker)
            return
    worker.kill()


# --- rendering ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _turn(lock: Any, name: str) -> Iterator[None]:
    """Wait for this render's turn: ``lock`` (the session's, if given) and one of the
    ``MAX_RENDERS`` places; a turn that does not come within ``TURN_WAIT`` is a message."""
    busy = TemplateProblem("another template is still being filled in (in this tab or "
                           "another); try again in a moment.", template=name)
    if lock is not None and not lock.acquire(timeout=TURN_WAIT):
        raise busy
    try:
        if not _renders.acquire(timeout=TURN_WAIT):
            raise busy
        try:
            yield
        finally:
            _renders.release()
    finally:
        if lock is not None:
            lock.release()


def render_user_template(source: str, note: NoteInput, name: str = "",
                         turn: Any = None) -> RenderedNote:
    """Render a template the person wrote, in the sandbox of a worker process, within limits.

    ``turn`` is the session's lock (a ``threading.Lock``), so one session renders one template
    at a time. Every failure becomes a ``TemplateProblem`` naming the template and, when it
    can, the line, so a bad template shows a message on the page instead of a traceback or a
    hang.
    """
    request = {"source": source, "variables": encode_variables(template_variables(note)),
               "names": list(TEMPLATE_VARIABLES)}
    with _turn(turn, name):
        worker = _take_worker()
        reply = worker.ask(request)
        if reply is None:
            raise TemplateProblem(
                f"it did not finish within {HARD_LIMIT:g} seconds and was stopped (a loop that "
                "never ends, or very slow work?). A note template should fill in at once.",
                template=name)
        if reply.get("limit"):
            worker.kill()  # it may have used much memory: start afresh next time
        else:
            _give_back(worker)
    if "problem" in reply:
        raise TemplateProblem(reply["problem"], reply.get("line"), name)
    return RenderedNote(reply["subject"], reply["body"])


def list_user_templates(data_dir: Path) -> list[Path]:
    """The person's own templates: *.j2 files directly in <data_dir>/templates, sorted by name.

    Names outside a plain allowlist and links that lead outside the folder are skipped, so a
    file name can never steer the app to read elsewhere.
    """
    folder = Path(data_dir) / USER_TEMPLATE_FOLDER
    if not folder.is_dir():
        return []
    root = folder.resolve()
    found = []
    for path in folder.iterdir():
        if not _USER_TEMPLATE_NAME.match(path.name):
            continue
        resolved = path.resolve()
        if resolved.parent == root and resolved.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.name.lower())


def read_user_template(data_dir: Path, name: str) -> str:
    """The text of one listed user template; only names ``list_user_templates`` returns work."""
    matches = [p for p in list_user_templates(data_dir) if p.name == name]
    if not matches:
        raise TemplateProblem(f"there is no template called {name!r} in your templates folder.")
    path = matches[0]
    if path.stat().st_size > USER_TEMPLATE_MAX_BYTES:
        raise TemplateProblem("it is larger than 64 KB; a note template should be short.",
                              template=name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateProblem("it is not UTF-8 text; save it as UTF-8 and reload.",
                              template=name) from exc
