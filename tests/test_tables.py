"""Analyst tables: flattening of article records, Parquet/CSV writers, convert --format."""
import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import FIXTURES, load_gold, run_cli
from union_extract import tables as T
from union_extract.table_writers import TABLE_NAMES, TableWriter

ARCHIVE = FIXTURES / "archive"


def records(name="2019-2020.jsonl"):
    return [json.loads(l) for l in open(ARCHIVE / name, encoding="utf-8")]


def read(dirpath, table):
    return pq.read_table(dirpath / f"{table}.parquet")


def test_rows_follow_the_column_order_and_keys():
    rec = records()[0]
    rows = T.article_rows(rec)
    assert set(rows) == set(T.TABLES)
    for name, rs in rows.items():
        for r in rs:
            assert len(r) == len(T.TABLES[name]), name
            assert r[:2] == ("2019/p03.txt", 0)
    (p_reporter, p_holder) = rows["persons"]
    assert p_holder[2:5] == ("2019/p03.txt#0/p1", "柏青松",
                             [{"title": "工会主席", "organization": "杭州市临安区青禾机械有限公司"}])
    assert p_holder[5] == ["2019/p03.txt#0/h0"] and p_holder[6] == 2
    h = dict(zip([c for c, _ in T.TABLES["honours"]], rows["honours"][1]))
    assert (h["holder_type"], h["holder_name"], h["level"]) == ("organization", "杭州市临安区青禾机械有限公司", "provincial")
    art = dict(zip([c for c, _ in T.TABLES["articles"]], rows["articles"][0]))
    assert art["reporters"] == ["岑晓禾"] and art["reference_date"] == "2019-04-28" and art["n_honours"] == 2
    assert T.meta_strings(rec) == {"page": "3"}


def test_every_span_is_a_mention_row():
    rec = records()[1]
    kinds = [(m[3], m[2]) for m in T.article_rows(rec)["mentions"]]
    assert ("figure", "2020/p02.txt#0/f0") in kinds and ("date", "2020/p02.txt#0/d1") in kinds
    n_entity = sum(len(e["mentions"]) for k in ("persons", "organizations", "honors") for e in rec[k])
    assert len(kinds) == n_entity + len(rec["figures"]) + len(rec["dates"])


@pytest.mark.parametrize("value,year", [("2024-04-28", 2024), ("2024-04", 2024), ("2024", 2024),
                                        ("T08:00", None), (None, None), ("", None)])
def test_date_year(value, year):
    assert T.date_year(value) == year


def rows_table(recs, name):
    """The reference: the rows of article_rows, converted column by column."""
    schema = T.arrow_schema(T.TABLES[name])
    rows = [r for rec in recs for r in T.article_rows(rec)[name]]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(zip(*rows), schema)], schema=schema)


@pytest.mark.parametrize("source", ["archive", "gold_output"])
def test_batch_tables_equal_the_rows_of_article_rows(source):
    """Parquet is cut from a batch with Arrow kernels; it must be exactly the per-article rows."""
    if source == "archive":
        recs = records() + records("2021-2022.jsonl")
    else:
        import union_extract
        ex = union_extract.Extractor()
        recs = [a.model_dump() for g in load_gold("gold_dev.jsonl")[:4]
                for a in ex.extract(g["text"], source_id=g["id"]).articles]
    got = T.batch_tables(recs)
    assert set(got) == set(T.TABLES)
    for name, table in got.items():
        ref = rows_table(recs, name)
        assert ref.num_rows > 0, name
        assert table.equals(ref), name


def test_types_map_to_arrow_and_duckdb():
    assert T.arrow_type("list<struct<title:string,organization:string>>") == pa.list_(
        pa.struct([("title", pa.string()), ("organization", pa.string())]))
    assert T.duckdb_type("list<string>") == "VARCHAR[]"
    assert T.duckdb_type("bool") == "BOOLEAN" and T.duckdb_type("float64") == "DOUBLE"


