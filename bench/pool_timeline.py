#!/usr/bin/env python3
"""Where the time of ``convert --workers N`` goes: per worker, its start-up, its busy time (wall
and CPU), its idle time and its private memory (pages not shared with the main process), and the
main process's CPU. Wraps the pool's initializer and task
functions with timers here (nothing in the library). Prints figures; asserts nothing.

usage: python bench/pool_timeline.py CORPUS.jsonl [--workers 2] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def one_run(corpus: str, workers: int) -> dict:
    """In a fresh process (fork from here would share our state): run convert, return the timeline."""
    code = r"""
import json, os, sys, time, resource, tempfile
T0 = time.perf_counter()
from union_extract import pool, convert
log = os.path.join(tempfile.mkdtemp(), "timeline")
init, work = pool._init, pool._work
def timed_init(opts):
    t, c = time.perf_counter(), time.process_time()
    init(opts)
    with open(f"{log}.{os.getpid()}", "a") as fh:
        fh.write(json.dumps(["init", t, time.perf_counter(), time.process_time() - c]) + "\n")
def private_mb():
    try:
        with open("/proc/self/smaps_rollup") as fh:
            return sum(int(l.split()[1]) for l in fh if l.startswith(("Private_Clean", "Private_Dirty"))) / 1024
    except OSError:
        return float("nan")
def timed_work(docs, debug):
    t, c = time.perf_counter(), time.process_time()
    out = work(docs, debug)
    with open(f"{log}.{os.getpid()}", "a") as fh:
        fh.write(json.dumps(["chunk", t, time.perf_counter(), time.process_time() - c, len(docs), private_mb()]) + "\n")
    return out
pool._init, pool._work = timed_init, timed_work
from union_extract.cli import main
t1 = time.perf_counter()
rc = main(["convert", sys.argv[1], "-o", os.devnull, "--quiet", "--workers", sys.argv[2]])
t2 = time.perf_counter()
s = resource.getrusage(resource.RUSAGE_SELF)
rows = {}
d = os.path.dirname(log)
for f in os.listdir(d):
    rows[f] = [json.loads(l) for l in open(os.path.join(d, f))]
print(json.dumps({"t0": T0, "t1": t1, "t2": t2, "main_cpu": s.ru_utime + s.ru_stime, "workers": rows}))
"""
    r = subprocess.run([sys.executable, "-c", code, corpus, str(workers)], capture_output=True, text=True,
                       cwd=tempfile.gettempdir())
    if r.returncode:
        sys.exit(r.stderr[-800:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def report(run: dict) -> dict:
    t0, t2 = run["t0"], run["t2"]
    out = {"wall": t2 - t0, "main_cpu": run["main_cpu"], "workers": []}
    for name, rows in sorted(run["workers"].items()):
        inits = [r for r in rows if r[0] == "init"]
        chunks = [r for r in rows if r[0] == "chunk"]
        first = min(r[1] for r in rows)
        busy = sum(r[2] - r[1] for r in chunks)
        last = max(r[2] for r in rows)
        out["workers"].append({
            "started_at": first - t0, "init_wall": sum(r[2] - r[1] for r in inits), "init_cpu": sum(r[3] for r in inits),
            "chunks": len(chunks), "busy_wall": busy, "busy_cpu": sum(r[3] for r in chunks),
            "idle_between": (last - first) - busy - sum(r[2] - r[1] for r in inits), "tail_idle": t2 - last,
            "private_mb": max(r[5] for r in chunks)})
    return out


import subprocess  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} at start")
    for k in range(a.rounds):
        r = report(one_run(a.corpus, a.workers))
        print(f"\nround {k + 1}: wall {r['wall']:.2f} s, main process CPU {r['main_cpu']:.2f} s")
        print("| worker | started at s | init wall / CPU s | chunks | busy wall / CPU s | idle between chunks s "
              "| idle at the tail s | private memory MB |")
        print("|---|---|---|---|---|---|---|---|")
        for i, w in enumerate(r["workers"]):
            print(f"| {i + 1} | {w['started_at']:.2f} | {w['init_wall']:.2f} / {w['init_cpu']:.2f} | {w['chunks']} | "
                  f"{w['busy_wall']:.2f} / {w['busy_cpu']:.2f} | {w['idle_between']:.2f} | {w['tail_idle']:.2f} | "
                  f"{w['private_mb']:.0f} |")


if __name__ == "__main__":
    main()
