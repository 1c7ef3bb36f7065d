"""Measure a matcher on a labelled set: precision, recall, F1, per-skill counts, level accuracy.

A labelled set is JSONL, one text a line (the format of the project's evaluation guidelines)::

    {"id": "dev-001", "kind": "resume", "text": "...", "skills": ["python"],
     "optional": ["javascript"], "seniority": "mid", "as_of": "2025-03-10"}

``skills`` is the complete list of skill ids the text shows; ids in ``optional`` are neither
rewarded nor penalized; ``seniority`` is ``entry``, ``mid``, ``senior`` or ``null``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from skillmatch.errors import EvalSetError
from skillmatch.models import LEVELS, Level, MatchResult, Mention, TextKind

if TYPE_CHECKING:
    from skillmatch.matcher import SkillMatcher

__all__ = [
    "EvalReport",
    "LabelledText",
    "Mismatch",
    "SkillCounts",
    "evaluate",
    "format_report",
    "load_eval_set",
    "report_json",
    "select_ids",
]

_LEVELS: tuple[str, ...] = (*LEVELS, "none")


class LabelledText(BaseModel):
    """One labelled text of an evaluation set."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    kind: TextKind | None = None
    text: str
    skills: list[str]
    optional: list[str] = Field(default_factory=list)
    seniority: Level | None = None
    as_of: date | None = None


class SkillCounts(BaseModel):
    """True positives, false positives and false negatives of one skill."""

    model_config = ConfigDict(frozen=True)

    skill_id: str
    tp: int
    fp: int
    fn: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when the skill was never reported."""
        return round(self.tp / (self.tp + self.fp), 4) if self.tp + self.fp else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when no text is labelled with the skill."""
        return round(self.tp / (self.tp + self.fn), 4) if self.tp + self.fn else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 4) if p + r else 0.0


