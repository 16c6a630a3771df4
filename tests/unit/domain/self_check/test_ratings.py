"""The self-rating: one parser for the ratings a check stores, and one choice of weak spots that
the Self-check page (one check) and the Prep page (the last few checks) both make."""

from __future__ import annotations

import json
import math
from datetime import date

import pandas as pd
import pytest

from nextround.domain.self_check import ratings as rt
from nextround.domain.self_check import scoring as sc
from nextround.domain.self_check.content import rating_items
from nextround.domain.self_check.saved import form_values, reading_of
from nextround.storage.frames import typed_frame

ITEMS = [i.id for i in rating_items()]
OPENING, ANSWERED, CLARITY, LISTENING = (
    "rating-opening", "rating-answered-the-question", "rating-clarity", "rating-listening")
WEAKNESS, CLOSING, ON_TIME = "rating-weakness", "rating-strong-close", "rating-on-time-prepared"


def checks(rows: list[tuple[date | None, str | None]]) -> pd.DataFrame:
    """Saved checks with these interview dates and ratings cells."""
    return typed_frame("self_checks", [
        {"id": f"S{i:04d}", "interview_date": day, "ratings": text}
        for i, (day, text) in enumerate(rows)
    ])


# --- one parser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   ", "{broken", "[1, 2]", "null", None, math.nan, "3", '"text"'])
def test_a_broken_ratings_cell_reads_as_no_ratings(text):
    assert rt.ratings_from_json(text) == {}


def test_ratings_json_keeps_whole_numbers_only():
    text = '{"a": 3, "b": 4.0, "c": 2.5, "d": "5", "e": true, "f": null}'
    assert rt.ratings_from_json(text) == {"a": 3, "b": 4}  # 4.0 from a spreadsheet reads as 4
    assert rt.ratings_from_json(rt.ratings_to_json({"a": 2})) == {"a": 2}


def test_out_of_range_ratings_are_dropped_not_guessed():
    assert rt.clean_ratings({ITEMS[0]: 7, ITEMS[1]: "4", ITEMS[2]: True, ITEMS[3]: 0,
                             ITEMS[4]: 2.5, ITEMS[5]: 3.0}) == {ITEMS[1]: 4, ITEMS[5]: 3}
    assert rt.clean_ratings({"rating-unknown": 1}) == {}
    assert rt.rating_average({"rating-unknown": 1}) is None
    assert rt.rating_average({OPENING: 2, CLOSING: 5}) == 3.5


def test_bools_never_count_as_ratings():
    """True is 1 to Python; a ticked box is not a rating of 1 (a weak spot)."""
    stored = json.dumps({OPENING: True, CLOSING: False, CLARITY: 1})
    assert rt.ratings_from_json(stored) == {CLARITY: 1}
    assert rt.clean_ratings({OPENING: True, CLOSING: False}) == {}
    assert [s.item_id for s in rt.weak_spots([{OPENING: True}])] == []


# --- one choice of weak spots --------------------------------------------------------------------


def test_weak_spots_are_the_lowest_rated_items_with_their_tips():
    ratings = {ITEMS[0]: 2, ITEMS[1]: 1, ITEMS[2]: 4, ITEMS[3]: 2}
    spots = sc.score_check({}, ratings).weak_spots
    assert [s.item_id for s in spots] == [ITEMS[1], ITEMS[0], ITEMS[3]]
    assert all(s.tip and s.prep_tags and s.label for s in spots)
    assert rt.weak_spots([{ITEMS[0]: 3}]) == []
    assert rt.weak_spots([]) == [] and rt.weak_spots([None]) == []


def test_four_items_rated_two_come_in_catalogue_order():
    ratings = {CLOSING: 2, LISTENING: 2, OPENING: 2, CLARITY: 2, WEAKNESS: 4}
    spots = rt.weak_spots([ratings])
    assert [s.item_id for s in spots] == [OPENING, CLARITY, LISTENING]  # the first three
    assert [s.rating for s in spots] == [2, 2, 2]
    assert [s.item_id for s in rt.weak_spots([ratings], limit=4)] == [
        OPENING, CLARITY, LISTENING, CLOSING]


def test_prep_reads_the_same_weak_spots_from_a_frame_of_checks():
    ratings = {CLOSING: 2, LISTENING: 2, OPENING: 2, CLARITY: 2, WEAKNESS: 4}
    frame = checks([(date(2026, 3, 2), rt.ratings_to_json(ratings))])
    from_prep = rt.recent_weak_spots(frame)
    assert from_prep == rt.weak_spots([ratings])
    assert [s.item_id for s in from_prep] == [OPENING, CLARITY, LISTENING]


def test_the_self_check_page_and_prep_agree_on_a_saved_check():
    stored = json.dumps({CLOSING: 1, WEAKNESS: 2, OPENING: 2, LISTENING: 2.0, CLARITY: "1"})
    row = checks([(date(2026, 3, 2), stored)]).iloc[0].to_dict()
    on_the_page = reading_of(form_values(row)).weak_spots
    assert on_the_page == rt.recent_weak_spots(checks([(date(2026, 3, 2), stored)]))
    assert [s.item_id for s in on_the_page] == [CLOSING, OPENING, LISTENING]


def test_prep_ignores_broken_cells_and_bad_scores():
    frame = checks([
        (date(2026, 3, 1), "{not json"),
        (date(2026, 3, 2), json.dumps({LISTENING: 1, OPENING: 9, CLARITY: 2.0, CLOSING: "2",
                                       "rating-gone": 1})),
        (date(2026, 3, 3), json.dumps([LISTENING, 1])),
        (date(2026, 3, 4), None),
    ])
    frame = frame.iloc[[3, 0, 2, 1]]  # row order must not matter, only the dates
    spots = rt.recent_weak_spots(frame, recent=4)
    assert [s.item_id for s in spots] == [LISTENING, CLARITY]


def test_prep_ranks_repeated_lows_first_and_forgets_old_checks():
    frame = checks([
        (date(2026, 1, 5), json.dumps({ON_TIME: 1})),  # old: outside the recent window
        (date(2026, 2, 1), json.dumps({OPENING: 2, CLOSING: 1, LISTENING: 5})),
        (date(2026, 2, 20), json.dumps({OPENING: 2, CLOSING: 4})),
        (date(2026, 3, 2), json.dumps({OPENING: 1, WEAKNESS: 2})),
    ])
    # opening: low three times. weakness and closing: low once each, but closing has since
    # been rated 4, so its average (2.5) is better than weakness's (2).
    spots = rt.recent_weak_spots(frame, limit=3, recent=3)
    assert [s.item_id for s in spots] == [OPENING, WEAKNESS, CLOSING]
    assert spots[0].rating == pytest.approx(5 / 3) and spots[2].rating == 2.5
    assert [s.item_id for s in rt.recent_weak_spots(frame, limit=1)] == [OPENING]
    assert rt.recent_weak_spots(frame.iloc[0:0]) == []


def test_checks_without_an_interview_date_count_as_the_oldest():
    frame = checks([(date(2026, 3, 2), json.dumps({OPENING: 5})),
                    (None, json.dumps({OPENING: 1}))])
    assert rt.recent_weak_spots(frame, recent=1) == []
    assert [s.item_id for s in rt.recent_weak_spots(frame, recent=2)] == [OPENING]
