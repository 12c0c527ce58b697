"""The built wheel carries lexicons/, py.typed, the licences and the spaCy entry point, keeps spaCy
optional, and works installed outside the checkout."""
import os
import subprocess
import sys
import zipfile

from conftest import ROOT, FIXTURES


def test_wheel_carries_lexicons_typing_licence_and_runs_outside_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                        "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (whl,) = wheels.glob("union_extract-*.whl")
    names = zipfile.ZipFile(whl).namelist()
    for lex in ("surnames.tsv", "regions.tsv", "honours.tsv", "measure_words.tsv", "org_suffixes.tsv"):
        assert f"union_extract/lexicons/{lex}" in names
    assert "union_extract/py.typed" in names
    dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    assert f"{dist_info}/licenses/LICENSE" in names
    with zipfile.ZipFile(whl) as z:
        meta = z.read(f"{dist_info}/METADATA").decode("utf-8")
        assert "MIT License" in z.read(f"{dist_info}/licenses/LICENSE").decode("utf-8")
        entry_points = z.read(f"{dist_info}/entry_points.txt").decode("utf-8")
    assert "License-Expression: MIT" in meta.splitlines()
    assert "Classifier: Typing :: Typed" in meta.splitlines()
    spacy_reqs = [l for l in meta.splitlines() if l.startswith("Requires-Dist: spacy")]
    assert spacy_reqs and all("extra ==" in l for l in spacy_reqs)      # optional, never core
    assert "[spacy_factories]\nunion_extract = union_extract.spacy_bridge:make_component" in entry_points
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
