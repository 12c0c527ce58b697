"""The DuckDB archive: index (incremental, idempotent), who-is-who, honour awards, views, query.

fixtures/archive/ is a synthetic archive (see fixtures/archive/make.py for the cast): one 柏青松
in 杭州市临安区 (2019, 2021), another in 贵州省遵义市 (2020), a third without evidence (2022);
岑晓禾, a reporter (2019, 2021); 甘励新 of 温州市鹿城区 (2020, 2022) and of 温州市龙湾区 (2021);
a winter aid article of a union (2021-12).
"""
import json
import shutil

import duckdb
import pytest

from conftest import FIXTURES, run_cli
from union_extract.lexicon import load
from union_extract.people import _iso, date_of_article, org_places
from union_extract.registry import index
from union_extract.table_writers import TableWriter
from union_extract.textable import render, width

ARCHIVE = FIXTURES / "archive"
FIRST, SECOND = str(ARCHIVE / "2019-2020.jsonl"), str(ARCHIVE / "2021-2022.jsonl")
QINGHE = "杭州市临安区青禾机械有限公司"


def build(tmp_path, *inputs, name="a.duckdb"):
    db = tmp_path / name
    assert index(list(inputs), str(db), out=open("/dev/null", "w")) == 0
    return db


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def archive(tmp_path):
    return build(tmp_path, FIRST, SECOND)


def test_people_merges_and_splits_are_exactly_the_expected_ones(archive):
    got = rows(archive, """SELECT name, province, region, n_articles, evidence, confidence,
                                  list(source_id || '#' || article_index ORDER BY source_id, article_index)
                           FROM people JOIN person_articles USING (person_key)
                           GROUP BY ALL ORDER BY name, province NULLS LAST, region NULLS LAST""")
    assert got == [
        ("岑晓禾", None, None, 2, ["name only"], 0.5, ["2019/p03.txt#0", "2021/p01.txt#1"]),
        ("柏青松", "浙江省", "临安区", 2, [f"org:{QINGHE}"], 0.9, ["2019/p03.txt#0", "2021/p01.txt#1"]),
        ("柏青松", "贵州省", "遵义市", 1, ["one mention"], 1.0, ["2020/p02.txt#0"]),
        ("柏青松", None, None, 1, ["ambiguous: 2 placed people of this name"], 0.3, ["2022/p04.txt#0"]),
        ("甘励新", "浙江省", "鹿城区", 2, ["region:鹿城区"], 0.75, ["2020/p02.txt#1", "2022/p04.txt#0"]),
        ("甘励新", "浙江省", "龙湾区", 1, ["one mention"], 1.0, ["2021/p05.txt#0"]),
    ]


def test_timeline_of_a_person(archive):
    got = rows(archive, """SELECT date, event, detail, roles FROM person_timeline
                           WHERE person_key = (SELECT person_key FROM people WHERE name = '柏青松' AND province = '浙江省')""")
    assert got == [
        ("2019-04-28", "article", "青禾机械获评省级工人先锋号", f"工会主席@{QINGHE}"),
        ("2019-04-28", "honour", "浙江省劳动模范", "provincial"),
        ("2021-05-01", "article", "全国五一劳动奖章获得者柏青松", f"董事长@{QINGHE}"),
        ("2021-05-01", "honour", "全国五一劳动奖章", "national"),
    ]


def test_article_dates_use_reference_date_then_meta_date_then_the_article(archive):
    got = rows(archive, "SELECT source_id, article_index, reported_date, reported_year, date_source FROM article_dates ORDER BY ALL")
    assert got == [
        ("2019/p03.txt", 0, "2019-04-28", 2019, "reference_date"),
        ("2020/p02.txt", 0, "2020-09-10", 2020, "article_dates"),     # the full date, not the bare year
        ("2020/p02.txt", 1, "2020-07", 2020, "article_dates"),
        ("2021/p01.txt", 1, "2021-05-01", 2021, "meta_date"),         # 2021年5月1日 in the metadata
        ("2021/p05.txt", 0, "2021-10-08", 2021, "article_dates"),
        ("2021/p12.txt", 0, "2021-12-20", 2021, "article_dates"),
        ("2022/p04.txt", 0, "2022-03", 2022, "article_dates"),        # 日前 does not resolve
    ]


