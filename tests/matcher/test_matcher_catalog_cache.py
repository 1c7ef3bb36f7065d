"""The compiled catalogue is kept on disk between processes, keyed, and never trusted blindly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = (
    "import json, skillmatch\n"
    "r = skillmatch.SkillMatcher.default().match('Java and Terraform; Python on AWS.')\n"
    "print(json.dumps([h.model_dump(mode='json') for h in r.other_skills]))\n"
)


def _run(cache: str) -> list[dict[str, object]]:
    env = {**os.environ, "SKILLMATCH_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_second_process_reads_the_kept_catalogue_and_finds_the_same(tmp_path: Path) -> None:
    first = _run(str(tmp_path))
    kept = list(tmp_path.glob("catalog-*.pickle"))
    assert len(kept) == 1
    assert _run(str(tmp_path)) == first
    assert {hit["skill_id"] for hit in first} == {"java", "terraform"}


def test_a_damaged_file_is_compiled_again_and_an_empty_setting_keeps_nothing(
    tmp_path: Path,
) -> None:
    first = _run(str(tmp_path))
    (kept,) = tmp_path.glob("catalog-*.pickle")
    kept.write_bytes(b"not a pickle")
    assert _run(str(tmp_path)) == first
    assert kept.read_bytes() != b"not a pickle"  # rewritten whole
    empty = tmp_path / "none"
    assert _run("") == first and not empty.exists()
