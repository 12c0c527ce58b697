#!/usr/bin/env python3
"""Throughput on UNIQUE documents and on a repeated corpus, start-up, per-stage costs and memory,
with jieba.lcut measured in the same rounds on the same text as the baseline. Prints figures;
asserts nothing. Timings on a shared machine are noisy: every figure is the best of --rounds
interleaved rounds (jieba, workers 1, workers 2, then again); CPU seconds (process and its
workers, user + system) are printed beside wall time, as they suffer less from other load.

* unique corpus: the gold texts (../shared/gold/seed.jsonl + dev.jsonl, else fixtures/) copied
  until --chars, each copy made unique (a trailer with two synthetic names drawn from the surname
  lexicon and common given-name characters, and varied numbers), so no cache keyed on a
  document's names or text can help -- as on an archive, where every document is new.
* repeated corpus: the same texts repeated unchanged (what the older figures measured).
* per-stage table: one in-process pass over the unique corpus with the pipeline's stage
  functions wrapped by timers here (no hook in the library, so zero cost when not measuring).

usage: python bench/throughput.py [--chars 1000000] [--rounds 3] [--memory] [--adversarial]
                                 [--startup-only] [--no-stages]
                                 [--code OTHER_CHECKOUT]   # whole-process runs of another version
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "gold"
GOLD = ([SHARED / "seed.jsonl", SHARED / "dev.jsonl"] if (SHARED / "dev.jsonl").exists()
        else [ROOT / "fixtures" / "gold_seed.jsonl", ROOT / "fixtures" / "gold_dev.jsonl"])
# common given-name characters (general vocabulary, not names from any text)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰晓春海文斌波辉宇浩"
_NUM = re.compile(r"\d+(?=[万元人名个家项次支%])")


def gold_texts() -> list[str]:
    return [json.loads(l)["text"] for p in GOLD for l in open(p, encoding="utf-8") if l.strip()]


def surnames() -> list[str]:
    rows = (l.split("\t") for l in open(ROOT / "lexicons" / "surnames.tsv", encoding="utf-8")
            if l.strip() and not l.startswith("#"))
    return [r[0] for r in rows if len(r) > 1 and r[1].strip() == "single"]


def unique_texts(chars: int, seed: int = 7) -> list[str]:
    """Gold texts copied until ``chars``; each copy gets two new names and varied numbers."""
    rnd, sn, base = random.Random(seed), surnames(), gold_texts()
    out, total, k = [], 0, 0
    while total < chars:
        for t in base:
            names = [rnd.choice(sn) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))) for _ in range(2)]
            t = _NUM.sub(lambda m: str(int(m.group()) + 1 + (k % 7)), t)
            t = f"{t.rstrip()}\n（{names[0]} {names[1]}）\n"
            out.append(t)
            total += len(t)
            k += 1
    return out


def repeated_texts(chars: int) -> list[str]:
    base, out, total = gold_texts(), [], 0
    while total < chars:
        out += base
        total += sum(map(len, base))
    return out


def write_corpus(path: Path, texts: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n")


ENV = dict(os.environ)
# children run outside the checkout: with `python -c` the working directory comes first on
# sys.path, and would shadow --code
CWD = tempfile.gettempdir()


def convert(corpus: Path, workers: int) -> dict:
    """The CLI's convert as a whole process (start-up, read, extract, write), with peak RSS."""
    out = corpus.with_suffix(f".w{workers}.out.jsonl")
    code = ("import resource, sys, json; from union_extract.cli import main; "
            "rc = main(sys.argv[1:]); "
            "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(json.dumps([rc, s.ru_maxrss, c.ru_maxrss, s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime]))")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, "convert", str(corpus), "-o", str(out), "--workers", str(workers),
                        "--quiet"], capture_output=True, text=True, env=ENV, cwd=CWD)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"convert failed: {r.stderr[-500:]}")
    rc, rss_main, rss_workers, cpu = json.loads(r.stdout.strip().splitlines()[-1])
    articles = sum(1 for _ in open(out, encoding="utf-8"))
    out.unlink()
    return {"seconds": secs, "cpu": cpu, "articles": articles, "rss_main": rss_main / 1024, "rss_worker": rss_workers / 1024}


def jieba_lcut(corpus: Path) -> dict:
    """jieba.lcut over the same texts: in a process of its own, after jieba.initialize, no I/O."""
    code = ("import jieba, json, sys, time; jieba.initialize(); "
            "texts = [json.loads(l)['text'] for l in open(sys.argv[1], encoding='utf-8')]; "
            "t, c = time.perf_counter(), time.process_time(); [jieba.lcut(x) for x in texts]; "
            "print(time.perf_counter() - t, time.process_time() - c)")
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True, cwd=CWD)
    wall, cpu = r.stdout.strip().splitlines()[-1].split()
    return {"seconds": float(wall), "cpu": float(cpu)}


