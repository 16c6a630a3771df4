"""A person's own note templates: found only in their data folder's templates/ by an allowlist
of names, rendered in Jinja's sandbox in a worker process under hard limits (loop work, output
size, time, memory; see ``rendering``), and every failure explained with its template and line.

A bad template costs at most about two seconds: the worker stops a slow render itself after a
second, and the app kills a worker that has not answered a second later, so nothing keeps
burning CPU after the page gave up. Other tabs are not held up: the waiting happens in this
session's thread while the work runs in another process.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
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
#: A worker that has just started needs time to import Jinja before its first answer.
START_ALLOWANCE = 10.0
_IDLE_WORKERS = 2


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
            [sys.executable, "-m", "nextround.domain.notes.rendering"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=PROJECT_ROOT, env=env, text=True, encoding="utf-8",
        )
        self.fresh = True

    def ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        """The worker's answer, or None when it did not answer in time (it is then killed)."""
        answers: queue.Queue[str] = queue.Queue()
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:
            self.kill()
            return None
        reader = threading.Thread(target=lambda: answers.put(self.process.stdout.readline()),
                                  daemon=True)
        reader.start()
        wait = HARD_LIMIT + (START_ALLOWANCE if self.fresh else 0.0)
        self.fresh = False
        try:
            line = answers.get(timeout=wait)
        except queue.Empty:
            self.kill()
            return None
        if not line:
            self.kill()
            return None
        return json.loads(line)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


_idle: list[_Worker] = []
_idle_lock = threading.Lock()


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


def render_user_template(source: str, note: NoteInput, name: str = "") -> RenderedNote:
    """Render a template the person wrote, in the sandbox of a worker process, within limits.

    Every failure becomes a ``TemplateProblem`` naming the template and, when it can, the
    line, so a bad template shows a message on the page instead of a traceback or a hang.
    """
    request = {"source": source, "variables": encode_variables(template_variables(note)),
               "names": list(TEMPLATE_VARIABLES)}
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
