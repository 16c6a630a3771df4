"""The corpus figures (issue 26): how many proposals are right, how many job messages are
proposed, whether any look-alike is. Used by the tests and printed by ``python -m``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nextround.mail import review, sources
from nextround.mail.tracker import build_tracker
from tests.unit.mail.corpus import ME, tracker_frames
from tests.unit.mail.corpus.messages import MESSAGES


@dataclass
class Figures:
    messages: int
    job: int
    proposed: int
    right: int
    job_proposed: int
    lookalikes_proposed: list[str]
    wrong: list[str]
    missed: list[str]
    result: review.ScanResult

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.job_proposed / self.job if self.job else 0.0


@cache
def figures() -> Figures:
    apps, events = tracker_frames()
    tracker = build_tracker(apps, events)
    uploads = [(f"m{i:03d}.eml", s.raw()) for i, s in enumerate(MESSAGES)]
    result = review.scan(sources.eml_uploads(uploads), tracker, own=[ME])
    by_key = {p.key: p for p in result.proposals}
    proposed = right = job_proposed = 0
    lookalikes, wrong, missed = [], [], []
    for i, sample in enumerate(MESSAGES):
        p = by_key.get(f"m{i:03d}.eml#{i + 1}")
        offered = p is not None and p.status in (review.PROPOSE, review.CHOOSE)
        if sample.kind is None:
            if offered:
                lookalikes.append(f"{sample.subject}: {p.reading.label} {p.app_ids}")
            continue
        if not offered:
            missed.append(f"{sample.subject} ({sample.kind}): "
                          f"{p.status + ' ' + '; '.join(p.reasons) if p else 'not read'}")
            continue
        proposed += 1
        job_proposed += 1
        if p.reading.kind == sample.kind and sample.app in (p.app_id, *p.app_ids):
            right += 1
        else:
            wrong.append(f"{sample.subject}: read {p.reading.kind} {p.app_ids}, "
                         f"expected {sample.kind} {sample.app}; {'; '.join(p.reasons)}")
    proposed += len(lookalikes)
    job = sum(s.kind is not None for s in MESSAGES)
    return Figures(len(MESSAGES), job, proposed, right, job_proposed, lookalikes, wrong, missed,
                   result)


if __name__ == "__main__":
    f = figures()
    print(f"{f.messages} messages, {f.job} job messages; proposed {f.proposed}, right {f.right} "
          f"({f.precision:.1%}); job messages proposed {f.job_proposed}/{f.job} "
          f"({f.recall:.1%}); look-alikes proposed {len(f.lookalikes_proposed)}")
    for line in f.wrong:
        print("WRONG", line)
    for line in f.missed:
        print("MISSED", line)
    for line in f.lookalikes_proposed:
        print("LOOKALIKE", line)