class Mismatch(BaseModel):
    """Where the matcher and the labels disagree on one skill of one text.

    A false positive (``kind="fp"``, with the evidence that produced it) or a false negative
    (``kind="fn"``).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    skill_id: str
    kind: str  # "fp" or "fn"
    evidence: list[str] = Field(default_factory=list)


class EvalReport(BaseModel):
    """What :func:`evaluate` measured."""

    model_config = ConfigDict(frozen=True)

    texts: int
    precision: float
    recall: float
    f1: float
    per_skill: list[SkillCounts]
    errors: list[Mismatch]
    level_accuracy: float | None
    level_accuracy_by_kind: dict[str, float]
    level_within_one: float | None
    confusion: dict[str, dict[str, int]] = Field(
        description="confusion[gold][predicted], with 'none' for no level."
    )
    level_misses: list[dict[str, str]]


def load_eval_set(path: str | Path) -> list[LabelledText]:
    """Read a labelled JSONL set; raise :class:`EvalSetError` naming the file and line."""
    p = Path(path)
    if not p.is_file():
        raise EvalSetError(f"{p}: no such file; give the path of a labelled .jsonl set")
    out: list[LabelledText] = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(LabelledText.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = " -> ".join(str(x) for x in first["loc"]) or "line"
            raise EvalSetError(
                f"{p}:{n}: {where}: {first['msg']}; each line needs 'id', 'text' and 'skills'"
            ) from None
    if not out:
        raise EvalSetError(f"{p}: the set is empty; it needs one labelled JSON object a line")
    return out


_ID_NUMBER = re.compile(r"(\d+)\s*$")


def select_ids(items: list[LabelledText], parity: Literal["odd", "even"]) -> list[LabelledText]:
    """Keep the texts whose id ends in an odd (or even) number: ``rd-001`` is odd.

    The halves of a set let one develop on one half and check on the other. An id without a
    number at its end raises :class:`EvalSetError` naming it.

    >>> items = [LabelledText(id=f"rd-00{n}", text="", skills=[]) for n in (1, 2, 3)]
    >>> [item.id for item in select_ids(items, "odd")]
    ['rd-001', 'rd-003']
    """
    if parity not in ("odd", "even"):
        raise EvalSetError(f"ids {parity!r}: choose 'odd' or 'even'")
    want = 1 if parity == "odd" else 0
    kept = []
    for item in items:
        number = _ID_NUMBER.search(item.id)
        if number is None:
            raise EvalSetError(
                f"id {item.id!r} does not end in a number, so it is neither odd nor even;"
                " number the ids (rd-001, rd-002, ...) or evaluate the whole set"
            )
        if int(number.group(1)) % 2 == want:
            kept.append(item)
    return kept


def _level_key(level: str | None) -> str:
    return level if level else "none"


def evaluate(matcher: SkillMatcher, items: list[LabelledText]) -> EvalReport:
    """Run ``matcher`` on every labelled text and compare with the labels."""
    counts: dict[str, Counter[str]] = {}
    errors: list[Mismatch] = []
    confusion = {g: dict.fromkeys(_LEVELS, 0) for g in _LEVELS}
    by_kind: dict[str, list[bool]] = {}
    misses: list[dict[str, str]] = []
    for item, result in zip(items, _results(matcher, items), strict=True):
        gold = set(item.skills)
        optional = set(item.optional)
        found = {s.skill_id: s.mentions for s in result.skills}
        for sid in gold | set(found):
            c = counts.setdefault(sid, Counter())
            if sid in gold and sid in found:
                c["tp"] += 1
            elif sid in found and sid not in optional:
                c["fp"] += 1
                errors.append(
                    Mismatch(id=item.id, skill_id=sid, kind="fp", evidence=_ev(found[sid]))
                )
            elif sid in gold:
                c["fn"] += 1
                errors.append(Mismatch(id=item.id, skill_id=sid, kind="fn"))
        gold_level = _level_key(item.seniority)
        pred_level = _level_key(result.seniority.level)
        confusion[gold_level][pred_level] += 1
        by_kind.setdefault(result.kind if item.kind is None else item.kind, []).append(
            gold_level == pred_level
        )
        if gold_level != pred_level:
            misses.append(
                {"id": item.id, "gold": gold_level, "predicted": pred_level,
                 "reason": result.seniority.reason}
            )  # fmt: skip
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = sum(len(v) for v in by_kind.values())
    correct = sum(sum(v) for v in by_kind.values())
    order = {lvl: i for i, lvl in enumerate(LEVELS)}
    within = sum(
        n
        for g, row in confusion.items()
        for p, n in row.items()
        if g == p or (g in order and p in order and abs(order[g] - order[p]) <= 1)
    )
    return EvalReport(
        texts=len(items),
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        per_skill=[
            SkillCounts(skill_id=sid, tp=c["tp"], fp=c["fp"], fn=c["fn"])
            for sid, c in sorted(counts.items())
        ],
        errors=errors,
        level_accuracy=round(correct / total, 4) if total else None,
        level_accuracy_by_kind={k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        level_within_one=round(within / total, 4) if total else None,
        confusion=confusion,
        level_misses=misses,
    )


def _results(matcher: SkillMatcher, items: list[LabelledText]) -> Iterator[MatchResult]:
    for item in items:
        yield matcher.match(item.text, as_of=item.as_of, kind=item.kind, id=item.id)


def _ev(mentions: list[Mention]) -> list[str]:
    return [f"{m.text!r} [{m.start}:{m.end}] {m.method} via {m.matched!r}" for m in mentions[:3]]


def format_report(report: EvalReport) -> str:
    """Render a report as the text table the CLI prints."""
    lines = [f"texts: {report.texts}", "", "false positives and negatives:"]
    for e in report.errors:
        ev = f"  <- {'; '.join(e.evidence)}" if e.evidence else ""
        lines.append(f"  {e.kind.upper()} {e.id:<10} {e.skill_id:<24}{ev}")
    lines += ["", "per skill, worst first:"]
    lines.append(f"{'skill':<26}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}{'F1':>7}")
    worst_first = sorted(report.per_skill, key=lambda c: (c.f1, -(c.fp + c.fn), c.skill_id))
    lines += [
        f"{c.skill_id:<26}{c.tp:>4}{c.fp:>4}{c.fn:>4}{c.precision:>11.3f}{c.recall:>8.3f}"
        f"{c.f1:>7.3f}"
        for c in worst_first
    ]
    if report.level_accuracy is not None:
        lines += ["", "level confusion (rows: labelled, columns: predicted):"]
        lines.append(" " * 10 + "".join(f"{p:>8}" for p in _LEVELS))
        for g in _LEVELS:
            lines.append(f"{g:<10}" + "".join(f"{report.confusion[g][p]:>8}" for p in _LEVELS))
        for m in report.level_misses:
            lines.append(f"  miss {m['id']}: {m['gold']} -> {m['predicted']} ({m['reason']})")
        kinds = ", ".join(f"{k} {v:.3f}" for k, v in report.level_accuracy_by_kind.items())
        lines.append(f"level accuracy: {report.level_accuracy:.3f} ({kinds})")
        lines.append(f"level within one: {report.level_within_one:.3f}")
    lines.append(f"micro precision: {report.precision:.4f}")
    lines.append(f"micro recall:    {report.recall:.4f}")
    lines.append(f"micro F1:        {report.f1:.4f}")
    return "\n".join(lines)


def report_json(report: EvalReport) -> str:
    """Render a report as JSON."""
    return json.dumps(report.model_dump(), indent=2)
