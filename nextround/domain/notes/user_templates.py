"""A person's own note templates: found only in their data folder's templates/ by an allowlist
of names, rendered in Jinja's sandbox with limits, and every failure explained by line."""

from __future__ import annotations

import re
import traceback
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

from nextround.domain.notes.drafting import (
    FILTERS,
    TEMPLATE_VARIABLES,
    NoteInput,
    RenderedNote,
    render_blocks,
    template_variables,
    tidy_output,
    tidy_text,
)
from nextround.storage.errors import NextRoundError

USER_TEMPLATE_FOLDER = "templates"
_USER_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}\.j2$")
USER_TEMPLATE_MAX_BYTES = 64 * 1024


class TemplateProblem(NextRoundError):
    """A template that cannot be rendered, explained so the person can fix it.

    ``line`` is the template's line number when the problem can be tied to one.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


# --- the person's own templates ------------------------------------------------------------------


class _TooLarge(SecurityError):
    """A sandbox limit this module adds; its message is already written for a person."""


class _NoteSandbox(ImmutableSandboxedEnvironment):
    """The sandbox (lists and dicts read-only), plus limits on '*' and '**' so that
    '{{ "a" * 10**10 }}' or '{{ 2 ** 10**6 }}' cannot eat the memory or the CPU."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 100_000
    MAX_POWER_BITS = 10_000

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_too_large(left, right, self.MAX_POWER_BITS):
            raise _TooLarge("that power is too large for a note template.")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > self.MAX_REPEAT:
                raise _TooLarge("that repetition is too long for a note template.")
        return super().call_binop(context, operator, left, right)


def _power_too_large(base: Any, exponent: Any, max_bits: int) -> bool:
    if not isinstance(exponent, int | float) or not isinstance(base, int | float):
        return False
    if isinstance(base, float) or isinstance(exponent, float):
        return abs(exponent) > 1_000  # floats overflow to an error, not to a huge number
    return abs(exponent) > max_bits or max(abs(base).bit_length(), 1) * exponent > max_bits


@cache
def _sandbox() -> SandboxedEnvironment:
    env = _NoteSandbox(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(FILTERS)
    return env


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


def _explain(exc: BaseException) -> TemplateProblem:
    """Turn whatever went wrong into a sentence a person can act on."""
    listed = "Variables you can use: " + ", ".join(TEMPLATE_VARIABLES) + "."
    if isinstance(exc, TemplateSyntaxError):
        reason = (exc.message or "").rstrip(".")
        return TemplateProblem(
            f"the template's syntax is not valid ({reason}). Check that every {{{{ has a "
            "matching }}, and every {% if %}, {% for %} or {% block %} is closed.",
            exc.lineno,
        )
    if isinstance(exc, _TooLarge):
        return TemplateProblem(str(exc), _template_line(exc))
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            "the template reaches for something outside the note's variables (for example a "
            f"name starting with an underscore), which is not allowed. {listed}",
            _template_line(exc),
        )
    if isinstance(exc, UndefinedError):
        match = re.search(r"'([^']+)' is undefined", exc.message or "")
        what = f"{match.group(1)!r} is not a variable notes provide" if match else exc.message
        return TemplateProblem(f"{what}. Check the spelling. {listed}", _template_line(exc))
    if isinstance(exc, RecursionError):
        return TemplateProblem(
            "the template calls itself without end (a macro that calls itself?).",
            _template_line(exc, outermost=True),
        )
    if isinstance(exc, TemplateError):
        return TemplateProblem(f"the template could not be used: {exc}.", _template_line(exc))
    return TemplateProblem(
        f"the template failed while filling in the note ({type(exc).__name__}: {exc}).",
        _template_line(exc),
    )


def _split_subject_line(text: str) -> RenderedNote:
    """For a template without blocks: a first line 'Subject: ...' is the subject."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.lower().startswith("subject:"):
        return RenderedNote(tidy_text(first[len("subject:") :]), tidy_output(rest))
    return RenderedNote("", tidy_output(text))


def render_user_template(source: str, note: NoteInput) -> RenderedNote:
    """Render a template the person wrote, in Jinja's sandbox.

    Every failure becomes a ``TemplateProblem``, so a bad template shows a message on the
    page instead of a traceback. The sandbox stops code execution, not long loops: a template
    can still be slow, but it runs on the person's own machine with their own file.
    """
    try:
        template = _sandbox().from_string(source)
        blocks = {"subject", "body"} & set(template.blocks)
        if len(blocks) == 1:
            raise TemplateProblem(
                "define both {% block subject %} and {% block body %}, or neither and start "
                "the template with a line 'Subject: ...'."
            )
        if blocks:
            return render_blocks(template, template_variables(note))
        return _split_subject_line(template.render(template_variables(note)))
    except TemplateProblem:
        raise
    except (Exception, RecursionError) as exc:
        raise _explain(exc) from exc


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
        raise TemplateProblem(f"{name} is larger than 64 KB; a note template should be short.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateProblem(f"{name} is not UTF-8 text; save it as UTF-8 and reload.") from exc
