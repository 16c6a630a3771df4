"""The one registry of note kinds and follow-up action kinds: what each is called on every
screen, what it logs when done, and what a note of that kind asks for and may run to. The
words are content, in kinds.toml beside this module.

Home's cards, the Pipeline table, the calendar export, the Notes page and the self-check plan
all read their words from here, so a title changed here changes everywhere at once. The file
format's allowed values (``storage.schema.NOTE_KINDS``) are the names; this module says what
they mean, and refuses to load if the two ever disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from nextround.domain.catalog import load_catalog
from nextround.storage.schema import EVENT_KINDS, NOTE_KINDS


@dataclass(frozen=True)
class NoteKind:
    """A kind of note the Notes page drafts.

    ``fields`` are the optional inputs the note uses beyond the company, role, recipient and
    sender. ``word_limit`` and ``sentences`` come from the advice on length (a thank-you in 3
    to 5 sentences, follow-ups under about 150 words, the longer notes under about 200).
    ``event`` is what marking it sent logs on the application, so the follow-up rules see it.
    """

    name: str
    help: str
    fields: tuple[str, ...]
    word_limit: int
    event: str
    sentences: tuple[int, int] | None = None
    asks_for_news: bool = False
    #: The self-check plan's step for it (an entry of [plan] in self_check/signs.toml).
    plan_step: str = ""
    #: A thank-you for an interview: owed to each interviewer, one note per person.
    thanks: bool = False
    #: A follow-up comes after it (the plan shows the wait that follows).
    then_follow_up: bool = False
    #: The answer to a rejection: to whoever wrote it, in the same thread.
    replies_to_no: bool = False
    #: Who it goes to: "interviewers" (each, else the contact) or "contact".
    to: str = "interviewers"
    #: False for a note with no interview behind it (the nudge on an application).
    after_interview: bool = True
    #: How the Notes form asks for the news the note adds.
    development_label: str = "Optional: something new since the interview"


@dataclass(frozen=True)
class ActionKind:
    """Something the follow-up rules say is due, as each screen names it.

    ``note`` is the note kind written for it (None when the action is a decision, not a note);
    ``done_event`` is what "Done" on Home logs, so the rules see the step was taken.
    """

    name: str
    title: str
    short: str
    calendar: str
    done_event: str
    note: str | None


@dataclass(frozen=True)
class CatchUp:
    """The words for a backlog of long-overdue actions shown as one entry (``calendar`` has a
    ``{count}`` placeholder)."""

    title: str
    help: str
    calendar: str


COMBINED = "late thank-you and follow-up"


def _note(name: str, entry: dict) -> NoteKind:
    return NoteKind(
        name, entry["help"], tuple(entry["fields"]), int(entry["word_limit"]), entry["event"],
        tuple(entry["sentences"]) if "sentences" in entry else None,
        bool(entry.get("asks_for_news", False)), str(entry["plan_step"]),
        bool(entry.get("thanks", False)), bool(entry.get("then_follow_up", False)),
        bool(entry.get("replies_to_no", False)), str(entry.get("to", "interviewers")),
        bool(entry.get("after_interview", True)),
        str(entry.get("development_label", NoteKind.development_label)),
    )


def parse_registry(raw: dict) -> tuple[dict[str, NoteKind], dict[str, ActionKind], CatchUp]:
    """The registry from kinds.toml's content (or a copy of it: a test adds a made-up kind)."""
    notes = {name: _note(name, entry) for name, entry in raw["notes"].items()}
    actions = {
        name: ActionKind(name, entry["title"], entry["short"], entry["calendar"],
                         entry["done_event"], entry.get("note"))
        for name, entry in raw["actions"].items()
    }
    catch_up = raw["catch_up"]
    return notes, actions, CatchUp(catch_up["title"], catch_up["help"], catch_up["calendar"])


#: Every note kind and every action, by name, in the order of kinds.toml; the catch-up words.
#: Every layer reads these same two dicts (``use_registry`` swaps their content in a test).
NOTES, ACTIONS, CATCH_UP = parse_registry(load_catalog("kinds"))


@contextmanager
def use_registry(raw: dict, known_events: tuple[str, ...] = EVENT_KINDS) -> Iterator[None]:
    """Run with another registry (a copy of kinds.toml with a kind added), then put the real
    one back: how a test proves a new kind needs only its entry and its templates."""
    notes, actions, _ = parse_registry(raw)
    _check(notes, actions, tuple(notes), known_events)
    saved = dict(NOTES), dict(ACTIONS)
    NOTES.clear()
    NOTES.update(notes)
    ACTIONS.clear()
    ACTIONS.update(actions)
    try:
        yield
    finally:
        NOTES.clear()
        NOTES.update(saved[0])
        ACTIONS.clear()
        ACTIONS.update(saved[1])


def rule_actions() -> tuple[str, ...]:
    """The kinds the follow-up rules produce (the combined note rides on "late thank-you")."""
    return tuple(name for name in ACTIONS if name != COMBINED)


#: The kinds the follow-up rules produce, as kinds.toml lists them.
RULE_ACTIONS = rule_actions()


def note_actions() -> tuple[str, ...]:
    """The rule actions answered by writing a note (not a decision such as 'no response')."""
    return tuple(name for name in rule_actions() if ACTIONS[name].note)


def is_thanks(kind: object) -> bool:
    """A thank-you for an interview (owed to each interviewer)."""
    return kind in NOTES and NOTES[kind].thanks


def leads_to_follow_up(kind: object) -> bool:
    """A follow-up comes after this note (so its plan step is followed by the wait)."""
    return kind in NOTES and NOTES[kind].then_follow_up


def replies_to_no(kind: object) -> bool:
    """The answer to a rejection."""
    return kind in NOTES and NOTES[kind].replies_to_no


def action_kind(kind: str, note_kind: object = None) -> ActionKind:
    """How to name an action the rules produced; the combined note has its own words."""
    if note_kind == COMBINED:
        return ACTIONS[COMBINED]
    found = ACTIONS.get(kind)
    if found is None:
        text = str(kind)
        return ActionKind(text, text.capitalize(), text.capitalize(), text.capitalize(),
                          "note", None)
    return found


def note_kind(name: str) -> NoteKind:
    try:
        return NOTES[name]
    except KeyError:
        raise ValueError(f"unknown note kind {name!r}; known: {', '.join(NOTES)}") from None


def _check(notes: dict[str, NoteKind], actions: dict[str, ActionKind],
           note_kinds: tuple[str, ...], known_events: tuple[str, ...]) -> None:
    if tuple(notes) != note_kinds:
        raise RuntimeError("kinds.NOTES and schema.NOTE_KINDS disagree")
    events = {k.event for k in notes.values()} | {a.done_event for a in actions.values()}
    if not events <= set(known_events):
        raise RuntimeError(f"unknown event kinds in the registry: {events - set(known_events)}")
    for action in actions.values():
        if action.note is not None and action.note not in notes:
            raise RuntimeError(f"{action.name}: unknown note kind {action.note!r}")
    for kind in notes.values():
        if kind.to not in ("interviewers", "contact"):
            raise RuntimeError(f"{kind.name}: 'to' must be interviewers or contact")


_check(NOTES, ACTIONS, NOTE_KINDS, EVENT_KINDS)
