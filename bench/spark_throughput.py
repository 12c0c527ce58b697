#!/usr/bin/env python3
"""Local-mode Spark throughput beside single-process ``convert --workers 2`` on the same corpus
(the gold texts repeated, as bench/throughput.py builds it). Needs the [spark] extra. Prints
figures; asserts nothing. Each figure is the best of --repeat interleaved runs, and includes the
start-up of the command (for Spark: the JVM, the Python workers and their lexicons).

usage: python bench/spark_throughput.py [--mb 10] [--repeat 2] [--master local[2]]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build_corpus  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed: {r.stderr[-800:]}")
    return secs, r.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--master", default="local[2]")
    a = ap.parse_args()
    cli = [sys.executable, "-m", "union_extract.cli"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpus = tmp / "corpus.jsonl"
        docs, chars = build_corpus(corpus, a.mb)
        print(f"corpus: {corpus.stat().st_size / 1e6:.1f} MB, {docs} documents, {chars / 1e6:.2f} M chars\n")
        runs = {
            "convert --workers 2 (JSONL)": lambda: cli + ["convert", str(corpus), "-o", str(tmp / "c.jsonl"),
                                                          "--workers", "2", "--quiet"],
            f"spark-convert --master {a.master} --layout nested (Parquet)":
                lambda: cli + ["spark-convert", str(corpus), str(tmp / "nested"), "--master", a.master,
                               "--layout", "nested"],
            f"spark-convert --master {a.master} (7 tables + errors, Parquet)":
                lambda: cli + ["spark-convert", str(corpus), str(tmp / "tables"), "--master", a.master],
        }
        best: dict[str, tuple[float, str]] = {}
        for _ in range(a.repeat):
            for name, cmd in runs.items():
                shutil.rmtree(tmp / "nested", ignore_errors=True)
                shutil.rmtree(tmp / "tables", ignore_errors=True)
                r = timed(cmd())
                if name not in best or r[0] < best[name][0]:
                    best[name] = r
        articles = sum(1 for _ in open(tmp / "c.jsonl", encoding="utf-8"))
        print("| run | seconds | M chars/s | articles/s | summary line |")
        print("|---|---|---|---|---|")
        for name, (secs, line) in best.items():
            print(f"| {name} | {secs:.2f} | {chars / secs / 1e6:.3f} | {articles / secs:.0f} | `{line}` |")
        print(f"\n(articles: {articles}; loadavg at the end: {os.getloadavg()})")
        print(json.dumps({k: v[0] for k, v in best.items()}))


if __name__ == "__main__":
    main()
