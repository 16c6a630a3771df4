"""The self-check's signs: the kind of interview, the context, the signs group by group and the
self-rating, then "See my reading".

The signs are a fragment and only the open group is drawn: answering a sign reruns the signs
alone and redraws a handful of widgets, not the forty-odd of every group and the reading below.
The widgets keep their answers while their group is closed (``persist_state="page"``), and the
values the reading and the save use are read from them, drawn or not, in the full run that
"See my reading" starts. Once a reading is shown, a changed answer reruns the whole page, so
the reading and the plan below never show answers that are no longer there.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st

from components.self_check.choose_and_save import Target, form_key
from nextround.domain.dates import format_day
from nextround.domain.self_check.content import (
    Sign,
    context_items,
    interview_type,
    interview_types,
    rating_items,
    rating_scale,
    sign_groups,
    signs,
)
from nextround.domain.self_check.saved import form_values
from nextround.views.markup import escape_markdown

ANSWER_WORDS = {"yes": "Yes", "no": "No", "not sure": "Not sure"}
STRENGTH = {3: "a strong sign", 2: "a moderate sign", 1: "a weak sign"}
ABOUT = ":material/event: About the interview"
OWN_VIEW = ":material/person: Your own view"
KEEP = "page"  # a widget's value outlives its group being closed, while the page stays open
_FULL_RUN = "sc_full_run"  # True while the page's full run draws the signs


def check_form(
    target: Target, check: Mapping[str, Any] | None, today: date
) -> tuple[dict[str, Any], bool]:
    """The kind, the context, the signs and the self-rating, and the button that reads them.

    Returns the values the widgets hold (those of a group never opened are the ones the check
    started from) and whether the reading should be shown (asked for now or before, or a saved
    check)."""
    fk = form_key(target, check["id"] if check else None)
    start = form_values(check)
    if check is None and target.decision_date is not None:
        start["decision"] = "yes"
    st.header("The signs")
    with st.container(border=True):
        st.session_state[_FULL_RUN] = True
        values = _signs(fk, target, start, today)
        st.session_state[_FULL_RUN] = False
        asked = st.button("See my reading", type="primary", icon=":material/insights:",
                          key=f"sc_{fk}_see")
    read_key = f"sc_read_{fk}"
    if asked:
        st.session_state[read_key] = True
    show = bool(check is not None or st.session_state.get(read_key))
    # What the reading below is read from; None while no reading is shown.
    st.session_state[_read_with_key(fk)] = dict(values) if show else None
    values["application_id"] = target.application_id
    values["event_id"] = target.event_id
    return values, show


def _read_with_key(fk: str) -> str:
    return f"sc_{fk}_read_with"


def before_reading() -> None:
    st.info(
        "Your reading, and a plan for what to do next, appear here once you press **See my "
        "reading**. Nothing is saved until you choose to.",
        icon=":material/insights:",
    )


@st.fragment
def _signs(fk: str, target: Target, start: dict[str, Any], today: date) -> dict[str, Any]:
    kind = _type_picker(fk, target, start)
    st.caption(
        "Answer what you remember clearly; \"not sure\" counts for nothing. Go through the "
        "tabs, then press **See my reading**. Hover the :material/help: for why a sign counts."
    )
    groups = sign_groups()
    by_group = {g["id"]: [s for s in signs() if s.group == g["id"]] for g in groups}
    labels = [ABOUT] + [f"{g['label']} ({sum(s.applies_to(kind) for s in by_group[g['id']])})"
                        for g in groups] + [OWN_VIEW]
    names = [ABOUT] + [g["id"] for g in groups] + [OWN_VIEW]
    # Which group is open is remembered by name: the tabs' labels carry counts that change with
    # the kind of interview, and a changed label would otherwise reopen the first tab.
    tab_key, open_key = f"sc_{fk}_group", f"sc_{fk}_open"
    remembered = st.session_state.get(open_key)
    if remembered in names and st.session_state.get(tab_key) not in labels:
        st.session_state[tab_key] = labels[names.index(remembered)]
    tabs = st.tabs(labels, key=tab_key, on_change="rerun")
    for tab, name in zip(tabs, names, strict=True):
        if not tab.open:
            continue
        st.session_state[open_key] = name
        with tab:
            if name == ABOUT:
                _about_tab(fk, target, start, today)
            elif name == OWN_VIEW:
                _rating_tab(fk, start["ratings"])
            else:
                _sign_tab(fk, by_group[name], start["answers"], kind)
    values = _values(fk, target, start, kind, today)
    read_with = st.session_state.get(_read_with_key(fk))
    if not st.session_state.get(_FULL_RUN) and read_with is not None and values != read_with:
        st.rerun(scope="app")  # a reading is shown: keep it true to the answers
    return values


def _kept(key: str, default: Any) -> Any:
    """A widget's value, whether or not its group is open now; ``default`` before it was ever
    drawn."""
    return st.session_state.get(key, default)


def _values(fk: str, target: Target, start: dict[str, Any], kind: str | None,
            today: date) -> dict[str, Any]:
    """Every value the reading and the save use, as the widgets hold them."""
    values: dict[str, Any] = {"interview_type": kind}
    if target.quick:
        values["label"] = _kept(f"sc_{fk}_label", start["label"])
        values["interview_date"] = _kept(f"sc_{fk}_date", start["interview_date"] or today)
    else:
        values["interview_date"] = target.interview_date
    values["scheduled_minutes"] = _kept(f"sc_{fk}_scheduled", start["scheduled_minutes"])
    values["actual_minutes"] = _kept(f"sc_{fk}_actual", start["actual_minutes"])
    values["decision"] = _kept(f"sc_{fk}_decision", start["decision"]) or "not sure"
    answers: dict[str, str] = {}
    for sign in signs():
        key = f"sc_{fk}_{sign.id}"
        if sign.applies_to(kind):
            answers[sign.id] = _kept(key, start["answers"].get(sign.id, "not sure")) or "not sure"
        elif st.session_state.get(key) or sign.id in start["answers"]:
            # Not asked on this kind of interview; an answer given is kept (it counts again
            # under another kind).
            answers[sign.id] = _kept(key, start["answers"].get(sign.id)) or "not sure"
    values["answers"] = answers
    ratings = {item.id: _kept(f"sc_{fk}_{item.id}", start["ratings"].get(item.id))
               for item in rating_items()}
    values["ratings"] = {item: int(value) for item, value in ratings.items()
                         if value is not None}
    return values


# ---- the widgets -----------------------------------------------------------------------------


def _context_label(item_id: str) -> tuple[str, str]:
    item = next(c for c in context_items() if c["id"] == item_id)
    return item["label"], item.get("help", "")


def _answer_control(key: str, label: str, help_text: str, default: str) -> None:
    options = list(ANSWER_WORDS)
    st.radio(
        label,
        options,
        format_func=ANSWER_WORDS.get,
        index=options.index(default) if default in options else None,
        key=key,
        help=help_text,
        horizontal=True,
        persist_state=KEEP,
    )


def _about_tab(fk: str, target: Target, start: dict[str, Any], today: date) -> None:
    if target.quick:
        left, right = st.columns(2)
        left.text_input(
            "A name for this interview",
            value=start["label"],
            placeholder="For example: Coffee chat with a hiring manager",
            key=f"sc_{fk}_label",
            max_chars=120,
            persist_state=KEEP,
        )
        right.date_input(
            "Interview date",
            value=start["interview_date"] or today,
            max_value=today,
            key=f"sc_{fk}_date",
            format="YYYY-MM-DD",
            persist_state=KEEP,
        )
    else:
        st.markdown(f"**{escape_markdown(target.label)}**")
    left, right = st.columns(2)
    label, help_text = _context_label("context-scheduled-minutes")
    left.number_input(
        label, min_value=0, max_value=600, step=5, value=start["scheduled_minutes"],
        placeholder="For example 45", key=f"sc_{fk}_scheduled", help=help_text,
        persist_state=KEEP,
    )
    label, help_text = _context_label("context-actual-minutes")
    right.number_input(
        label, min_value=0, max_value=600, step=5, value=start["actual_minutes"],
        placeholder="For example 30", key=f"sc_{fk}_actual",
        help=help_text + " With both lengths, \"cut short\" and \"ran over\" answer themselves.",
        persist_state=KEEP,
    )
    label, help_text = _context_label("context-decision-date")
    if target.decision_date is not None:
        help_text += f" Your records say they would decide by {format_day(target.decision_date)}."
    _answer_control(
        f"sc_{fk}_decision", label, help_text + " It stands in for the \"clear timeline\" sign "
        "when you leave that one as not sure.", start["decision"],
    )


def _type_picker(fk: str, target: Target, start: Mapping[str, Any]) -> str | None:
    """The kind of interview, above the signs: changing it shows the signs that apply at once.

    It starts from the saved check's choice, else the type logged on the interview."""
    label, help_text = _context_label("context-interview-type")
    kinds = {t.id: t.label for t in interview_types()}
    default = start.get("interview_type") or target.interview_type
    options = list(kinds)
    return st.radio(
        label, options, format_func=kinds.get, key=f"sc_{fk}_type",
        index=options.index(default) if default in options else None, help=help_text,
        horizontal=True,
    )


