"""Issue 16, start-up: the batch path imports only what it uses, and the lexicon row checks (plain
code, no pydantic) report bad rows as ``file:line: column 'x': expected …, got '…'``."""
import json
import subprocess
import sys
from typing import get_args

import pytest

from union_extract import kinds
from union_extract.lexicon import LexiconError, read_tsv
from union_extract.lexicon_rows import ROW_COLUMNS

LEVELS = "'national', 'provincial', 'municipal', 'county', 'industry' or 'enterprise'"
ORG_TYPES = ("'union', 'party', 'government', 'enterprise', 'school', 'hospital', 'community', 'media', "
             "'team' or 'other'")
KINDS = "'money', 'percent', 'count', 'score', 'duration', 'age', 'measure', 'temperature' or 'other'"

# (file, header, row, expected message after "file:2: "; None when the row is fine)
ROWS = [
    ("surnames.tsv", "surname\tkind", "欧阳\tcompound", None),
    ("surnames.tsv", "surname\tkind", "欧阳\tdouble", "column 'kind': expected 'single' or 'compound', got 'double'"),
    ("surnames.tsv", "surname\tkind", " \tsingle", "column 'surname': must not be empty, got ''"),
    ("surnames.tsv", "surname", "欧", None),                       # kind left out: its default applies
    ("regions.tsv", "name\tshort\tlevel\tparent", "某某市\t\t\t", None),
    ("regions.tsv", "name\tshort", "\t某某", "column 'name': must not be empty, got ''"),
    ("org_suffixes.tsv", "suffix\ttype", "联谊会\tclub", f"column 'type': expected {ORG_TYPES}, got 'club'"),
    ("org_suffixes.tsv", "suffix\ttype", "联谊会\tUnion", f"column 'type': expected {ORG_TYPES}, got 'Union'"),
    ("org_suffixes.tsv", "suffix\ttype\tkind", "联谊会\tunion\tanything", None),
    ("outlets.tsv", "name\ttype\tcanonical", "某某日报\t\t", f"column 'type': expected {ORG_TYPES}, got ''"),
    ("outlets.tsv", "type\tname", "media\t某某日报", None),        # columns in any order
    ("titles.tsv", "title\tkind", "\tposition", "column 'title': must not be empty, got ''"),
    ("honours.tsv", "canonical\tholder\taliases\tneeds_level", "先进个人\tperson\t先进个人\tno",
     "column 'holder': expected 'individual', 'collective' or 'either', got 'person'"),
    ("honours.tsv", "canonical\tholder\taliases\tneeds_level", "先进个人\teither\t\tmaybe",
     "column 'aliases': must not be empty, got ''"),                # the first bad column is reported
    ("honours.tsv", "canonical\tholder\taliases\tneeds_level", "先进个人\teither\t先进个人\tmaybe",
     "column 'needs_level': expected 'yes', 'no', 'context' or '', got 'maybe'"),
    ("honours.tsv", "canonical\tholder\taliases\tneeds_level", "先进个人\teither\t先进个人\t", None),
    ("honour_levels.tsv", "word\tlevel", "全省\tprovince", f"column 'level': expected {LEVELS}, got 'province'"),
    ("honour_levels.tsv", "word\tlevel", "全省\tprovincial", None),
    ("measure_words.tsv", "unit\tkind\tmultiplier", "亩\tarea\t", f"column 'kind': expected {KINDS}, got 'area'"),
    ("measure_words.tsv", "unit\tkind\tmultiplier", "亩\tmeasure\tabout ten", "column 'multiplier': expected a number, got 'about ten'"),
    ("measure_words.tsv", "unit\tkind\tmultiplier", "万\tcount\t1e4", None),
    ("measure_words.tsv", "unit\tkind\tmultiplier", "亩\tmeasure\t", None),
    ("number_idioms.tsv", "phrase", "", None),                      # a blank line is no row
    ("columns.tsv", "label\tmatch", "工会动态\tprefix", "column 'match': expected 'exact', 'suffix' or '', got 'prefix'"),
    ("columns.tsv", "label\tmatch", "动态\tsuffix", None),
    ("stop_persons.tsv", "name\tnote", "\twhy", "column 'name': must not be empty, got ''"),
    ("stop_honours.tsv", "name\tnote", "某奖\textra columns are ignored", None),
]


