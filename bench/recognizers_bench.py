#!/usr/bin/env python3
"""Pass rate of union_extract.numbers / figures on the Microsoft Recognizers-Text Chinese specs
(../shared/bench/recognizers_zh.jsonl, MIT). A case passes when our results equal the spec's:
same spans (End is inclusive upstream) and same resolved values.

usage: python bench/recognizers_bench.py [--shared ../shared] [--show MODEL]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from union_extract.figures import FigureFinder  # noqa: E402
from union_extract.lexicon import load  # noqa: E402
from union_extract.normalise import normalise  # noqa: E402
from union_extract.numbers import find_numbers, find_ordinals, find_percents  # noqa: E402

FF = FigureFinder(load())
UNIT_KIND = {"CurrencyModel": "money", "AgeModel": "age", "TemperatureModel": "temperature",
             "DimensionModel": "measure"}


def _val(v: str | None) -> float | str | None:
    if v is None:
        return None
    v = v.strip().rstrip("%")
    try:
        return round(float(v), 4)
    except ValueError:
        return v


def expected(case) -> set:
    return {(r["Start"], r["End"] + 1, _val(r["Resolution"]["value"])) for r in case["results"]
            if r.get("Resolution") and "value" in r["Resolution"]}


def predicted(model: str, text: str) -> set:
    if model == "NumberModel":
        return {(m.start, m.end, round(m.value, 4)) for m in find_numbers(text)}
    if model == "PercentModel":
        return {(m.start, m.end, round(m.value, 4)) for m in find_percents(text)}
    if model == "OrdinalModel":
        return {(m.start, m.end, round(m.value, 4)) for m in find_ordinals(text)}
    if model in UNIT_KIND:
        n = normalise(text)
        out = set()
        for f in FF.find(n.text, 0, []):
            if f.kind == UNIT_KIND[model] or (model == "DimensionModel" and f.kind in ("measure",)):
                s, e = n.span(f.start, f.end)
                out.add((s, e, round(f.value, 4)))
        return out
    return set()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show", help="print failing cases of this model")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(Path(a.shared) / "bench" / "recognizers_zh.jsonl", encoding="utf-8")]
    total, passed = Counter(), Counter()
    for case in rows:
        m = case["model"]
        total[m] += 1
        exp, got = expected(case), predicted(m, case["input"])
        ok = exp == got
        passed[m] += ok
        if not ok and a.show == m:
            print(case["id"], repr(case["input"][:60]), "expected", sorted(exp), "got", sorted(got))
    print("| model | cases | passed | pass rate |")
    print("|---|---|---|---|")
    for m in sorted(total, key=lambda k: -total[k]):
        print(f"| {m} | {total[m]} | {passed[m]} | {passed[m] / total[m]:.1%} |")


if __name__ == "__main__":
    main()
