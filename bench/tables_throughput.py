#!/usr/bin/env python3
"""``convert --format parquet|csv`` against the default JSONL on the same corpus (the gold texts
repeated, as bench/throughput.py builds it), rounds interleaved, best of N; the peak RSS of a
parquet run on two input sizes; the writers alone (rows from an existing JSONL output); and
``index`` on the result. Prints figures; asserts nothing.

Besides whole-process figures it reports the marginal CPU cost: CPU seconds of a run on ``--mb``
minus a run on ``--mb / 3``, per article, so start-up (pyarrow's import is ~0.2-0.5 s CPU) is
left out as it is for throughput on a large archive. CPU time (user + sys, workers included) is
far less disturbed by a busy machine than wall time.

usage: python bench/tables_throughput.py [--mb 5] [--rounds 3] [--workers 1] [--memory-mb 10,50]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build_corpus  # noqa: E402

RUN = ("import resource, sys, json; from union_extract.cli import main; rc = main(sys.argv[1:]); "
       "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN); "
       "print(json.dumps([rc, s.ru_maxrss, s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime]))")


def convert(corpus: Path, fmt: str, workers: int, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (process and workers) and peak RSS (MB) of one convert run."""
    args = ["convert", str(corpus), "-o", str(out), "--workers", str(workers), "--quiet"]
    if fmt != "jsonl":
        args += ["--format", fmt]
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"convert --format {fmt} failed: {r.stderr[-500:]}")
    _, rss, cpu = json.loads(r.stdout.strip().splitlines()[-1])
    return secs, cpu, rss / 1024


def writers_alone(jsonl: Path, tmp: Path) -> dict[str, float]:
    """Seconds to write the already converted articles as JSONL lines, Parquet and CSV tables."""
    import pyarrow as pa
    from union_extract.table_writers import TableWriter
    pa.array(["warm-up"])      # pyarrow imports pandas on its first conversion when pandas is installed
    lines = jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
    out = {}
    t0 = time.perf_counter()
    with open(tmp / "copy.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    out["jsonl write"] = time.perf_counter() - t0
    for fmt in ("parquet", "csv"):
        t0 = time.perf_counter()
        w = TableWriter(str(tmp / f"w-{fmt}"), fmt)
        for line in lines:
            w.write_article(json.loads(line))
        w.commit()
        out[f"{fmt} (json.loads + rows + write)"] = time.perf_counter() - t0
    out["articles"] = len(lines)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--memory-mb", default="10,50", help="input sizes for the parquet peak-RSS check")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tables-bench-"))
    try:
        corpus = tmp / "corpus.jsonl"
        docs, chars = build_corpus(corpus, a.mb)
        print(f"corpus: {docs} documents, {chars / 1e6:.2f} M chars, {corpus.stat().st_size / 1e6:.1f} MB; "
              f"--workers {a.workers}, best of {a.rounds} interleaved rounds")
        small = tmp / "small.jsonl"
        small_docs, small_chars = build_corpus(small, a.mb / 3)
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for _ in range(a.rounds):
            for fmt in ("jsonl", "parquet", "csv"):
                for size, src in (("big", corpus), ("small", small)):
                    out = tmp / ("out.jsonl" if fmt == "jsonl" and size == "big" else f"out-{fmt}-{size}")
                    secs, c, _ = convert(src, fmt, a.workers, out)
                    best[fmt, size] = min(best.get((fmt, size), secs), secs)
                    cpu[fmt, size] = min(cpu.get((fmt, size), c), c)
                    if out.is_dir():
                        shutil.rmtree(out)
        n_big = sum(1 for _ in open(tmp / "out.jsonl", encoding="utf-8"))
        for fmt in ("jsonl", "parquet", "csv"):
            secs, c = best[fmt, "big"], cpu[fmt, "big"]
            marginal = (c - cpu[fmt, "small"]) / (chars - small_chars)
            base = (cpu["jsonl", "big"] - cpu["jsonl", "small"]) / (chars - small_chars)
            print(f"  convert --format {fmt:8s} wall {secs:7.2f} s ({best['jsonl', 'big'] / secs:.3f}× jsonl)  "
                  f"CPU {c:6.2f} s ({cpu['jsonl', 'big'] / c:.3f}× jsonl)  "
                  f"marginal CPU {marginal * 1e6:6.2f} µs/char ({base / marginal:.3f}× jsonl)")
        print(f"  ({n_big} articles in the large corpus; small corpus {small_docs} documents)")
        w = writers_alone(tmp / "out.jsonl", tmp)
        n = w.pop("articles")
        print(f"writers alone on {n} articles:")
        for k, secs in w.items():
            print(f"  {k:36s} {secs:6.3f} s  {secs / n * 1e6:7.1f} µs/article")
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "union_extract.cli", "index", str(tmp / "out.jsonl"),
                            "--db", str(tmp / "a.duckdb")], capture_output=True, text=True)
        print(f"index of the JSONL output: {time.perf_counter() - t0:.2f} s, {r.stderr.strip().splitlines()[-1]}")
        for mb in (float(x) for x in a.memory_mb.split(",") if x):
            big = tmp / f"mem{mb:g}.jsonl"
            build_corpus(big, mb)
            secs, _, rss = convert(big, "parquet", 1, tmp / f"mem{mb:g}")
            print(f"peak RSS, convert --format parquet of {mb:g} MB: {rss:.0f} MB ({secs:.1f} s)")
            shutil.rmtree(tmp / f"mem{mb:g}")
            big.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
