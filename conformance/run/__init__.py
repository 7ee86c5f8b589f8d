"""Run bookkeeping: the run state, exit-code gating, baselines, comparisons, progress, the terminal summary and run-level rejudging under pytest-xdist."""
