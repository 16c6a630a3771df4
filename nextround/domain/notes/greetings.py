"""How to greet each person, confirmed once and remembered (the greetings table).

A name whose given name is uncertain ("Nguyen, Thi Minh", "María José Fernández", "RAMAN
Priya") keeps its draft from being ready until the person says how to greet them; the answer is
kept per person, so every later note to them (any application, any kind) greets them the same
way without asking again. The key is the name as read ("Raman, Priya" and "Priya Raman" are the
same person), in lower case.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from nextround.domain import panel
from nextround.domain.notes.people import Person
from nextround.text import tidy_text


def person_key(person: Person) -> str:
    """The row id for a person: their name as read, keyed the one way the app recognises a
    person (``panel.person_key``)."""
    return panel.person_key(person.name)


def remembered(greetings: pd.DataFrame, person: Person) -> str:
    """The greeting confirmed for this person; "" when none was."""
    if greetings.empty or not person.recorded:
        return ""
    rows = greetings[greetings["id"] == person_key(person)]
    return tidy_text(rows["greeting"].iloc[-1]) if not rows.empty else ""


def changed(greetings: pd.DataFrame, typed: Mapping[Person, str]) -> dict[Person, str]:
    """The typed greetings that differ from what is remembered (an empty one is not saved)."""
    return {person: tidy_text(greeting) for person, greeting in typed.items()
            if person.recorded and tidy_text(greeting)
            and tidy_text(greeting) != remembered(greetings, person)}
