"""The words for counts and names that every screen uses."""

from nextround.text import article, plural, possessive


def test_counts_read_as_words() -> None:
    """Before: "applications.csv: 1 rows"."""
    assert [plural(n, "row") for n in (0, 1, 2, 1234)] == ["0 rows", "1 row", "2 rows",
                                                          "1,234 rows"]


def test_one_of_a_thing_can_be_said_in_words() -> None:
    assert plural(1, "sign", one="one") == "one sign"
    assert plural(3, "sign", one="one") == "3 signs"


def test_the_article_goes_by_sound() -> None:
    """Issue 24, 12: "Suggested for a onsite interview"."""
    assert article("onsite") == "an onsite"
    assert article("phone") == "a phone"
    assert article("hour") == "an hour"
    assert article("user test") == "a user test"
    assert article("Unusual one") == "an Unusual one"


def test_a_name_ending_in_s_takes_the_apostrophe_alone() -> None:
    """Issue 24, 12: "Larchmont Foods's"."""
    assert possessive("Larchmont Foods") == "Larchmont Foods'"
    assert possessive("Acme Analytics ") == "Acme Analytics'"
    assert possessive("Granite Bank") == "Granite Bank's"
