"""Issue #13, what a new user hit: output targets, unique ids, no tracebacks, stdin memory, SIGTERM,
and the CLI habits (progress, help, python -m, metadata, stop lists). Synthetic texts only."""
import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

import union_extract
from union_extract.cli import _parser

from conftest import FIXTURES, run_cli as cli

# made-up names and bodies (none of them is in the gold files)
TEXT = ("本报讯 记者林晓岚报道 日前，杭城市总工会举行启动仪式，明光机械有限公司工会主席周文博荣获省劳动模范称号，"
        "3支志愿服务队授旗。")


def jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(p):
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


def docs(n, prefix="d"):
    return [{"id": f"{prefix}{k}", "text": TEXT} for k in range(n)]


def one_line_no_traceback(r):
    assert "Traceback" not in r.stderr, r.stderr
    assert len([l for l in r.stderr.splitlines() if l.strip()]) == 1, r.stderr


# --- 1. output targets: never renamed over, stdout, directories refused -------------------------

def test_fifo_output_is_written_through_never_replaced(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # so the writer's open does not block
    try:
        r = cli("convert", str(jsonl(tmp_path / "in.jsonl", docs(2))), "-o", str(fifo), timeout=120)
        assert r.returncode == 0, r.stderr
        data = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)           # still the FIFO, not a renamed regular file
    assert [json.loads(l)["source_id"] for l in data.splitlines()] == ["d0", "d1"]
    assert not (tmp_path / "out.fifo.partial").exists() and not (tmp_path / "out.fifo.errors.jsonl").exists()


