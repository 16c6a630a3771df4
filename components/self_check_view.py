"""The self-check page's pieces: choosing the interview, the signs form, the reading, the plan,
the reflection and save, and looking back over past checks.

Session state keys all start with "sc_". The form's widgets are keyed by the interview and the
saved check they were filled from (``Target.key`` and the check id), so reopening another check
gives fresh widgets holding that check's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from components.feedback import ask_to_confirm, attempt, confirm, flash
from components.navigation import go_to, has_page, page_path
from components.screen import forget_form_versions, form_version
from nextround.charts.selfcheck import contributions_chart, history_chart, score_gauge
from nextround.charts.spec import chart_summary
from nextround.domain.dates import format_day
from nextround.domain.selfcheck.content import (
    Sign,
    context_items,
    not_enough_band,
    rating_items,
    rating_scale,
    sign_groups,
    sign_sources,
    signs,
    survey_figure,
    weights_note,
)
from nextround.domain.selfcheck.learning import derive_outcomes, history_frame, learn
from nextround.domain.selfcheck.plan import PlanStep
from nextround.domain.selfcheck.saved import (
    QUICK_CHECK_LABEL,
    delete_check,
    form_values,
    newest_first,
    save_check,
)
from nextround.domain.selfcheck.scoring import CheckResult, SignEffect
from nextround.storage.store import Store
from nextround.views.markup import escape_markdown
from nextround.views.self_check import (
    check_option_label,
    history_with_names,
    reading_words,
    requested_interview,
)
from nextround.views.snapshot import Snapshot

SOURCE_KEY = "sc_source"
INTERVIEW_KEY = "sc_interview"
PENDING_KEY = "sc_pending"
NEW = "new"
QUICK = "quick"
INTERVIEW = "interview"
SOURCES = {INTERVIEW: "An interview from my applications", QUICK: "A quick check"}
ANSWER_WORDS = {"yes": "Yes", "no": "No", "not sure": "Not sure"}
STRENGTH = {3: "a strong sign", 2: "a moderate sign", 1: "a weak sign"}
CONFIDENCE = {
    "low": "Low: few signs were answered, so treat the reading as rough.",
    "medium": "Medium: it rests on a fair number of signs.",
    "high": "High: it rests on many signs, strong ones included. Still not a prediction.",
}
NOT_PREDICTION = "caveat-not-prediction"
REFLECTION = (
    ("went_well", "What went well", "An answer that landed, a moment of real conversation..."),
    ("to_change", "What you would change", "One thing to do differently next time."),
    ("prepare_better", "The question to prepare better",
     "The question you want a better answer to."),
)


@dataclass(frozen=True)
class Target:
    """What is being checked: an interview event from the records, or a quick check."""

    key: str  # the event id, or "quick"
    event_id: str | None = None
    application_id: str | None = None
    label: str = ""
    interview_date: date | None = None
    decision_date: date | None = None
    company: str = ""

    @property
    def quick(self) -> bool:
        return self.event_id is None


def _form_key(target: Target, check_id: str | None) -> str:
    return f"{target.key}_{check_id or NEW}"


# ---- Choosing what to check ------------------------------------------------------------------


def apply_request(request: Mapping[str, Any], choices: pd.DataFrame) -> None:
    """Open the interview another page asked for (go_to("Self-check", application_id=...))."""
    event_id = requested_interview(
        choices, request.get("application_id"), request.get("event_id")
    )
    if event_id is not None:
        st.session_state[PENDING_KEY] = {"event_id": event_id}


def _apply_pending(choices: pd.DataFrame) -> None:
    """A selection chosen in an earlier run (a save, a reopen, a request), set before the widgets
    are drawn: Streamlit refuses changes to a widget's value once it is on the page."""
    pending = st.session_state.pop(PENDING_KEY, None)
    if not pending:
        return
    event_id = pending.get("event_id")
    if event_id and event_id in set(choices["event_id"]):
        st.session_state[SOURCE_KEY] = INTERVIEW
        st.session_state[INTERVIEW_KEY] = event_id
        target_key = event_id
    else:
        st.session_state[SOURCE_KEY] = QUICK
        target_key = QUICK
    if "check_id" in pending:
        st.session_state[f"sc_check_{target_key}"] = pending["check_id"] or NEW


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def choose_target(choices: pd.DataFrame) -> Target:
    """The interview to read: one from the records (most recent first) or a quick check."""
    _apply_pending(choices)
    if choices.empty:
        st.info(
            "There are no past interviews in your applications yet, so this is a **quick "
            "check**: give it a name and a date under *About the interview*. Add applications "
            "on the Pipeline page to tie your checks to them.",
            icon=":material/bolt:",
        )
        return Target(QUICK)
    if st.session_state.get(SOURCE_KEY) not in SOURCES:
        st.session_state[SOURCE_KEY] = INTERVIEW
    source = st.radio(
        "What do you want to check?",
        list(SOURCES),
        format_func=SOURCES.get,
        key=SOURCE_KEY,
        horizontal=True,
    )
    if source != INTERVIEW:
        return Target(QUICK)
    ids = list(choices["event_id"])
    if st.session_state.get(INTERVIEW_KEY) not in ids:
        st.session_state[INTERVIEW_KEY] = ids[0]
    labels = dict(zip(choices["event_id"], choices["label"], strict=True))
    event_id = st.selectbox(
        "Interview", ids, format_func=labels.get, key=INTERVIEW_KEY,
        help="Your past interviews, most recent first.",
    )
    row = choices[choices["event_id"] == event_id].iloc[0]
    return Target(
        key=event_id,
        event_id=event_id,
        application_id=row["application_id"],
        label=row["label"],
        interview_date=_day(row["date"]),
        decision_date=_day(row["decision_date"]),
        company=row["company"],
    )


