"""The built wheel carries lexicons/ and works installed outside the checkout."""
import os
import subprocess
import sys
import zipfile

from conftest import ROOT, FIXTURES


def test_wheel_carries_lexicons_and_runs_outside_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                        "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (whl,) = wheels.glob("union_extract-*.whl")
    names = zipfile.ZipFile(whl).namelist()
    for lex in ("surnames.tsv", "regions.tsv", "honours.tsv", "measure_words.tsv", "org_suffixes.tsv"):
        assert f"union_extract/lexicons/{lex}" in names
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(whl)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import union_extract, pathlib, sys; from union_extract.lexicon import builtin_dir; "
            "d = builtin_dir(); assert 'site' in str(d), d; "
            "doc = union_extract.extract(sys.stdin.read()); print(len(doc.articles))")
    r = subprocess.run([sys.executable, "-c", code], input=(FIXTURES / "seed_page.txt").read_text(encoding="utf-8"),
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "7"
