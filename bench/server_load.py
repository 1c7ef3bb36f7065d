"""A bounded load run of ``skillmatch serve`` on loopback: requests per second and p99 latency.

    .venv/bin/python bench/server_load.py [--requests 400] [--clients 8] [--seconds 120]

Starts the service on 127.0.0.1 (a free port, ``--concurrency`` matching threads), then
``--clients`` threads each send ``POST /match`` requests with the example résumés (JSON) until
``--requests`` have been answered or ``--seconds`` have passed, and one ``POST /score`` of all
five against a job. Traffic goes to the loopback address only. Prints requests/s, the latency
percentiles and the status counts (a 503 is the service shedding load, not a failure).
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from serving import running_server  # noqa: E402

RESUMES = sorted((ROOT / "examples" / "resumes").glob("*.txt"))
JOB = ROOT / "examples" / "jobs" / "senior_ai_engineer_llm_platform.txt"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load(url: str, requests: int, clients: int, seconds: float) -> dict[str, object]:
    """Send the requests from ``clients`` threads; return the figures."""
    texts = [p.read_text(encoding="utf-8") for p in RESUMES]
    latencies: list[float] = []
    statuses: collections.Counter[int] = collections.Counter()
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal sent
        with httpx.Client(base_url=url, timeout=60) as http:
            while time.monotonic() < deadline:
                with lock:
                    if sent >= requests:
                        return
                    i = sent
                    sent += 1
                start = time.perf_counter()
                r = http.post("/match", json={"text": texts[i % len(texts)]})
                with lock:
                    latencies.append(time.perf_counter() - start)
                    statuses[r.status_code] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    body = {"job": JOB.read_text(encoding="utf-8"), "resumes": [{"text": t} for t in texts]}
    start = time.perf_counter()
    score = httpx.post(f"{url}/score", json=body, timeout=120)
    return {
        "requests": len(latencies),
        "seconds": wall,
        "requests_per_second": len(latencies) / wall,
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "statuses": dict(statuses),
        "score_5_resumes_seconds": time.perf_counter() - start,
        "score_status": score.status_code,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args(argv)
    with running_server("--concurrency", str(args.concurrency), "--timeout", "60") as url:
        httpx.post(f"{url}/match", json={"text": "warm up: Python"}, timeout=60)
        f = load(url, args.requests, args.clients, args.seconds)
    print(
        f"POST /match, {f['requests']} requests from {args.clients} clients, "
        f"--concurrency {args.concurrency}, loopback\n"
        f"| requests/s | p50 | p99 | max | statuses |\n|---|---|---|---|---|\n"
        f"| {f['requests_per_second']:.1f} | {f['p50'] * 1000:.0f} ms | "
        f"{f['p99'] * 1000:.0f} ms | {f['max'] * 1000:.0f} ms | {f['statuses']} |\n"
        f"POST /score with 5 résumés: {f['score_5_resumes_seconds']:.2f} s "
        f"(status {f['score_status']})"
    )
    return 0 if set(f["statuses"]) <= {200, 503} else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
