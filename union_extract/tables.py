"""Article records -> flat rows, one table per record kind, and the tables' column types.

One definition serves every writer: :data:`TABLES` names each table's columns with a neutral
type; :func:`arrow_schema` (Parquet), :func:`duckdb_type` (the registry) and the CSV writer read
it, so an all-null column keeps its declared type everywhere. :func:`article_rows` works on the
plain dict of one output line (``json.loads`` of it, or ``Article.model_dump()``) and needs no
third-party library.

Every row is keyed by ``source_id`` + ``article_index`` + the entity's id. Figures and dates have
no id in the JSON; they get ``{source_id}#{article_index}/f{n}`` and ``/d{n}`` built the way the
extractor builds ``/p{n}`` ids, so the ``mentions`` table can hold every span of the text. The JSON's ``column``, ``start`` and
``end`` are SQL keywords; here they are ``column_label``, ``start_char`` and ``end_char``.
"""
from __future__ import annotations

import json

ROLE = "struct<title:string,organization:string>"
BYLINE_LISTS = ("reporters", "correspondents", "photographers", "editors", "authors", "interns")

KEY = [("source_id", "string"), ("article_index", "int64")]

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": KEY + [
        ("span_start", "int64"), ("span_end", "int64"),
        ("kicker", "string"), ("title", "string"), ("subtitle", "string"),
        ("column_label", "string"),
        ("byline_source", "string"),
        *[(f, "list<string>") for f in BYLINE_LISTS],
        ("text", "string"),
        ("reference_date", "string"), ("encoding", "string"),
        ("n_persons", "int64"), ("n_organizations", "int64"), ("n_honours", "int64"),
        ("n_figures", "int64"), ("n_dates", "int64"),
    ],
    "persons": KEY + [
        ("person_id", "string"), ("name", "string"), ("roles", f"list<{ROLE}>"),
        ("honour_ids", "list<string>"), ("n_mentions", "int64"),
    ],
    "organizations": KEY + [
        ("org_id", "string"), ("name", "string"), ("type", "string"), ("parent_id", "string"),
        ("honour_ids", "list<string>"), ("n_mentions", "int64"),
    ],
    "honours": KEY + [
        ("honour_id", "string"), ("name", "string"), ("canonical", "string"), ("level", "string"),
        ("region", "string"), ("holder_type", "string"), ("holder_id", "string"), ("holder_name", "string"),
    ],
    "figures": KEY + [
        ("figure_id", "string"), ("text", "string"), ("value", "float64"), ("unit", "string"),
        ("kind", "string"), ("approximate", "bool"), ("currency", "string"), ("context", "string"),
        ("start_char", "int64"), ("end_char", "int64"),
    ],
    "dates": KEY + [
        ("date_id", "string"), ("text", "string"), ("value", "string"), ("relative", "bool"),
        ("year", "int64"), ("start_char", "int64"), ("end_char", "int64"),
    ],
    "mentions": KEY + [
        ("entity_id", "string"), ("kind", "string"), ("mention_index", "int64"),
        ("text", "string"), ("start_char", "int64"), ("end_char", "int64"),
    ],
}
"""Table -> [(column, type)]; types: string, int64, float64, bool, list<…>, struct<…>."""

ERRORS = [("source_id", "string"), ("line", "int64"), ("kind", "string"), ("reason", "string")]
"""The ``errors`` table: documents that could not be converted (the JSONL run's error records)."""

META_PREFIX = "meta_"
META_OTHER = "meta_other"
"""Passed-through metadata (``article["meta"]``) becomes ``meta_<key>`` string columns; keys the
schema did not foresee go, as one JSON object, into ``meta_other`` so nothing is dropped."""


def meta_strings(article: dict) -> dict[str, str | None]:
    """The article's metadata as strings (numbers and lists as their JSON text)."""
    meta = article.get("meta") or {}
    return {k: (v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False))
            for k, v in meta.items()}


