#!/usr/bin/env python3
"""Throughput, memory, start-up and adversarial-input timing, with jieba.lcut measured in the
same run on the same text as the baseline. Prints figures; asserts nothing.

usage: python bench/throughput.py [--mb 10] [--memory] [--adversarial] [--only-adversarial]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT / "fixtures" / "gold_seed.jsonl", ROOT / "fixtures" / "gold_dev.jsonl"]


def gold_texts() -> list[str]:
    return [json.loads(l)["text"] for p in GOLD for l in open(p, encoding="utf-8") if l.strip()]


def build_corpus(path: Path, mb: float) -> tuple[int, int]:
    """JSONL of gold texts repeated to at least ``mb`` MB; returns (documents, chars)."""
    texts = gold_texts()
    docs = chars = size = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < mb * 1e6:
            for t in texts:
                line = json.dumps({"id": f"d{docs}", "text": t}, ensure_ascii=False) + "\n"
                fh.write(line)
                docs += 1
                chars += len(t)
                size += len(line.encode("utf-8"))
    return docs, chars


def convert(corpus: Path, workers: int) -> dict:
    """Run the CLI's convert in a child that reports its own peak RSS and its workers'."""
    out = corpus.with_suffix(f".w{workers}.out.jsonl")
    code = ("import resource, sys, json; from union_extract.cli import main; "
            "rc = main(sys.argv[1:]); "
            "print(json.dumps([rc, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, "convert", str(corpus), "-o", str(out), "--workers", str(workers),
                        "--quiet"], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"convert failed: {r.stderr[-500:]}")
    rc, rss_main, rss_workers = json.loads(r.stdout.strip().splitlines()[-1])
    articles = sum(1 for _ in open(out, encoding="utf-8"))
    out.unlink()
    return {"seconds": secs, "articles": articles, "rss_main": rss_main / 1024, "rss_worker": rss_workers / 1024}


def jieba_lcut_seconds(texts: list[str]) -> float:
    code = ("import jieba, json, sys, time; jieba.initialize(); texts = json.load(sys.stdin); "
            "t = time.perf_counter(); [jieba.lcut(x) for x in texts]; print(time.perf_counter() - t)")
    r = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts, ensure_ascii=False),
                       capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def startup_seconds() -> float:
    code = ("import time; t = time.perf_counter(); import union_extract; "
            "union_extract.extract('本报讯 记者潘仙德报道 温岭市总工会举行启动仪式。'); print(time.perf_counter() - t)")
    best = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
               for _ in range(3))
    return best


def peak_rss_of_convert(corpus: Path) -> float:
    code = ("import resource, sys; from union_extract.cli import main; "
            "rc = main(['convert', sys.argv[1], '-o', '/dev/null', '--errors', '/dev/null', '--quiet']); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def adversarial(tmp: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from union_extract.pipeline import Extractor
    ex = Extractor()
    ex.extract("预热。")
    makers = {
        "digits in a row": lambda n: "1" * n,
        "names joined by 、": lambda n: "、".join(["张三丰", "李四光", "王五"] * (n // 9)),
        "one long line": lambda n: ("温岭市总工会举行专项行动启动仪式，3支志愿服务队授旗，全国五一劳动奖章获得者舒幼民分享" * (n // 40))[:n],
        "no punctuation Han": lambda n: ("总工会有限公司劳动模范" * (n // 11))[:n],
    }
    print("\n## Adversarial inputs: time grows linearly (size sweep)\n")
    print("| input | chars | seconds | µs/char |")
    print("|---|---|---|---|")
    for name, make in makers.items():
        for n in (100_000, 200_000, 400_000):
            text = make(n)
            t0 = time.perf_counter()
            ex.extract(text)
            dt = time.perf_counter() - t0
            print(f"| {name} | {len(text):,} | {dt:.3f} | {dt / len(text) * 1e6:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs of each measurement")
    ap.add_argument("--memory", action="store_true", help="also RSS after 20 MB vs 100 MB of input")
    ap.add_argument("--adversarial", action="store_true")
    ap.add_argument("--only-adversarial", action="store_true")
    a = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if a.only_adversarial:
        adversarial(Path("."))
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpus = tmp / "corpus.jsonl"
        docs, chars = build_corpus(corpus, a.mb)
        texts = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8")]
        print(f"corpus: {corpus.stat().st_size / 1e6:.1f} MB, {docs} documents, {chars / 1e6:.2f} M chars\n")
        # best of --repeat runs each, interleaved, so a passing load on this shared machine
        # does not decide the ratios
        tj, w1, w2 = float("inf"), None, None
        for _ in range(a.repeat):
            tj = min(tj, jieba_lcut_seconds(texts))
            r1, r2 = convert(corpus, 1), convert(corpus, 2)
            w1 = r1 if w1 is None or r1["seconds"] < w1["seconds"] else w1
            w2 = r2 if w2 is None or r2["seconds"] < w2["seconds"] else w2
        start = startup_seconds()
        print("| run | seconds | M chars/s | articles/s | ratio to jieba.lcut | peak RSS per process (MB) |")
        print("|---|---|---|---|---|---|")
        print(f"| jieba.lcut (in-process, after jieba.initialize, no I/O) | {tj:.2f} | {chars / tj / 1e6:.3f} | - | 1.00 | - |")
        for name, r in (("convert --workers 1", w1), ("convert --workers 2", w2)):
            rss = f"{r['rss_main']:.0f}" + (f" main, {r['rss_worker']:.0f} worker" if name.endswith("2") else "")
            print(f"| {name} (CLI, read + extract + write JSONL, incl. start-up) | {r['seconds']:.2f} | "
                  f"{chars / r['seconds'] / 1e6:.3f} | {r['articles'] / r['seconds']:.0f} | {tj / r['seconds']:.2f} | "
                  f"{rss} |")
        steady = w1["seconds"] - start
        print(f"| convert --workers 1, start-up excluded (as for jieba) | {steady:.2f} | {chars / steady / 1e6:.3f} | "
              f"{w1['articles'] / steady:.0f} | {tj / steady:.2f} | - |")
        print(f"\nworkers 2 / workers 1 speed-up: {w1['seconds'] / w2['seconds']:.2f}x")
        print(f"start-up (import to first article): {start:.2f} s")
        if a.memory:
            small, big = tmp / "m20.jsonl", tmp / "m100.jsonl"
            build_corpus(small, 20)
            build_corpus(big, 100)
            r20, r100 = peak_rss_of_convert(small), peak_rss_of_convert(big)
            print(f"peak RSS streaming 20 MB: {r20:.0f} MB, 100 MB: {r100:.0f} MB ({(r100 / r20 - 1) * 100:+.1f}%)")
    if a.adversarial:
        adversarial(Path("."))


if __name__ == "__main__":
    main()
