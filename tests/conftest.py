import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def load_gold(name):
    return [json.loads(l) for l in open(FIXTURES / name, encoding="utf-8") if l.strip()]


@pytest.fixture(scope="session")
def seed_text():
    return (FIXTURES / "seed_page.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import union_extract
    return union_extract.extract(seed_text, "seed")


@pytest.fixture(scope="session")
def gold_docs():
    return load_gold("gold_seed.jsonl") + load_gold("gold_dev.jsonl")


def run_cli(*args, env=None, **kw):
    """The installed CLI as a user runs it: ``python -m union_extract.cli ARGS``."""
    return subprocess.run([sys.executable, "-m", "union_extract.cli", *args], capture_output=True, text=True,
                          env=env, **kw)