def article_rows(art: dict) -> dict[str, list[tuple]]:
    """One article record (a plain dict) -> rows per table, in the column order of :data:`TABLES`.
    The articles row has the fixed columns only; its metadata comes from :func:`meta_strings`.
    (Comprehensions, not helper calls: this runs once per article on the convert hot path.)"""
    sid, idx = art["source_id"], art["article_index"]
    span = art.get("span") or {}
    byline = art.get("byline") or {}
    persons, orgs = art.get("persons") or (), art.get("organizations") or ()
    honours, figures, dates = art.get("honors") or (), art.get("figures") or (), art.get("dates") or ()
    base = f"{sid}#{idx}/"
    mentions = [(sid, idx, e["id"], kind, i, m["text"], m["start"], m["end"])
                for kind, ents in (("person", persons), ("organization", orgs), ("honour", honours))
                for e in ents for i, m in enumerate(e.get("mentions") or ())]
    mentions += [(sid, idx, f"{base}f{i}", "figure", 0, f["text"], f["start"], f["end"]) for i, f in enumerate(figures)]
    mentions += [(sid, idx, f"{base}d{i}", "date", 0, d["text"], d["start"], d["end"]) for i, d in enumerate(dates)]
    return {
        "articles": [(sid, idx, span.get("start"), span.get("end"), art.get("kicker"), art.get("title"),
                      art.get("subtitle"), art.get("column"), byline.get("source"),
                      *[list(byline.get(f) or ()) for f in BYLINE_LISTS], art.get("text"),
                      art.get("reference_date"), art.get("encoding"),
                      len(persons), len(orgs), len(honours), len(figures), len(dates))],
        "persons": [(sid, idx, p["id"], p["name"], p.get("roles") or [], p.get("honors") or [],
                     len(p.get("mentions") or ())) for p in persons],
        "organizations": [(sid, idx, o["id"], o["name"], o.get("type"), o.get("parent"), o.get("honors") or [],
                           len(o.get("mentions") or ())) for o in orgs],
        "honours": [(sid, idx, h["id"], h["name"], h.get("canonical"), h.get("level"), h.get("region"),
                     *((h.get("holder") or _NO_HOLDER).get(k) for k in ("type", "id", "name"))) for h in honours],
        "figures": [(sid, idx, f"{base}f{i}", f["text"], f.get("value"), f.get("unit"), f.get("kind"),
                     f.get("approximate"), f.get("currency"), f.get("context"), f["start"], f["end"])
                    for i, f in enumerate(figures)],
        "dates": [(sid, idx, f"{base}d{i}", d["text"], d.get("value"), d.get("relative"), date_year(d.get("value")),
                   d["start"], d["end"]) for i, d in enumerate(dates)],
        "mentions": mentions,
    }


_NO_HOLDER: dict = {}


def date_year(value: str | None) -> int | None:
    """The year of an ISO date value (``2024``, ``2024-04``, ``2024-04-28``); None for times and nulls."""
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def articles_columns(meta_keys: list[str]) -> list[tuple[str, str]]:
    """The articles table's columns with the given metadata keys (``meta_<key>``, strings)."""
    return TABLES["articles"] + [(META_PREFIX + k, "string") for k in meta_keys] + [(META_OTHER, "string")]


def arrow_type(t: str):
    """A neutral type name -> the pyarrow type."""
    import pyarrow as pa
    if t.startswith("list<"):
        return pa.list_(arrow_type(t[5:-1]))
    if t.startswith("struct<"):
        return pa.struct([(n, arrow_type(ft)) for n, ft in (f.split(":") for f in t[7:-1].split(","))])
    return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}[t]


def arrow_schema(columns: list[tuple[str, str]]):
    import pyarrow as pa
    return pa.schema([(n, arrow_type(t)) for n, t in columns])


def duckdb_type(t: str) -> str:
    """A neutral type name -> the DuckDB column type."""
    if t.startswith("list<"):
        return duckdb_type(t[5:-1]) + "[]"
    if t.startswith("struct<"):
        fields = (f.split(":") for f in t[7:-1].split(","))
        return "STRUCT(" + ", ".join(f'"{n}" {duckdb_type(ft)}' for n, ft in fields) + ")"
    return {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}[t]


# ---------------------------------------------------------------- the same rows, a batch at a time
# ``convert --format parquet`` converts a batch of article dicts to Arrow in one call (C++) and
# cuts the tables out with Arrow compute kernels: the same rows as :func:`article_rows` (a test
# holds them equal on the gold output) at about half the cost per article.

MENTION = "struct<text:string,start:int64,end:int64>"
RECORD = {
    "source_id": "string", "article_index": "int64", "span": "struct<start:int64,end:int64>",
    "kicker": "string", "title": "string", "subtitle": "string", "column": "string",
    "byline": "struct<source:string," + ",".join(f"{f}:list<string>" for f in BYLINE_LISTS) + ">",
    "text": "string", "reference_date": "string", "encoding": "string",
    "persons": f"list<struct<id:string,name:string,mentions:list<{MENTION}>,roles:list<{ROLE}>,honors:list<string>>>",
    "organizations": f"list<struct<id:string,name:string,type:string,mentions:list<{MENTION}>,parent:string,"
                     f"honors:list<string>>>",
    "honors": f"list<struct<id:string,name:string,canonical:string,level:string,region:string,"
              f"holder:struct<type:string,id:string,name:string>,mentions:list<{MENTION}>>>",
    "figures": "list<struct<text:string,value:float64,unit:string,kind:string,approximate:bool,currency:string,"
               "context:string,start:int64,end:int64>>",
    "dates": "list<struct<text:string,value:string,relative:bool,start:int64,end:int64>>",
}
"""The part of an article record the tables read, as an Arrow type (other keys are ignored)."""


def _split_types(t: str) -> list[str]:
    """``a:x,b:struct<c:y,d:z>`` -> the top-level fields (commas inside <> do not split)."""
    out, depth, cur = [], 0, ""
    for ch in t:
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += (ch == "<") - (ch == ">")
        cur += ch
    return out + [cur] if cur else out


