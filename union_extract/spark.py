"""Archive scale on Apache Spark: the extractor per partition, the output contract as typed columns.

* :func:`contract_schema` turns the pydantic models' JSON Schema (what ``union-extract schema``
  prints) into a Spark ``StructType``, so the columns follow the contract instead of a hand copy.
* :func:`extract_articles` runs the extractor inside ``mapInArrow``: Arrow batches in and out, one
  :class:`Extractor` per Python worker process (module-level cache; Spark reuses its workers), one
  row per article. A document that cannot be converted becomes ONE row with the article fields
  null and ``error = {kind, reason}`` — never a failed job.
* :func:`tables` flattens those rows with Spark functions into the analyst tables (articles,
  persons, organizations, honours, figures, dates, mentions, errors); :data:`TABLES` is the one
  place their columns are defined.
* :func:`read_inputs` + :func:`convert` back ``union-extract spark-convert``.

Needs the ``[spark]`` extra (pyspark >= 3.5 with pyarrow); nothing here is imported by the core.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from functools import partial
from typing import Iterable, Iterator
from urllib.parse import urlparse

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .inputs import DEFAULT_MAX_CHARS   # one limit for convert and spark-convert
from .models import Article

ERROR_FIELD = "error"


# --------------------------------------------------------------------------------------------
# Schema: pydantic JSON Schema -> Spark types
# --------------------------------------------------------------------------------------------

_SCALARS = {"string": T.StringType(), "integer": T.LongType(), "number": T.DoubleType(),
            "boolean": T.BooleanType()}


def json_schema_type(node: dict, defs: dict) -> tuple[T.DataType, bool]:
    """(Spark type, nullable) of one JSON Schema node as pydantic writes them: ``$ref`` to
    ``$defs``, ``anyOf [X, null]`` for Optional, ``enum`` for Literal (a string column)."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:
        alts = [n for n in node["anyOf"] if n.get("type") != "null"]
        if len(alts) != 1:
            raise TypeError(f"no single Spark type for a union of {alts}")
        typ, nullable = json_schema_type(alts[0], defs)
        return typ, nullable or len(alts) < len(node["anyOf"])
    kind = node.get("type")
    if kind == "object" and "properties" not in node:
        # a free-form object (Article.meta, filled by convert --keep-fields): Spark keeps kept
        # input fields as their own columns instead, so this map stays null here
        return T.MapType(T.StringType(), T.StringType()), False
    if kind == "object":
        return T.StructType([T.StructField(name, *json_schema_type(sub, defs))
                             for name, sub in node["properties"].items()]), False
    if kind == "array":
        item, item_nullable = json_schema_type(node["items"], defs)
        return T.ArrayType(item, item_nullable), False
    if kind in _SCALARS:
        return _SCALARS[kind], False
    raise TypeError(f"no Spark type for JSON Schema node {node}")


def contract_schema(model=Article) -> T.StructType:
    """The Spark schema of a pydantic model, generated from its JSON Schema."""
    js = model.model_json_schema()
    typ, _ = json_schema_type(js, js.get("$defs", {}))
    return typ


ERROR_TYPE = T.StructType([T.StructField("kind", T.StringType(), False),
                           T.StructField("reason", T.StringType(), False)])


def output_schema(keep_fields: Iterable[T.StructField] = ()) -> T.StructType:
    """Kept input columns, the Article fields, and ``error``. Top-level fields are nullable: an
    error row has only ``source_id`` and ``error``."""
    fields = [T.StructField(f.name, f.dataType, True) for f in keep_fields]
    fields += [T.StructField(f.name, f.dataType, True) for f in contract_schema(Article).fields]
    return T.StructType(fields + [T.StructField(ERROR_FIELD, ERROR_TYPE, True)])


