"""The Dask integration gives exactly the single-process rows, on a real two-process cluster."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from hostile_files import drawing_ops, raw_pdf, text_ops  # noqa: E402
from skillmatch.batch import iter_rows, iter_tasks  # noqa: E402
from skillmatch.dask import (  # noqa: E402
    get_matcher,
    row_meta,
    score_bag,
    score_partition,
    score_records,
)
from skillmatch.readers import Limits  # noqa: E402

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark, LangChain. You will deploy models."
)
RESUMES = [
    "Jane Roe. 6 years of Python and PyTorch; deployed models on AWS with Kubernetes.",
    "Junior analyst: SQL, Excel, some Python scripts for reporting.",
    "Built RAG pipelines with LangChain and OpenAI; Docker, FastAPI, GCP. 2019 - 2024.",
    "Data engineer with Spark, Airflow and Kafka; Scala and Java; Azure Databricks.",
    "Research scientist: TensorFlow, JAX, CUDA kernels, 8 years; led a team of 5.",
]


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("resumes")
    for i, text in enumerate(RESUMES):
        (d / f"cv{i}.txt").write_text(text, encoding="utf-8")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (d / "empty.txt").write_bytes(b"")
    return d


def test_score_bag_on_two_worker_processes_equals_single_process_rows(
    client: distributed.Client, folder: Path
) -> None:
    matcher = get_matcher()
    job = matcher.match(JOB, kind="job", id="job")
    expected = list(iter_rows(iter_tasks([folder]), matcher, job=job))
    paths = [row["source"] for row in expected]
    bag = db.from_sequence(paths, npartitions=3)
    rows = score_bag(bag, job_text=JOB).compute()
    assert rows == expected
    assert {r["error_type"] for r in rows} == {None, "CorruptDocumentError", "EmptyDocumentError"}
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2


def test_score_partition_on_a_dask_dataframe_equals_single_process_rows(
    client: distributed.Client,
) -> None:
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(len(RESUMES))], "text": RESUMES})
    ddf = dd.from_pandas(frame, npartitions=2)
    scored = ddf.map_partitions(score_partition, job_text=JOB, meta=row_meta(job=True))
    got = scored.compute()
    expected = score_partition(frame, job_text=JOB)
    pd.testing.assert_frame_equal(got, expected)
    assert list(got["id"]) == list(frame["id"])
    assert got["fit"].between(0, 1).all()
    assert got.loc[0, "fit"] > got.loc[1, "fit"]  # the PyTorch/AWS résumé beats the analyst


def test_records_get_the_readers_checks_so_bad_texts_become_error_rows_and_the_rest_is_scored() -> (
    None
):
    records = [
        {"id": "blank", "text": "  \n\t "},
        ("pair", ""),
        {"id": "number", "text": 42},
        {"id": "when", "text": RESUMES[0], "as_of": "last spring"},
        {"id": "long", "text": "Python " * 200},
        {"text": RESUMES[0], "as_of": pd.Timestamp("2024-05-01")},
        ("ok", RESUMES[4]),
    ]
    rows = score_records(records, limits=Limits(max_text_chars=1_000))
    assert [r["id"] for r in rows][:5] + [r["id"] for r in rows][6:] == [
        "blank", "pair", "number", "when", "long", "ok"
    ]  # fmt: skip
    assert re.fullmatch(r"record [0-9a-f]{12}", rows[5]["id"])
    assert [r["error_type"] for r in rows] == [
        "EmptyDocumentError",
        "EmptyDocumentError",
        "CorruptDocumentError",
        "CorruptDocumentError",
        "LimitExceededError",
        None,
        None,
    ]
    assert "blank" in rows[0]["error"] and "whitespace" in rows[0]["error"]
    assert "last spring" in rows[3]["error"]
    assert {"pytorch", "aws"} <= set(rows[5]["skills"].split("; "))
    assert "tensorflow" in rows[6]["skills"].split("; ")


def test_elements_of_any_type_become_error_rows_and_the_rest_is_scored(
    client: distributed.Client,
) -> None:
    elements = [None, 42, 3.5, b"Python", ["Python"], ("ok", RESUMES[4]), {"text": RESUMES[0]}]
    rows = score_bag(db.from_sequence(elements, npartitions=3)).compute()
    assert len(rows) == len(elements)
    assert [r["error_type"] for r in rows[:5]] == ["CorruptDocumentError"] * 5
    assert "not NoneType" in rows[0]["error"] and "not bytes" in rows[3]["error"]
    assert [r["error_type"] for r in rows[5:]] == [None, None]


def test_records_without_ids_in_different_partitions_get_different_ids(
    client: distributed.Client,
) -> None:
    records = [{"text": text} for text in RESUMES] * 2
    rows = score_bag(db.from_sequence(records, npartitions=4)).compute()
    assert len({r["id"] for r in rows}) == len({r["source"] for r in rows}) == len(records)


def test_a_slow_file_is_a_timeout_row_on_dask_worker_threads(
    client: distributed.Client, tmp_path: Path
) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(raw_pdf([drawing_ops(20_000) + text_ops(["Kubernetes"])] * 40))
    ok = tmp_path / "ok.txt"
    ok.write_text(RESUMES[0], encoding="utf-8")
    bag = db.from_sequence([str(slow), str(ok)], npartitions=1)
    rows = score_bag(bag, limits=Limits(max_seconds_per_file=2)).compute()
    assert [r["error_type"] for r in rows] == ["DocumentTimeoutError", None]