def _nested(t: str):
    import pyarrow as pa
    if t.startswith("list<"):
        return pa.list_(_nested(t[5:-1]))
    if t.startswith("struct<"):
        return pa.struct([(f.split(":", 1)[0], _nested(f.split(":", 1)[1])) for f in _split_types(t[7:-1])])
    return arrow_type(t)


def record_type():
    import pyarrow as pa
    return pa.struct([(k, _nested(t)) for k, t in RECORD.items()])


def batch_tables(records: list[dict], rtype=None) -> dict:
    """Article dicts -> {table: pyarrow.Table} with the columns of :data:`TABLES` (articles
    without metadata columns); rows in the order :func:`article_rows` gives them."""
    import pyarrow as pa
    import pyarrow.compute as pc
    arts = pa.array(records, type=rtype or record_type())
    sid, idx = arts.field("source_id"), arts.field("article_index")

    def lengths(lst):
        return pc.fill_null(pc.list_value_length(lst), 0)

    def children(lst):
        """Flattened items, the position of each item's parent and its index within the parent."""
        items, parent = pc.list_flatten(lst), pc.list_parent_indices(lst)
        within = pc.subtract(pa.array(range(len(items)), pa.int64()), pc.take(lst.offsets, parent))
        return items, parent, within

    def keyed(parent, cols):
        return [pc.take(sid, parent), pc.take(idx, parent)] + cols

    def ids(parent, letter, within):
        s = pc.cast(within, pa.string())
        return pc.binary_join_element_wise(pc.take(sid, parent), "#", pc.cast(pc.take(idx, parent), pa.string()),
                                           "/" + letter, s, "")

    def f(struct, name):
        return pc.struct_field(struct, name)

    out: dict[str, list] = {}
    byline, span = arts.field("byline"), arts.field("span")
    out["articles"] = [sid, idx, f(span, "start"), f(span, "end")] + [arts.field(k) for k in (
        "kicker", "title", "subtitle", "column")] + [f(byline, "source")] + [f(byline, b) for b in BYLINE_LISTS] + [
        arts.field(k) for k in ("text", "reference_date", "encoding")] + [
        lengths(arts.field(k)) for k in ("persons", "organizations", "honors", "figures", "dates")]
    m_parts = []   # (article position, kind order, mention columns)
    for kind, key in (("person", "persons"), ("organization", "organizations"), ("honour", "honors")):
        ents, parent, _ = children(arts.field(key))
        ms, mparent, within = children(ents.field("mentions"))
        apos = pc.take(parent, mparent)
        m_parts.append((apos, keyed(apos, [pc.take(ents.field("id"), mparent), pa.nulls(len(ms), pa.string()),
                                           within, f(ms, "text"), f(ms, "start"), f(ms, "end")]), kind))
        if key == "persons":
            out[key] = keyed(parent, [ents.field("id"), ents.field("name"), ents.field("roles"), ents.field("honors"),
                                      lengths(ents.field("mentions"))])
        elif key == "organizations":
            out[key] = keyed(parent, [ents.field("id"), ents.field("name"), ents.field("type"), ents.field("parent"),
                                      ents.field("honors"), lengths(ents.field("mentions"))])
        else:
            holder = ents.field("holder")
            out["honours"] = keyed(parent, [ents.field(k) for k in ("id", "name", "canonical", "level", "region")]
                                   + [f(holder, k) for k in ("type", "id", "name")])
    figs, parent, within = children(arts.field("figures"))
    fid = ids(parent, "f", within)
    out["figures"] = keyed(parent, [fid] + [f(figs, k) for k in ("text", "value", "unit", "kind", "approximate",
                                                                  "currency", "context", "start", "end")])
    m_parts.append((parent, keyed(parent, [fid, None, pa.array([0] * len(figs), pa.int64())]
                                  + [f(figs, k) for k in ("text", "start", "end")]), "figure"))
    dts, parent, within = children(arts.field("dates"))
    did = ids(parent, "d", within)
    value = f(dts, "value")
    year = pc.cast(pc.if_else(pc.fill_null(pc.match_substring_regex(value, "^[0-9]{4}"), False),
                              pc.utf8_slice_codeunits(value, 0, 4), pa.scalar(None, pa.string())), pa.int64())
    out["dates"] = keyed(parent, [did, f(dts, "text"), value, f(dts, "relative"), year, f(dts, "start"), f(dts, "end")])
    m_parts.append((parent, keyed(parent, [did, None, pa.array([0] * len(dts), pa.int64())]
                                  + [f(dts, k) for k in ("text", "start", "end")]), "date"))
    tables = {name: pa.Table.from_arrays(cols, schema=arrow_schema(TABLES[name]))
              for name, cols in out.items()}
    mention_tables = []
    for apos, cols, kind in m_parts:
        n = len(apos)
        cols[3] = pa.array([kind] * n, pa.string())
        cols.append(apos)
        mention_tables.append(pa.Table.from_arrays(cols, names=[c for c, _ in TABLES["mentions"]] + ["_a"]))
    mentions = pa.concat_tables(mention_tables).sort_by([("_a", "ascending")]).drop_columns(["_a"])
    tables["mentions"] = mentions.cast(arrow_schema(TABLES["mentions"]))
    return tables