def _arrow_type(t: T.DataType):
    import pyarrow as pa
    if isinstance(t, T.StructType):
        return pa.struct([pa.field(f.name, _arrow_type(f.dataType), f.nullable) for f in t.fields])
    if isinstance(t, T.ArrayType):
        return pa.list_(pa.field("element", _arrow_type(t.elementType), t.containsNull))
    if isinstance(t, T.MapType):
        return pa.map_(_arrow_type(t.keyType), _arrow_type(t.valueType))
    return {T.StringType(): pa.string(), T.LongType(): pa.int64(), T.DoubleType(): pa.float64(),
            T.BooleanType(): pa.bool_()}[t]


# --------------------------------------------------------------------------------------------
# Executor side: documents -> article rows
# --------------------------------------------------------------------------------------------

_EXTRACTORS: dict = {}


def _extractor(opts: tuple):
    """One Extractor per Python worker process and options: lexicons and segmenter load once."""
    ex = _EXTRACTORS.get(opts)
    if ex is None:
        from .convert import _batch_mode
        from .pipeline import Extractor
        ex = _EXTRACTORS[opts] = _batch_mode(Extractor(**dict(opts)))
    return ex


def _error(sid, kind: str, reason: str) -> dict:
    return {"source_id": sid, ERROR_FIELD: {"kind": kind, "reason": reason}}


def _document(sid, value, text_field: str, max_chars: int):
    """(text, encoding) of one input value, or an error row: the checks ``convert`` makes."""
    from .reading import decode
    if isinstance(value, (bytes, bytearray)):
        try:
            text, enc = decode(bytes(value))
        except ValueError as exc:
            return _error(sid, "undecodable", str(exc))
    elif isinstance(value, str):
        text, enc = value, "utf-8"
    else:
        what = "missing" if value is None else f"a {type(value).__name__}, not a string"
        return _error(sid, "bad_text_field", f"field {text_field!r} is {what}")
    if not text.strip():
        return _error(sid, "empty", "text is empty or whitespace only")
    if len(text) > max_chars:
        return _error(sid, "too_large", f"document has {len(text):,} characters, over the limit of {max_chars:,}")
    return text, enc


def _source_id(value):
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def _rows(ex, sid, value, text_field: str, id_field: str, max_chars: int) -> list[dict]:
    """The article rows of one document, or its one error row. Never raises."""
    from .convert import convert_one
    from .reading import RawDocument
    if sid is None:
        return [_error(None, "bad_id_field", f"field {id_field!r} is missing or not a scalar")]
    doc = _document(sid, value, text_field, max_chars)
    if isinstance(doc, dict):
        return [doc]
    # convert_one is what `convert` runs: same text preparation, same records, same failures
    _, lines, err, _ = convert_one(RawDocument(sid, doc[0], doc[1]), ex)
    if err:
        return [_error(sid, err["kind"], err["reason"])]
    return [json.loads(line) for line in lines]


