"""The CLI contract: one JSON line per article, error records, exit codes, order with workers."""
import json

from conftest import FIXTURES, run_cli

CONTRACT = {"source_id", "article_index", "span", "kicker", "title", "subtitle", "column", "byline", "text",
            "persons", "organizations", "honors", "figures", "dates"}


run = run_cli


def test_convert_seed_page_to_stdout():
    r = run("convert", str(FIXTURES / "seed_page.txt"))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(lines) == 7
    for i, a in enumerate(lines):
        assert CONTRACT <= set(a)
        assert a["source_id"] == "seed_page.txt" and a["article_index"] == i
        assert set(a["byline"]) >= {"source", "reporters", "correspondents", "photographers", "editors", "authors"}
    assert "documents=1 converted=1 articles=7 errors=0" in r.stderr
    # byline people are persons from day one, with mentions carrying offsets
    names = {p["name"] for p in lines[0]["persons"]}
    expected = json.loads((FIXTURES / "seed_expected.json").read_text(encoding="utf-8"))
    assert set(expected["articles"][0]["byline"]["reporters"]) <= names


def test_bad_jsonl_counts_add_up_and_exit_1(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("convert", str(FIXTURES / "bad" / "mixed.jsonl"), "-o", str(out), "--quiet")
    assert r.returncode == 1
    errs = [json.loads(l) for l in open(tmp_path / "out.errors.jsonl", encoding="utf-8")]
    arts = [json.loads(l) for l in open(out, encoding="utf-8")]
    assert len(errs) == 5 and {e["kind"] for e in errs} >= {"invalid_json", "not_object", "duplicate_id"}
    assert [a["source_id"] for a in arts] == ["ok-1", "ok-2"]
    assert all(set(e) == {"source_id", "line", "kind", "reason"} for e in errs)
    assert "documents=7 converted=2" in r.stderr and "errors=5" in r.stderr
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_usage_error_exit_2():
    assert run("convert").returncode == 2
    assert run("convert", "x.txt", "--workers", "0").returncode == 2


def test_workers_keep_input_order(tmp_path):
    src = tmp_path / "in.jsonl"
    gold = [json.loads(l) for l in open(FIXTURES / "gold_dev.jsonl", encoding="utf-8")]
    with open(src, "w", encoding="utf-8") as fh:
        for k in range(3):
            for g in gold:
                fh.write(json.dumps({"id": f"{g['id']}-{k}", "text": g["text"]}, ensure_ascii=False) + "\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("convert", str(src), "-o", str(one)).returncode == 0
    assert run("convert", str(src), "-o", str(two), "--workers", "2").returncode == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_schema_command():
    r = run("schema")
    schema = json.loads(r.stdout)
    assert r.returncode == 0 and "persons" in schema["properties"]


def test_stdin_text_and_jsonl():
    text = (FIXTURES / "seed_page.txt").read_text(encoding="utf-8")
    r = run("convert", "-", input=text)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 7
    assert json.loads(r.stdout.splitlines()[0])["source_id"] == "stdin"
    r = run("convert", "-", "--id-field", "key", "--text-field", "body",
            input=json.dumps({"key": "a1", "body": "本报讯 记者王建华报道 温岭市总工会举行仪式。"}, ensure_ascii=False) + "\n")
    assert r.returncode == 0 and json.loads(r.stdout)["source_id"] == "a1"
