"""``python -m bench``: measure drf-conformance; ``--quick`` for a smoke run at a tiny size.

Every audit runs in its own process (``bench.child``; DRF binds authentication classes at import,
and peak memory is read per process with ``os.wait4``). Prints the figures docs/benchmarks.md
records; ``--json FILE`` keeps them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.project import write_project
from bench.synthetic import synthetic_report, time_each_writer, time_write_all
from conformance.inprocess.database_cache import CACHE_VARIABLE

REPO = Path(__file__).resolve().parents[1]
RATIO_TARGET = 1.5
FLATNESS_TARGET = 0.20
QUICK_SELECTION = ["-k", "missing_credentials"]  # one small family: the smoke run stays short


def _environment(extra_path: Path | None = None) -> dict:
    environment = dict(os.environ)
    for inherited in ("DJANGO_SETTINGS_MODULE", "GITHUB_STEP_SUMMARY"):
        environment.pop(inherited, None)
    paths = [str(REPO), str(extra_path) if extra_path else "", environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return environment


def run_process(command: list[str], *, extra_path: Path | None = None, log: Path) -> tuple[int, float, int]:
    """Run ``command``; its exit code, wall seconds and peak resident memory in KiB (``wait4``)."""
    with open(log, "w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, env=_environment(extra_path), stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage.ru_maxrss  # Linux: KiB


def audit_in_child(audit_args: list[str], work: Path, name: str, *, replay: bool = False,
                   profile: Path | None = None, extra_path: Path | None = None) -> dict:
    out = work / f"{name}.json"
    command = [sys.executable, "-m", "bench.child", "--out", str(out)]
    command += ["--replay"] if replay else []
    command += ["--profile", str(profile)] if profile else []
    command += ["--", "--report-dir", str(work / f"{name}-reports"), "-q", "-p", "no:warnings", *audit_args]
    code, wall, peak_kib = run_process(command, extra_path=extra_path, log=work / f"{name}.log")
    if code != 0 or not out.exists():
        raise SystemExit(f"bench: the audit {name} did not run (exit {code}); see {work / f'{name}.log'}")
    figures = json.loads(out.read_text(encoding="utf-8"))
    if figures["exit_code"] not in (0, 1, 4):  # 2: usage error, 3: not served: nothing was measured
        raise SystemExit(f"bench: the audit {name} ended with exit {figures['exit_code']}; "
                         f"see {work / f'{name}.log'}")
    if figures["exit_code"] == 4:  # the cost is measured all the same; the figures say so
        print(f"  warning: {name}: some checks ended in error (exit 4); see {work / f'{name}.log'}")
    figures.update(wall_s=round(wall, 3), peak_rss_mib=round(peak_kib / 1024, 1),
                   report=str(work / f"{name}-reports" / "report.json"))
    return figures


def outcome_keys(report_path: str | Path) -> Counter:
    """Each result's identity (check, endpoint, parameters) with its outcome."""
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    return Counter((r["check_id"], r["endpoint"], tuple(sorted(r.get("parameters", {}).items())), r["outcome"])
                   for r in report["results"])


def _line(label: str, value: str) -> None:
    print(f"  {label:<34} {value}", flush=True)


# The measurements --------------------------------------------------------------------------------
def bench_audit(selection: list[str], work: Path, profile: Path | None) -> dict:
    print("full audit of target_project (in-process, with the replay floor)", flush=True)
    figures = audit_in_child(selection, work, "audit", replay=True, profile=profile)
    audit_s = figures["wall_s"] - (figures["replay_s"] or 0.0)  # the replay ran inside the process
    phases = figures["phases"]
    figures["audit_s"] = round(audit_s, 3)
    figures["ratio"] = round(audit_s / figures["replay_s"], 2) if figures["replay_s"] else None
    figures["ratio_checks"] = round(phases["checks"] / figures["replay_s"], 2) if figures["replay_s"] else None
    _line("wall time", f"{audit_s:.2f} s ({figures['results']} results, {figures['endpoints']} endpoints, "
                       f"exit {figures['exit_code']})")
    _line("HTTP exchanges", f"{figures['exchanges']}")
    for name, seconds in phases.items():
        _line(f"phase {name}", f"{seconds:.2f} s")
    _line("time inside the client", f"{figures['client_s']:.2f} s")
    _line("replay (bare requests loop)", f"{figures['replay_s']:.2f} s"
          + (f", {figures['replay_failures']} failed" if figures["replay_failures"] else ""))
    _line("ratio = audit / replay", f"{figures['ratio']}  (target <= {RATIO_TARGET})")
    _line("ratio, checks phase / replay", f"{figures['ratio_checks']}")
    memory = figures.get("memory_mib") or {}
    _line("peak memory (RSS)", f"{figures['peak_rss_mib']} MiB (after collection {memory.get('collected')} MiB, "
                               f"peak before the reports {memory.get('peak_before_reports')} MiB)")
    figures["report_sizes_kib"] = _sizes_kib(Path(figures["report"]).parent)
    _line("reports", ", ".join(f"{name} {kib:,} KiB" for name, kib in figures["report_sizes_kib"].items()))
    if profile:
        _print_profile(profile)
    return figures


