"""The benchmark command still runs (``python -m bench --quick``), so it does not rot.

Only that it runs and prints each measurement: its figures are never asserted here. Performance
is measured by the benchmark itself (docs/benchmarks.md), never by a timed test.
"""

import json
import subprocess
import sys

from tests.conftest import REPO


def test_bench_quick_runs_every_measurement_but_xdist(tmp_path):
    figures_path = tmp_path / "figures.json"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--skip", "xdist", "--sizes", "2", "--results", "50",
         "--json", str(figures_path)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    for line in ("HTTP exchanges", "ratio = audit / replay", "peak memory", "ms/endpoint", "write_all"):
        assert line in completed.stdout, completed.stdout
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    assert figures["audit"]["exchanges"] > 0 and figures["audit"]["replay_failures"] == 0
    assert figures["growth"]["sizes"]["2"]["exchanges"] > 0
    assert figures["reports"]["problems"] == []