STARTUP = r"""
import time, sys
t0, c0 = time.perf_counter(), time.process_time()
import union_extract.convert
from union_extract.pipeline import Extractor
from union_extract.records import dumps
t1 = time.perf_counter()
ex = Extractor(); ex.lex; ex.figures; ex.orgs; ex.persons; ex.honours; ex.holders; ex.simplifier
t2 = time.perf_counter()
ex.segmenter
t3 = time.perf_counter()
dumps(ex.extract_records("本报讯 记者王小明报道 温岭市总工会为3支服务队授旗。")["articles"][0])
t4, c4 = time.perf_counter(), time.process_time()
heavy = sorted(m for m in ("pydantic", "spacy", "pyarrow", "duckdb", "pyspark", "jieba") if m in sys.modules)
import union_extract
union_extract.extract("本报讯 记者王小明报道 温岭市总工会为3支服务队授旗。")
t5 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, c4 - c0, t5 - t4, ",".join(heavy) or "-")
"""
STARTUP_FIELDS = ("imports", "lexicons_finders", "segmenter", "first_extract", "first_record", "first_record_cpu", "library")

# A convert process on one short document, as a user starts it (CLI parser included), against a
# bare interpreter: what every small run and every worker pays before its first record.
CLI_ONE = "import resource, sys; {body}; u = resource.getrusage(resource.RUSAGE_SELF); print(u.ru_utime + u.ru_stime)"


