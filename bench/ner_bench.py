#!/usr/bin/env python3
"""Span-exact person and organisation P/R/F1 on public NER sets, beside jieba posseg (nr / nt)
measured in the same run.

usage: python bench/ner_bench.py [--shared ../shared] [--limit N] [--sets cluener,msra,pd]

Label mapping: CLUENER name -> person; organization, company, government -> organisation.
MSRA and People's Daily PER -> person, ORG -> organisation.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

SETS = {
    "cluener": ("cluener_dev.jsonl", {"name": "PER", "organization": "ORG", "company": "ORG", "government": "ORG"}),
    "msra": ("msra_test.jsonl", {"PER": "PER", "ORG": "ORG"}),
    "pd": ("peoples_daily_test.jsonl", {"PER": "PER", "ORG": "ORG"}),
}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(extractor, text):
    doc = extractor.extract(text)
    out = set()
    for a in doc.articles:
        out |= {("PER", m.start, m.end) for p in a.persons for m in p.mentions}
        out |= {("ORG", m.start, m.end) for o in a.organizations for m in o.mentions}
    return out


def jieba_baseline(tok, text):
    out, pos = set(), 0
    for w in tok.cut(text):
        if w.flag in ("nr", "nrfg", "nrt"):
            out.add(("PER", pos, pos + len(w.word)))
        elif w.flag == "nt":
            out.add(("ORG", pos, pos + len(w.word)))
        pos += len(w.word)
    return out


def run(path: Path, mapping: dict, limit: int | None):
    import jieba
    import jieba.posseg
    from union_extract.pipeline import Extractor
    ex = Extractor()
    tok = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    rows = [json.loads(l) for l in open(path, encoding="utf-8")][:limit]
    counts = {sys_: {t: [0, 0, 0] for t in ("PER", "ORG")} for sys_ in ("union_extract", "jieba")}
    secs = {}
    for sys_, fn in (("union_extract", lambda t: ours(ex, t)), ("jieba", lambda t: jieba_baseline(tok, t))):
        t0 = time.perf_counter()
        for r in rows:
            gold = {(mapping[e["type"]], e["start"], e["end"]) for e in r["entities"] if e["type"] in mapping}
            pred = fn(r["text"])
            for t in ("PER", "ORG"):
                g = {x for x in gold if x[0] == t}
                p = {x for x in pred if x[0] == t}
                c = counts[sys_][t]
                c[0] += len(g & p); c[1] += len(p - g); c[2] += len(g - p)
        secs[sys_] = time.perf_counter() - t0
    return counts, secs, len(rows), sum(len(r["text"]) for r in rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sets", default="cluener,msra,pd")
    a = ap.parse_args()
    print("| set | entity | union_extract P / R / F1 | jieba posseg P / R / F1 | ΔF1 |")
    print("|---|---|---|---|---|")
    for name in a.sets.split(","):
        fname, mapping = SETS[name]
        counts, secs, n, chars = run(Path(a.shared) / "bench" / fname, mapping, a.limit)
        for t, label in (("PER", "person"), ("ORG", "organisation")):
            ours_ = prf(*counts["union_extract"][t])
            base = prf(*counts["jieba"][t])
            print(f"| {name} ({n} sentences) | {label} | {ours_[0]:.3f} / {ours_[1]:.3f} / {ours_[2]:.3f} | "
                  f"{base[0]:.3f} / {base[1]:.3f} / {base[2]:.3f} | {ours_[2] - base[2]:+.3f} |")
        print(f"<!-- {name}: union_extract {chars / secs['union_extract'] / 1e6:.2f} M chars/s, "
              f"jieba posseg {chars / secs['jieba'] / 1e6:.2f} M chars/s -->")


if __name__ == "__main__":
    main()