def choose_saved(
    store: Store, snapshot: Snapshot, target: Target, saved: pd.DataFrame, today: date
) -> dict[str, Any] | None:
    """Which saved check of this interview to reopen (the newest by default), or a new one."""
    key = f"sc_check_{target.key}"
    ids = [*saved["id"], NEW]
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    if saved.empty:
        st.caption(
            ":material/history: No saved quick checks yet."
            if target.quick
            else ":material/history: No saved check for this interview yet."
        )
        return None
    rows = {r["id"]: r for r in saved.to_dict("records")}
    names = {cid: check_option_label(r, today) for cid, r in rows.items()}
    names[NEW] = "Start a new check"
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        "Saved quick checks" if target.quick else "Saved checks of this interview",
        ids,
        format_func=names.get,
        key=key,
        help="The newest opens by default, with its answers filled in, ready to edit.",
    )
    if chosen == NEW:
        return None
    expected = _version_for(snapshot, target, chosen)
    if right.button("Delete this check", key=f"sc_delete_{chosen}", icon=":material/delete:"):
        ask_to_confirm("sc_delete", check_id=chosen)
    confirm(
        "sc_delete",
        "Delete this check?",
        "The saved answers, reading and reflection of this check will be removed. A backup "
        "of the file is kept on the Data page.",
        "Delete it",
        lambda payload: _delete(store, payload["check_id"], expected),
    )
    return rows[chosen]


def _delete(store: Store, check_id: str, expected: str) -> None:
    delete_check(store, check_id, expected_version=expected)
    forget_form_versions()
    flash("Check deleted.", icon=":material/delete:")


# ---- The signs form --------------------------------------------------------------------------


def _context_label(item_id: str) -> tuple[str, str]:
    item = next(c for c in context_items() if c["id"] == item_id)
    return item["label"], item.get("help", "")


def _answer_control(key: str, label: str, help_text: str, default: str) -> str:
    options = list(ANSWER_WORDS)
    value = st.radio(
        label,
        options,
        format_func=ANSWER_WORDS.get,
        index=options.index(default) if default in options else None,
        key=key,
        help=help_text,
        horizontal=True,
    )
    return value or "not sure"