def _cli_seconds(body: str, args: list[str]) -> tuple[float, float]:
    """(wall seconds of the whole process, its CPU seconds)."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", CLI_ONE.format(body=body), *args], capture_output=True, text=True,
                       env=ENV, cwd=CWD)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        return float("nan"), float("nan")
    return wall, float(r.stdout.split()[-1])


def startup(rounds: int, tmp: Path | None = None) -> dict:
    """Best of ``rounds`` for every figure, each taken on its own (the best import, the best
    segmenter... need not come from the same run)."""
    best: dict[str, float] = {}
    heavy = "?"
    one = None
    if tmp is not None:
        one = tmp / "one.jsonl"
        write_corpus(one, ["本报讯 记者王小明报道 温岭市总工会为3支服务队授旗，3名职工获评劳动模范。"])
    for _ in range(rounds):
        r = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, env=ENV, cwd=CWD)
        if r.returncode == 0:
            *vals, heavy = r.stdout.split()
            for k, v in zip(STARTUP_FIELDS, map(float, vals)):
                best[k] = min(best.get(k, v), v)
        if one is not None:
            bare = _cli_seconds("pass", [])
            cli = _cli_seconds("from union_extract.cli import main; main(sys.argv[1:])",
                               ["convert", str(one), "-o", os.devnull, "--errors", os.devnull, "--quiet"])
            for k, v in (("bare", bare), ("cli", cli)):
                if v[0] == v[0]:
                    w, c = best.get(k, (v[0], v[1]))
                    best[k] = (min(w, v[0]), min(c, v[1]))
    best["heavy_imports"] = heavy
    for k in STARTUP_FIELDS:
        best.setdefault(k, float("nan"))
    return best


class _StageClock:
    """Exclusive seconds per stage: time spent in a stage called from inside another (the
    segmenter's tagging inside wrap repair) counts for the inner stage only, so the table adds up."""

    def __init__(self):
        self.acc: dict[str, float] = {}
        self.stack: list[list] = []          # [name, started, paused seconds]

    def wrap(self, name, fn):
        def run(*a, **k):
            now = time.perf_counter()
            self.stack.append([name, now, 0.0])
            try:
                return fn(*a, **k)
            finally:
                end = time.perf_counter()
                _, started, inner = self.stack.pop()
                self.acc[name] = self.acc.get(name, 0.0) + (end - started) - inner
                if self.stack:
                    self.stack[-1][2] += end - started
        return run


def stage_table(texts: list[str]) -> tuple[dict, float]:
    """Seconds per pipeline stage over ``texts``, by wrapping the stage functions with timers."""
    sys.path.insert(0, str(ROOT))
    from union_extract import pipeline, records
    from union_extract.pipeline import Extractor
    from union_extract.tokens import Tokens
    clock = _StageClock()
    timed = clock.wrap
    ex = Extractor()
    ex.extract_records("预热。")
    for mod_attr, name in (("normalise", "normalise"), ("page_date", "page date"), ("segment", "layout (segment, bylines)"),
                           ("find_dates", "dates"), ("link", "linking")):
        setattr(pipeline, mod_attr, timed(name, getattr(pipeline, mod_attr)))
    seg = ex.segmenter
    seg.tag = timed("tokenise (rjieba tag)", seg.tag)
    from_tagged = Tokens.from_tagged
    Tokens.from_tagged = timed("token offsets (tokens.py)", from_tagged)
    for attr, name in (("honours", "honours"), ("orgs", "organisations"), ("figures", "figures"), ("persons", "persons")):
        finder = getattr(ex, attr)
        finder.find = timed(name, finder.find)
    ex.simplifier.shadow = timed("traditional shadow (script.py)", ex.simplifier.shadow)
    records.article = timed("records (dicts)", records.article)
    dumps = timed("serialisation (orjson)", records.dumps)
    t0 = time.perf_counter()
    try:
        for i, t in enumerate(texts):
            doc = ex.extract_records(t, source_id=f"d{i}")
            for a in doc["articles"]:
                dumps(a)
    finally:
        Tokens.from_tagged = from_tagged
    total = time.perf_counter() - t0
    return clock.acc, total


def adversarial() -> None:
    sys.path.insert(0, str(ROOT))
    from union_extract.pipeline import Extractor
    ex = Extractor()
    ex.extract_records("预热。")
    makers = {
        "digits in a row": lambda n: "1" * n,
        "names joined by 、": lambda n: "、".join(["张三丰", "李四光", "王五"] * (n // 9)),
        "one long line": lambda n: ("温岭市总工会举行专项行动启动仪式，3支志愿服务队授旗，全国五一劳动奖章获得者孙晓明分享" * (n // 40))[:n],
        "no punctuation Han": lambda n: ("总工会有限公司劳动模范" * (n // 11))[:n],
        "outlet suffixes (工人日报 repeated)": lambda n: "工人日报" * (n // 4),
        "编辑：张三 lines": lambda n: "编辑：张三\n" * (n // 6),
    }
    print("\n## Adversarial inputs: time per character as size grows\n")
    print("| input | µs/char at 25 k | 50 k | 100 k | 200 k |")
    print("|---|---|---|---|---|")
    for name, make in makers.items():
        cells = []
        for n in (25_000, 50_000, 100_000, 200_000):
            text = make(n)
            t0 = time.perf_counter()
            ex.extract_records(text)
            cells.append(f"{(time.perf_counter() - t0) / len(text) * 1e6:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def peak_rss_of_convert(corpus: Path) -> float:
    code = ("import resource, sys; from union_extract.cli import main; "
            "rc = main(['convert', sys.argv[1], '-o', '/dev/null', '--errors', '/dev/null', '--quiet']); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True, env=ENV, cwd=CWD)
    return float(r.stdout.strip().splitlines()[-1])


def print_startup(st: dict, rounds: int) -> None:
    print(f"\n## Start-up (best of {rounds}, seconds)\n")
    print("| import (library path) | lexicons + finders | segmenter | first extract + record | import to first record "
          "(CPU) | library: import + first extract() (with pydantic) | modules of pydantic, spaCy, pyarrow, DuckDB, "
          "PySpark, jieba imported |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {st['imports']:.3f} | {st['lexicons_finders']:.3f} | {st['segmenter']:.3f} | {st['first_extract']:.3f} | "
          f"{st['first_record']:.3f} ({st['first_record_cpu']:.3f}) | {st['library']:.3f} | {st['heavy_imports']} |")
    if "cli" in st and "bare" in st:
        (cw, cc), (bw, bc) = st["cli"], st["bare"]
        print(f"\n`union-extract convert` of one short document, whole process: {cw:.3f} s ({cc:.3f} s CPU); "
              f"a bare interpreter: {bw:.3f} s ({bc:.3f} s CPU); difference {cw - bw:.3f} s ({cc - bc:.3f} s CPU)")


def _best(rows: list[dict]) -> dict:
    return min(rows, key=lambda r: r["seconds"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=1_000_000, help="size of each corpus in characters")
    ap.add_argument("--rounds", type=int, default=3, help="best of N interleaved rounds")
    ap.add_argument("--memory", action="store_true", help="also peak RSS streaming 5x vs 25x the corpus")
    ap.add_argument("--adversarial", action="store_true")
    ap.add_argument("--only-adversarial", action="store_true")
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--startup-only", action="store_true", help="only the start-up figures (best of --rounds)")
    ap.add_argument("--code", help="run the whole-process measurements on another checkout (PYTHONPATH)")
    a = ap.parse_args()
    if a.code:
        ENV["PYTHONPATH"] = str(Path(a.code).resolve())
        a.no_stages = True
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at start; gold texts from {GOLD[0].parent}")
    if a.only_adversarial:
        adversarial()
        return
    if a.startup_only:
        with tempfile.TemporaryDirectory() as d:
            print_startup(startup(a.rounds, Path(d)), a.rounds)
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpora = {"unique": unique_texts(a.chars), "repeated": repeated_texts(a.chars)}
        paths = {}
        for name, texts in corpora.items():
            paths[name] = tmp / f"{name}.jsonl"
            write_corpus(paths[name], texts)
        runs: dict[tuple[str, str], list[dict]] = {}
        for _ in range(a.rounds):
            for name, path in paths.items():
                runs.setdefault((name, "jieba"), []).append(jieba_lcut(path))
                runs.setdefault((name, "w1"), []).append(convert(path, 1))
                runs.setdefault((name, "w2"), []).append(convert(path, 2))
        st = startup(a.rounds, tmp)
        print(f"\n## Throughput (best of {a.rounds} interleaved rounds; whole process for convert)\n")
        print("| corpus | run | seconds | M chars/s | articles/s | ratio to jieba.lcut | CPU seconds (ratio) | peak RSS per process (MB) |")
        print("|---|---|---|---|---|---|---|---|")
        for name, texts in corpora.items():
            chars, docs = sum(map(len, texts)), len(texts)
            tj = _best(runs[(name, "jieba")])["seconds"]
            cj = min(r["cpu"] for r in runs[(name, "jieba")])
            label = f"{name} ({docs} docs, {chars / 1e6:.2f} M chars)"
            print(f"| {label} | jieba.lcut (after jieba.initialize, no I/O) | {tj:.2f} | {chars / tj / 1e6:.3f} | - | 1.00 "
                  f"| {cj:.2f} (1.00) | - |")
            for key, run in (("w1", "convert --workers 1"), ("w2", "convert --workers 2")):
                r = _best(runs[(name, key)])
                rss = f"{r['rss_main']:.0f}" + (f" main, {r['rss_worker']:.0f} worker" if key == "w2" else "")
                cpu = min(x["cpu"] for x in runs[(name, key)])
                print(f"| {label} | {run} | {r['seconds']:.2f} | {chars / r['seconds'] / 1e6:.3f} | "
                      f"{r['articles'] / r['seconds']:.0f} | {tj / r['seconds']:.2f} | {cpu:.2f} ({cj / cpu:.2f}) | {rss} |")
            w1, w2 = _best(runs[(name, "w1")]), _best(runs[(name, "w2")])
            steady = w1["seconds"] - (st["first_record"] if st["first_record"] == st["first_record"] else st["library"])
            print(f"| {label} | convert --workers 1, start-up excluded | {steady:.2f} | {chars / steady / 1e6:.3f} | "
                  f"{w1['articles'] / steady:.0f} | {tj / steady:.2f} | - | - |")
            print(f"| {label} | workers 2 / workers 1 | {w1['seconds'] / w2['seconds']:.2f}x | | | | | |")
        print_startup(st, a.rounds)
        if not a.no_stages:
            acc, total = stage_table(corpora["unique"])
            chars = sum(map(len, corpora["unique"]))
            print(f"\n## Per stage, unique corpus, in process ({total:.2f} s, {chars / total / 1e6:.3f} M chars/s)\n")
            print("| stage | seconds | share | µs per 1 k chars |")
            print("|---|---|---|---|")
            for name, secs in sorted(acc.items(), key=lambda kv: -kv[1]):
                print(f"| {name} | {secs:.3f} | {secs / total:.0%} | {secs / chars * 1e9:.0f} |")
            rest = total - sum(acc.values())
            print(f"| rest (pipeline glue, slicing, blocked spans) | {rest:.3f} | {rest / total:.0%} | {rest / chars * 1e9:.0f} |")
        if a.memory:
            small, big = tmp / "m5.jsonl", tmp / "m25.jsonl"
            write_corpus(small, corpora["unique"] * 5)
            write_corpus(big, corpora["unique"] * 25)
            r5, r25 = peak_rss_of_convert(small), peak_rss_of_convert(big)
            print(f"\npeak RSS streaming 5x the unique corpus: {r5:.0f} MB, 25x: {r25:.0f} MB ({(r25 / r5 - 1) * 100:+.1f}%)")
    if a.adversarial:
        adversarial()
    print(f"\nload average at end: {os.getloadavg()[0]:.1f} (2 cores shared; figures are noisy above ~2)")


if __name__ == "__main__":
    main()
