"""Rendering a note template, and the sandbox a person's own template runs in.

The built-in templates are trusted and rendered in-process (``render_blocks``). A person's own
template runs in Jinja's sandbox, with limits the sandbox lacks, inside a separate worker
process (``python -m nextround.domain.notes.rendering``) that the app can kill:

- loop work: every ``{% for %}`` draws from one budget of iterations per render, so nested
  loops over ``range(100000)`` stop at once, with the line;
- output: the rendered text is read as it is produced and stopped past a cap, with the line;
- time: an alarm in the worker stops a slow render after a second, with the line; the app
  kills the worker if it does not answer soon after (a C call that ignores the alarm);
- memory: the worker's address space is capped, so a template cannot eat the machine's memory;
- work in C that no alarm stops: ``*`` on long texts and lists is refused past a size, and
  ``sum`` joins lists in one pass (Python's copies the list at every step).

This module imports no pandas (the worker starts in a fraction of a second).
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.filters import make_attrgetter, sync_do_sum
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import pass_environment

from nextround.domain.notes.compose import FILTERS
from nextround.text import tidy_text

#: Iterations all the loops of one render may take together (a note loops over a few items).
LOOP_BUDGET = 20_000
#: Characters a rendered note may have (a long note is about 1,500).
OUTPUT_LIMIT = 20_000
#: Seconds a render may run before the worker stops it (the app kills it a second later).
TIME_LIMIT = 1.0
#: Bytes of memory the worker may use on top of what it holds when it starts.
MEMORY_HEADROOM = 512 * 1024 * 1024


@dataclass(frozen=True)
class RenderedNote:
    subject: str
    body: str


def tidy_output(text: str) -> str:
    """No trailing spaces, no runs of blank lines, nothing before the greeting or after the name."""
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def render_blocks(template: Template, variables: dict[str, Any]) -> RenderedNote:
    """A template with a subject block and a body block."""
    context = template.new_context(variables)
    subject = _collect(template, template.blocks["subject"](context))
    body = _collect(template, template.blocks["body"](context))
    return RenderedNote(subject=tidy_text(subject), body=tidy_output(body))


def split_subject_line(text: str) -> RenderedNote:
    """For a template without blocks: a first line 'Subject: ...' is the subject."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.lower().startswith("subject:"):
        return RenderedNote(tidy_text(first[len("subject:"):]), tidy_output(rest))
    return RenderedNote("", tidy_output(text))


# --- the limits --------------------------------------------------------------------------------


class LimitReached(SecurityError):
    """A limit this module adds; its message is already written for a person. ``line`` is
    the template line when the limit was found outside the template's own frames."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _Budget:
    """The loop work left in the current render (the worker renders one note at a time)."""

    left = LOOP_BUDGET

    @classmethod
    def reset(cls) -> None:
        cls.left = LOOP_BUDGET

    @classmethod
    def spend(cls) -> None:
        cls.left -= 1
        if cls.left < 0:
            raise LimitReached(
                f"its loops run more than {LOOP_BUDGET:,} times in all (a loop inside a loop "
                "over a long range?). A note template loops over a few items at most.")


def _loop_work(iterable: Any) -> Iterator[Any]:
    for item in iterable:
        _Budget.spend()
        yield item


def _collect(template: Template, chunks: Iterator[str], limit: int | None = None) -> str:
    """Join a render's output as it is produced; past ``limit`` characters, stop it and say
    on which template line it was writing."""
    if limit is None:
        return "".join(chunks)
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise LimitReached(
                f"it writes more than {limit:,} characters (a long text repeated in a loop?). "
                "A note is a few hundred words.", _writing_line(template, chunks))
        parts.append(chunk)
    return "".join(parts)


def _writing_line(template: Template, generator: Any) -> int | None:
    """The template line a paused render generator is at (the innermost one it delegates to)."""
    while getattr(generator, "gi_yieldfrom", None) is not None:
        generator = generator.gi_yieldfrom
    frame = getattr(generator, "gi_frame", None)
    return None if frame is None else template.get_corresponding_lineno(frame.f_lineno)


class NoteSandbox(ImmutableSandboxedEnvironment):
    """The sandbox (lists and dicts read-only), plus limits on '*' and '**' so that
    '{{ "a" * 10**10 }}' or '{{ 2 ** 10**6 }}' cannot eat the memory or the CPU, and every
    for loop counted against the render's loop budget."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 100_000
    MAX_POWER_BITS = 10_000

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_loop_work", [], [], None, None,
                                     lineno=loop.lineno)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_too_large(left, right, self.MAX_POWER_BITS):
            raise LimitReached("that power is too large for a note template.")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > self.MAX_REPEAT:
                raise LimitReached("that repetition is too long for a note template.")
        return super().call_binop(context, operator, left, right)


@pass_environment
def _bounded_sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    """Jinja's ``sum``, except that lists or tuples are joined in one pass, up to
    ``NoteSandbox.MAX_REPEAT`` items. Python's own ``sum(..., start=[])`` copies the list so
    far at every step, in C where no time limit reaches: ``([[1]]*100000)|sum(start=[])`` cost
    13 seconds of a full core before the worker could be stopped."""
    if not isinstance(start, list | tuple):
        return sync_do_sum(environment, iterable, attribute, start)
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    joined = list(start)
    for item in iterable:
        if not isinstance(item, type(start)):
            raise TypeError(f"can only join {type(start).__name__}s to a "
                            f"{type(start).__name__} (not {type(item).__name__})")
        if len(joined) + len(item) > NoteSandbox.MAX_REPEAT:
            raise LimitReached("that sum builds a list too long for a note template.")
        joined.extend(item)
    return type(start)(joined)