def test_honour_awards_and_every_view(archive):
    zj = rows(archive, "SELECT person_key FROM people WHERE name = '柏青松' AND province = '浙江省'")[0][0]
    gz = rows(archive, "SELECT person_key FROM people WHERE province = '贵州省'")[0][0]
    assert rows(archive, """SELECT honour, canonical, level, region, holder_type, holder_key, holder_name,
                                   reported_year FROM honour_awards ORDER BY reported_date, honour""") == [
        ("浙江省劳动模范", "劳动模范", "provincial", "浙江省", "person", zj, "柏青松", 2019),
        ("浙江省工人先锋号", "工人先锋号", "provincial", "浙江省", "organization", f"org:{QINGHE}", QINGHE, 2019),
        ("遵义市劳动模范", "劳动模范", "municipal", "遵义市", "person", gz, "柏青松", 2020),
        ("全国五一劳动奖章", "五一劳动奖章", "national", None, "person", zj, "柏青松", 2021),
        ("全国工人先锋号", "工人先锋号", "national", "临安区", "organization", f"org:{QINGHE}", QINGHE, 2021),
    ]
    assert rows(archive, "SELECT * FROM honours_by_year") == [
        (2019, "劳动模范", "provincial", 1, 1), (2019, "工人先锋号", "provincial", 1, 1),
        (2020, "劳动模范", "municipal", 1, 1),
        (2021, "五一劳动奖章", "national", 1, 1), (2021, "工人先锋号", "national", 1, 1),
    ]
    assert rows(archive, """SELECT name, province, honour, reported_year FROM people_with_honours
                            ORDER BY province, reported_year""") == [
        ("柏青松", "浙江省", "浙江省劳动模范", 2019), ("柏青松", "浙江省", "全国五一劳动奖章", 2021),
        ("柏青松", "贵州省", "遵义市劳动模范", 2020),
    ]
    assert rows(archive, "SELECT name, type, region, province, honour, level, reported_year FROM organisation_awards") == [
        (QINGHE, "enterprise", "临安区", "浙江省", "浙江省工人先锋号", "provincial", 2019),
        (QINGHE, "enterprise", "临安区", "浙江省", "全国工人先锋号", "national", 2021),
    ]


def snapshot(db):
    """Every table and view, columns in name order (metadata columns arrive in load order)."""
    out = {}
    for (t,) in rows(db, "SELECT table_name FROM information_schema.tables ORDER BY 1"):
        cols = sorted(c for (c,) in rows(db, f"SELECT column_name FROM information_schema.columns WHERE table_name = '{t}'"))
        out[t] = sorted(map(repr, rows(db, "SELECT " + ", ".join(f'"{c}"' for c in cols) + f' FROM "{t}"')))
    return out


def test_index_twice_adds_nothing_and_incremental_equals_at_once(tmp_path, archive):
    once = snapshot(archive)
    assert index([FIRST, SECOND], str(archive), out=open("/dev/null", "w")) == 0
    assert snapshot(archive) == once
    step = build(tmp_path, FIRST, name="step.duckdb")
    assert rows(step, "SELECT count(*) FROM people") == [(4,)]    # 岑晓禾, 柏青松 ×2, 甘励新
    index([SECOND], str(step), out=open("/dev/null", "w"))
    assert snapshot(step) == once
    assert len(once["honour_awards"]) == 5 and len(once["mentions"]) > 20


def test_a_reindexed_document_replaces_its_rows(tmp_path, archive):
    recs = [json.loads(l) for l in open(FIRST, encoding="utf-8")]
    recs[0]["title"] = "改过的标题"
    recs[0]["honors"] = recs[0]["honors"][:1]
    recs[0]["persons"][1]["honors"] = []
    recs[0]["organizations"][0]["honors"] = []
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(recs[0], ensure_ascii=False) + "\n", encoding="utf-8")
    index([str(changed)], str(archive), out=open("/dev/null", "w"))
    assert rows(archive, "SELECT title FROM articles WHERE source_id = '2019/p03.txt'") == [("改过的标题",)]
    assert rows(archive, "SELECT count(*) FROM articles") == [(7,)]
    assert rows(archive, "SELECT count(*) FROM honours WHERE source_id = '2019/p03.txt'") == [(1,)]
    assert rows(archive, "SELECT count(*) FROM honour_awards") == [(4,)]