def _jsonl_fields(line: str, id_field: str, text_field: str, keep: tuple):
    """(source id, text value, kept values) of one JSONL line, or an error row; None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, "invalid_json", f"invalid JSON: {exc.msg} (line starts {line[:60]!r})")
    if not isinstance(obj, dict):
        return _error(None, "not_object", f"JSON line is a {type(obj).__name__}, not an object "
                                          f"(line starts {line[:60]!r})")
    kept = [v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for v in (obj.get(k) for k in keep)]
    return _source_id(obj.get(id_field)), obj.get(text_field), kept


OUT_ROWS = 256   # input rows per output batch: memory stays bounded whatever Spark's batch size


def _map_batches(batches: Iterator, *, opts: tuple, id_col: str, text_col: str, keep: tuple,
                 jsonl: bool, max_chars: int, arrow_fields: list) -> Iterator:
    """mapInArrow body. ``jsonl``: each input row is one raw JSONL line in column ``value``, kept
    fields come out as strings; otherwise id, text and kept columns are read from the batch."""
    import pyarrow as pa
    ex = _extractor(opts)
    schema = pa.schema(arrow_fields)
    for whole in batches:
        for offset in range(0, whole.num_rows, OUT_ROWS):
            batch = whole.slice(offset, OUT_ROWS)
            if jsonl:
                rows, kept_arrays = _jsonl_rows(ex, batch, id_col, text_col, keep, max_chars)
            else:
                rows, take = [], []
                ids = batch.column(id_col).to_pylist()
                for i, value in enumerate(batch.column(text_col).to_pylist()):
                    out = _rows(ex, _source_id(ids[i]), value, text_col, id_col, max_chars)
                    rows += out
                    take += [i] * len(out)
                idx = pa.array(take, pa.int64())
                kept_arrays = [batch.column(k).take(idx) for k in keep]
            body = _typed(rows, schema)
            yield pa.RecordBatch.from_arrays(kept_arrays + body.columns, names=list(keep) + schema.names)


def _jsonl_rows(ex, batch, id_col: str, text_col: str, keep: tuple, max_chars: int):
    import pyarrow as pa
    rows: list[dict] = []
    kept_values: list[list] = [[] for _ in keep]
    for line in batch.column("value").to_pylist():
        parsed = _jsonl_fields(line, id_col, text_col, keep)
        if parsed is None:
            continue
        if isinstance(parsed, dict):
            out, kept = [parsed], [None] * len(keep)
        else:
            sid, value, kept = parsed
            out = _rows(ex, sid, value, text_col, id_col, max_chars)
        rows += out
        for col, v in zip(kept_values, kept):
            col.extend([v] * len(out))
    return rows, [pa.array(v, pa.string()) for v in kept_values]


def _typed(rows: list[dict], schema):
    """Rows as an Arrow batch of the contract's types; a row Arrow cannot type (a bug of ours)
    becomes an error row in place, so the batch, and the job, go on."""
    import pyarrow as pa
    try:
        return pa.RecordBatch.from_pylist(rows, schema=schema)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        fixed = []
        for r in rows:
            try:
                pa.RecordBatch.from_pylist([r], schema=schema)
                fixed.append(r)
            except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
                fixed.append(_error(r.get("source_id"), "extraction_failed",
                                    f"record could not be typed: {type(exc).__name__}: {exc}"))
        return pa.RecordBatch.from_pylist(fixed, schema=schema)


def extract_articles(df: DataFrame, text_col: str = "text", id_col: str = "id", keep: Iterable[str] = (),
                     *, lexicon_dir: str | None = None, segmenter: str = "rjieba",
                     reference_date: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                     jsonl: bool = False) -> DataFrame:
    """One row per article: the ``keep`` columns of its document, the Article fields of the output
    contract as typed columns, and ``error`` (null). A document that cannot be converted (null or
    non-string text, undecodable bytes, empty, over ``max_chars``, null id, extraction failure)
    gives one row with ``source_id``, the kept columns and ``error = {kind, reason}``.

    ``text_col`` may hold strings or bytes (decoded as ``convert`` decodes files). With
    ``jsonl=True`` the frame has one column ``value`` of raw JSONL lines (``spark.read.text``) and
    ``id_col``/``text_col``/``keep`` name fields of the JSON objects; kept fields are strings.
    """
    keep = tuple(keep)
    if reference_date is not None:
        dt.date.fromisoformat(reference_date)   # a bad date is the caller's error, not every document's
    if lexicon_dir and not _is_remote(lexicon_dir) and not os.path.isdir(lexicon_dir):
        raise FileNotFoundError(f"lexicon directory not found: {lexicon_dir} (it must exist on every node)")
    contract = contract_schema(Article)
    clash = set(keep) & set(contract.fieldNames() + [ERROR_FIELD])
    if clash:
        raise ValueError(f"kept columns clash with output fields: {sorted(clash)}")
    if jsonl:
        keep_fields = [T.StructField(k, T.StringType(), True) for k in keep]
    else:
        missing = [c for c in (id_col, text_col, *keep) if c not in df.columns]
        if missing:
            raise ValueError(f"no such columns: {missing}")
        keep_fields = [df.schema[k] for k in keep]
        df = df.select(*dict.fromkeys([id_col, text_col, *keep]))
    schema = output_schema(keep_fields)
    body = [f for f in schema.fields if f.name not in keep]
    import pyarrow as pa
    arrow_fields = [pa.field(f.name, _arrow_type(f.dataType), True) for f in body]
    opts = tuple(sorted({"lexicon_dir": lexicon_dir, "segmenter": segmenter,
                         "reference_date": reference_date}.items()))
    fn = partial(_map_batches, opts=opts, id_col=id_col, text_col=text_col, keep=keep, jsonl=jsonl,
                 max_chars=max_chars, arrow_fields=arrow_fields)
    return df.mapInArrow(fn, schema)


# --------------------------------------------------------------------------------------------
# Tables: the nested rows flattened with Spark functions
# --------------------------------------------------------------------------------------------

KEY = ["source_id", "article_index"]

# The ONE place the analyst tables' columns are defined: table -> (array column exploded, or None
# for one row per article; [(output column, Spark SQL expression over the article row, or over
# the exploded element `e`)]). The kept input columns follow the key on `articles` and `errors`.
TABLES: dict[str, tuple[str | None, list[tuple[str, str]]]] = {
    "articles": (None, [
        ("kicker", "kicker"), ("title", "title"), ("subtitle", "subtitle"), ("column", "`column`"),
        ("text", "text"), ("span_start", "span.start"), ("span_end", "span.end"),
        ("byline_source", "byline.source"), ("byline_reporters", "byline.reporters"),
        ("byline_correspondents", "byline.correspondents"), ("byline_photographers", "byline.photographers"),
        ("byline_editors", "byline.editors"), ("byline_authors", "byline.authors"),
        ("byline_interns", "byline.interns")]),
    "persons": ("persons", [
        ("id", "e.id"), ("name", "e.name"), ("roles", "e.roles"), ("honors", "e.honors")]),
    "organizations": ("organizations", [
        ("id", "e.id"), ("name", "e.name"), ("type", "e.type"), ("parent", "e.parent"),
        ("honors", "e.honors")]),
    "honours": ("honors", [
        ("id", "e.id"), ("name", "e.name"), ("canonical", "e.canonical"), ("level", "e.level"),
        ("region", "e.region"), ("holder_type", "e.holder.type"), ("holder_id", "e.holder.id"),
        ("holder_name", "e.holder.name")]),
    # figures and dates have no id in the contract: theirs follows the pattern of the others
    "figures": ("figures", [
        ("id", "concat(source_id, '#', article_index, '/f', pos)"), ("text", "e.text"),
        ("value", "e.value"), ("unit", "e.unit"), ("kind", "e.kind"), ("approximate", "e.approximate"),
        ("currency", "e.currency"), ("context", "e.context"), ("start", "e.start"), ("end", "e.end")]),
    "dates": ("dates", [
        ("id", "concat(source_id, '#', article_index, '/d', pos)"), ("text", "e.text"),
        ("value", "e.value"), ("relative", "e.relative"), ("start", "e.start"), ("end", "e.end")]),
}
# mentions: one row per mention of every entity; figures and dates are their own mention
MENTION_COLUMNS = ["entity_kind", "entity_id", "text", "start", "end"]
MENTION_SOURCES = {"person": "persons", "organization": "organizations", "honour": "honors"}
ERROR_COLUMNS = ["kind", "reason"]


def _exploded(articles: DataFrame, array_col: str, carry: list[str]) -> DataFrame:
    return articles.select(*KEY, *carry, F.posexplode(array_col).alias("pos", "e"))


def tables(df: DataFrame, keep: Iterable[str] = (), carry: Iterable[str] = ()) -> dict[str, DataFrame]:
    """The analyst tables of :func:`extract_articles` output, keyed by ``source_id`` +
    ``article_index`` (+ entity ``id``), with the ``keep`` columns on ``articles`` and ``errors``
    and the ``carry`` columns (say, the column the output is partitioned by) on every table."""
    carry = [c for c in carry if c not in KEY]
    keep = [k for k in keep if k not in carry]
    good = df.filter(F.col(ERROR_FIELD).isNull())
    out: dict[str, DataFrame] = {}
    for name, (array_col, cols) in TABLES.items():
        if array_col is None:
            out[name] = good.select(*KEY, *carry, *keep, *[F.expr(e).alias(c) for c, e in cols])
        else:
            out[name] = _exploded(good, array_col, carry).select(*KEY, *carry, *[F.expr(e).alias(c) for c, e in cols])
    parts = []
    for kind, array_col in MENTION_SOURCES.items():
        parts.append(_exploded(good, array_col, carry).select(
            *KEY, *carry, F.lit(kind).alias("entity_kind"), F.col("e.id").alias("entity_id"),
            F.inline("e.mentions")))
    for kind in ("figures", "dates"):
        parts.append(out[kind].select(*KEY, *carry, F.lit(kind[:-1]).alias("entity_kind"),
                                      F.col("id").alias("entity_id"), "text", "start", "end"))
    mentions = parts[0]
    for p in parts[1:]:
        mentions = mentions.unionByName(p)
    out["mentions"] = mentions.select(*KEY, *carry, *MENTION_COLUMNS)
    out["errors"] = df.filter(F.col(ERROR_FIELD).isNotNull()).select(
        "source_id", *carry, *keep, *[F.col(f"{ERROR_FIELD}.{c}").alias(c) for c in ERROR_COLUMNS])
    return out


# --------------------------------------------------------------------------------------------
# Files in, Parquet out (union-extract spark-convert)
# --------------------------------------------------------------------------------------------

def _is_remote(path: str) -> bool:
    return "://" in path


def read_inputs(spark: SparkSession, inputs: list[str], *, id_field: str = "id", text_field: str = "text",
                keep: Iterable[str] = (), max_chars: int = DEFAULT_MAX_CHARS, **opts) -> DataFrame:
    """Article rows of ``.jsonl`` files (one document per line) and ``.txt`` files (one document
    per file; id = path below the input directory, as ``convert`` names them). Directories are
    read recursively. A text file over 4 bytes per allowed character is an error row without
    being read (Spark's binary reader fails on files over 2 GB)."""
    keep = tuple(keep)
    frames = []
    for inp in inputs:
        low = inp.lower()
        if _is_remote(inp):   # a URI: a file by its suffix, else a directory (Spark lists it)
            is_dir = not low.endswith((".jsonl", ".txt"))
            has = {".jsonl": is_dir, ".txt": is_dir}
        else:
            if not os.path.exists(inp):
                raise FileNotFoundError(f"{inp}: no such file or directory")
            is_dir = os.path.isdir(inp)
            has = {s: _has_files(inp, s) for s in (".jsonl", ".txt")} if is_dir else {}
        if has.get(".jsonl") or low.endswith(".jsonl"):
            lines = (spark.read.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.jsonl")
                     .text(inp) if is_dir else spark.read.text(inp))
            frames.append(extract_articles(_spread(spark, lines), text_field, id_field, keep, max_chars=max_chars,
                                           jsonl=True, **opts))
        if has.get(".txt") or low.endswith(".txt"):
            frames.append(_text_files(spark, inp, is_dir, keep, max_chars, opts))
    if not frames:
        raise FileNotFoundError(f"no .jsonl or .txt files in {inputs}")
    result = frames[0]
    for f in frames[1:]:
        result = result.unionByName(f)
    return result


def _spread(spark: SparkSession, df: DataFrame) -> DataFrame:
    """At least one partition per core: Spark reads a file under 8 MB as one partition, which
    would leave all cores but one idle; moving the raw text costs little beside extracting it."""
    cores = spark.sparkContext.defaultParallelism
    return df.repartition(cores) if df.rdd.getNumPartitions() < cores else df


def _has_files(root: str, suffix: str) -> bool:
    return any(n.lower().endswith(suffix) for _, _, names in os.walk(root) for n in names)


def _text_files(spark: SparkSession, inp: str, is_dir: bool, keep: tuple, max_chars: int, opts: dict) -> DataFrame:
    reader = spark.read.format("binaryFile")
    if is_dir:
        reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.txt")
        root = (urlparse(inp).path if _is_remote(inp) else os.path.abspath(inp)).rstrip("/") + "/"
        sid = F.regexp_replace("path", r"^.*?\Q" + root + r"\E", "")
    else:
        sid = F.regexp_extract("path", r"[^/]+$", 0)
    limit = 4 * max_chars
    no_keep = [F.lit(None).cast("string").alias(k) for k in keep]   # text files carry no metadata
    files = reader.load(inp).select(sid.alias("id"), "length", "content", *no_keep)
    small = files.filter(F.col("length") <= limit).select("id", F.col("content").alias("text"), *keep)
    good = extract_articles(_spread(spark, small),
                            "text", "id", keep, max_chars=max_chars, **opts)
    # content is never read for the files over the limit: only their path and length
    reason = F.concat(F.lit("file has "), F.col("length").cast("string"),
                      F.lit(f" bytes, over the limit of {limit:,} (4 bytes per allowed character)"))
    error = F.struct(F.lit("too_large").alias("kind"), reason.alias("reason"))
    big = files.filter(F.col("length") > limit).select("id", "length", *keep)
    big_rows = big.select(*[
        F.col(f.name) if f.name in keep else
        F.col("id").alias("source_id") if f.name == "source_id" else
        error.alias(ERROR_FIELD) if f.name == ERROR_FIELD else
        F.lit(None).cast(f.dataType).alias(f.name)
        for f in good.schema.fields])
    return good.unionByName(big_rows)


def convert(spark: SparkSession, inputs: list[str], output_dir: str, *, partition_by: str | None = None,
            layout: str = "tables", keep: Iterable[str] = (), **read_opts) -> dict:
    """Write the tables (or, ``layout="nested"``, the contract rows as ``articles``) and the
    ``errors`` table as Parquet under ``output_dir``, each partitioned by ``partition_by`` when the
    table has that column. Refuses an existing non-empty ``output_dir``: it writes only its own output.
    Returns counts: documents are read once (the rows are persisted while the tables are written)."""
    from pyspark import StorageLevel
    keep = list(dict.fromkeys([*keep, *([partition_by] if partition_by and partition_by not in
                                         contract_schema(Article).fieldNames() else [])]))
    t0 = time.perf_counter()
    rows = read_inputs(spark, inputs, keep=keep, **read_opts).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        if layout == "nested":
            out = {"articles": rows.filter(F.col(ERROR_FIELD).isNull()).drop(ERROR_FIELD),
                   "errors": tables(rows, keep, carry=[partition_by] if partition_by else [])["errors"]}
        else:
            out = tables(rows, keep, carry=[partition_by] if partition_by else [])
        for name, frame in out.items():
            writer = frame.write.mode("errorifexists")
            if partition_by and partition_by in frame.columns:
                writer = writer.partitionBy(partition_by)
            writer.parquet(f"{output_dir.rstrip('/')}/{name}")
        counts = rows.select(F.count(F.when(F.col(ERROR_FIELD).isNull(), 1)).alias("articles"),
                             F.count(F.col(ERROR_FIELD)).alias("errors")).first()
    finally:
        rows.unpersist()
    return {"articles": counts["articles"], "errors": counts["errors"], "seconds": time.perf_counter() - t0}


def session(master: str | None = None, app_name: str = "union-extract") -> SparkSession:
    """A SparkSession for the CLI: the master given, else what spark-submit set, else local[*]."""
    builder = SparkSession.builder.appName(app_name)
    if "PYSPARK_GATEWAY_PORT" not in os.environ and (master or "local").startswith("local"):
        # we start the JVM ourselves: its Python workers must be this interpreter (this venv)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()
