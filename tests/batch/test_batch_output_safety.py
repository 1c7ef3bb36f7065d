"""Outputs that cannot destroy or mix data, and inputs that cannot stop a batch: an output that
is an input, two runs on one file, resuming by input rather than by written name, resuming
against another job, lone surrogates, symbolic links out of a folder."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from batch_inputs import make_folder, resume_text
from skillmatch.batch import read_rows, run_batch
from skillmatch.batch.files import OutputLock, manifest_path
from skillmatch.errors import InputError
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import iter_documents


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_output_that_is_one_of_the_inputs_is_refused_and_the_input_kept(
    tmp_path: Path, matcher: SkillMatcher, suffix: str
) -> None:
    people = tmp_path / f"people{suffix}"
    if suffix == ".jsonl":
        people.write_text(
            "".join(json.dumps({"id": i, "text": resume_text(i)}) + "\n" for i in range(5)),
            encoding="utf-8",
        )
    else:
        people.write_text(
            "id,text\n" + "".join(f"{i},{resume_text(i)}\n" for i in range(5)), encoding="utf-8"
        )
    before = people.read_bytes()
    for spelling in (people, Path(f"{people.parent}/./{people.name}")):
        with pytest.raises(InputError, match="also an input"):
            run_batch([spelling], people, matcher=matcher)
    assert people.read_bytes() == before


def test_a_second_run_on_the_same_output_fails_at_once_instead_of_mixing_rows(
    tmp_path: Path, matcher: SkillMatcher
) -> None:
    folder = make_folder(tmp_path / "in", 4)
    out = tmp_path / "rows.csv"
    with OutputLock(out):  # a run in progress holds it
        with pytest.raises(InputError, match="another skillmatch run is writing it"):
            run_batch([folder], out, matcher=matcher)
        with pytest.raises(InputError, match="another skillmatch run"):
            run_batch([folder], out, matcher=matcher, resume=True)
    assert run_batch([folder], out, matcher=matcher).rows == 4
    assert len(list(read_rows(out))) == 4


# Names that a CSV cell cannot keep as they are: a leading formula character is quoted and a
# newline becomes a space, so the written name is not the input's.
ODD_NAMES = ["=cmd.txt", "+1.txt", "-x.txt", "@y.txt", "line\nbreak.txt", "\x01=z.txt"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_resume_knows_inputs_by_a_stable_key_not_by_their_written_name(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult, suffix: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(ODD_NAMES):
        (folder / name).write_text(resume_text(i + 3), encoding="utf-8")
    out = tmp_path / f"ranked{suffix}"
    first = run_batch([folder], out, matcher=matcher, job=job)
    assert (first.rows, first.failed) == (len(ODD_NAMES), 0)
    before = out.read_bytes()
    # The same folder, spelt another way, resumed: nothing is scored twice.
    again = run_batch([f"{folder}/."], out, matcher=matcher, job=job, resume=True)
    assert (again.skipped, again.processed, again.rows) == (len(ODD_NAMES), 0, len(ODD_NAMES))
    assert out.read_bytes() == before
    keys = [row["input_key"] for row in read_rows(out)]
    assert len(set(keys)) == len(ODD_NAMES)


def test_resume_is_refused_when_the_job_taxonomy_or_options_differ(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 3)
    out = tmp_path / "ranked.csv"
    run_batch([folder], out, matcher=matcher, job=job)
    other_job = matcher.match("Data analyst. Required: SQL and Excel.", kind="job")
    with pytest.raises(InputError, match="different job"):
        run_batch([folder], out, matcher=matcher, job=other_job, resume=True)
    exact_only = SkillMatcher.from_taxonomy(matcher.taxonomy, fuzzy=False)
    with pytest.raises(InputError, match="different options"):
        run_batch([folder], out, matcher=exact_only, job=job, resume=True)
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    manifest["taxonomy"] = "0" * 16
    manifest_path(out).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(InputError, match="different taxonomy"):
        run_batch([folder], out, matcher=matcher, job=job, resume=True)
    assert len(list(read_rows(out))) == 3  # nothing was added


@pytest.mark.parametrize(("suffix", "n_process"), [(".jsonl", 1), (".csv", 1), (".jsonl", 2)])
def test_a_record_with_a_lone_surrogate_never_stops_a_batch(
    tmp_path: Path,
    matcher: SkillMatcher,
    caplog: pytest.LogCaptureFixture,
    suffix: str,
    n_process: int,
) -> None:
    # Valid JSON: "\ud800" reads as a lone surrogate, which UTF-8 cannot write.
    records = tmp_path / "people.jsonl"
    records.write_text(
        '{"id": "a", "text": "Python and AWS"}\n'
        '{"id": "b\\ud800", "text": "bad\\ud800 Python, Kubernetes"}\n'
        '{"id": "c", "text": "Docker and SQL"}\n',
        encoding="utf-8",
    )
    out = tmp_path / f"rows{suffix}"
    with caplog.at_level(logging.WARNING, logger="skillmatch"):
        summary = run_batch([records], out, matcher=matcher, n_process=n_process)
    assert (summary.rows, summary.failed) == (3, 0)
    rows = list(read_rows(out))
    assert [row["id"] for row in rows] == ["a", "b\ufffd", "c"]
    assert "unencodable-text" in rows[1]["warnings"]
    assert {"python", "kubernetes"} <= set(rows[1]["skills"].split("; "))
    assert any("U+FFFD" in message for message in caplog.messages)
    again = run_batch([records], out, matcher=matcher, resume=True)
    assert (again.skipped, again.processed) == (3, 0)


def test_symbolic_link_out_of_an_input_folder_is_not_followed_unless_asked(
    tmp_path: Path, matcher: SkillMatcher, caplog: pytest.LogCaptureFixture
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0 Python Kubernetes", encoding="utf-8")
    folder = make_folder(tmp_path / "in", 2)
    (folder / "link.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "cv00000.txt")  # stays in the folder: read
    with caplog.at_level(logging.WARNING, logger="skillmatch"):
        sources = [Path(d.source).name for d in iter_documents(folder)]  # type: ignore[union-attr]
    assert sources == ["cv00000.txt", "cv00001.txt", "inside.txt"]
    assert any("symbolic link out of" in m for m in caplog.messages)
    followed = [Path(d.source).name for d in iter_documents(folder, follow_links=True)]  # type: ignore[union-attr]
    assert "link.txt" in followed
    out = tmp_path / "rows.csv"
    run_batch([folder], out, matcher=matcher)
    assert [Path(r["source"]).name for r in read_rows(out)] == sources


def _fd_is_open(fd: int) -> bool:
    import os

    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def test_workers_do_not_hold_the_output_lock_so_it_dies_with_the_run(tmp_path: Path) -> None:
    # A forked worker shares its parent's open files: were the lock among them, a worker
    # outliving a parent killed with -9 would keep every resume out.
    from skillmatch._runtime import ordered_map

    with OutputLock(tmp_path / "rows.csv") as lock:
        got = list(
            ordered_map(
                lambda inherit: _fd_is_open,
                [lock.fd, lock.fd],
                n_process=2,
                batch_size=1,
                lost=lambda item, reason: (False, RuntimeError(reason)),
            )
        )
        assert _fd_is_open(lock.fd)
    assert [value for _, (ok, value) in got] == [False, False]
