"""docs/taxonomy.md's worked example: its overlay builds, lints clean and matches as shown."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from skillmatch import SkillMatcher
from skillmatch.cli.format import format_result
from skillmatch.taxonomy import build_taxonomy, lint_taxonomy

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "taxonomy.md").read_text(encoding="utf-8")


def test_worked_example_overlay_builds_lints_clean_and_matches_as_the_page_shows() -> None:
    overlay_text = re.search(r"```yaml\n# frontend-overlay.yaml\n(.*?)```", DOC, re.S)
    assert overlay_text is not None
    taxonomy = build_taxonomy(
        ROOT / "examples" / "roles" / "frontend-developer.txt",
        overlay=yaml.safe_load(overlay_text.group(1)),
    )
    assert taxonomy.name == "Frontend Developer (ACME)" and "state" in taxonomy.category_ids
    assert [i for i in lint_taxonomy(taxonomy) if i.severity != "info"] == []
    session = re.search(r"\$ printf '(.*?)' \| skillmatch match .*?\n(.*?)\n  \.\.\.", DOC, re.S)
    assert session is not None
    text, shown = session.group(1), session.group(2).splitlines()
    printed = format_result(SkillMatcher.from_taxonomy(taxonomy).match(text), source="stdin")
    assert printed.splitlines()[: len(shown)] == shown
