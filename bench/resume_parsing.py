"""Check the years and title parsing against the labels of 310 real résumés (dotin-resumes).

Usage::

    python bench/resume_parsing.py --shared ../shared [--json] [--show N]

Each résumé of ``corpora/dotin-resumes/train.jsonl`` carries its annotators' spans: "Years of
Experience" (a stated amount, "8.5+ years of experience", or dates, "July 2014 to Present") and
"Designation" (the titles held). The text is read as the matcher reads it (one
:class:`~skillmatch.analysis.TextLayout` with the default taxonomy's seniority rules) and the
script prints, both ways:

- stated years: labelled amounts that one of our years claims covers (every number of the label
  inside a claim), and our totals of experience ("N years of experience", not a skill's years)
  inside a labelled span (in the texts that label one);
- dated years: labelled ranges (two dates, or a date and an open end) that our date ranges cover,
  and our work roles' ranges inside a labelled span (in the texts that label dates);
- titles: labelled designations holding a title word of the rules ("Senior", "Lead", "Intern")
  where we find that word as a title, and our title words inside a labelled designation (in
  the texts that label one);
- role headers: our work roles whose range is labelled and whose heading holds a labelled
  designation (the title a role's level is read from).

With ``--judged FILE`` (``bench/resume_levels_judged.json``: levels judged by hand for 30 of the
résumés while developing; ``bench/resume_levels_blind.json``: 15 more judged from the text alone
before reading the matcher's answers), it also prints how often the matcher's level agrees with
the judged one, and each disagreement with the level, years and reason the matcher gave.

The labels are not complete (an annotator sometimes skipped a role, and education dates carry
other labels), so the "ours inside a label" figures are floors. Texts that also stand in the
evaluation set (``eval/real-dev.jsonl``) are counted, and shown apart, but never listed by
``--show``: the evaluation's check half must stay unseen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillmatch import SkillMatcher
from skillmatch.analysis import TextLayout

CORPUS = "corpora/dotin-resumes/train.jsonl"
EVAL = "eval/real-dev.jsonl"
_UNIT = re.compile(r"\b(?:years?|yrs?|months?|mos?|decades?)\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|['’]\d\d\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_OPEN = re.compile(r"\b(?:present|current|now|date|today|onwards?)\b", re.I)
_KEY = re.compile(r"[^a-z0-9]")
_DASH = re.compile(r"\d\s*(?:-|–|to)\s*\d")


@dataclass
class Tally:
    """How many of one side's spans the other side covers, with a few of the misses."""

    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str, listed: bool) -> None:
        self.total += 1
        self.hit += ok
        if not ok and listed:
            self.misses.append(miss)

    def share(self) -> float:
        return self.hit / self.total if self.total else 0.0


def _covers(spans: Iterable[tuple[int, int]], start: int, end: int, text: str) -> bool:
    """Do the spans cover every number of text[start:end] (or overlap it, when it has none)?"""
    spans = list(spans)
    numbers = [(start + m.start(), start + m.end()) for m in _NUMBER.finditer(text[start:end])]
    if not numbers:
        return any(s < end and start < e for s, e in spans)
    return all(any(s <= a and b <= e for s, e in spans) for a, b in numbers)