def test_parquet_directories_index_like_jsonl(tmp_path, archive):
    out = tmp_path / "pq"
    w = TableWriter(str(out), "parquet")
    for f in (FIRST, SECOND):
        for l in open(f, encoding="utf-8"):
            w.write_article(json.loads(l))
    w.commit()
    db = build(tmp_path, str(out), name="pq.duckdb")
    assert snapshot(db) == snapshot(archive)
    types = dict(rows(db, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'"))
    assert types["subtitle"] == "VARCHAR" and types["reporters"] == "VARCHAR[]" and types["meta_page"] == "VARCHAR"


def test_bad_inputs_are_reported_not_fatal(tmp_path):
    bad = tmp_path / "bad.jsonl"
    typed_wrong = json.loads(open(FIRST, encoding="utf-8").readline())
    typed_wrong["persons"][0]["mentions"][0]["start"] = "ten"
    bad.write_text('{"not": "an article"}\nnot json\n' + json.dumps(typed_wrong, ensure_ascii=False) + "\n"
                   + open(FIRST, encoding="utf-8").readline(), encoding="utf-8")
    db = tmp_path / "b.duckdb"
    r = run_cli("index", str(bad), str(tmp_path / "missing.jsonl"), "--db", str(db))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "bad.jsonl:1: skipped" in r.stderr and "bad.jsonl:2: skipped" in r.stderr and "not found" in r.stderr
    assert "bad.jsonl:3: skipped" in r.stderr
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]


def test_query_command(tmp_path, archive):
    r = run_cli("query", str(archive), "--honour", "劳动模范", "--level", "provincial", "--year", "2019")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["holder_name", "holder_type", "honour"]
    assert len(lines) == 4 and "柏青松" in lines[2] and "浙江省劳动模范" in lines[2] and lines[3] == "(1 rows)"
    r = run_cli("query", str(archive), "--who", "柏青松")
    assert r.returncode == 0 and r.stdout.endswith("(7 rows)\n")
    assert sum(l.startswith("柏青松") for l in r.stdout.splitlines()) == 7
    r = run_cli("query", str(archive), "SELECT count(*) AS n FROM people")
    assert r.stdout.splitlines() == ["n", "-", "6", "(1 rows)"]
    assert run_cli("query", str(archive), "SELECT * FROM nowhere").returncode == 1
    assert run_cli("query", str(tmp_path / "none.duckdb"), "SELECT 1").returncode == 2
    assert run_cli("query", str(archive)).returncode == 2
    notdb = tmp_path / "not.duckdb"
    notdb.write_text("not a database")
    for args in (["query", str(notdb), "SELECT 1"], ["index", FIRST, "--db", str(notdb)]):
        r = run_cli(*args)
        assert r.returncode == 1 and "Traceback" not in r.stderr and "not a valid DuckDB" in r.stderr


def test_render_aligns_wide_characters():
    text = render(["name", "n"], [("柏青松", 1), ("ab", None)])
    lines = text.splitlines()
    assert lines == ["name    n", "------  -", "柏青松  1", "ab"]
    assert width("柏青松") == 6


LEX = load()


@pytest.mark.parametrize("name,expected", [
    (QINGHE, ("临安区", "浙江省")),
    ("温州市鹿城区总工会", ("鹿城区", "浙江省")),
    ("贵州省遵义市红星纺织厂", ("遵义市", "贵州省")),
    ("浙江青禾股份有限公司", ("浙江省", "浙江省")),       # a province's short form opens the name
    ("中山青禾电器公司", ("中山市", "广东省")),           # a city's short form
    ("东方红纺织厂", (None, None)),                       # 东方 is only a county's short form
    ("青禾机械厂", (None, None)),
])
def test_org_places(name, expected):
    assert org_places(name, LEX) == expected


@pytest.mark.parametrize("ref,meta,values,expected", [
    ("2019-04-28", "2020-01-01", ["2018-01-01"], ("2019-04-28", 2019, "reference_date")),
    (None, "2021年5月1日", ["2018-01-01"], ("2021-05-01", 2021, "meta_date")),
    (None, "第3版", ["2018"], ("2018", 2018, "article_dates")),
    (None, None, ["2020", "2019-03-02", "2019-12"], ("2019-03-02", 2019, "article_dates")),
    (None, None, ["T08:00", None], (None, None, None)),
    (None, None, ["2009-05-27T11:23", "--01-17", "2009"], ("2009-05-27", 2009, "article_dates")),
])
def test_date_of_article(ref, meta, values, expected):
    assert date_of_article(ref, meta, values) == expected


@pytest.mark.parametrize("text,iso", [("2021/5/1", "2021-05-01"), ("20210501", "2021-05-01"),
                                      ("2021年5月", "2021-05"), ("5月1日", None), ("", None)])
def test_iso(text, iso):
    assert _iso(text) == iso


def test_index_cli_summary(tmp_path):
    r = run_cli("index", str(ARCHIVE), "--db", str(tmp_path / "c.duckdb"))
    assert r.returncode == 0, r.stderr
    assert "articles=7 replaced=0" in r.stderr and "people=6" in r.stderr and "honour_awards=5" in r.stderr
    shutil.rmtree(tmp_path)


def test_the_readme_cookbook_runs_and_answers(archive):
    """Every SQL block of the README's cookbook runs on the synthetic archive and finds rows."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    cookbook = readme.split("### Cookbook", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in cookbook.split("```sql")[1:]]
    assert 6 <= len(blocks) <= 8
    answers = [rows(archive, b) for b in blocks]
    assert all(answers), [b for b, a in zip(blocks, answers) if not a]
    assert answers[2] == [("温州市鹿城区总工会", 2021, 80000.0, 1)]       # winter money: December only
    assert answers[0] == [("柏青松", "浙江省", "2019-04-28", "青禾机械获评省级工人先锋号")]


def test_people_are_the_same_whatever_the_hash_seed():
    """Ties between places break by order, not by set iteration (string hashing differs per run)."""
    import os
    import subprocess
    import sys
    code = ("from union_extract.people import Evidence, cluster_people; "
            "e = Evidence('s', 0, 's#0/p0', '甘励新', ('甲厂', '乙厂'), "
            "frozenset({('鹿城区', '浙江省'), ('龙湾区', '浙江省'), ('瓯海区', '浙江省')}), ()); "
            "print(cluster_people([e])[0][0][2])")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
            for seed in range(8)}
    assert seen == {"瓯海区"}
