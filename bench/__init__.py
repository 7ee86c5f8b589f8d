"""The benchmark of drf-conformance: ``python -m bench`` (``--quick`` for a smoke run).

Measures the full audit of the reference deployment against its floor (the same HTTP exchanges
replayed by a bare ``requests`` loop on the same server), the growth of the cost with the number
of endpoints, the speed-up of pytest-xdist, peak memory, and the time to write the reports of
10,000 results. docs/benchmarks.md records the figures and what they mean. Never part of the
test suite's timing: tests/bench only checks that the command still runs.
"""
