"""Spark runner in local mode: same rows as `convert`, bad rows as error rows, the contract's schema.

One SparkSession for the module (JVM start-up is the expensive part), two cores, no UI."""
import json
import os
import sys
from typing import Optional, Union

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from pydantic import BaseModel
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from conftest import FIXTURES, load_gold, run_cli
from union_extract import spark as S
from union_extract.cli import main as cli_main
from union_extract.models import Article

FAULT_DOC = "fault-doc"   # extraction of this id raises (convert's fault injection, set for the executors)


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("union-extract-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.executorEnv.UNION_EXTRACT_FAULT", f"raise:{FAULT_DOC}")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def gold_jsonl(tmp_path_factory):
    """The public gold documents as convert input: one JSONL line each, plus a `paper` field."""
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    docs = load_gold("gold_seed.jsonl") + load_gold("gold_dev.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):
            fh.write(json.dumps({"id": d["id"], "text": d["text"], "paper": "AB"[i % 2]}, ensure_ascii=False) + "\n")
    return path, docs


@pytest.fixture(scope="module")
def convert_rows(gold_jsonl, tmp_path_factory):
    """What single-process `union-extract convert` writes for the gold documents."""
    out = tmp_path_factory.mktemp("convert") / "out.jsonl"
    r = run_cli("convert", str(gold_jsonl[0]), "-o", str(out), "--quiet")
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in open(out, encoding="utf-8")]


def contract_rows(rows):
    """Spark rows as the JSON objects convert writes (kept columns and `error` dropped), in order."""
    names = set(Article.model_fields)
    out = [{k: v for k, v in r.asDict(recursive=True).items() if k in names} for r in rows]
    return sorted(out, key=lambda a: (a["source_id"], a["article_index"]))


def normalised(rows):
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]


def by_key(rows):
    return sorted(rows, key=lambda a: (a["source_id"], a["article_index"]))


# ---- the output equals convert's -------------------------------------------------------------

def test_jsonl_rows_equal_convert_row_for_row(spark, gold_jsonl, convert_rows):
    df = S.read_inputs(spark, [str(gold_jsonl[0])], keep=["paper"])
    rows = df.collect()
    assert all(r.error is None for r in rows)
    got = contract_rows(rows)
    assert len(got) == len(convert_rows) > len(gold_jsonl[1])
    assert normalised(got) == normalised(by_key(convert_rows))
    for a in got:
        Article.model_validate(a)   # every row is a valid contract record
    papers = {r.source_id: r.paper for r in rows}
    assert papers[gold_jsonl[1][0]["id"]] == "A" and papers[gold_jsonl[1][1]["id"]] == "B"


def test_dataframe_columns_equal_convert(spark, gold_jsonl, convert_rows):
    docs = gold_jsonl[1]
    df = spark.createDataFrame([(d["id"], d["text"], i) for i, d in enumerate(docs)], "id string, text string, n int")
    out = S.extract_articles(df, keep=["n"])
    assert out.schema["n"].dataType == T.IntegerType()
    rows = out.collect()
    assert normalised(contract_rows(rows)) == normalised(by_key(convert_rows))
    n_of = {d["id"]: i for i, d in enumerate(docs)}
    assert all(r.n == n_of[r.source_id] for r in rows)


# ---- bad rows are error rows, never a failed job ----------------------------------------------

def test_bad_rows_land_in_error_column(spark):
    good = "本报讯 记者王建华报道 温岭市总工会举行启动仪式。"
    rows = [("ok", good), ("null-text", None), ("blank", " \n "), ("huge", good * 20), (None, good),
            (FAULT_DOC, good), ("ok-2", "武义县总工会组建劳模工匠志愿服务队3支。")]
    df = spark.createDataFrame(rows, "id string, text string")
    out = S.extract_articles(df, max_chars=200).collect()
    errors = {r.source_id: r.error.kind for r in out if r.error}
    assert errors == {"null-text": "bad_text_field", "blank": "empty", "huge": "too_large", None: "bad_id_field",
                      FAULT_DOC: "extraction_failed"}
    for r in out:
        if r.error:   # article fields are null on an error row
            assert r.article_index is None and r.persons is None and r.error.reason
    assert {r.source_id for r in out if not r.error} == {"ok", "ok-2"}