def _about_tab(fk: str, target: Target, start: dict[str, Any], today: date) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if target.quick:
        left, right = st.columns(2)
        values["label"] = left.text_input(
            "A name for this interview",
            value=start["label"],
            placeholder="For example: Coffee chat with a hiring manager",
            key=f"sc_{fk}_label",
            max_chars=120,
        )
        values["interview_date"] = right.date_input(
            "Interview date",
            value=start["interview_date"] or today,
            max_value=today,
            key=f"sc_{fk}_date",
            format="YYYY-MM-DD",
        )
    else:
        st.markdown(f"**{escape_markdown(target.label)}**")
        values["interview_date"] = target.interview_date
    left, right = st.columns(2)
    label, help_text = _context_label("context-scheduled-minutes")
    values["scheduled_minutes"] = left.number_input(
        label, min_value=0, max_value=600, step=5, value=start["scheduled_minutes"],
        placeholder="For example 45", key=f"sc_{fk}_scheduled", help=help_text,
    )
    label, help_text = _context_label("context-actual-minutes")
    values["actual_minutes"] = right.number_input(
        label, min_value=0, max_value=600, step=5, value=start["actual_minutes"],
        placeholder="For example 30", key=f"sc_{fk}_actual",
        help=help_text + " With both lengths, \"cut short\" and \"ran over\" answer themselves.",
    )
    label, help_text = _context_label("context-decision-date")
    if target.decision_date is not None:
        help_text += f" Your records say they would decide by {format_day(target.decision_date)}."
    values["decision"] = _answer_control(
        f"sc_{fk}_decision", label, help_text + " It stands in for the \"clear timeline\" sign "
        "when you leave that one as not sure.", start["decision"],
    )
    return values