def _inside(labels: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap a labelled span?"""
    return any(s < end and start < e for s, e in labels)


def _line(text: str, start: int, end: int) -> str:
    """The span with up to 40 characters either side, line breaks shown as " | "."""
    return text[max(0, start - 40) : end + 40].replace("\n", " | ")


def _key(text: str) -> str:
    return _KEY.sub("", text.replace("\\n", " ").lower())[:150]


def _label_kind(text: str) -> str:
    if _UNIT.search(text):
        return "stated"
    years = _YEAR.findall(text)
    if len(years) >= 2 or (years and _OPEN.search(text)) or _DASH.search(text):
        return "range"
    return "single"


def measure(shared: Path, show: int) -> dict[str, Any]:
    """Read every résumé and tally the four comparisons (see the module docstring)."""
    rows = [json.loads(line) for line in (shared / CORPUS).open(encoding="utf-8")]
    evaluated = set()
    eval_path = shared / EVAL
    if eval_path.exists():
        evaluated = {_key(json.loads(line)["text"]) for line in eval_path.open(encoding="utf-8")}
    rules = SkillMatcher.default().taxonomy.seniority
    title_words = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for ws in rules.titles.values() for w in ws) + r")\b",
        re.I,
    )
    names = (
        "stated: labels we cover",
        "stated: our totals of experience in a label",
        "ranges: labels we cover",
        "ranges: our work ranges in a label",
        "titles: labels we find",
        "titles: our title words in a label",
        "role headers: labelled roles naming a labelled title",
    )
    tallies = {name: Tally() for name in names}
    singles = 0
    for row in rows:
        text = row["text"]
        listed = _key(text) not in evaluated and show > 0
        layout = TextLayout(text, rules=rules)
        labels = {"stated": [], "range": [], "single": [], "title": []}
        for span in row["spans"]:
            s, e = span["start"], span["end"]
            if span["label"] == "Years of Experience":
                labels[_label_kind(text[s:e])].append((s, e))
            elif span["label"] == "Designation":
                labels["title"].append((s, e))
        singles += len(labels["single"])
        claims = [(c.start, c.end) for c in layout.years_claims]
        totals = [(c.start, c.end) for c in layout.years_claims if c.total and c.experience]
        ranges = [(r.start, r.end) for r in layout.date_ranges]
        titles = [(t.start, t.end) for t in layout.titles if t.detail == "title word"]
        where = row["id"]
        for s, e in labels["stated"]:
            tallies[names[0]].add(_covers(claims, s, e, text), f"{where}: {text[s:e]!r}", listed)
        for s, e in totals if labels["stated"] else ():
            tallies[names[1]].add(
                _inside(labels["stated"] + labels["range"], s, e), f"{where}: {text[s:e]!r}", listed
            )
        for s, e in labels["range"]:
            tallies[names[2]].add(_covers(ranges, s, e, text), f"{where}: {text[s:e]!r}", listed)
        dated_labels = labels["range"] + labels["single"]
        for role in layout.roles if dated_labels else ():
            if role.status in ("work", "non-work"):
                s, e = role.range.start, role.range.end
                ok = _inside(labels["range"] + labels["single"], s, e)
                tallies[names[3]].add(ok, f"{where}: {text[s:e]!r}", listed)
        for s, e in labels["title"]:
            if title_words.search(text, s, e) is None:
                continue
            ok = _inside(titles, s, e)
            tallies[names[4]].add(ok, f"{where}: {text[s:e]!r} in {_line(text, s, e)!r}", listed)
        for s, e in titles if labels["title"] else ():
            ok = _inside(labels["title"], s, e)
            tallies[names[5]].add(ok, f"{where}: {text[s:e]!r} in {_line(text, s, e)!r}", listed)
        for role in layout.roles:
            if role.status not in ("work", "non-work"):
                continue
            if not _inside(labels["range"] + labels["single"], role.range.start, role.range.end):
                continue
            ok = _inside(labels["title"], role.header_start, role.header_end)
            head = text[role.header_start : role.header_end].replace("\n", " | ")
            tallies[names[6]].add(ok, f"{where}: {head[:120]!r}", listed)
    return {
        "texts": len(rows),
        "texts_also_in_eval": sum(_key(r["text"]) in evaluated for r in rows),
        "single_dates_labelled": singles,
        "figures": {
            name: {"hit": t.hit, "total": t.total, "share": round(t.share(), 3)}
            for name, t in tallies.items()
        },
        "misses": {name: t.misses[:show] for name, t in tallies.items()},
    }


def agreement(shared: Path, judged: Path) -> dict[str, Any]:
    """Compare the matcher's résumé level with the levels judged by hand in ``judged``."""
    wanted = {
        k: v for k, v in json.loads(judged.read_text(encoding="utf-8")).items() if k[0] != "_"
    }
    rows = {}
    for line in (shared / CORPUS).open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] in wanted:
            rows[row["id"]] = row["text"]
    matcher = SkillMatcher.default()
    hits, misses = 0, []
    for key, level in wanted.items():
        seniority = matcher.match(rows[key], kind="resume").seniority
        if seniority.level == level:
            hits += 1
        else:
            misses.append(
                f"{key}: judged {level}, said {seniority.level} ({seniority.years} years;"
                f" {seniority.reason})"
            )
    return {"agree": hits, "judged": len(wanted), "disagreements": misses}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", type=int, default=0, help="list up to N misses of each figure")
    parser.add_argument(
        "--judged", type=Path, help="levels judged by hand (JSON: id -> level or null)"
    )
    args = parser.parse_args(argv)
    report = measure(args.shared, args.show)
    if args.judged:
        report["levels"] = agreement(args.shared, args.judged)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(
        f"{report['texts']} résumés ({report['texts_also_in_eval']} also in {EVAL}, never listed);"
        f" {report['single_dates_labelled']} labelled single dates left out"
    )
    for name, f in report["figures"].items():
        print(f"{name:<55} {f['hit']:5d} / {f['total']:5d}  {f['share']:.3f}")
        for miss in report["misses"][name]:
            print(f"    miss {miss}")
    if args.judged:
        levels = report["levels"]
        share = levels["agree"] / levels["judged"] if levels["judged"] else 0.0
        name = "levels: agree with the judged ones"
        print(f"{name:<55} {levels['agree']:5d} / {levels['judged']:5d}  {share:.3f}")
        for miss in levels["disagreements"]:
            print(f"    {miss[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