def _sizes_kib(directory: Path) -> dict[str, int]:
    return {p.name: round(p.stat().st_size / 1024) for p in sorted(directory.iterdir()) if p.is_file()}


def _print_profile(profile: Path) -> None:
    import pstats

    print(f"  profile: {profile} (top 25 by cumulative time)", flush=True)
    pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)


def bench_warm_start(work: Path, cold: dict) -> dict:
    """Start-up with the test database copied from the cache the full audit filled (issue 16)."""
    print("start-up with the cached test database (the full audit above built and cached it)", flush=True)
    warm = audit_in_child(QUICK_SELECTION, work, "warm-start")
    figures = {"cold_database_s": cold["phases"]["database"], "warm_database_s": warm["phases"]["database"],
               "cold_ready_s": cold["ready_s"], "warm_ready_s": warm["ready_s"],
               "cold_source": cold["database_source"], "warm_source": warm["database_source"]}
    _line("database, cold (migrations)", f"{figures['cold_database_s']:.2f} s ({figures['cold_source']})")
    _line("database, warm", f"{figures['warm_database_s']:.2f} s ({figures['warm_source']})")
    _line("ready for the first check", f"cold {figures['cold_ready_s']:.2f} s, warm {figures['warm_ready_s']:.2f} s")
    return figures


def bench_xdist(selection: list[str], work: Path, serial: dict, size: int | None) -> dict:
    """``-n 2`` against one process, on the reference deployment and on a generated project.

    Twice: as run, and with each worker in a session of its own (bench/own_session.py): with
    autogroups on, a busy machine gives a session one share of CPU however many processes it has.
    """
    print("pytest-xdist -n 2 against one process", flush=True)
    targets = {"reference": ([], serial["audit_s"], serial["report"], None)}
    if size:
        settings_module = write_project(work / "projects", size)
        one = audit_in_child(["--ds", settings_module, *selection], work, f"xdist-serial-{size}",
                             extra_path=work / "projects")
        targets[f"{size} endpoints"] = (["--ds", settings_module], one["wall_s"], one["report"], work / "projects")
    figures = {}
    for name, (target_args, serial_s, serial_report, extra_path) in targets.items():
        for variant, plugin in (("as run", []), ("own sessions", ["-p", "bench.own_session"])):
            label = f"{name}, {variant}"
            tag = f"xdist-{name.split()[0]}-{variant.split()[0]}"
            report_dir = work / f"{tag}-reports"
            command = [sys.executable, "-m", "conformance", "-n", "2", "--report-dir", str(report_dir), "-q",
                       "-p", "no:warnings", *plugin, *target_args, *selection]
            code, wall, _peak = run_process(command, extra_path=extra_path, log=work / f"{tag}.log")
            if not (report_dir / "report.json").exists():
                raise SystemExit(f"bench: the -n 2 audit did not run (exit {code}); see {work / f'{tag}.log'}")
            serial_keys, parallel_keys = outcome_keys(serial_report), outcome_keys(report_dir / "report.json")
            differences = sum(((serial_keys - parallel_keys) + (parallel_keys - serial_keys)).values())
            figures[label] = {"wall_s": round(wall, 3), "serial_s": round(serial_s, 3),
                              "speedup": round(serial_s / wall, 2), "identical": differences == 0,
                              "differences": differences, "exit_code": code}
            _line(f"-n 2, {label}", f"{wall:.2f} s against {serial_s:.2f} s: {serial_s / wall:.2f}x, "
                  + ("identical results" if differences == 0 else f"{differences} results DIFFER"))
    return figures