def write(tmp_path, recs, fmt="parquet", **kw):
    out = tmp_path / "tables"
    w = TableWriter(str(out), fmt, **kw)
    for r in recs:
        w.write_article(r)
    w.write_error({"source_id": "bad.txt", "line": 3, "kind": "empty", "reason": "no text"})
    w.commit()
    return out


def test_parquet_declared_types_survive_all_null_columns(tmp_path):
    out = write(tmp_path, records())
    arts = read(out, "articles")
    assert arts.schema.field("subtitle").type == pa.string()        # null in every article
    assert arts.schema.field("reporters").type == pa.list_(pa.string())
    assert arts.column("subtitle").null_count == arts.num_rows == 3
    figs = read(out, "figures")
    assert figs.schema.field("value").type == pa.float64() and figs.schema.field("approximate").type == pa.bool_()
    assert read(out, "dates").schema.field("year").type == pa.int64()
    errs = read(out, "errors").to_pylist()
    assert errs == [{"source_id": "bad.txt", "line": 3, "kind": "empty", "reason": "no text"}]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in TABLE_NAMES)


def test_meta_keys_become_string_columns_and_unknown_keys_are_kept(tmp_path):
    recs = records() + records("2021-2022.jsonl")
    out = write(tmp_path, recs, meta_keys=["page"])
    arts = read(out, "articles").to_pylist()
    assert [a["meta_page"] for a in arts] == ["3", None, None, "1", None, None, None]
    assert json.loads(arts[3]["meta_other"]) == {"date": "2021年5月1日"}
    assert arts[0]["meta_other"] is None
    # without --keep-fields: the keys of the first row group
    out2 = write(tmp_path / "b", recs)
    cols = read(out2, "articles").column_names
    assert "meta_date" in cols and "meta_page" in cols and "meta_other" in cols


def test_no_meta_at_all_still_has_the_meta_other_column(tmp_path):
    recs = [{k: v for k, v in r.items() if k != "meta"} for r in records()]
    out = write(tmp_path, recs)
    assert read(out, "articles").column_names[-1] == "meta_other"


def test_row_groups_are_written_as_they_fill(tmp_path):
    recs = records() + records("2021-2022.jsonl")
    out = write(tmp_path, recs, articles_per_group=2)
    meta = pq.read_metadata(out / "mentions.parquet")
    assert meta.num_row_groups == 4 and pq.read_metadata(out / "articles.parquet").num_row_groups == 4
    assert meta.num_rows == sum(len(T.article_rows(r)["mentions"]) for r in recs)


def test_abort_leaves_nothing_and_existing_files_alone(tmp_path):
    out = tmp_path / "tables"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    w = TableWriter(str(out), "parquet", articles_per_group=1)
    for r in records():
        w.write_article(r)
    assert (out / "mentions.parquet.partial").exists() and not (out / "mentions.parquet").exists()
    w.abort()
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    fresh = tmp_path / "fresh"
    w = TableWriter(str(fresh), "csv")
    w.abort()
    assert not fresh.exists()


