"""The printable prep sheet: the checklist, the practice answers and the questions to ask, as
Markdown a person can print or keep beside them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from nextround.domain.dates import relative_day
from nextround.domain.prep.answers import STAR_FIELDS, answer_word_count, text_of
from nextround.domain.prep.checklist import as_day, progress_summary
from nextround.domain.prep.content import AskQuestion, question_by_id, slots
from nextround.views import markup


def escape_markdown(text: str) -> str:
    """One line of user text made inert in the printable sheet's Markdown (see nextround.markup)."""
    return markup.escape_markdown(text, streamlit=False)


def _user_block(text: Any, indent: str) -> str:
    """Multi-line user text inside a list item: escaped lines joined by hard line breaks."""
    if not isinstance(text, str):
        return ""
    lines = [escape_markdown(line) for line in text.splitlines() if line.strip()]
    return ("  \n" + indent).join(lines)


def _is_true(value: Any) -> bool:
    """True for a ticked boolean cell; missing (pd.NA) counts as not ticked."""
    return value is not None and not pd.isna(value) and bool(value)


def _day_text(day: pd.Timestamp) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _interview_line(day: pd.Timestamp | None, today: pd.Timestamp) -> str:
    if day is None:
        return "**Interview:** no date set (general preparation)"
    return f"**Interview:** {_day_text(day)} ({relative_day(day.date(), today.date())})"


def _checklist_section(plan: pd.DataFrame, day: pd.Timestamp | None) -> list[str]:
    lines = ["## Checklist", ""]
    offsets = {s.id: s.offset_days for s in slots()}
    for slot_id, rows in plan.groupby("slot", sort=False):
        slot_day = None if day is None else day + pd.Timedelta(days=offsets.get(slot_id, 0))
        heading = escape_markdown(rows["slot_name"].iloc[0])
        lines += [f"### {heading}" + (f": {_day_text(slot_day)}" if slot_day else ""), ""]
        for row in rows.itertuples(index=False):
            box = "[x]" if _is_true(row.done) else "[ ]"
            extra = ""
            if pd.notna(row.due) and slot_day is not None and row.due != slot_day:
                extra += f" (by {_day_text(row.due)})"
            if row.status in ("overdue", "catch up", "due today"):
                extra += f" _({row.status})_"
            item = f"- {box} {escape_markdown(row.text)}{extra}"
            if isinstance(row.detail, str) and row.detail:
                item += f"  \n  {escape_markdown(row.detail)}"  # hard break, then the detail
            lines.append(item)
        lines.append("")
    return lines


def _has_content(row: Mapping[str, Any]) -> bool:
    return any(text_of(row, f).strip() for f in (*STAR_FIELDS, "answer"))


def _answers_section(answers_df: pd.DataFrame | None) -> list[str]:
    lines = ["## Practice answers", ""]
    rows = [] if answers_df is None else answers_df.to_dict("records")
    rows = [r for r in rows if _has_content(r)]
    if not rows:
        return [*lines, "_No practice answers yet._", ""]
    catalogue = question_by_id()
    order = {qid: i for i, qid in enumerate(catalogue)}
    rows.sort(key=lambda r: order.get(r.get("id"), len(order)))

    def title(row: Mapping[str, Any]) -> str:
        question = catalogue.get(row.get("id"))
        return escape_markdown(question.text if question else str(row.get("id")))

    lines += ["| Question | Status | Words |", "| --- | --- | --- |"]
    for row in rows:
        status = "ready" if _is_true(row.get("ready")) else "draft"
        lines.append(f"| {title(row)} | {status} | {answer_word_count(row)} |")
    lines.append("")
    labels = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}
    labels["answer"] = "Answer"
    for row in rows:
        lines += [f"### {title(row)}", ""]
        for field_name, label in labels.items():
            body = _user_block(row.get(field_name), "  ")
            if body:
                lines.append(f"- **{label}:** {body}")
        lines.append("")
    return lines


def _ask_section(questions_list: Sequence[AskQuestion | str]) -> list[str]:
    lines = ["## Questions to ask", ""]
    texts = [q if isinstance(q, str) else q.text for q in questions_list]
    texts = [escape_markdown(t) for t in texts if t and t.strip()]
    if not texts:
        return [*lines, "_None chosen yet._", ""]
    return lines + [f"- {t}" for t in texts] + [""]


def prep_sheet_markdown(
    interview_label: str,
    interview_date: date | datetime | pd.Timestamp | None,
    plan: pd.DataFrame | None,
    answers_df: pd.DataFrame | None,
    questions: Sequence[AskQuestion | str],
    today: date,
) -> str:
    """A printable Markdown sheet for one interview: checklist, practice answers, questions.

    ``questions`` holds the questions to ask (catalogue entries or the user's own text).
    All text that could come from the user is escaped, so an answer beginning with "#" or
    holding "|" stays an answer instead of becoming a heading or a table column.
    """
    day = as_day(interview_date)
    today_ts = pd.Timestamp(today).normalize()
    lines = [f"# Prep sheet: {escape_markdown(interview_label or 'interview')}", ""]
    lines.append(_interview_line(day, today_ts) + "  ")
    summary = ""
    if plan is not None and len(plan):
        done, total, _ = progress_summary(plan)
        summary = f"; checklist {done} of {total} done"
    lines += [f"Prepared {_day_text(today_ts)}{summary}", ""]
    if plan is not None and len(plan):
        lines += _checklist_section(plan, day)
    lines += _answers_section(answers_df)
    lines += _ask_section(questions)
    return "\n".join(lines).rstrip("\n") + "\n"
