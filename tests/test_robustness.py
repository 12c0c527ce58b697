"""Bad input never crashes a batch and never loses a record (issue #7).
All inputs here are synthetic, generated in the test or in fixtures/bad/."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

import union_extract
from union_extract.reading import RawDocument, iter_inputs
from union_extract.records import ErrorRecord

from conftest import FIXTURES, run_cli

ARTICLE = "本报讯 记者王建华报道 日前，温岭市总工会举行启动仪式，3支志愿服务队授旗。"


cli = run_cli


def read_jsonl(p):
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


def test_messy_directory_counts_add_up(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (d / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t\n")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "truncated.txt").write_bytes(ARTICLE.encode("utf-8")[:-1])
    (d / "control.txt").write_text("温岭市\x00总工会\x07举行\x1b活动，3支队伍。", encoding="utf-8")
    (d / "page.txt").write_text("<!DOCTYPE html><html><head><script>var x=1;</script></head><body><p>"
                                + ARTICLE + "</p></body></html>", encoding="utf-8")
    (d / "traditional.txt").write_text("本報訊 溫嶺市總工會舉行啟動儀式，3支志願服務隊授旗。", encoding="utf-8")
    (d / "docs.jsonl").write_text((FIXTURES / "bad" / "mixed.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = cli("convert", str(d), "-o", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    arts, errs = read_jsonl(out), read_jsonl(tmp_path / "out.errors.jsonl")
    converted = {a["source_id"] for a in arts}
    errored = {e["source_id"]: e["kind"] for e in errs}
    assert {"utf8.txt", "gbk.txt", "utf16.txt", "truncated.txt", "control.txt", "page.txt", "traditional.txt",
            "ok-1", "ok-2"} == converted
    assert errored["empty.txt"] == errored["blank.txt"] == "empty"
    assert errored["binary.txt"] == "undecodable"
    summary = r.stderr.strip().splitlines()[-1]
    docs = int(summary.split("documents=")[1].split()[0])
    conv = int(summary.split("converted=")[1].split()[0])
    assert docs == conv + len(errs) == 17
    # one stderr line per bad document
    assert sum(1 for l in r.stderr.splitlines() if l.startswith("error: ")) == len(errs)
    page = [a for a in arts if a["source_id"] == "page.txt"][0]
    assert "script" not in page["text"] and {"温岭市总工会"} <= {o["name"] for o in page["organizations"]}
    ctl = [a for a in arts if a["source_id"] == "control.txt"][0]
    assert "\x00" not in ctl["text"]


def test_path_vanishing_mid_run(tmp_path):
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(ARTICLE, encoding="utf-8")
    items = iter_inputs([str(tmp_path)])
    first = next(items)
    (tmp_path / "1.txt").unlink()
    rest = list(items)
    assert isinstance(first, RawDocument)
    assert isinstance(rest[0], ErrorRecord) and rest[0].kind == "unreadable" and rest[0].source_id == "1.txt"
    assert isinstance(rest[1], RawDocument)


def test_fifty_mb_line_is_read_and_limit_is_an_error_record(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(("温岭市总工会" * 3_000_000).encode("utf-8"))   # 54 MB, one line
    (doc,) = list(iter_inputs([str(big)], max_chars=20_000_000))
    assert isinstance(doc, RawDocument) and len(doc.text) == 18_000_000
    (err,) = list(iter_inputs([str(big)], max_chars=1_000_000))
    assert isinstance(err, ErrorRecord) and err.kind == "too_large"


def test_debug_shows_traceback_only_when_asked(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": ARTICLE}, ensure_ascii=False) + "\n" for k in ("a", "b", "c")),
                   encoding="utf-8")
    env = dict(os.environ, UNION_EXTRACT_FAULT="raise:b")
    r = cli("convert", str(src), "-o", str(tmp_path / "o.jsonl"), env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "error: b: extraction_failed: extraction failed: RuntimeError: injected fault" in r.stderr
    assert [a["source_id"] for a in read_jsonl(tmp_path / "o.jsonl")] == ["a", "c"]
    r = cli("convert", str(src), "-o", str(tmp_path / "o.jsonl"), "--debug", env=env)
    assert "Traceback" in r.stderr
    assert cli("convert", str(src), "--lexicon-dir", str(tmp_path / "nope")).returncode == 2


def test_worker_death_costs_only_its_document(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for k in range(40):
            fh.write(json.dumps({"id": f"d{k}", "text": ARTICLE}, ensure_ascii=False) + "\n")
    env = dict(os.environ, UNION_EXTRACT_FAULT="kill:d17")
    out = tmp_path / "out.jsonl"
    r = cli("convert", str(src), "-o", str(out), "--workers", "2", env=env)
    assert r.returncode == 1, r.stderr
    ids = [a["source_id"] for a in read_jsonl(out)]
    assert ids == [f"d{k}" for k in range(40) if k != 17]
    (err,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert err["source_id"] == "d17" and err["kind"] == "worker_died"


def test_resume_neither_redoes_nor_duplicates(tmp_path):
    src = tmp_path / "in.jsonl"
    docs = [{"id": f"d{k}", "text": ARTICLE} for k in range(10)]
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    assert cli("convert", str(src), "-o", str(whole)).returncode == 0
    out = tmp_path / "out.jsonl"
    # killed (as by kill -9) right after d3 was written, then the last line cut as a torn write
    r = cli("convert", str(src), "-o", str(out), env=dict(os.environ, UNION_EXTRACT_FAULT="die:d3"))
    assert r.returncode == 137 and not out.exists()
    partial = tmp_path / "out.jsonl.partial"
    data = partial.read_bytes()
    partial.write_bytes(data[: len(data) - 40])
    r = cli("convert", str(src), "-o", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == whole.read_bytes()
    # d0..d2 kept (their lines are whole), the cut d3 redone
    assert "resumed=3" in r.stderr and "documents=10 converted=10" in r.stderr
    assert not partial.exists() and not (tmp_path / "out.jsonl.partial.progress").exists()


def test_ctrl_c_stops_cleanly_with_summary(tmp_path):
    src = tmp_path / "in.jsonl"
    text = (FIXTURES / "seed_page.txt").read_text(encoding="utf-8")
    src.write_text("".join(json.dumps({"id": f"d{k}", "text": text}, ensure_ascii=False) + "\n" for k in range(3000)),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen([sys.executable, "-m", "union_extract.cli", "convert", str(src), "-o", str(out)],
                         stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (tmp_path / "out.jsonl.partial").exists() or (tmp_path / "out.jsonl.partial").stat().st_size == 0:
        assert time.time() < deadline
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130
    assert "interrupted" in err and "documents=" in err and "Traceback" not in err
    assert not out.exists() and (tmp_path / "out.jsonl.partial").exists()


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_extract_never_crashes_and_offsets_point_at_text(s):
    try:
        doc = union_extract.extract(s)
    except union_extract.UnusableInputError as exc:
        assert exc.kind in ("empty", "not_text", "undecodable")
        return
    for a in doc.articles:
        assert 0 <= a.span.start <= a.span.end <= len(s)
        ms = [m for p in a.persons for m in p.mentions] + [m for o in a.organizations for m in o.mentions] \
            + [m for h in a.honors for m in h.mentions]
        for m in ms:
            assert "".join(s[m.start:m.end].split()) == "".join(m.text.split())
        for f in a.figures:
            assert 0 <= f.start < f.end <= len(s)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["温岭市总工会", "省劳动模范", "孙晓明", "3支", "4834.77万元", "、", "，", "。", "\n\n",
                                 "本报讯 记者", "“", "”", "全国五一劳", "动奖章", "百分之四十", " ", "■", "１２３"]),
                min_size=1, max_size=60).map("".join))
def test_union_like_noise_never_crashes(s):
    try:
        doc = union_extract.extract(s)
    except union_extract.UnusableInputError as exc:
        assert exc.kind == "empty"
        return
    for a in doc.articles:
        for m in [m for p in a.persons for m in p.mentions] + [m for o in a.organizations for m in o.mentions]:
            assert "".join(s[m.start:m.end].split()) == "".join(m.text.split())


def test_extract_rejects_unusable_input_with_one_type():
    for bad in (None, 42, b"\xff\xfe\x00", "", "   \n"):
        with pytest.raises(union_extract.UnusableInputError):
            union_extract.extract(bad)
    assert union_extract.extract(ARTICLE.encode("gbk")).articles[0].byline.reporters == ["王建华"]


def test_full_width_mentions_keep_their_written_form():
    # found by the property test: a full-width author line is no person, and mention text is as written
    doc = union_extract.extract("■１２３")
    assert all(a.persons == [] for a in doc.articles)
    src = "本报讯 记者王建华报道 ＡＢＣ公司和温岭市总工会举行活动。"
    for a in union_extract.extract(src).articles:
        for o in a.organizations:
            for m in o.mentions:
                assert src[m.start:m.end] == m.text