def _sign_tab(fk: str, group_signs: list[Sign], start: dict[str, str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    columns = st.columns(2, gap="large")
    for i, sign in enumerate(group_signs):
        with columns[i % 2]:
            answers[sign.id] = _answer_control(
                f"sc_{fk}_{sign.id}",
                sign.text,
                f"{sign.why} Counts as {STRENGTH[sign.weight]}.",
                start.get(sign.id, "not sure"),
            )
    return answers


def _rating_tab(fk: str, start: dict[str, int]) -> dict[str, int]:
    scale = rating_scale()
    st.caption(
        f"Rate yourself from {scale['min']} ({scale['low_label'].lower()}) to {scale['max']} "
        f"({scale['high_label'].lower()}), or leave an item out. It counts for less than the "
        "signs: people judge their own interviews harshly."
    )
    ratings: dict[str, int] = {}
    options: list[int | None] = [None, *range(int(scale["min"]), int(scale["max"]) + 1)]
    columns = st.columns(2, gap="large")
    for i, item in enumerate(rating_items()):
        with columns[i % 2]:
            value = st.radio(
                item.text,
                options,
                format_func=lambda v: "Leave out" if v is None else str(v),
                index=options.index(start.get(item.id)) if start.get(item.id) in options else 0,
                key=f"sc_{fk}_{item.id}",
                help=f"{scale['min']} = {scale['low_label']}, {scale['max']} = "
                f"{scale['high_label']}. Choose Leave out to leave it out.",
                horizontal=True,
            )
            if value is not None:
                ratings[item.id] = int(value)
    return ratings


def check_form(
    target: Target, check: Mapping[str, Any] | None, today: date
) -> tuple[dict[str, Any], bool]:
    """The signs, the context and the self-rating in one form with one submit.

    Returns the values the form holds (those of the last submit, or the ones it started from)
    and whether the reading should be shown (submitted now or before, or a saved check).
    """
    fk = _form_key(target, check["id"] if check else None)
    start = form_values(check)
    if check is None and target.decision_date is not None:
        start["decision"] = "yes"
    groups = sign_groups()
    by_group = {g["id"]: [s for s in signs() if s.group == g["id"]] for g in groups}
    st.header("The signs")
    st.caption(
        "Answer what you remember clearly; \"not sure\" counts for nothing. Go through the "
        "tabs, then press **See my reading**. Hover the :material/help: for why a sign counts."
    )
    with st.form(f"sc_form_{fk}", border=True):
        tabs = st.tabs(
            [":material/event: About the interview"]
            + [f"{g['label']} ({len(by_group[g['id']])})" for g in groups]
            + [":material/person: Your own view"]
        )
        with tabs[0]:
            values = _about_tab(fk, target, start, today)
        answers: dict[str, str] = {}
        for tab, group in zip(tabs[1:-1], groups, strict=True):
            with tab:
                answers |= _sign_tab(fk, by_group[group["id"]], start["answers"])
        with tabs[-1]:
            values["ratings"] = _rating_tab(fk, start["ratings"])
        submitted = st.form_submit_button(
            "See my reading", type="primary", icon=":material/insights:"
        )
    values["answers"] = answers
    values["application_id"] = target.application_id
    values["event_id"] = target.event_id
    read_key = f"sc_read_{fk}"
    if submitted:
        st.session_state[read_key] = True
    return values, bool(check is not None or st.session_state.get(read_key))


def before_reading() -> None:
    st.info(
        "Your reading, and a plan for what to do next, appear here once you press **See my "
        "reading**. Nothing is saved until you choose to.",
        icon=":material/insights:",
    )


# ---- The reading -----------------------------------------------------------------------------


def _effect_line(effect: SignEffect) -> str:
    answer = effect.answer if effect.basis == "your answer" else f"{effect.answer}, {effect.basis}"
    return f"- {escape_markdown(effect.label)} ({escape_markdown(answer)})"


def reading(result: CheckResult) -> None:
    """The band in words, the score as a picture, why, and the caveats, always together."""
    st.header("Your reading", anchor="reading")
    caveats = {c.id: c for c in result.caveats}
    not_prediction = caveats.pop(NOT_PREDICTION, None)
    with st.container(border=True):
        st.markdown(f"### {result.band}")
        st.markdown(result.band_meaning)
        if result.score is not None:
            gauge = score_gauge(result).properties(title=f"{result.score:.0f} of 100")
            st.altair_chart(gauge, width="stretch")
        if not_prediction is not None:
            st.info(f"**Not a prediction.** {not_prediction.text}", icon=":material/info:")
        if result.score is not None:
            st.markdown(f"**How sure:** {CONFIDENCE[result.confidence]}")
    if result.score is not None:
        up, down = st.columns(2, gap="large")
        with up:
            st.markdown("**Pointing up most**")
            lines = [_effect_line(e) for e in result.top_up]
            st.markdown("\n".join(lines) if lines else "Nothing you answered points up.")
        with down:
            st.markdown("**Pointing down most**")
            lines = [_effect_line(e) for e in result.top_down]
            st.markdown("\n".join(lines) if lines else "Nothing you answered points down.")
    # The columns above already list what pointed up and down, and the band's meaning is shown
    # with it; the rest of the explanation is what is left to say.
    said = (not_enough_band().meaning, "Pointing up most:", "Pointing down most:",
            "Nothing you answered points")
    why = [line for line in result.explanation if not line.startswith(said)]
    if why:
        st.markdown("**Why it reads this way**")
        st.markdown("\n".join(f"- {line}" for line in why))
    if result.score is not None:
        st.altair_chart(contributions_chart(result), width="stretch")
    st.markdown("**Keep in mind**")
    st.markdown(
        "\n".join(
            f"- {c.text} :gray[({escape_markdown(c.source)})]" for c in caveats.values()
        )
    )
    how_it_works()


def how_it_works() -> None:
    scale = rating_scale()
    figure = survey_figure()
    sources = sign_sources()
    with st.expander("How this reading works", icon=":material/menu_book:"):
        st.markdown(
            "Each sign you answer **yes** counts by its weight (1 weak, 2 moderate, 3 strong), "
            "up for an encouraging sign and down for a warning sign. A **no** counts far less, "
            "because not seeing a good sign tells little; **not sure** counts for nothing. "
            "Your self-rating adjusts the reading a little. The total is placed on a 0 to 100 "
            "scale that never reaches either end: no set of signs makes an outcome certain."
        )
        st.markdown(f"**About the weights.** {weights_note()}")
        st.markdown(
            f"**The one measured sign.** {figure['text']} :gray[(Source: "
            f"{escape_markdown(figure['source'])}.)]"
        )
        st.markdown(
            f"**Self-rating.** {scale['threshold_note']} :gray[(Source: "
            f"{escape_markdown(scale['source'])}.)]"
        )
        st.caption(f"Sources for the encouraging signs: {escape_markdown(sources['positive'])}")
        st.caption(f"Sources for the warning signs: {escape_markdown(sources['negative'])}")


# ---- The plan --------------------------------------------------------------------------------


def _when(due: date | None, today: date) -> str:
    if due is None:
        return ""
    if due <= today:
        return "Today"
    if due == today + timedelta(days=1):
        return "Tomorrow"
    return format_day(due, today)


def _step_action(i: int, step: PlanStep, target: Target) -> None:
    key = f"sc_step_{target.key}_{i}"
    if step.action == "write_note" and has_page("Notes"):
        label = "Write it" if target.application_id else "Open Notes"
        if st.button(label, key=key, icon=":material/edit:", type="primary", width="stretch"):
            if target.application_id:
                go_to("Notes", application_id=target.application_id, kind=step.note_kind,
                      event_id=target.event_id)
            else:
                go_to("Notes")
    elif step.action == "prepare" and has_page("Prep"):
        if st.button("Open Prep", key=key, icon=":material/checklist:", width="stretch"):
            go_to("Prep")
    elif step.action in ("add_application", "review_applications"):
        # Follow-up dates live on Home; new applications are added on the Pipeline page.
        title = "Pipeline" if step.action == "add_application" and has_page("Pipeline") \
            else "Home"
        st.page_link(page_path(title), label=f"Open {title}",
                     icon=":material/view_kanban:" if title == "Pipeline" else ":material/home:")
    elif step.action == "reflect":
        st.caption(":material/south: Write it below")


def plan_steps(steps: list[PlanStep], result: CheckResult, target: Target,
               today: date) -> None:
    st.header("What now", anchor="plan")
    st.caption("The same steps help whatever the reading says: acting is what makes the wait "
               "easier.")
    for i, step in enumerate(steps):
        with st.container(border=True):
            text, when, action = st.columns([6, 1.3, 1.6], vertical_alignment="center")
            with text:
                st.markdown(f"**{i + 1}. {escape_markdown(step.title)}**")
                st.markdown(escape_markdown(step.detail))
                if step.source:
                    st.caption(f"Source: {escape_markdown(step.source)}")
                if step.action == "prepare" and result.weak_spots:
                    for spot in result.weak_spots:
                        st.caption(f"**{escape_markdown(spot.label)}** ({spot.rating} of 5): "
                                   f"{escape_markdown(spot.tip)}")
            label = _when(step.due, today)
            if label:
                when.markdown(f":material/event: **{label}**")
            with action:
                _step_action(i, step, target)


# ---- Reflection and save ---------------------------------------------------------------------


def _version_for(snapshot: Snapshot, target: Target, check_id: str | None) -> str:
    """The checks file's version when this check's form was first drawn: an edit is based on it."""
    return form_version(f"sc_{_form_key(target, check_id)}", snapshot, "self_checks")


def reflection_and_save(
    store: Store,
    target: Target,
    check: Mapping[str, Any] | None,
    values: dict[str, Any],
    snapshot: Snapshot,
) -> None:
    check_id = check["id"] if check else None
    fk = _form_key(target, check_id)
    expected = _version_for(snapshot, target, check_id)
    start = form_values(check)
    st.header("Your reflection", anchor="reflection")
    with st.form(f"sc_save_{fk}", border=True):
        st.caption("Three lines while it is fresh. They are saved with the check, and the Prep "
                   "page can use the question you name.")
        columns = st.columns(3)
        for column, (name, label, placeholder) in zip(columns, REFLECTION, strict=True):
            values[name] = column.text_area(
                label, value=start[name], placeholder=placeholder, key=f"sc_{fk}_{name}",
                height=110, max_chars=2000,
            )
        saved = st.form_submit_button(
            "Save changes" if check else "Save this check", type="primary", icon=":material/save:"
        )
        st.caption("Saves the reading shown above. Changed an answer? Press **See my reading** "
                   "first.")
    if not saved:
        return
    created: dict[str, str] = {}

    def save() -> None:
        created["id"] = save_check(
            store, values, datetime.now(), check_id=check_id,
            expected_version=expected if check_id else None,
        )

    if attempt(save, success="Check saved. It opens here again whenever you come back."):
        forget_form_versions()
        if check_id is None:
            for key in [k for k in st.session_state if str(k).startswith(f"sc_{fk}_")]:
                del st.session_state[key]
            st.session_state.pop(f"sc_read_{fk}", None)
        st.session_state[PENDING_KEY] = {"event_id": target.event_id, "check_id": created["id"]}
        st.rerun()


# ---- Looking back ----------------------------------------------------------------------------


def history(checks: pd.DataFrame, applications: pd.DataFrame, target: Target) -> None:
    st.subheader("Your readings over time")
    frame = history_with_names(history_frame(checks), applications)
    if frame.empty:
        st.caption("Saved checks with a reading appear here as a line over time, so you can see "
                   "how your interviews read from one to the next.")
        return
    mine = frame[frame["application_id"] == target.application_id] if target.application_id \
        else frame.iloc[0:0]
    charts = []
    if not mine.empty:
        charts.append(history_chart(mine, target.company))
    if len(mine) < len(frame):
        charts.append(history_chart(frame, "All your checks"))
    for chart in charts:
        st.altair_chart(chart, width="stretch")
        st.caption(escape_markdown(chart_summary(chart)))


def learning(checks: pd.DataFrame, applications: pd.DataFrame, events: pd.DataFrame) -> None:
    st.subheader("What your outcomes say")
    outcomes = derive_outcomes(checks, applications, events)
    learned = learn(checks, outcomes)
    if not learned.ready:
        st.progress(min(1.0, learned.known / learned.needed), text=learned.progress)
        st.caption(
            "A check's outcome is known once its application moves on (another round, an "
            f"offer) or ends (a rejection, no response). At {learned.needed} known outcomes "
            "this shows how your readings compared with what happened, and which signs most "
            "often came before a good outcome for you."
        )
        return
    good, other = st.columns(2)
    good.metric(
        f"Average reading before a good outcome ({learned.n_good})",
        "none yet" if learned.mean_score_good is None else f"{learned.mean_score_good:.0f}",
    )
    other.metric(
        f"Average reading before other outcomes ({learned.n_not_good})",
        "none yet" if learned.mean_score_not_good is None
        else f"{learned.mean_score_not_good:.0f}",
    )
    rates = learned.sign_rates
    top = rates[rates["difference"] > 0].head(5)
    if top.empty:
        st.caption("No sign has come before good outcomes more often than before others yet.")
    else:
        st.markdown("**Signs that most often came before a good outcome**")
        st.dataframe(
            top[["label", "yes_rate_good", "yes_rate_not_good"]],
            hide_index=True,
            width="stretch",
            column_config={
                "label": "Sign",
                "yes_rate_good": st.column_config.ProgressColumn(
                    "Seen before good outcomes", format="percent", min_value=0, max_value=1),
                "yes_rate_not_good": st.column_config.ProgressColumn(
                    "Seen before other outcomes", format="percent", min_value=0, max_value=1),
            },
        )
    st.warning(learned.caveat, icon=":material/science:")


def saved_checks(checks: pd.DataFrame, choices: pd.DataFrame, today: date) -> None:
    """Every saved check, with a way to reopen any of them."""
    if checks.empty:
        return
    ordered = newest_first(checks)
    labels = dict(zip(choices["event_id"], choices["label"], strict=True))
    what = [
        labels.get(e, "An interview no longer in your records") if isinstance(e, str)
        else (lbl if isinstance(lbl, str) else QUICK_CHECK_LABEL)
        for e, lbl in zip(ordered["event_id"], ordered["label"], strict=True)
    ]
    with st.expander(f"All saved checks ({len(ordered)})", icon=":material/history:"):
        st.dataframe(
            pd.DataFrame({
                "Interview": what,
                "Reading": [reading_words(s, b) for s, b in
                            zip(ordered["score"], ordered["band"], strict=True)],
                "Saved": ordered["updated_at"].fillna(ordered["created_at"]),
            }),
            hide_index=True,
            width="stretch",
            column_config={"Saved": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
        )
        reopenable = [
            cid for cid, e in zip(ordered["id"], ordered["event_id"], strict=True)
            if not isinstance(e, str) or e in labels
        ]
        names = dict(zip(ordered["id"], what, strict=True))
        if not reopenable:
            return
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            "Reopen a check", reopenable, key="sc_reopen",
            format_func=lambda cid: f"{names[cid]} ({cid})",
        )
        if right.button("Reopen", key="sc_reopen_go", icon=":material/open_in_new:"):
            row = checks[checks["id"] == chosen].iloc[0]
            event_id = row["event_id"] if isinstance(row["event_id"], str) else None
            st.session_state[PENDING_KEY] = {"event_id": event_id, "check_id": chosen}
            st.rerun()
