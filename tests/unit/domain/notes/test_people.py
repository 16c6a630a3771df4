"""The people a note goes to: names in every form people write them, one person per name, and
the greeting each would expect."""

from __future__ import annotations

import math

import pytest

from nextround.domain.notes.people import (
    is_among,
    parse_person,
    people_text,
    read_people,
)
from nextround.text import split_emails

# As recorded -> (read as, warm greeting, concise greeting). A title typed before the name is
# kept in both tones; a credential after it ("PhD") gives one only in the concise tone.
NAMES = [
    ("Priya Raman", "Priya Raman", "Priya", "Priya Raman"),
    ("Raman, Priya", "Priya Raman", "Priya", "Priya Raman"),
    ("Priya Raman, PhD", "Priya Raman", "Priya", "Dr. Raman"),
    ("O'Brien-Smith, Marcus", "Marcus O'Brien-Smith", "Marcus", "Marcus O'Brien-Smith"),
    ("Dr. Priya Raman", "Priya Raman", "Dr. Raman", "Dr. Raman"),
    ("Prof. Jan van der Berg", "Jan van der Berg", "Prof. van der Berg",
     "Prof. van der Berg"),
    ("van der Berg, Jan", "Jan van der Berg", "Jan", "Jan van der Berg"),
    ("Dr. Okafor", "Okafor", "Dr. Okafor", "Dr. Okafor"),
    ("Ann Lee, MD, PhD", "Ann Lee", "Ann", "Dr. Lee"),
    ("Byrne Jr., Tom", "Tom Byrne", "Tom", "Tom Byrne"),
    ("Mr. Tom Byrne Jr.", "Tom Byrne", "Mr. Byrne", "Mr. Byrne"),
    ("Sir Ian Smith", "Ian Smith", "Sir Ian", "Sir Ian"),
    ("priya raman", "Priya Raman", "Priya", "Priya Raman"),
    ("Zoë Dubois", "Zoë Dubois", "Zoë", "Zoë Dubois"),
    ("Siobhán Ní Bhriain", "Siobhán Ní Bhriain", "Siobhán", "Siobhán Ní Bhriain"),
    ("李小龍", "李小龍", "李小龍", "李小龍"),
    ("J. R. R. Tolkien", "J. R. R. Tolkien", "J. R. R. Tolkien", "J. R. R. Tolkien"),
    ("Ana (recruiter)", "Ana", "Ana", "Ana"),
    ("Raman", "Raman", "Raman", "Raman"),
]


@pytest.mark.parametrize(("recorded", "name", "warm", "concise"), NAMES)
def test_every_form_of_a_name_is_one_person_greeted_as_expected(recorded, name, warm, concise):
    people = read_people(recorded)
    assert len(people) == 1
    person = people[0]
    assert (person.name, person.greeting("warm"), person.greeting("concise")) == (
        name, warm, concise)
    assert person.doubt == ""


def test_semicolons_and_new_lines_separate_people_and_commas_never_do():
    people = read_people("O'Brien-Smith, Marcus; Zoë Dubois\nRaman, Priya")
    assert [p.name for p in people] == ["Marcus O'Brien-Smith", "Zoë Dubois", "Priya Raman"]


@pytest.mark.parametrize(
    ("recorded", "hint"),
    [("Priya Raman, Tom Byrne", "comma never separates"),
     ("Priya Raman and Tom Byrne", "more than one person"),
     ("Tom & Jerry", "more than one person"),
     ("Priya / Tom", "more than one person"),
     ("Hiring Manager", "role, not a name"),
     ("the recruiter", "role, not a name"),
     ("tom@acme.example", "does not look like a name")],
)
def test_a_doubtful_name_says_why(recorded, hint):
    person = parse_person(recorded)
    assert hint in person.doubt
    assert recorded in person.doubt


def test_a_role_is_greeted_as_the_role_not_as_a_first_name():
    assert parse_person("the hiring manager").greeting("warm") == "Hiring manager"


def test_interviewers_are_paired_with_their_emails_by_position():
    people = read_people(" Priya Raman ; Zoë Ångström;Tom", "p@x.io; z@x.io")
    assert [(p.recorded, p.email) for p in people] == [
        ("Priya Raman", "p@x.io"), ("Zoë Ångström", "z@x.io"), ("Tom", "")]


def test_empty_cells_and_empty_slots():
    assert read_people(math.nan, math.nan) == []
    assert [(p.recorded, p.email) for p in read_people("Priya", math.nan)] == [("Priya", "")]
    assert [(p.recorded, p.email) for p in read_people("Priya;;Tom", "p@x.io;;t@x.io")] == [
        ("Priya", "p@x.io"), ("Tom", "t@x.io")]


def test_emails_may_be_separated_by_commas_or_spaces():
    assert split_emails("p@x.io, t@x.io") == ["p@x.io", "t@x.io"]
    assert split_emails("p@x.io t@x.io") == ["p@x.io", "t@x.io"]
    assert split_emails(math.nan) == []


def test_people_round_trip_through_the_pages_text():
    people = read_people("Raman, Priya; Tom Byrne", "p@x.io; t@x.io")
    text = people_text(people)
    assert text == "Raman, Priya <p@x.io>\nTom Byrne <t@x.io>"
    assert read_people(text) == people


def test_the_same_person_under_two_spellings():
    assert is_among(parse_person("Raman, Priya"), [parse_person("Priya Raman")])
    assert is_among(parse_person("dr. priya raman"), [parse_person("Priya Raman, PhD")])
    assert not is_among(parse_person("Priya Patel"), [parse_person("Priya Raman")])
    assert not is_among(parse_person(""), [parse_person("")])
