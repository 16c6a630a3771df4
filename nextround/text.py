"""Words for counts and names, the one home every layer uses ("1 row", "an onsite interview",
"Larchmont Foods'"). The bottom of the package: it imports nothing from nextround, so storage,
the domain, views, charts and components may all use it.
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None, one: str | None = None) -> str:
    """ "1 row", "2 rows", "1,234 rows" (``one="one"``: "one row")."""
    if count == 1:
        return f"{one or count} {word}"
    return f"{count:,} {many or word + 's'}"


#: Words that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = ("one", "once", "uni", "use", "usu", "eu")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def article(phrase: str) -> str:
    """ "a phone screen", "an onsite interview", "an hour", "a user": the article by sound."""
    text = phrase.strip()
    low = text.lower()
    if low.startswith(_VOWEL_SOUND):
        return f"an {text}"
    vowel = low[:1] in "aeiou" and not low.startswith(_CONSONANT_SOUND)
    return f"{'an' if vowel and low else 'a'} {text}"


def possessive(name: str) -> str:
    """ "Acme's", "Larchmont Foods'" (a name ending in s takes the apostrophe alone)."""
    text = name.strip()
    return f"{text}'" if text.lower().endswith("s") else f"{text}'s"