@pytest.mark.parametrize("name,header,row,expected", ROWS)
def test_lexicon_rows_are_checked(tmp_path, name, header, row, expected):
    path = tmp_path / name
    path.write_text(f"# a comment\n{header}\n{row}\n", encoding="utf-8")
    if expected is None:
        rows = read_tsv(path)
        assert len(rows) == (1 if row.strip() else 0)
        return
    with pytest.raises(LexiconError) as err:
        read_tsv(path)
    assert str(err.value) == f"{path}:3: {expected}"


def test_lexicon_reports_the_first_problem_in_file_order(tmp_path):
    path = tmp_path / "surnames.tsv"
    path.write_text("surname\tkind\n欧阳\tcompound\n司马\tdouble\n\tsingle\n诸葛\tcompound\textra\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"surnames.tsv:3: column 'kind': expected 'single' or 'compound', got 'double'"):
        read_tsv(path)
    path.write_text("surname\tkind\n欧阳\tcompound\n诸葛\tcompound\textra\n司马\tdouble\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"surnames.tsv:3: 3 cells but the header names 2 columns"):
        read_tsv(path)
    path.write_text("surname\tkind\n\tdouble\n", encoding="utf-8")     # two bad cells: the first column's
    with pytest.raises(LexiconError, match=r"surnames.tsv:2: column 'surname': must not be empty"):
        read_tsv(path)


@pytest.mark.parametrize("name,header,missing", [
    ("outlets.tsv", "nom\ttype", "name"), ("honours.tsv", "canonical\taliases", "holder"),
    ("measure_words.tsv", "unit", "kind")])
def test_lexicon_header_must_name_the_required_columns(tmp_path, name, header, missing):
    path = tmp_path / name
    path.write_text(f"{header}\nx\ty\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"{name}:1: header must name the columns .*missing {missing}"):
        read_tsv(path)


def test_lexicon_closed_sets_are_the_contracts():
    """The row checks and the pydantic models take their closed sets from one place."""
    from union_extract import models
    assert models.OrgType is kinds.OrgType and models.Level is kinds.Level and models.FigureKind is kinds.FigureKind
    choices = {c.name: c.choices for c in ROW_COLUMNS["org_suffixes.tsv"]}
    assert choices["type"] == get_args(models.Organization.model_fields["type"].annotation)


def test_every_shipped_lexicon_passes_its_checks():
    from union_extract.lexicon import builtin_dir
    for name in ROW_COLUMNS:
        read_tsv(builtin_dir() / name)          # raises on a bad row


NEVER_ON_THE_BATCH_PATH = ("pydantic", "spacy", "pyarrow", "duckdb", "pyspark", "pandas", "jieba")


def test_convert_imports_no_heavy_library(tmp_path):
    """``convert`` writes dicts with orjson: pydantic (the contract's models), spaCy, pyarrow, DuckDB,
    PySpark and pure-Python jieba are never imported on its path."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "本报讯 温岭市总工会为3支服务队授旗。"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    code = ("import sys, json; from union_extract.cli import main; rc = main(sys.argv[1:]); "
            "print(json.dumps([rc, sorted(m for m in sys.modules if m.split('.')[0] in %r)]))" % (NEVER_ON_THE_BATCH_PATH,))
    r = subprocess.run([sys.executable, "-c", code, "convert", str(src), "-o", str(tmp_path / "o.jsonl"), "--quiet"],
                       capture_output=True, text=True, cwd=tmp_path)
    rc, heavy = json.loads(r.stdout.strip().splitlines()[-1])
    assert rc == 0 and heavy == []
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["source_id"] == "a"


def test_segmenter_check_builds_nothing():
    """The CLI's check before workers start finds a missing module without loading a dictionary."""
    from union_extract import segmenter

    claimed = segmenter._claimed.locked()
    segmenter.check_installed("rjieba")
    assert segmenter._claimed.locked() == claimed        # rjieba's preloaded dictionary left free

    class Missing:
        requires = "no_such_segmenter_module_xyz"

    segmenter.SEGMENTERS["missing-test"] = Missing
    try:
        with pytest.raises(ImportError):
            segmenter.check_installed("missing-test")
    finally:
        del segmenter.SEGMENTERS["missing-test"]
    with pytest.raises(ValueError):
        segmenter.check_installed("no-such-name")