def test_csv_has_headers_json_lists_and_empty_nulls(tmp_path):
    out = write(tmp_path, records(), fmt="csv")
    with open(out / "persons.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [c for c, _ in T.TABLES["persons"]]
    assert json.loads(rows[1]["roles"]) == [{"title": "工会主席", "organization": "杭州市临安区青禾机械有限公司"}]
    with open(out / "figures.csv", encoding="utf-8", newline="") as fh:
        figs = list(csv.DictReader(fh))
    assert figs[0]["approximate"] == "false" and float(figs[0]["value"]) == 120000.0
    with open(out / "articles.csv", encoding="utf-8", newline="") as fh:
        arts = list(csv.DictReader(fh))
    assert arts[1]["subtitle"] == "" and arts[0]["meta_page"] == "3"


def jsonl_counts(path):
    arts = [json.loads(l) for l in open(path, encoding="utf-8")]
    return {
        "articles": len(arts),
        "persons": sum(len(a["persons"]) for a in arts),
        "organizations": sum(len(a["organizations"]) for a in arts),
        "honours": sum(len(a["honors"]) for a in arts),
        "figures": sum(len(a["figures"]) for a in arts),
        "dates": sum(len(a["dates"]) for a in arts),
        "entity_mentions": sum(len(e["mentions"]) for a in arts for k in ("persons", "organizations", "honors")
                               for e in a[k]),
    }


def test_convert_format_parquet_agrees_with_jsonl_on_gold_dev(tmp_path):
    src = str(FIXTURES / "gold_dev.jsonl")
    r = run_cli("convert", src, "-o", str(tmp_path / "out.jsonl"))
    assert r.returncode == 0, r.stderr
    r = run_cli("convert", src, "-o", str(tmp_path / "pq"), "--format", "parquet", "--workers", "2")
    assert r.returncode == 0, r.stderr
    want = jsonl_counts(tmp_path / "out.jsonl")
    got = {t: pq.read_metadata(tmp_path / "pq" / f"{t}.parquet").num_rows for t in T.TABLES}
    assert want["honours"] > 0 and want["figures"] > 0
    for t in ("articles", "persons", "organizations", "honours", "figures", "dates"):
        assert got[t] == want[t], t
    kinds = read(tmp_path / "pq", "mentions").column("kind").to_pylist()
    assert sum(k in ("person", "organization", "honour") for k in kinds) == want["entity_mentions"]
    assert kinds.count("figure") == want["figures"] and kinds.count("date") == want["dates"]
    assert not list((tmp_path / "pq").glob("*.partial"))
    # one process hands the writer dicts, workers JSON lines: the same tables
    r = run_cli("convert", src, "-o", str(tmp_path / "pq1"), "--format", "parquet")
    assert r.returncode == 0, r.stderr
    for t in T.TABLES:
        assert read(tmp_path / "pq1", t).equals(read(tmp_path / "pq", t)), t


def test_convert_format_usage_errors(tmp_path):
    src = str(FIXTURES / "gold_dev.jsonl")
    assert run_cli("convert", src, "--format", "parquet").returncode == 2                  # no -o
    assert run_cli("convert", src, "-o", str(tmp_path / "d"), "--format", "csv", "--resume").returncode == 2
    f = tmp_path / "file"
    f.write_text("x")
    r = run_cli("convert", src, "-o", str(f), "--format", "parquet")
    assert r.returncode == 2 and "not a directory" in r.stderr and f.read_text() == "x"


def test_convert_errors_go_to_the_errors_table(tmp_path):
    r = run_cli("convert", str(FIXTURES / "bad" / "mixed.jsonl"), "-o", str(tmp_path / "t"), "--format", "parquet",
                "--quiet")
    assert r.returncode == 1
    errs = read(tmp_path / "t", "errors").to_pylist()
    assert len(errs) == 5 and {e["kind"] for e in errs} >= {"invalid_json", "not_object", "duplicate_id"}
    assert read(tmp_path / "t", "articles").column("source_id").to_pylist() == ["ok-1", "ok-2"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_line_separators_inside_the_text_do_not_split_records(tmp_path, workers):
    """JSON leaves U+2028 and U+0085 unescaped; the table path must not split lines on them
    (workers send JSON lines; one process hands over dicts)."""
    src = tmp_path / "in.jsonl"
    text = "本报讯 记者柏青松报道\u2028日前,温州市鹿城区总工会为120名职工\x85送上清凉。"
    src.write_text(json.dumps({"id": "sep", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run_cli("convert", str(src), "-o", str(tmp_path / "t"), "--format", "parquet", "--workers", workers)
    assert r.returncode == 0, r.stderr
    arts = read(tmp_path / "t", "articles").to_pylist()
    # one record, whole (the separators themselves are line breaks to the normaliser)
    assert len(arts) == 1 and arts[0]["text"].startswith("本报讯") and arts[0]["text"].endswith("送上清凉。")