def test_link_to_dev_stdout_appends_to_the_callers_file(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    link = tmp_path / "out.jsonl"
    os.symlink("/dev/stdout", link)
    with open(log, "a", encoding="utf-8") as fh:       # convert … -o out.jsonl >> log.txt
        r = subprocess.run([sys.executable, "-m", "union_extract.cli", "convert",
                            str(jsonl(tmp_path / "in.jsonl", docs(1))), "-o", str(link)],
                           stdout=fh, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 0, r.stderr
    assert os.path.islink(link)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier line" and json.loads(lines[1])["source_id"] == "d0"


def test_dash_is_stdout_and_directory_is_refused(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", docs(1))
    r = cli("convert", str(src), "-o", "-")
    assert r.returncode == 0 and json.loads(r.stdout)["source_id"] == "d0"
    outdir = tmp_path / "outdir"
    outdir.mkdir()
    r = cli("convert", str(src), "-o", str(outdir))
    assert r.returncode == 2 and "directory" in r.stderr
    one_line_no_traceback(r)
    assert list(outdir.iterdir()) == [] and not (tmp_path / "outdir.partial").exists()


# --- 2. ids unique across a run; resume keyed on input position ----------------------------------

def test_resume_after_kill_with_same_ids_in_two_roots_loses_nothing(tmp_path):
    for root in ("a", "b"):
        (tmp_path / root).mkdir()
        for k in range(3):
            (tmp_path / root / f"{k}.txt").write_text(TEXT, encoding="utf-8")
    args = [str(tmp_path / "a"), str(tmp_path / "b")]
    whole = tmp_path / "whole.jsonl"
    assert cli("convert", *args, "-o", str(whole)).returncode == 0
    arts = read_jsonl(whole)
    sids = [a["source_id"] for a in arts]
    assert len(set(sids)) == 6 and sids[0].endswith("a/0.txt") and sids[3].endswith("b/0.txt")
    pids = [p["id"] for a in arts for p in a["persons"]]
    assert len(pids) == len(set(pids)) > 6
    out = tmp_path / "out.jsonl"
    killed = cli("convert", *args, "-o", str(out),
                 env=dict(os.environ, UNION_EXTRACT_FAULT=f"die:{tmp_path / 'b'}/0.txt"))
    assert killed.returncode == 137
    # a file added meanwhile shifts every position after it: refused, nothing touched
    (tmp_path / "a" / "00.txt").write_text(TEXT, encoding="utf-8")
    r = cli("convert", *args, "-o", str(out), "--resume")
    assert r.returncode == 2 and "inputs changed" in r.stderr
    one_line_no_traceback(r)
    (tmp_path / "a" / "00.txt").unlink()
    r = cli("convert", *args, "-o", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == whole.read_bytes()
    assert "documents=6 converted=6" in r.stderr and "resumed=4" in r.stderr


# --- 3. no tracebacks: one clear line and a documented exit code ----------------------------------

def _lexdir(tmp_path, name, body):
    d = tmp_path / "lex"
    d.mkdir(exist_ok=True)
    (d / name).write_text(body, encoding="utf-8")
    return str(d)


@pytest.mark.parametrize("case", ["segmenter", "lexicon_header", "lexicon_type", "lexicon_typo", "output_dir",
                                  "unwritable", "eval_missing", "eval_page", "eval_cli_output"])
def test_user_mistakes_give_one_line_and_exit_2(tmp_path, case):
    src = str(jsonl(tmp_path / "in.jsonl", docs(1)))
    out = str(tmp_path / "o.jsonl")
    if case == "segmenter":
        r, expect = cli("convert", src, "--segmenter", "spacy"), "invalid choice"
    elif case == "lexicon_header":
        r = cli("convert", src, "--lexicon-dir", _lexdir(tmp_path, "outlets.tsv", "nom\ttype\n杭城日报\tmedia\n"))
        expect = "outlets.tsv:1: header must name the columns name, type"
    elif case == "lexicon_type":
        r = cli("convert", src, "--lexicon-dir", _lexdir(tmp_path, "org_suffixes.tsv", "suffix\ttype\n联谊会\tclub\n"))
        expect = "org_suffixes.tsv:2: column 'type': expected"
    elif case == "lexicon_typo":
        r = cli("convert", src, "--lexicon-dir", _lexdir(tmp_path, "titels.tsv", "title\tkind\n首席\tposition\n"))
        expect = "titels.tsv: not a lexicon file name"
    elif case == "output_dir":
        r, expect = cli("convert", src, "-o", str(tmp_path)), "is a directory"
    elif case == "unwritable":
        r, expect = cli("convert", src, "-o", str(tmp_path / "no" / "such" / "o.jsonl")), "cannot write output"
    elif case == "eval_missing":
        r, expect = cli("eval", str(tmp_path / "gold.jsonl")), "No such file"
    elif case == "eval_page":
        r, expect = cli("eval", str(FIXTURES / "seed_page.txt")), "not JSON"
    else:
        (art,) = union_extract.extract(TEXT).articles
        (tmp_path / "c.jsonl").write_text(art.model_dump_json() + "\n", encoding="utf-8")
        r, expect = cli("eval", str(tmp_path / "c.jsonl")), "looks like convert output"
    assert r.returncode == 2, r.stderr
    assert expect in r.stderr
    one_line_no_traceback(r)
    assert not os.path.exists(out + ".partial")


def test_broken_pipe_is_one_line_and_exit_141(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", docs(400))
    p = subprocess.Popen([sys.executable, "-m", "union_extract", "convert", str(src)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.readline()
    p.stdout.close()                     # what `| head -1` does
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141
    assert "Traceback" not in err and "broken pipe" in err
    assert len(err.strip().splitlines()) == 1


# --- 4. stdin is streamed ------------------------------------------------------------------------

def _peak_rss_reading(path, via_stdin):
    code = ("import resource, sys\nfrom union_extract.inputs import iter_inputs\n"
            f"n = sum(1 for _ in iter_inputs([{'-' if via_stdin else str(path)!r}]))\n"
            "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    with open(path, "rb") as fh:
        r = subprocess.run([sys.executable, "-c", code], stdin=fh if via_stdin else subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=300)
    n, kb = map(int, r.stdout.split())
    return n, kb


def test_stdin_jsonl_is_streamed_in_flat_memory(tmp_path):
    big = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x", "text": TEXT * 40}, ensure_ascii=False)
    with open(big, "w", encoding="utf-8") as fh:
        for k in range(3000):                    # ~30 MB
            fh.write(line.replace('"x"', f'"x{k}"', 1) + "\n")
    n_file, kb_file = _peak_rss_reading(big, False)
    n_stdin, kb_stdin = _peak_rss_reading(big, True)
    assert n_file == n_stdin == 3000
    # reading the whole stream first would add at least its 30 MB (twice, with the split lines)
    assert kb_stdin < kb_file + 15_000, (kb_file, kb_stdin)


# --- 5. SIGTERM behaves like Ctrl-C ---------------------------------------------------------------

def test_sigterm_stops_with_summary_keeps_partial_and_resumes(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", docs(600))
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen([sys.executable, "-m", "union_extract", "convert", str(src), "-o", str(out)],
                         stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "out.jsonl.partial"
    deadline = time.time() + 120
    while not partial.exists() or partial.stat().st_size < 20_000:
        assert time.time() < deadline and p.poll() is None
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143
    assert "terminated" in err and "documents=" in err and "Traceback" not in err
    assert not out.exists() and partial.exists()
    other = jsonl(tmp_path / "other.jsonl", docs(3, "e"))
    r = cli("convert", str(other), "-o", str(out), "--resume")
    assert r.returncode == 2 and "other inputs" in r.stderr
    one_line_no_traceback(r)
    r = cli("convert", str(src), "-o", str(out), "--resume")
    assert r.returncode == 0 and "documents=600 converted=600" in r.stderr
    assert [a["source_id"] for a in read_jsonl(out)] == [f"d{k}" for k in range(600)]


# --- library and CLI habits -----------------------------------------------------------------------

def test_progress_bar_goes_to_stderr_only(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", docs(5))
    r = cli("convert", str(src), "--progress", "on")
    assert r.returncode == 0
    assert [json.loads(l)["source_id"] for l in r.stdout.splitlines()] == [f"d{k}" for k in range(5)]
    assert "converting" in r.stderr and "5 docs" in r.stderr          # tqdm: rate, ETA from the input size
    # without tqdm: the plain status line
    stub = tmp_path / "stub"
    (stub / "tqdm").mkdir(parents=True)
    (stub / "tqdm" / "__init__.py").write_text("raise ImportError('no tqdm')\n")
    env = dict(os.environ, PYTHONPATH=str(stub))
    r = cli("convert", str(src), "--progress", "on", env=env)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 5 and "converting" not in r.stderr


def test_every_option_has_help_and_python_m_works():
    ap = _parser()
    for sub in ap._subparsers._group_actions[0].choices.values():
        for action in sub._actions:
            assert action.help, (sub.prog, action.dest)
    r = subprocess.run([sys.executable, "-m", "union_extract", "convert", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "(default: 1)" in r.stdout and "Exit codes" in r.stdout


def test_no_errors_file_without_errors_and_stale_one_removed(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", docs(2))
    (tmp_path / "out.errors.jsonl").write_text('{"old": 1}\n')
    (tmp_path / "out.errors.jsonl.partial").write_text('{"older": 1}\n')   # of a run never resumed
    assert cli("convert", str(src), "-o", str(tmp_path / "out.jsonl")).returncode == 0
    assert not (tmp_path / "out.errors.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_jieba_log_is_silenced():
    code = "from union_extract.segmenter import make; print(make('jieba').tag('杭城市总工会举行仪式'))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and "总工会" in r.stdout
    assert r.stderr == ""          # jieba would log "Building prefix dict …" / "Loading model …" here


def test_keep_fields_encoding_and_reference_date_in_each_article(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": TEXT, "date": "2024-05-01", "url": "http://example.org/a",
                                          "page": 3}])
    (tmp_path / "g.txt").write_bytes(TEXT.encode("gb18030"))
    r = cli("convert", str(src), str(tmp_path / "g.txt"), "--keep-fields", "date,url,page,missing",
            "--reference-date", "2024-05-02")
    a, g = [json.loads(l) for l in r.stdout.splitlines()]
    assert a["meta"] == {"date": "2024-05-01", "url": "http://example.org/a", "page": 3, "missing": None}
    assert a["encoding"] == "utf-8" and a["reference_date"] == "2024-05-02"
    assert g["encoding"] == "gb18030" and g["meta"] is None


@pytest.mark.parametrize("stop_file, name, field", [
    ("stop_persons.tsv", "周文博", "persons"),
    ("stop_organizations.tsv", "明光机械有限公司", "organizations"),
    ("stop_honours.tsv", "省劳动模范", "honors"),
])
def test_stop_lists_block_false_positives(tmp_path, stop_file, name, field):
    (a,) = union_extract.extract(TEXT).articles
    assert name in {e.name for e in getattr(a, field)}
    d = tmp_path / "lex"
    d.mkdir()
    (d / stop_file).write_text(f"# blocked\nname\n{name}\n", encoding="utf-8")
    (b,) = union_extract.Extractor(lexicon_dir=str(d)).extract(TEXT).articles
    assert name not in {e.name for e in getattr(b, field)}
    assert len(getattr(b, field)) < len(getattr(a, field))
    # nothing points at a dropped entity
    ids = {e.id for e in b.persons + b.organizations + b.honors}
    assert all(h.holder is None or h.holder.id in ids for h in b.honors)
    assert all(o.parent is None or o.parent in ids for o in b.organizations)
    assert all(hid in ids for e in b.persons + b.organizations for hid in e.honors)
