"""``cached_view`` is keyed on the build function itself: two builds never share an entry, and
the same build (a page's lambda, a new object on every rerun) finds its view again."""

from __future__ import annotations

from functools import partial

from streamlit.testing.v1 import AppTest

from components.shared.screen import build_key

TIMEOUT = 60


def _two_views_page() -> None:
    """A page asking for two different views of the same snapshot with the same arguments, as
    Home once asked for "home" and "home_waiting"."""
    import streamlit as st

    from components.shared.screen import cached_view

    class Snap:  # all cached_view reads of a snapshot: what the view depends on
        key = ("folder", (("applications", "v1"),))

    builds = st.session_state.setdefault("builds", [])

    def build(name: str) -> str:
        builds.append(name)
        return name

    day = "2025-01-14"
    first = cached_view(Snap(), lambda s: build("actions"), day)
    second = cached_view(Snap(), lambda s: build("waiting"), day)
    st.write(f"{first}|{second}")


def test_two_builds_with_the_same_arguments_do_not_collide_and_each_is_reused() -> None:
    at = AppTest.from_function(_two_views_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.markdown[0].value == "actions|waiting"
    assert at.session_state["builds"] == ["actions", "waiting"]
    at.run()  # a rerun makes both lambdas anew: the views are found, not built again
    assert at.markdown[0].value == "actions|waiting"
    assert at.session_state["builds"] == ["actions", "waiting"]


def test_the_same_code_is_one_build_and_other_code_is_another() -> None:
    made = [lambda s: s for _ in range(2)]  # one lambda in the source, two objects
    assert build_key(made[0]) == build_key(made[1])
    other = lambda s: s  # noqa: E731 - the same body on another line is another build
    assert build_key(other) != build_key(made[0])
    assert build_key(lambda s: len(s)) != build_key(lambda s: str(s))


def test_bound_values_are_part_of_the_build() -> None:
    """``lambda s, table=name: ...`` in a loop, and a partial, build one view per value."""
    per_table = [lambda s, table=name: s[table] for name in ("applications", "events")]
    assert build_key(per_table[0]) != build_key(per_table[1])
    assert build_key(partial(len, "a")) != build_key(partial(len, "b"))
    assert build_key(partial(len, "a")) == build_key(partial(len, "a"))
