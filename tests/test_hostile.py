"""Issue #17, hostile input and faults: no stall, no blow-up, no orphan, nothing lost.
Items 2-7, 9, 10, 13-15 (the regex and layout items are tested beside their modules)."""
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import union_extract
from union_extract.inputs import DEFAULT_MAX_CHARS, iter_inputs
from union_extract.records import ErrorRecord
from union_extract.reading import RawDocument

from conftest import ROOT, run_cli as cli

TEXT = "本报讯 记者林晓岚报道 日前，杭城市总工会举行启动仪式，3支志愿服务队授旗。"


def line(obj):
    return json.dumps(obj, ensure_ascii=False) + "\n"


def read_jsonl(p):
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


def kinds(items):
    return [(i.source_id, i.kind if isinstance(i, ErrorRecord) else "ok") for i in items]


def test_2_deeply_nested_json_is_one_bad_record(tmp_path):
    src = tmp_path / "in.jsonl"
    deep = "[" * 5000 + "]" * 5000
    src.write_text(line({"id": "a", "text": TEXT}) + '{"id": "n", "x": ' + deep + ', "text": "t"}\n'
                   + '{"id": "m", "text": ' + "{" * 2000 + "\n" + line({"id": "b", "text": TEXT}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = cli("convert", str(src), "-o", str(out), "--quiet")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert [a["source_id"] for a in read_jsonl(out)] == ["a", "b"]
    errs = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [(e["source_id"], e["kind"]) for e in errs] == [("in.jsonl:2", "invalid_json"), ("in.jsonl:3", "invalid_json")]
    assert "documents=4 converted=2" in r.stderr


def test_3_repeated_ids_across_files_are_recorded_and_survive_a_kill(tmp_path):
    f1, f2 = tmp_path / "f1.jsonl", tmp_path / "f2.jsonl"
    f1.write_text("".join(line({"id": k, "text": TEXT}) for k in ("a", "b", "c")), encoding="utf-8")
    f2.write_text("".join(line({"id": k, "text": TEXT}) for k in ("b", "d", "a", "e")), encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    r = cli("convert", str(f1), str(f2), "-o", str(whole), "--quiet")
    assert r.returncode == 1
    keys = [(a["source_id"], a["article_index"]) for a in read_jsonl(whole)]
    assert len(keys) == len(set(keys)) and [k for k, _ in keys] == ["a", "b", "c", "d", "e"]
    errs = read_jsonl(tmp_path / "whole.errors.jsonl")
    assert [(e["source_id"], e["kind"], e["line"]) for e in errs] == [("b", "duplicate_id", 1), ("a", "duplicate_id", 3)]
    out = tmp_path / "out.jsonl"
    # killed (as by kill -9) with workers running, resumed with workers: same bytes as one sequential run
    assert cli("convert", str(f1), str(f2), "-o", str(out), "--quiet", "--workers", "2",
               env=dict(os.environ, UNION_EXTRACT_FAULT="die:d")).returncode == 137
    r = cli("convert", str(f1), str(f2), "-o", str(out), "--resume", "--quiet", "--workers", "2")
    assert r.returncode == 1                                     # the earlier run's errors count
    assert out.read_bytes() == whole.read_bytes()
    assert (tmp_path / "out.errors.jsonl").read_bytes() == (tmp_path / "whole.errors.jsonl").read_bytes()
    assert "documents=7 converted=5" in r.stderr and "errors=2" in r.stderr


def test_3_a_progress_header_torn_by_a_kill_means_a_fresh_start(tmp_path):
    from union_extract.outputs import JsonlRun
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(b'{"source_id": "x"}\n{"sou')
    (tmp_path / "out.jsonl.partial.progress").write_bytes(b'{"vers')
    run = JsonlRun(str(out), None, {"inputs": ["a"]})
    state = run.open(resume=True)
    assert state.position == 0 and (tmp_path / "out.jsonl.partial").stat().st_size == 0
    run.end_document("x", 1, 1, 0)
    run.commit()
    assert out.read_bytes() == b"" and not (tmp_path / "out.jsonl.partial.progress").exists()


def _children(pid):
    kids = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids |= {int(x) for x in (task / "children").read_text().split()}
    return kids


def _alive(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_4_workers_die_with_their_parent(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(line({"id": f"d{k}", "text": TEXT * 20}) for k in range(3000)), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "union_extract", "convert", str(src), "-o", str(tmp_path / "o.jsonl"),
                          "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    kids = set()
    while len(kids) < 2:
        assert time.time() < deadline and p.poll() is None
        time.sleep(0.1)
        kids = _children(p.pid)
    p.kill()
    p.wait()
    deadline = time.time() + 30
    while any(_alive(k) for k in kids):
        assert time.time() < deadline, "workers outlived their parent"
        time.sleep(0.1)


def test_5_only_regular_files_are_read(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(d / "fifo.txt")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink("/dev/urandom", d / "rand.jsonl")
    with open(d / "huge.txt", "wb") as fh:          # sparse: 8 GB that must never be read
        fh.truncate(8 << 30)
    items = list(iter_inputs([str(d)], max_chars=1_000_000))
    assert kinds(items) == [("a.txt", "ok"), ("fifo.txt", "unreadable"), ("huge.txt", "too_large"),
                            ("rand.jsonl", "unreadable"), ("zero.txt", "unreadable")]
    assert "FIFO" in items[1].reason and "character device" in items[4].reason


def test_5_endless_jsonl_line_is_read_with_a_bound(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(line({"id": "a", "text": TEXT}))
        fh.write('{"id": "long", "text": "' + "工" * 300_000 + '"}\n')       # read, then over the limit
        fh.write('{"id": "endless", "text": "' + "工" * 3_000_000 + '"}\n')  # over the line bound: not read whole
        fh.write(line({"id": "b", "text": TEXT}))
    assert kinds(iter_inputs([str(src)], max_chars=10_000)) == [
        ("a", "ok"), ("long", "too_large"), ("in.jsonl:3", "too_large"), ("b", "ok")]


def test_6_stdin_format_is_decided_by_the_stream(tmp_path):
    # a BOM, then a bad first line: still JSONL, the bad line one record
    stream = "\ufeffnot json at all\n" + line({"id": "a", "text": TEXT}) + "\ufeff" + line({"id": "b", "text": TEXT})
    r = cli("convert", "-", "-o", str(tmp_path / "o.jsonl"), "--quiet", input=stream)
    assert r.returncode == 1
    assert [a["source_id"] for a in read_jsonl(tmp_path / "o.jsonl")] == ["a"]
    assert [(e["source_id"], e["kind"]) for e in read_jsonl(tmp_path / "o.errors.jsonl")] == [
        ("stdin:1", "invalid_json"), ("stdin:3", "invalid_json")]
    # --stdin-format text for a page whose lines happen to open with {
    r = cli("convert", "-", "--stdin-format", "text", input="{一}\n{二}\n" + TEXT)
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[0])["source_id"] == "stdin"


def test_7_a_second_writer_of_the_same_output_is_refused(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(line({"id": "a", "text": TEXT}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with open(tmp_path / "out.jsonl.partial", "wb") as held:
        held.write(b"a run in progress\n")
        held.flush()
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        r = cli("convert", str(src), "-o", str(out))
    assert r.returncode == 2 and "another run" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "out.jsonl.partial").read_bytes() == b"a run in progress\n"   # not truncated
    assert not out.exists()


def test_9_unlistable_directories_are_records(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    env = dict(os.environ, UNION_EXTRACT_FAULT="unlistable:sub")   # root ignores chmod 000: inject EACCES
    r = cli("convert", str(d), "-o", str(tmp_path / "o.jsonl"), "--quiet", env=env)
    assert r.returncode == 1 and "documents=2 converted=1" in r.stderr
    (e,) = read_jsonl(tmp_path / "o.errors.jsonl")
    assert (e["source_id"], e["kind"]) == ("sub/", "unreadable")
    env = dict(os.environ, UNION_EXTRACT_FAULT="unlistable:.")
    r = cli("convert", str(d), "-o", str(tmp_path / "o.jsonl"), "--quiet", env=env)
    assert r.returncode == 1 and "documents=1 converted=0 articles=0 errors=1" in r.stderr


@pytest.mark.parametrize("args, env, code, expect", [
    (["--workers", "2147483648"], None, 2, "between 1 and 64"),
    (["--workers", "100000"], None, 2, "between 1 and 64"),
    (["--segmenter", "nope", "--workers", "2"], None, 2, "invalid choice"),
    (["--workers", "2"], "fork", 3, "cannot start worker processes"),
    (["-o", "/dev/full"], None, 3, "No space left on device"),
])
def test_10_bad_options_and_system_failures_have_exit_codes(tmp_path, args, env, code, expect):
    src = tmp_path / "in.jsonl"
    src.write_text(line({"id": "a", "text": TEXT}), encoding="utf-8")
    e = dict(os.environ, UNION_EXTRACT_FAULT=env) if env else None
    r = cli("convert", str(src), *args, env=e, timeout=120)
    assert r.returncode == code, r.stderr
    assert expect in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_10_stdout_to_dev_full_and_errors_equal_to_output(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(line({"id": "a", "text": TEXT}), encoding="utf-8")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "union_extract", "convert", str(src)], stdout=full,
                           stderr=subprocess.PIPE, text=True)
    assert r.returncode == 3 and "No space left" in r.stderr and "Traceback" not in r.stderr
    r = cli("convert", str(src), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and "--errors must differ from -o" in r.stderr
    r = cli("convert", str(src), "-o", str(src))
    assert r.returncode == 2 and "is also an input" in r.stderr
    assert src.read_text(encoding="utf-8") == line({"id": "a", "text": TEXT})


def _small_file_limit():
    import resource
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)        # writes past the limit fail (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_10_a_full_disk_mid_run_is_exit_3_with_the_partial_kept(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(line({"id": f"d{k}", "text": TEXT}) for k in range(200)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = subprocess.run([sys.executable, "-m", "union_extract", "convert", str(src), "-o", str(out)],
                       capture_output=True, text=True, preexec_fn=_small_file_limit, timeout=120)
    assert r.returncode == 3, r.stderr
    assert "cannot write output" in r.stderr and "--resume" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists() and (tmp_path / "o.jsonl.partial").exists()
    r = subprocess.run([sys.executable, "-m", "union_extract", "convert", str(src), "-o", str(out), "--resume"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and [a["source_id"] for a in read_jsonl(out)] == [f"d{k}" for k in range(200)]


def test_13_jsonl_file_starting_with_a_bom(tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + (line({"id": "a", "text": TEXT}) + line({"id": "b", "text": TEXT})).encode())
    assert kinds(iter_inputs([str(src)])) == [("a", "ok"), ("b", "ok")]


def test_14_lone_surrogates_and_invisible_only_texts():
    doc = union_extract.extract("本报讯 杭城市总工会\ud800举行\udfff仪式，3支队伍。")
    for a in doc.articles:
        json.loads(a.model_dump_json())               # would raise on a lone surrogate
        assert "\ud800" not in a.model_dump_json()
    for junk in ("\u200b\u200c\u200d", "\x07\x1b\x00", "\u00ad\u2060\ufeff \n", "\u202e\u2028"):
        with pytest.raises(union_extract.UnusableInputError) as exc:
            union_extract.extract(junk)
        assert exc.value.kind == "empty"


def test_14_invisible_only_documents_are_empty_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(line({"id": "zw", "text": "\u200b\u200b\u2060"}) + line({"id": "ctl", "text": "\x07\x08"})
                   + json.dumps({"id": "s", "text": "杭城\ud800市总工会举行仪式。"}) + "\n", encoding="utf-8")
    (tmp_path / "zw.txt").write_text("\u200b\ufeff\u00ad", encoding="utf-8")
    items = list(iter_inputs([str(src), str(tmp_path / "zw.txt")]))
    assert [i.kind if isinstance(i, ErrorRecord) else "ok" for i in items] == ["empty", "empty", "ok", "empty"]
    assert isinstance(items[2], RawDocument) and "\ud800" not in items[2].text


def test_15_default_max_chars_is_what_2gb_hold_and_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{DEFAULT_MAX_CHARS:,}" in readme
    # measured worst case (README): ~320 bytes a character plus ~100 MB start-up, under 2 GB
    assert DEFAULT_MAX_CHARS * 320 + 100e6 < 2e9
    m = re.search(r"--max-chars MAX_CHARS\s+(.*?)\(default: ([\d_]+)\)", cli("convert", "--help").stdout, re.S)
    assert m and int(m.group(2)) == DEFAULT_MAX_CHARS