def _power_too_large(base: Any, exponent: Any, max_bits: int) -> bool:
    if not isinstance(exponent, int | float) or not isinstance(base, int | float):
        return False
    if isinstance(base, float) or isinstance(exponent, float):
        return abs(exponent) > 1_000  # floats overflow to an error, not to a huge number
    return abs(exponent) > max_bits or max(abs(base).bit_length(), 1) * exponent > max_bits


@cache
def sandbox() -> NoteSandbox:
    env = NoteSandbox(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(FILTERS)
    env.filters["_loop_work"] = _loop_work
    env.filters["sum"] = _bounded_sum
    return env


# --- explaining what went wrong ----------------------------------------------------------------


def _template_line(exc: BaseException, outermost: bool = False) -> int | None:
    """The template line an error happened on, from the frames Jinja rewrites to template lines."""
    lines = [
        lineno
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
        if frame.f_code.co_filename == "<template>"
    ]
    if not lines:
        return None
    return lines[0] if outermost else lines[-1]


def explain(exc: BaseException, variables: tuple[str, ...]) -> tuple[str, int | None]:
    """Whatever went wrong, as (a sentence a person can act on, the template line or None)."""
    listed = "Variables you can use: " + ", ".join(variables) + "."
    if isinstance(exc, TemplateSyntaxError):
        reason = (exc.message or "").rstrip(".")
        return (f"the template's syntax is not valid ({reason}). Check that every {{{{ has a "
                "matching }}, and every {% if %}, {% for %} or {% block %} is closed.",
                exc.lineno)
    if isinstance(exc, LimitReached):
        return str(exc.message), exc.line or _template_line(exc)
    if isinstance(exc, SecurityError):
        return ("the template reaches for something outside the note's variables (for example "
                f"a name starting with an underscore), which is not allowed. {listed}",
                _template_line(exc))
    if isinstance(exc, UndefinedError):
        match = re.search(r"'([^']+)' is undefined", exc.message or "")
        what = f"{match.group(1)!r} is not a variable notes provide" if match else exc.message
        return f"{what}. Check the spelling. {listed}", _template_line(exc)
    if isinstance(exc, RecursionError):
        return ("the template calls itself without end (a macro that calls itself?).",
                _template_line(exc, outermost=True))
    if isinstance(exc, MemoryError):
        return ("it needs more memory than a note can take (a text built up in a loop?).",
                _template_line(exc))
    if isinstance(exc, TemplateError):
        return f"the template could not be used: {exc}.", _template_line(exc)
    return (f"the template failed while filling in the note ({type(exc).__name__}: {exc}).",
            _template_line(exc))


# --- rendering one template in the sandbox -----------------------------------------------------


class _TooSlow(LimitReached):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _TooSlow(f"it ran for more than {TIME_LIMIT:g} second (a loop that does too much "
                   "work?). A note template should fill in at once.")


def render_source(source: str, variables: dict[str, Any]) -> RenderedNote:
    """Render a person's template in the sandbox, within the loop and output limits.

    Raises whatever went wrong (``explain`` turns it into words); ``ValueError`` for a
    template with one of the two blocks only.
    """
    _Budget.reset()
    template = sandbox().from_string(source)
    blocks = {"subject", "body"} & set(template.blocks)
    if len(blocks) == 1:
        raise ValueError("define both {% block subject %} and {% block body %}, or neither and "
                         "start the template with a line 'Subject: ...'.")
    if blocks:
        context = template.new_context(variables)
        subject = _collect(template, template.blocks["subject"](context), OUTPUT_LIMIT)
        body = _collect(template, template.blocks["body"](context), OUTPUT_LIMIT - len(subject))
        return RenderedNote(tidy_text(subject), tidy_output(body))
    return split_subject_line(_collect(template, template.generate(variables), OUTPUT_LIMIT))


def encode_variables(variables: dict[str, Any]) -> str:
    """Template variables as JSON for the worker (dates as {"$date": "YYYY-MM-DD"})."""
    return json.dumps(variables, default=lambda v: {"$date": v.isoformat()}
                      if isinstance(v, date) else str(v))


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$date"}:
        return date.fromisoformat(value["$date"])
    return value


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """One render for the worker: {"subject", "body"} or {"problem", "line", "limit"}."""
    variables = {k: _decode(v) for k, v in json.loads(request["variables"]).items()}
    names = tuple(request.get("names", ()))
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timer:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        note = render_source(request["source"], variables)
        return {"subject": note.subject, "body": note.body}
    except ValueError as exc:
        return {"problem": str(exc), "line": None, "limit": False}
    except (Exception, RecursionError, MemoryError) as exc:
        message, line = explain(exc, names)
        return {"problem": message, "line": line,
                "limit": isinstance(exc, LimitReached | MemoryError)}
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:  # not on this system: the time limit still holds
        return
    with open("/proc/self/statm", encoding="ascii") as fh:
        in_use = int(fh.read().split()[0]) * resource.getpagesize()
    limit = in_use + MEMORY_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve() -> None:
    """The worker: one JSON request per line on stdin, one JSON answer per line on stdout."""
    with contextlib.suppress(OSError):
        _cap_memory()
    sandbox()
    sys.stdout.write(json.dumps({"ready": True}) + "\n")  # the app times renders from here
    sys.stdout.flush()
    for line in sys.stdin:
        try:
            reply = answer(json.loads(line))
        except Exception as exc:  # a request the worker cannot read: say so, keep serving
            reply = {"problem": f"the note could not be prepared ({exc}).", "line": None,
                     "limit": False}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
