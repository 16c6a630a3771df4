"""The sandbox's own limits, in-process (the worker process adds time and memory limits):
loops draw from one budget, output is capped as it is written, and each says its line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from nextround.domain.notes.rendering import (
    LOOP_BUDGET,
    LimitReached,
    answer,
    encode_variables,
    explain,
    render_source,
    split_subject_line,
)

VARIABLES = {"greeting_name": "Priya", "today": date(2026, 3, 12), "items": ["a", "b"]}


def test_a_plain_template_renders_and_loops_over_a_few_items():
    note = render_source("Subject: Hi\n\nDear {{ greeting_name }},\n"
                         "{% for i in items %}{{ i }}{% endfor %}", VARIABLES)
    assert (note.subject, note.body) == ("Hi", "Dear Priya,\nab")


def test_loops_share_one_budget_per_render():
    source = ("Subject: x\n\n{% for i in range(150) %}{% for j in range(150) %}{% endfor %}"
              "{% endfor %}")
    with pytest.raises(LimitReached) as caught:
        render_source(source, VARIABLES)
    assert f"{LOOP_BUDGET:,}" in str(caught.value)
    assert explain(caught.value, ())[1] == 3
    render_source("Subject: x\n\n{% for i in range(100) %}{% endfor %}", VARIABLES)  # budget reset


def test_output_is_stopped_past_the_cap_with_the_line_it_was_writing():
    source = "Subject: x\n\nline three\n{% for i in range(9) %}{{ 'x' * 9000 }}{% endfor %}"
    with pytest.raises(LimitReached) as caught:
        render_source(source, VARIABLES)
    message, line = explain(caught.value, ())
    assert "characters" in message and line == 4


def test_answer_turns_any_failure_into_words_and_flags_limits():
    request = {"source": "Subject: x\n\n{{ nope }}", "names": ["greeting_name"],
               "variables": encode_variables(VARIABLES)}
    reply = answer(request)
    assert reply["line"] == 3 and not reply["limit"]
    assert "'nope' is not a variable" in reply["problem"] and "greeting_name" in reply["problem"]
    looping = dict(request, source="Subject: x\n\n{% for i in range(99999) %}{% endfor %}")
    assert answer(looping)["limit"] is True


def test_dates_travel_to_the_worker_as_dates():
    encoded = encode_variables(VARIABLES)
    assert json.loads(encoded)["today"] == {"$date": "2026-03-12"}
    reply = answer({"source": "Subject: {{ today.year }}\n\nx", "variables": encoded})
    assert reply["subject"] == "2026"


def test_a_subject_line_is_optional():
    assert split_subject_line("Dear Priya,").subject == ""
    assert split_subject_line("\nSubject: Hi\nBody").subject == "Hi"
