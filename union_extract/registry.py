"""The archive registry: ``union-extract index`` builds a DuckDB database from converted output,
``union-extract query`` asks it questions.

* The per-article tables of :mod:`union_extract.tables` are loaded as they are. A document
  indexed again replaces all of its rows (keyed on ``source_id`` + ``article_index``), so indexing
  the same output twice adds nothing.
* The registry is derived from them after every load (:mod:`union_extract.people` decides who is
  who): ``article_dates`` (the date each article was reported), ``people`` and
  ``person_articles``, ``org_registry``, ``honour_awards``, and the views ``honours_by_year``,
  ``people_with_honours``, ``organisation_awards``, ``person_timeline``.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter, defaultdict

from . import tables as T
from .people import Evidence, cluster_people, date_of_article, org_places, place_of_region

REGISTRY: dict[str, list[tuple[str, str]]] = {
    "article_dates": T.KEY + [("reported_date", "string"), ("reported_year", "int64"), ("date_source", "string")],
    "people": [("person_key", "string"), ("name", "string"), ("region", "string"), ("province", "string"),
               ("organizations", "list<string>"), ("titles", "list<string>"), ("regions", "list<string>"),
               ("n_articles", "int64"), ("first_year", "int64"), ("last_year", "int64"),
               ("evidence", "list<string>"), ("confidence", "float64")],
    "person_articles": [("person_key", "string")] + T.KEY + [("person_id", "string"), ("roles", "string"),
                                                              ("link", "string")],
    "org_registry": [("org_key", "string"), ("name", "string"), ("type", "string"), ("region", "string"),
                     ("province", "string"), ("n_articles", "int64")],
    "honour_awards": T.KEY + [
        ("honour_id", "string"), ("honour", "string"), ("canonical", "string"), ("level", "string"),
        ("region", "string"), ("holder_type", "string"), ("holder_key", "string"), ("holder_name", "string"),
        ("reported_date", "string"), ("reported_year", "int64"), ("date_source", "string"),
        ("article_title", "string")],
}

VIEWS = {
    "honours_by_year": """
        SELECT reported_year AS year, canonical, level, count(*) AS reports,
               count(DISTINCT holder_key) AS holders
        FROM honour_awards GROUP BY ALL ORDER BY year NULLS LAST, canonical, level NULLS LAST""",
    "people_with_honours": """
        SELECT p.person_key, p.name, p.region, p.province, a.honour, a.canonical, a.level,
               a.reported_date, a.reported_year, a.source_id, a.article_index, a.article_title
        FROM honour_awards a JOIN people p ON a.holder_type = 'person' AND a.holder_key = p.person_key
        ORDER BY p.name, p.person_key, a.reported_date NULLS LAST, a.source_id, a.article_index""",
    "organisation_awards": """
        SELECT o.org_key, o.name, o.type, o.region, o.province, a.honour, a.canonical, a.level,
               a.reported_date, a.reported_year, a.source_id, a.article_index, a.article_title
        FROM honour_awards a JOIN org_registry o ON a.holder_type = 'organization' AND a.holder_key = o.org_key
        ORDER BY o.name, a.reported_date NULLS LAST, a.source_id, a.article_index""",
    "person_timeline": """
        SELECT pa.person_key, p.name, d.reported_date AS date, d.reported_year AS year, 'article' AS event,
               a.title AS detail, pa.roles, pa.source_id, pa.article_index
        FROM person_articles pa JOIN people p USING (person_key)
             JOIN article_dates d USING (source_id, article_index)
             JOIN articles a USING (source_id, article_index)
        UNION ALL
        SELECT holder_key, holder_name, reported_date, reported_year, 'honour', honour, level,
               source_id, article_index
        FROM honour_awards WHERE holder_type = 'person'
        ORDER BY person_key, date NULLS LAST, source_id, article_index, event""",
}


def _duckdb():
    try:
        import duckdb
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise RuntimeError('index and query need duckdb and pyarrow: pip install "union-extract[tables]"') from exc
    return duckdb


def _create(con, name: str, columns: list[tuple[str, str]]) -> None:
    cols = ", ".join(f'"{c}" {T.duckdb_type(t)}' for c, t in columns)
    con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({cols})')


def _columns(con, relation_sql: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {relation_sql}").fetchall()]


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


# ---------------------------------------------------------------- loading converted output

def table_dirs(paths: list[str], workdir: str, problems: list[str]):
    """Each input as a directory of ``<table>.parquet`` files: table directories as they are,
    JSONL files (or directories of them) converted into ``workdir`` first."""
    for path in paths:
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, "articles.parquet")):
            yield path, path
        elif os.path.isdir(path):
            found = sorted(os.path.join(r, f) for r, _, fs in os.walk(path) for f in fs
                           if f.endswith(".jsonl") and not f.endswith(".errors.jsonl"))
            if not found:
                problems.append(f"{path}: no articles.parquet and no .jsonl files")
            for f in found:
                yield f, _jsonl_to_tables(f, workdir, problems)
        elif os.path.isfile(path):
            yield path, _jsonl_to_tables(path, workdir, problems)
        else:
            problems.append(f"{path}: not found")


def _jsonl_to_tables(path: str, workdir: str, problems: list[str]) -> str:
    """A JSONL output as a table directory. Each line is checked against the Article model (its
    contract fields; extra fields such as ``meta`` pass), so a bad line is skipped and reported
    instead of failing a whole batch later."""
    import json
    from .models import Article
    from .table_writers import TableWriter
    fields = set(Article.model_fields)
    out = tempfile.mkdtemp(dir=workdir)
    w = TableWriter(out, "parquet")
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict) or "article_index" not in rec:
                    raise ValueError("not an article record")
                Article.model_validate({k: v for k, v in rec.items() if k in fields})
                w.write_article(rec)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                problems.append(f"{path}:{n}: skipped ({type(exc).__name__}: {exc})")
    w.commit()
    return out


def load_tables(con, tdir: str) -> tuple[int, int]:
    """Replace the documents of one table directory in the archive. Returns (articles, replaced)."""
    src = {t: _sql_str(os.path.join(tdir, f"{t}.parquet")) for t in T.TABLES}
    new_cols = [c for c in _columns(con, f"SELECT * FROM read_parquet({src['articles']})")
                if c.startswith(T.META_PREFIX)]
    con.execute("BEGIN TRANSACTION")
    try:
        for c in new_cols:
            con.execute(f'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "{c}" VARCHAR')
        ids = f"SELECT DISTINCT source_id FROM read_parquet({src['articles']})"
        replaced = con.execute(f"SELECT count(*) FROM articles WHERE source_id IN ({ids})").fetchone()[0]
        for t in T.TABLES:
            con.execute(f'DELETE FROM "{t}" WHERE source_id IN ({ids})')
            con.execute(f'INSERT INTO "{t}" BY NAME SELECT * FROM read_parquet({src[t]})')
        n = con.execute(f"SELECT count(*) FROM read_parquet({src['articles']})").fetchone()[0]
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return n, replaced


# ---------------------------------------------------------------- the registry

def _arrow(columns, rows):
    import pyarrow as pa
    schema = T.arrow_schema(columns)
    cols = list(zip(*rows)) if rows else [[] for _ in columns]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema)


def rebuild_registry(con, lex=None) -> dict[str, int]:
    """Derive the registry tables from the article tables (deterministic: same input, same rows)."""
    from .lexicon import load
    lex = lex or load()
    art_cols = set(_columns(con, "articles"))
    meta_date = '"meta_date"' if "meta_date" in art_cols else "NULL"
    dates_by_art: dict[tuple, list[str]] = defaultdict(list)
    for sid, idx, value in con.execute("SELECT source_id, article_index, value FROM dates WHERE value IS NOT NULL").fetchall():
        dates_by_art[(sid, idx)].append(value)
    art_rows, titles = [], {}
    for sid, idx, ref, mdate, title in con.execute(
            f"SELECT source_id, article_index, reference_date, {meta_date}, title FROM articles ORDER BY ALL").fetchall():
        value, year, how = date_of_article(ref, mdate, dates_by_art.get((sid, idx), ()))
        art_rows.append((sid, idx, value, year, how))
        titles[(sid, idx)] = title
    art_date = {(r[0], r[1]): r[2:] for r in art_rows}

    # organisations: one registry row per name
    org_arts: dict[str, set] = defaultdict(set)
    org_types: dict[str, Counter] = defaultdict(Counter)
    for sid, idx, name, typ in con.execute(
            "SELECT source_id, article_index, name, type FROM organizations ORDER BY ALL").fetchall():
        org_arts[name].add((sid, idx))
        org_types[name][typ] += 1
    org_rows = []
    for name in sorted(org_arts):
        place, prov = org_places(name, lex)
        org_rows.append(("org:" + name, name, org_types[name].most_common(1)[0][0], place, prov, len(org_arts[name])))
    org_region = {r[1]: (r[3], r[4]) for r in org_rows}

    honour_region = {(sid, idx, hid): region for sid, idx, hid, region in
                     con.execute("SELECT source_id, article_index, honour_id, region FROM honours").fetchall()}
    evidence, role_text = [], {}
    for sid, idx, pid, name, roles, hids in con.execute(
            "SELECT source_id, article_index, person_id, name, roles, honour_ids FROM persons ORDER BY ALL").fetchall():
        orgs = sorted({r["organization"] for r in roles or () if r.get("organization")})
        role_text[(sid, idx, pid)] = "; ".join("@".join(filter(None, (r.get("title"), r.get("organization"))))
                                               for r in roles or ()) or None
        places: set[tuple[str, str]] = set()
        for o in orgs:
            place, prov = org_region.get(o) or org_places(o, lex)
            if prov:
                places.add((place, prov))
        for h in hids or ():
            place, prov = place_of_region(honour_region.get((sid, idx, h)), lex)
            if prov:
                places.add((place, prov))
        evidence.append(Evidence(sid, idx, pid, name, tuple(orgs), frozenset(places),
                                 tuple(sorted({r["title"] for r in roles or () if r.get("title")})),
                                 art_date[(sid, idx)][1]))
    people, links = cluster_people(evidence)
    person_of = {(sid, idx, pid): key for key, sid, idx, pid, _ in links}
    links = [(key, sid, idx, pid, role_text[(sid, idx, pid)], link) for key, sid, idx, pid, link in links]

    awards = []
    for row in con.execute("""SELECT source_id, article_index, honour_id, name, canonical, level, region,
                                     holder_type, holder_id, holder_name FROM honours ORDER BY ALL""").fetchall():
        sid, idx, hid, name, canon, level, region, htype, holder, hname = row
        key = None
        if htype == "person":
            key = person_of.get((sid, idx, holder))
        elif htype == "organization":
            key = "org:" + hname
        if region is None and htype == "organization":
            region = org_region.get(hname, (None, None))[0]
        value, year, how = art_date[(sid, idx)]
        awards.append((sid, idx, hid, name, canon, level, region, htype, key, hname, value, year, how,
                       titles.get((sid, idx))))

    data = {"article_dates": art_rows, "people": people, "person_articles": links,
            "org_registry": org_rows, "honour_awards": awards}
    con.execute("BEGIN TRANSACTION")
    try:
        for name, rows in data.items():
            tbl = _arrow(REGISTRY[name], rows)  # noqa: F841 - read by the SQL below
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM tbl')
        for name, sql in VIEWS.items():
            con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {sql}')
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {k: len(v) for k, v in data.items()}



def index(outputs: list[str], db: str, out=sys.stderr) -> int:
    """Load converted output into the archive ``db`` and rebuild the registry. Exit code."""
    duckdb = _duckdb()
    con = duckdb.connect(db)
    problems: list[str] = []
    try:
        for name, columns in T.TABLES.items():
            _create(con, name, T.articles_columns([]) if name == "articles" else columns)
        total = replaced = 0
        with tempfile.TemporaryDirectory(prefix="union-extract-index-") as work:
            for path, tdir in table_dirs(outputs, work, problems):
                n, r = load_tables(con, tdir)
                total, replaced = total + n, replaced + r
                print(f"{path}: {n} articles ({r} replaced)", file=out)
        counts = rebuild_registry(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    for p in problems:
        print(f"union-extract: {p}", file=out)
    print(f"articles={total} replaced={replaced} " + " ".join(f"{k}={v}" for k, v in counts.items())
          + f" problems={len(problems)}", file=out)
    return 1 if problems else 0


QUESTIONS = {
    "who": """SELECT name, date, event, detail, roles, source_id, article_index, person_key
              FROM person_timeline WHERE name = ? ORDER BY person_key, date NULLS LAST, source_id, article_index""",
}


def honour_query(honour: str | None, level: str | None, year: int | None) -> tuple[str, list]:
    """The SQL of ``query --honour X --level L --year Y``."""
    where, params = [], []
    if honour:
        where.append("(canonical LIKE ? OR honour LIKE ?)")
        params += [f"%{honour}%"] * 2
    if level:
        where.append("level = ?")
        params.append(level)
    if year is not None:
        where.append("reported_year = ?")
        params.append(year)
    sql = ("SELECT holder_name, holder_type, honour, level, region, reported_date, article_title, "
           "source_id, article_index, holder_key FROM honour_awards"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY reported_date NULLS LAST, holder_name, source_id, article_index")
    return sql, params


def query(db: str, sql: str, params=(), limit: int = 200, out=sys.stdout) -> int:
    duckdb = _duckdb()
    if not os.path.isfile(db):
        print(f"union-extract: {db}: no such database (make one with union-extract index)", file=sys.stderr)
        return 2
    con = None
    try:
        con = duckdb.connect(db, read_only=True)
        cur = con.execute(sql, list(params))
        if cur.description is None:
            return 0
        header = [d[0] for d in cur.description]
        rows = cur.fetchmany(limit + 1)
    except duckdb.Error as exc:
        print(f"union-extract: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        if con is not None:
            con.close()
    from .textable import render
    out.write(render(header, rows[:limit]))
    more = f", first {limit} shown" if len(rows) > limit else ""
    out.write(f"({min(len(rows), limit)} rows{more})\n")
    return 0


def add_commands(sub) -> None:
    """The ``index`` and ``query`` sub-commands."""
    i = sub.add_parser("index", help="build or update a DuckDB archive from converted output (JSONL files, table dirs)")
    i.add_argument("outputs", nargs="+", help="convert output: .jsonl files, --format parquet directories, "
                                              "or directories holding .jsonl files")
    i.add_argument("--db", required=True, help="the DuckDB database file (created when missing)")
    q = sub.add_parser("query", help="ask a DuckDB archive made by index; prints a table")
    q.add_argument("db", help="the DuckDB database file written by index")
    q.add_argument("sql", nargs="?", help="any SQL over the tables, the registry and its views (see README)")
    q.add_argument("--who", help="the timeline of every person of this name: articles, roles, honours")
    q.add_argument("--honour", help="awards whose honour (or canonical name) contains this")
    q.add_argument("--level", choices=["national", "provincial", "municipal", "county", "industry", "enterprise"],
                   help="awards of this level")
    q.add_argument("--year", type=int, help="awards reported in this year")
    q.add_argument("--limit", type=int, default=200, help="rows printed at most (default 200)")


def main(args) -> int:
    try:
        if args.cmd == "index":
            duckdb = _duckdb()
            try:
                return index(args.outputs, args.db)
            except (duckdb.Error, OSError) as exc:     # a locked or unreadable database, a full disk
                print(f"union-extract: index failed: {str(exc).splitlines()[0]}", file=sys.stderr)
                return 1
        if args.sql and (args.who or args.honour or args.level or args.year):
            print("union-extract: give SQL or --who/--honour/--level/--year, not both", file=sys.stderr)
            return 2
        if args.sql:
            return query(args.db, args.sql, limit=args.limit)
        if args.who:
            return query(args.db, QUESTIONS["who"], [args.who], limit=args.limit)
        if args.honour or args.level or args.year is not None:
            sql, params = honour_query(args.honour, args.level, args.year)
            return query(args.db, sql, params, limit=args.limit)
        print("union-extract: query needs SQL, --who NAME or --honour/--level/--year", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"union-extract: {exc}", file=sys.stderr)
        return 2
