"""The one registry of note kinds and follow-up action kinds: what each is called on every
screen, what it logs when done, and what a note of that kind asks for and may run to. The
words are content, in kinds.toml beside this module.

Home's cards, the Pipeline table, the calendar export, the Notes page and the self-check plan
all read their words from here, so a title changed here changes everywhere at once. The file
format's allowed values (``storage.schema.NOTE_KINDS``) are the names; this module says what
they mean, and refuses to load if the two ever disagree.
"""

from __future__ import annotations

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


def _load() -> tuple[dict[str, NoteKind], dict[str, ActionKind], CatchUp]:
    raw = load_catalog("kinds")
    notes = {
        name: NoteKind(name, entry["help"], tuple(entry["fields"]), int(entry["word_limit"]),
                       entry["event"],
                       tuple(entry["sentences"]) if "sentences" in entry else None,
                       bool(entry.get("asks_for_news", False)))
        for name, entry in raw["notes"].items()
    }
    actions = {
        name: ActionKind(name, entry["title"], entry["short"], entry["calendar"],
                         entry["done_event"], entry.get("note"))
        for name, entry in raw["actions"].items()
    }
    catch_up = raw["catch_up"]
    return notes, actions, CatchUp(catch_up["title"], catch_up["help"], catch_up["calendar"])


#: Every note kind and every action, by name, in the order of kinds.toml; the catch-up words.
NOTES, ACTIONS, CATCH_UP = _load()

#: The kinds the follow-up rules produce (the combined note rides on "late thank-you").
RULE_ACTIONS = tuple(name for name in ACTIONS if name != COMBINED)


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


def _check_registry() -> None:
    if tuple(NOTES) != NOTE_KINDS:
        raise RuntimeError("kinds.NOTES and schema.NOTE_KINDS disagree")
    events = {k.event for k in NOTES.values()} | {a.done_event for a in ACTIONS.values()}
    if not events <= set(EVENT_KINDS):
        raise RuntimeError(f"unknown event kinds in the registry: {events - set(EVENT_KINDS)}")
    for action in ACTIONS.values():
        if action.note is not None and action.note not in NOTES:
            raise RuntimeError(f"{action.name}: unknown note kind {action.note!r}")


_check_registry()
