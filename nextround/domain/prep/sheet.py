"""The print-ready prep sheet: the checklist, the practice answers and the questions to ask, as
one self-contained HTML page that opens in the browser and prints cleanly (print styles, no
outside requests, nothing that runs but the print button).

Every piece of text that could come from the user goes through ``html.escape``: a company named
"<script>" or an answer holding "</td>" shows as those characters and never becomes markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from nextround.domain.dates import relative_day
from nextround.domain.prep.answers import STAR_FIELDS, answer_word_count
from nextround.domain.prep.checklist import progress_summary
from nextround.domain.prep.content import AskQuestion, question_by_id, slots
from nextround.text import as_day, cell_text

#: Print styles: black on white, A4 or Letter margins from the printer, no section cut in two
#: when it can be helped, and the print button left off the paper.
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f2; color: #1a1a1a;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 46rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.12); border-radius: 6px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.meta { color: #444; margin: 0; }
.toolbar { display: flex; justify-content: flex-end; margin: -1rem 0 1rem; }
button { font: inherit; padding: .4rem 1rem; border: 1px solid #1a1a1a; border-radius: 4px;
  background: #fff; cursor: pointer; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
ul.checklist li { display: grid; grid-template-columns: 1.4rem 1fr; gap: .2rem .4rem;
  padding: .25rem 0; break-inside: avoid; }
.box { width: .95rem; height: .95rem; margin-top: .22rem; border: 1.5px solid #1a1a1a;
  border-radius: 2px; font-size: .8rem; line-height: .8rem; text-align: center; }
li.done .text { color: #555; }
.detail { grid-column: 2; color: #444; font-size: .9rem; }
.flag { font-style: italic; color: #8a4b00; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ccc;
  vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
article { break-inside: avoid; }
dl { margin: 0 0 .8rem; }
dt { font-weight: 600; margin-top: .4rem; }
dd { margin: 0 0 0 1rem; white-space: pre-line; }
.empty { color: #555; font-style: italic; }
ol.ask li { margin: .25rem 0; }
footer { margin-top: 2.5rem; color: #666; font-size: .8rem; }
bdi { unicode-bidi: isolate; }
@page { margin: 16mm 15mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { margin: 0; padding: 0; max-width: none; box-shadow: none; border-radius: 0; }
  .toolbar { display: none; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _html(value: Any) -> str:
    """User (or content) text made inert in HTML, isolated so a right-to-left override inside
    it cannot reorder the words around it."""
    return f"<bdi>{html.escape(str(value), quote=True)}</bdi>"


def _is_true(value: Any) -> bool:
    """True for a ticked boolean cell; missing (pd.NA) counts as not ticked."""
    return value is not None and not pd.isna(value) and bool(value)


def _day_text(day: pd.Timestamp) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _interview_line(day: pd.Timestamp | None, today: pd.Timestamp) -> str:
    if day is None:
        return "Interview: no date set (general preparation)"
    return f"Interview: {_day_text(day)} ({relative_day(day.date(), today.date())})"


def _checklist_section(plan: pd.DataFrame, day: pd.Timestamp | None) -> list[str]:
    lines = ['<section class="checklist">', "<h2>Checklist</h2>"]
    offsets = {s.id: s.offset_days for s in slots()}
    for slot_id, rows in plan.groupby("slot", sort=False):
        slot_day = None if day is None else day + pd.Timedelta(days=offsets.get(slot_id, 0))
        when = f": {_day_text(slot_day)}" if slot_day is not None else ""
        lines += [f"<h3>{_html(rows['slot_name'].iloc[0])}{when}</h3>", '<ul class="checklist">']
        for row in rows.itertuples(index=False):
            done = _is_true(row.done)
            flags = ""
            if pd.notna(row.due) and slot_day is not None and row.due != slot_day:
                flags += f" (by {_day_text(row.due)})"
            if row.status in ("overdue", "catch up", "due today"):
                flags += f' <span class="flag">({html.escape(row.status)})</span>'
            item = (f'<li class="{"done" if done else "open"}">'
                    f'<span class="box" aria-label="{"done" if done else "to do"}">'
                    f'{"&#10003;" if done else ""}</span>'
                    f'<span class="text">{_html(row.text)}{flags}</span>')
            if isinstance(row.detail, str) and row.detail:
                item += f'<span class="detail">{_html(row.detail)}</span>'
            lines.append(item + "</li>")
        lines.append("</ul>")
    return [*lines, "</section>"]


def _has_content(row: Mapping[str, Any]) -> bool:
    return any(cell_text(row.get(f)) for f in (*STAR_FIELDS, "answer"))


ANSWER_LABELS = {"situation": "Situation", "task": "Task", "action": "Action",
                 "result": "Result", "answer": "Answer"}


def _answers_section(answers_df: pd.DataFrame | None) -> list[str]:
    lines = ['<section class="answers">', "<h2>Practice answers</h2>"]
    rows = [] if answers_df is None else answers_df.to_dict("records")
    rows = [r for r in rows if _has_content(r)]
    if not rows:
        return [*lines, '<p class="empty">No practice answers yet.</p>', "</section>"]
    catalogue = question_by_id()
    order = {qid: i for i, qid in enumerate(catalogue)}
    rows.sort(key=lambda r: order.get(r.get("id"), len(order)))

    def title(row: Mapping[str, Any]) -> str:
        question = catalogue.get(row.get("id"))
        return _html(question.text if question else str(row.get("id")))

    lines += ["<table>", '<thead><tr><th>Question</th><th>Status</th><th class="num">Words</th>'
              "</tr></thead>", "<tbody>"]
    for row in rows:
        status = "ready" if _is_true(row.get("ready")) else "draft"
        lines.append(f"<tr><td>{title(row)}</td><td>{status}</td>"
                     f'<td class="num">{answer_word_count(row)}</td></tr>')
    lines += ["</tbody>", "</table>"]
    for row in rows:
        lines += ["<article>", f"<h3>{title(row)}</h3>", "<dl>"]
        for field_name, label in ANSWER_LABELS.items():
            body = row.get(field_name)
            if isinstance(body, str) and body.strip():
                # pre-line keeps the person's own line breaks without any markup of theirs.
                lines.append(f"<dt>{label}</dt><dd>{_html(body.strip())}</dd>")
        lines += ["</dl>", "</article>"]
    return [*lines, "</section>"]


def _ask_section(questions_list: Sequence[AskQuestion | str]) -> list[str]:
    lines = ['<section class="ask">', "<h2>Questions to ask</h2>"]
    texts = [q if isinstance(q, str) else q.text for q in questions_list]
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return [*lines, '<p class="empty">None chosen yet.</p>', "</section>"]
    return [*lines, '<ol class="ask">', *(f"<li>{_html(t)}</li>" for t in texts), "</ol>",
            "</section>"]


def prep_sheet_html(
    interview_label: str,
    interview_date: date | datetime | pd.Timestamp | None,
    plan: pd.DataFrame | None,
    answers_df: pd.DataFrame | None,
    questions: Sequence[AskQuestion | str],
    today: date,
) -> str:
    """A print-ready HTML page for one interview: checklist, practice answers, questions.

    ``questions`` holds the questions to ask (catalogue entries or the user's own text). The
    page is self-contained (its styles inline, no outside requests) so it opens from the
    downloads folder and prints the same anywhere.
    """
    day = as_day(interview_date)
    today_ts = pd.Timestamp(today).normalize()
    title = f"Prep sheet: {interview_label or 'interview'}"
    meta = f"Prepared {_day_text(today_ts)}"
    if plan is not None and len(plan):
        done, total, _ = progress_summary(plan)
        meta += f"; checklist {done} of {total} done"
    lines = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<div class="toolbar"><button type="button" onclick="window.print()">Print this sheet'
        "</button></div>",
        f"<header><h1>Prep sheet: {_html(interview_label or 'interview')}</h1>",
        f'<p class="meta">{html.escape(_interview_line(day, today_ts))}</p>',
        f'<p class="meta">{html.escape(meta)}</p></header>',
    ]
    if plan is not None and len(plan):
        lines += _checklist_section(plan, day)
    lines += _answers_section(answers_df)
    lines += _ask_section(questions)
    lines += ["<footer>Made with Next Round. Your data stays in your own folder.</footer>",
              "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
