"""``--max-rps`` holds for the whole run, also under pytest-xdist (contract section 6, issue 11).

Before, each xdist worker had its own limiter: ``--max-rps 5 -n 2`` sent 8.5 requests a second.
Now each worker keeps its share (rate / workers). A counting loopback server notes when each
request arrived; the test counts the most requests that arrived within any one second. That is
an upper bound on what the suite sent, which a slow machine only lowers: no assertion on how
long anything took.
"""

from __future__ import annotations

import bisect

from tests.hostile import servers

TOKEN = "rate-canary-token-0b9e77"
RATE = 20
WORKERS = 2


def most_in_one_second(arrivals: list[float]) -> int:
    times = sorted(arrivals)
    return max(bisect.bisect_left(times, start + 1.0) - index for index, start in enumerate(times))


def test_max_rps_holds_across_xdist_workers(audit, tmp_path):
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/items/\nGET /api/other/\n", encoding="utf-8")
    with servers.counting(TOKEN) as hostile:
        run = audit("--target-url", hostile.url, "--endpoints", str(endpoints), "--max-rps", str(RATE),
                    "-n", str(WORKERS), env={"CONFORMANCE_TOKEN_ACTIVE": TOKEN})
    assert run.exit_code in (0, 1), (run.stdout + run.stderr)[-3000:]
    arrivals = [request.arrived for request in hostile.requests]
    assert len(arrivals) > 3 * RATE  # long enough for the rate to show
    # Each worker spaces its requests 1 / (RATE / WORKERS) s apart; the workers are not in step,
    # so a one-second window may hold one extra request per worker.
    assert most_in_one_second(arrivals) <= RATE + WORKERS