def test_bad_jsonl_lines_and_undecodable_bytes(spark, tmp_path):
    lines = spark.read.text(str(FIXTURES / "bad" / "mixed.jsonl"))
    out = S.extract_articles(lines, jsonl=True).collect()
    kinds = sorted(r.error.kind for r in out if r.error)
    assert kinds == ["bad_text_field", "bad_text_field", "invalid_json", "not_object"]
    assert any("not json at all" in r.error.reason for r in out if r.error)
    assert {r.error.reason for r in out if r.error and r.source_id == "num-text"} == \
        {"field 'text' is a int, not a string"}
    assert {r.source_id for r in out if not r.error} == {"ok-1", "ok-2"}
    gbk = "本报讯 温岭市总工会举行启动仪式。".encode("gb18030")
    df = spark.createDataFrame([("bin", bytes([0, 1, 2, 0xFF, 0xFE, 3])), ("gbk", gbk)], "id string, text binary")
    out = S.extract_articles(df).collect()
    assert [r.error.kind for r in out if r.error] == ["undecodable"]
    assert [r.source_id for r in out if not r.error] == ["gbk"]


# ---- schema ------------------------------------------------------------------------------------

JSON_LEAVES = {"string": T.StringType(), "integer": T.LongType(), "number": T.DoubleType(), "boolean": T.BooleanType()}


def check_against_json_schema(node, spark_type, defs, path):
    """Walk `union-extract schema`'s JSON Schema beside a Spark type: same names, same types."""
    if "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    if "anyOf" in node:
        (node,) = [n for n in node["anyOf"] if n.get("type") != "null"]
        return check_against_json_schema(node, spark_type, defs, path)
    if node.get("type") == "object" and "properties" not in node:      # free-form (Article.meta)
        assert spark_type == T.MapType(T.StringType(), T.StringType()), path
    elif node.get("type") == "object":
        assert isinstance(spark_type, T.StructType), path
        assert spark_type.fieldNames() == list(node["properties"]), path
        for f in spark_type.fields:
            check_against_json_schema(node["properties"][f.name], f.dataType, defs, f"{path}.{f.name}")
    elif node.get("type") == "array":
        assert isinstance(spark_type, T.ArrayType), path
        check_against_json_schema(node["items"], spark_type.elementType, defs, path + "[]")
    else:
        assert spark_type == JSON_LEAVES[node["type"]], path


def test_schema_matches_union_extract_schema(spark):
    r = run_cli("schema")
    assert r.returncode == 0, r.stderr
    js = json.loads(r.stdout)
    generated = S.contract_schema()
    check_against_json_schema(js, generated, js["$defs"], "Article")
    # the columns a real run produces are those same ones, then `error`
    df = spark.createDataFrame([("x", "温岭市总工会举行启动仪式。")], "id string, text string")
    produced = S.extract_articles(df).schema
    assert produced.fieldNames() == list(js["properties"]) + ["error"]
    check_against_json_schema(js, T.StructType(produced.fields[:-1]), js["$defs"], "Article")
    # nullability follows Optional: a figure's value is not nullable, an honour's holder is
    honour = generated["honors"].dataType.elementType
    assert honour["holder"].nullable and not honour["name"].nullable
    assert not generated["figures"].dataType.elementType["value"].nullable


def test_schema_converter_refuses_what_spark_cannot_type():
    class Loose(BaseModel):
        value: Union[int, str]

    class Fine(BaseModel):
        tags: list[str]
        score: Optional[float] = None

    with pytest.raises(TypeError):
        S.contract_schema(Loose)
    fine = S.contract_schema(Fine)
    assert fine["tags"].dataType == T.ArrayType(T.StringType(), False)
    assert fine["score"].dataType == T.DoubleType() and fine["score"].nullable


# ---- tables and spark-convert -----------------------------------------------------------------