def bench_growth(selection: list[str], work: Path, sizes: list[int]) -> dict:
    print("growth: generated projects, one token-protected APIView per endpoint", flush=True)
    figures = {}
    for size in sizes:
        settings_module = write_project(work / "projects", size)
        run = audit_in_child(["--ds", settings_module, *selection], work, f"growth-{size}",
                             extra_path=work / "projects")
        per_endpoint = run["phases"]["checks"] / run["endpoints"]
        cpu_per_endpoint = run["checks_cpu_s"] / run["endpoints"]
        figures[size] = {"endpoints": run["endpoints"], "checks_s": run["phases"]["checks"],
                         "checks_cpu_s": run["checks_cpu_s"],
                         "cpu_per_endpoint_ms": round(cpu_per_endpoint * 1000, 1),
                         "wall_s": run["wall_s"], "exchanges": run["exchanges"], "results": run["results"],
                         "per_endpoint_ms": round(per_endpoint * 1000, 1),
                         "exchanges_per_endpoint": round(run["exchanges"] / run["endpoints"], 1),
                         "peak_rss_mib": run["peak_rss_mib"], "memory_mib": run.get("memory_mib"),
                         "report_sizes_kib": _sizes_kib(Path(run["report"]).parent)}
        _line(f"{size} endpoints ({run['endpoints']} with the accounts)",
              f"checks {run['phases']['checks']:.1f} s, {per_endpoint * 1000:.1f} ms/endpoint "
              f"(CPU {cpu_per_endpoint * 1000:.1f} ms), "
              f"{run['exchanges']} exchanges, wall {run['wall_s']:.1f} s, peak {run['peak_rss_mib']} MiB "
              f"(after collection {(run.get('memory_mib') or {}).get('collected')} MiB, before the reports "
              f"{(run.get('memory_mib') or {}).get('peak_before_reports')} MiB), "
              f"report.json {figures[size]['report_sizes_kib'].get('report.json', 0):,} KiB, "
              f"report.html {figures[size]['report_sizes_kib'].get('report.html', 0):,} KiB")
    spread = _spread([f["per_endpoint_ms"] for f in figures.values()])
    cpu_spread = _spread([f["cpu_per_endpoint_ms"] for f in figures.values()])
    _line("spread of time per endpoint", f"{spread:.0%} wall, {cpu_spread:.0%} CPU "
                                         f"(target <= {FLATNESS_TARGET:.0%})")
    return {"sizes": figures, "spread": round(spread, 3), "cpu_spread": round(cpu_spread, 3)}


def _spread(costs: list[float]) -> float:
    """(largest - smallest) / smallest: 0 is perfectly flat."""
    return (max(costs) - min(costs)) / min(costs) if costs and min(costs) else 0.0


def bench_reports(template_report: str, work: Path, count: int) -> dict:
    print(f"reports: every format for {count} results", flush=True)
    template = json.loads(Path(template_report).read_text(encoding="utf-8"))
    report = synthetic_report(template, count)
    directory = work / "synthetic-reports"
    total, problems = time_write_all(report, directory)
    each = time_each_writer(report, directory)
    sizes = {p.name: round(p.stat().st_size / 1024 / 1024, 1) for p in sorted(directory.iterdir())}
    # Growth, in the same run: each writer on a tenth of the results. A ratio near 10 is linear
    # work; far above 10, quadratic (what the test suite once asserted in seconds, issue 15).
    tenth = work / "synthetic-reports-tenth"
    tenth.mkdir(exist_ok=True)
    each_tenth = time_each_writer(synthetic_report(template, max(count // 10, 1)), tenth)
    growth = {name: round(seconds / each_tenth[name], 1) if each_tenth.get(name) else None
              for name, seconds in each.items()}
    _line("write_all", f"{total:.2f} s" + (f" (problems: {problems})" if problems else ""))
    for name, seconds in each.items():
        _line(f"  {name}", f"{seconds:.2f} s, {sizes.get(name, 0)} MiB, x{growth[name]} for 10x the results")
    return {"results": count, "write_all_s": round(total, 3), "per_writer_s": each, "mib": sizes,
            "growth_10x": growth, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: one family, tiny growth sizes, 200 report results")
    parser.add_argument("--sizes", default=None, help="growth sizes, comma-separated (default 50,200,800)")
    parser.add_argument("--results", type=int, default=None, help="synthetic results to write (default 10000)")
    parser.add_argument("--skip", action="append", default=[], choices=["warm-start", "xdist", "growth", "reports"],
                        help="leave a measurement out (repeatable)")
    parser.add_argument("--xdist-size", type=int, default=None,
                        help="endpoints of the generated project -n 2 is also measured on (default 200; 0: none)")
    parser.add_argument("--profile", action="store_true", help="profile the full audit with cProfile")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--work-dir", help="keep the audits' logs and reports here (default: a temporary dir)")
    args = parser.parse_args(argv)
    selection = QUICK_SELECTION if args.quick else []
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([2, 4] if args.quick else [50, 200, 800])
    count = args.results or (200 if args.quick else 10_000)
    with tempfile.TemporaryDirectory(prefix="drf-conformance-bench-") as temporary:
        work = Path(args.work_dir or temporary)
        work.mkdir(parents=True, exist_ok=True)
        figures: dict = {"quick": args.quick, "cpus": os.cpu_count()}
        # The bench's own test-database cache, empty at first: the full audit builds (cold), later
        # audits copy (conformance/inprocess/database_cache.py); the user's cache is left alone.
        os.environ[CACHE_VARIABLE] = str(work / "db-cache")
        figures["audit"] = bench_audit(selection, work, work / "audit.prof" if args.profile else None)
        if "warm-start" not in args.skip:
            figures["warm_start"] = bench_warm_start(work, figures["audit"])
        if "xdist" not in args.skip:
            xdist_size = args.xdist_size if args.xdist_size is not None else (2 if args.quick else 200)
            figures["xdist"] = bench_xdist(selection, work, figures["audit"], xdist_size)
        if "growth" not in args.skip:
            figures["growth"] = bench_growth(selection, work, sizes)
        if "reports" not in args.skip:
            figures["reports"] = bench_reports(figures["audit"]["report"], work, count)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
