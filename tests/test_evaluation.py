"""`union-extract eval` uses exactly the reference scorer's definitions."""
import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from union_extract.evaluation import score_document, evaluate

SHARED_EVAL = ROOT.parent / "shared" / "eval"


def test_scoring_rules_on_a_synthetic_document():
    gold = {"id": "x", "persons": [["张 三"], ["李四"]], "organizations": [["镇海中学工会", "镇海中学"]],
            "honors": [{"holder": "李四", "honor": ["省劳动模范"]}, {"holder": None, "honor": ["先进个人"]}],
            "figures": [{"value": 3, "unit": "家"}, {"value": 40, "unit": "%"}],
            "optional": {"organizations": ["学生会"]}}
    pred = {"persons": {"张三", "王五"}, "organizations": {"镇海中学工会", "镇海中学", "学生会"},
            "honors": {("李四", "省劳动模范"), (None, "先进个人"), (None, "劳模精神")},
            "figures": {(3, "家"), (40.0, "％"), (5, "天")}}
    errs = {c: [] for c in ("persons", "organizations", "honors", "honor_holders", "figures")}
    r = score_document(gold, pred, errs)
    assert r["persons"] == (1, 1, 1)          # whitespace-insensitive 张三; 王五 is a false positive
    assert r["organizations"] == (1, 0, 0)    # second surface form of one entity and an optional: no FP
    assert r["honors"] == (2, 1, 0)
    assert r["honor_holders"] == (2, 1, 0)
    assert r["figures"] == (2, 1, 0)          # ％ is %


def test_same_numbers_as_reference_scorer(tmp_path):
    if not (SHARED_EVAL / "score.py").exists():
        pytest.skip("../shared/eval not beside this checkout (measured in CI, where it is)")
    gold = [FIXTURES / "gold_seed.jsonl", FIXTURES / "gold_dev.jsonl"]
    out, flat = tmp_path / "out.jsonl", tmp_path / "flat.jsonl"
    subprocess.run([sys.executable, "-m", "union_extract.cli", "convert", *map(str, gold), "-o", str(out)], check=True,
                   capture_output=True)
    flat.write_text(subprocess.run([sys.executable, str(SHARED_EVAL / "to_flat.py"), str(out)], check=True,
                                   capture_output=True, text=True).stdout, encoding="utf-8")
    ref = json.loads(subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), *map(str, gold), "--pred", str(flat),
                                     "--json"], check=True, capture_output=True, text=True).stdout)
    docs = [json.loads(l) for p in gold for l in open(p, encoding="utf-8") if l.strip()]
    mine, _ = evaluate(docs)
    for cat in ("persons", "organizations", "honors", "honor_holders", "figures"):
        assert {k: mine[cat][k] for k in ("tp", "fp", "fn")} == {k: ref[cat][k] for k in ("tp", "fp", "fn")}, cat