def _sign_help(sign: Sign, kind: str | None) -> str:
    text = f"{sign.why} Counts as {STRENGTH[sign.weight]}."
    rule, known = sign.rule(kind), interview_type(kind)
    if rule is not None and known is not None:
        text += f" On {known.reading} it counts for less: {rule.why}"
    return text


def _sign_tab(fk: str, group_signs: list[Sign], start: Mapping[str, str],
              kind: str | None) -> None:
    """The signs of one group that apply to this kind of interview; those that do not are
    named with the reason."""
    shown = [s for s in group_signs if s.applies_to(kind)]
    columns = st.columns(2, gap="large")
    for i, sign in enumerate(shown):
        with columns[i % 2]:
            _answer_control(f"sc_{fk}_{sign.id}", sign.text, _sign_help(sign, kind),
                            start.get(sign.id, "not sure"))
    hidden = [s for s in group_signs if not s.applies_to(kind)]
    known = interview_type(kind)
    if hidden and known is not None:
        st.caption(f"Not asked on {known.reading}: " + " ".join(
            f"**{escape_markdown(s.label)}** ({escape_markdown(s.by_type[known.id].why)})"
            for s in hidden))


def _rating_tab(fk: str, start: dict[str, int]) -> None:
    scale = rating_scale()
    st.caption(
        f"Rate yourself from {scale['min']} ({scale['low_label'].lower()}) to {scale['max']} "
        f"({scale['high_label'].lower()}), or leave an item out. It counts for less than the "
        "signs: people judge their own interviews harshly."
    )
    options: list[int | None] = [None, *range(int(scale["min"]), int(scale["max"]) + 1)]
    columns = st.columns(2, gap="large")
    for i, item in enumerate(rating_items()):
        with columns[i % 2]:
            st.radio(
                item.text,
                options,
                format_func=lambda v: "Leave out" if v is None else str(v),
                index=options.index(start.get(item.id)) if start.get(item.id) in options else 0,
                key=f"sc_{fk}_{item.id}",
                help=f"{scale['min']} = {scale['low_label']}, {scale['max']} = "
                f"{scale['high_label']}. Choose Leave out to leave it out.",
                horizontal=True,
                persist_state=KEEP,
            )