def test_spark_convert_writes_partitioned_tables_that_agree_with_convert(spark, gold_jsonl, convert_rows, tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "docs.jsonl").write_text(gold_jsonl[0].read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    (src / "sub" / "page.txt").write_bytes((FIXTURES / "seed_page.txt").read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "out"
    rc = cli_main(["spark-convert", str(src), str(out), "--partition-by", "paper", "--keep-fields", "paper"])
    assert rc == 1   # one bad line: recorded, the rest written
    assert sorted(p.name for p in out.iterdir()) == sorted(list(S.TABLES) + ["mentions", "errors"])
    assert (out / "persons" / "paper=A").is_dir()
    hive = ds.partitioning(pa.schema([("paper", pa.string())]), flavor="hive")
    t = {name: ds.dataset(out / name, format="parquet", partitioning=hive).to_table().to_pylist()
         for name in list(S.TABLES) + ["mentions", "errors"]}
    # the same directory through single-process convert
    r = run_cli("convert", str(src), "-o", str(tmp_path / "c.jsonl"), "--quiet")
    assert r.returncode == 1
    conv = [json.loads(line) for line in open(tmp_path / "c.jsonl", encoding="utf-8")]
    assert sorted((a["source_id"], a["article_index"]) for a in t["articles"]) == \
        sorted((a["source_id"], a["article_index"]) for a in conv)
    assert "sub/page.txt" in {a["source_id"] for a in t["articles"]}
    assert {a["paper"] for a in t["articles"] if a["source_id"] != "sub/page.txt"} == {"A", "B"}
    for table, key in (("persons", "persons"), ("organizations", "organizations"), ("honours", "honors"),
                       ("figures", "figures"), ("dates", "dates")):
        assert len(t[table]) == sum(len(a[key]) for a in conv), table
    n_mentions = sum(len(e["mentions"]) for a in conv for k in ("persons", "organizations", "honors") for e in a[k])
    n_mentions += sum(len(a["figures"]) + len(a["dates"]) for a in conv)
    assert len(t["mentions"]) == n_mentions
    (err,) = t["errors"]
    assert err["kind"] == "invalid_json"
    # honours flattened: holder columns are the nested holder
    nested = {h["id"]: h for a in conv for h in a["honors"]}
    for h in t["honours"]:
        holder = nested[h["id"]]["holder"] or {}
        assert (h["holder_type"], h["holder_id"]) == (holder.get("type"), holder.get("id"))
    fig = next(f for f in t["figures"] if f["source_id"] == "sub/page.txt")
    assert fig["id"].startswith(f"sub/page.txt#{fig['article_index']}/f")
    # its own output only: a second run into the same directory is refused
    assert cli_main(["spark-convert", str(src), str(out)]) == 2


def test_nested_layout_keeps_contract_rows(spark, gold_jsonl, convert_rows, tmp_path):
    out = tmp_path / "nested"
    assert cli_main(["spark-convert", str(gold_jsonl[0]), str(out), "--layout", "nested"]) == 0
    rows = ds.dataset(out / "articles", format="parquet").to_table().to_pylist()
    assert normalised(by_key(rows)) == normalised(by_key(convert_rows))


def test_a_row_arrow_cannot_type_becomes_an_error_row_in_place():
    fields = S.output_schema().fields
    schema = pa.schema([pa.field(f.name, S._arrow_type(f.dataType), True) for f in fields])
    rows = [{"source_id": "a", "article_index": 0}, {"source_id": "b", "article_index": "not a number"},
            {"source_id": "c", "article_index": 1}]
    batch = S._typed(rows, schema).to_pylist()
    assert [r["source_id"] for r in batch] == ["a", "b", "c"]
    assert [r["error"] is None for r in batch] == [True, False, True]
    assert batch[1]["error"]["kind"] == "extraction_failed" and batch[1]["article_index"] is None


def test_caller_errors_are_raised_before_the_job(spark, tmp_path):
    df = spark.createDataFrame([("x", "温岭市总工会。")], "id string, text string")
    with pytest.raises(ValueError):
        S.extract_articles(df, reference_date="2024-13-45")
    with pytest.raises(FileNotFoundError):
        S.extract_articles(df, lexicon_dir=str(tmp_path / "nowhere"))
    with pytest.raises(ValueError):
        S.extract_articles(df, keep=["title"])    # would clash with the contract's column
    with pytest.raises(ValueError):
        S.extract_articles(df, text_col="body")


def test_text_files_over_the_limit_are_error_rows_without_being_read(spark, tmp_path):
    (tmp_path / "small.txt").write_text("温岭市总工会举行启动仪式。", encoding="utf-8")
    (tmp_path / "long.txt").write_text("温岭市总工会举行启动仪式。" * 10, encoding="utf-8")        # 130 chars, 390 bytes
    (tmp_path / "giant.txt").write_text("温岭市总工会举行启动仪式。" * 40, encoding="utf-8")      # 1560 bytes
    # given as a URI, as on a cluster (hdfs://, s3a://): Spark lists the directory
    out = S.read_inputs(spark, [tmp_path.as_uri()], max_chars=100).collect()
    errors = {r.source_id: (r.error.kind, r.error.reason) for r in out if r.error}
    assert sorted(errors) == ["giant.txt", "long.txt"]
    assert errors["giant.txt"][0] == errors["long.txt"][0] == "too_large"
    assert "1560 bytes" in errors["giant.txt"][1] and "130 characters" in errors["long.txt"][1]
    assert {r.source_id for r in out if not r.error} == {"small.txt"}
