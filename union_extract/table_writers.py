"""Writers of the analyst tables (``convert --format parquet|csv -o DIR``): one file per table.

Same promises as the JSONL output: articles are buffered ``articles_per_group`` at a time and
then written out (one Parquet row group per table), so memory stays flat; every file is written as
``DIR/<table>.<ext>.partial`` and renamed only by :meth:`TableWriter.commit`;
:meth:`TableWriter.abort` removes the ``.partial`` files (a table run cannot be resumed).

Parquet files carry the explicit schemas of :mod:`union_extract.tables` (all-null columns keep
their type) and are cut from a batch with Arrow kernels (:func:`tables.batch_tables`). CSV files
have a header row; lists and structs are JSON text, booleans ``true``/``false``, nulls empty
cells. pyarrow is needed for Parquet only (extra ``[tables]``).
"""
from __future__ import annotations

import csv
import json
import os

import orjson

from . import tables as T

FORMATS = ("parquet", "csv")
TABLE_NAMES = list(T.TABLES) + ["errors"]
ARTICLES_PER_GROUP = 512


def require_pyarrow() -> None:
    """A clear message, not a traceback, when the Parquet extra is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise RuntimeError('--format parquet needs pyarrow: pip install "union-extract[tables]"') from exc


def meta_columns(metas: list[dict], keys: list[str]) -> list[list]:
    """The ``meta_<key>`` columns, then ``meta_other`` (the keys not in ``keys``, as JSON)."""
    known = set(keys)
    cols = [[m.get(k) for m in metas] for k in keys]
    other = [{k: v for k, v in m.items() if k not in known} for m in metas]
    return cols + [[json.dumps(o, ensure_ascii=False) if o else None for o in other]]


class _Sink:
    """Buffers articles and errors; ``flush`` writes them. Subclasses say how."""

    ext = ""

    def __init__(self, out_dir: str, meta_keys: list[str] | None, per_group: int):
        self.paths = {name: os.path.join(out_dir, f"{name}.{self.ext}") for name in TABLE_NAMES}
        self.meta_keys = meta_keys
        self.per_group = per_group
        self.records: list[dict] = []
        self.metas: list[dict] = []
        self.errors: list[tuple] = []

    def columns(self, name: str) -> list[tuple[str, str]]:
        if name == "errors":
            return T.ERRORS
        return T.articles_columns(self.meta_keys) if name == "articles" else T.TABLES[name]

    def add(self, art: dict) -> None:
        self.records.append(art)
        self.metas.append(T.meta_strings(art))
        if len(self.records) >= self.per_group:
            self.flush()

    def flush(self) -> None:
        if self.meta_keys is None:      # without --keep-fields: the keys of the first group
            self.meta_keys = sorted({k for m in self.metas for k in m})
        self.write_group()
        self.records, self.metas, self.errors = [], [], []

    def close(self) -> None:
        self.flush()
        self.finish()

    def write_group(self) -> None: ...
    def finish(self) -> None: ...


class _ParquetSink(_Sink):
    ext = "parquet"

    def __init__(self, *args):
        super().__init__(*args)
        import pyarrow.parquet as pq
        self.pq = pq
        self.rtype = T.record_type()
        self.writers: dict = {}

    def writer(self, name: str):
        if name not in self.writers:
            schema = T.arrow_schema(self.columns(name))
            self.writers[name] = self.pq.ParquetWriter(self.paths[name] + ".partial", schema, compression="zstd")
        return self.writers[name]

    def write_group(self) -> None:
        import pyarrow as pa
        if self.records:
            tables = T.batch_tables(self.records, self.rtype)
            arts = tables["articles"]
            for col, values in zip(self.columns("articles")[len(T.TABLES["articles"]):],
                                   meta_columns(self.metas, self.meta_keys)):
                arts = arts.append_column(col[0], pa.array(values, pa.string()))
            tables["articles"] = arts
            for name, table in tables.items():
                self.writer(name).write_table(table)
        if self.errors:
            schema = T.arrow_schema(T.ERRORS)
            self.writer("errors").write_table(pa.Table.from_pylist(
                [dict(zip(schema.names, e)) for e in self.errors], schema=schema))

    def finish(self) -> None:
        for name in TABLE_NAMES:      # every table exists, with its schema, even when empty
            self.writer(name)
        for w in self.writers.values():
            w.close()
        self.writers = {}


def _json_cell(v):
    return "" if v is None else json.dumps(v, ensure_ascii=False)


def _bool_cell(v):
    return "" if v is None else "true" if v else "false"


class _CsvSink(_Sink):
    """The csv module writes None as an empty cell and numbers as their repr; only list, struct
    and boolean columns need converting."""
    ext = "csv"

    def __init__(self, *args):
        super().__init__(*args)
        self.files: dict = {}

    def writer(self, name: str):
        if name not in self.files:
            cols = self.columns(name)
            fh = open(self.paths[name] + ".partial", "w", encoding="utf-8", newline="")
            w = csv.writer(fh)
            w.writerow([c for c, _ in cols])
            convert = [(i, _bool_cell if t == "bool" else _json_cell) for i, (_, t) in enumerate(cols)
                       if t == "bool" or t.startswith(("list<", "struct<"))]
            self.files[name] = (fh, w, convert)
        return self.files[name]

    def write_rows(self, name: str, rows: list) -> None:
        _, w, convert = self.writer(name)
        if convert:
            rows = [list(r) for r in rows]
            for r in rows:
                for i, f in convert:
                    r[i] = f(r[i])
        w.writerows(rows)

    def write_group(self) -> None:
        groups: dict[str, list] = {name: [] for name in T.TABLES}
        for art in self.records:
            for name, rows in T.article_rows(art).items():
                groups[name] += rows
        if self.records:
            meta = list(zip(*meta_columns(self.metas, self.meta_keys)))
            groups["articles"] = [r + m for r, m in zip(groups["articles"], meta)]
        groups["errors"] = self.errors
        for name, rows in groups.items():
            self.write_rows(name, rows)

    def finish(self) -> None:
        for name in TABLE_NAMES:
            self.writer(name)
        for fh, _, _ in self.files.values():
            fh.close()
        self.files = {}


class TableWriter:
    """``write_article(dict)`` / ``write_error(dict)`` / ``commit()`` / ``abort()`` for one output
    directory. ``meta_keys`` fixes the articles' ``meta_<key>`` columns up front (``--keep-fields``);
    without it they are the keys seen in the first group, later unknown keys go to ``meta_other``."""

    def __init__(self, out_dir: str, fmt: str = "parquet", meta_keys: list[str] | None = None,
                 articles_per_group: int = ARTICLES_PER_GROUP):
        if fmt not in FORMATS:
            raise ValueError(f"unknown table format {fmt!r} (choose from {', '.join(FORMATS)})")
        if fmt == "parquet":
            require_pyarrow()
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise NotADirectoryError(f"{out_dir}: exists and is not a directory")
        self.created_dir = not os.path.exists(out_dir)
        os.makedirs(out_dir, exist_ok=True)
        self.out_dir = out_dir
        sink = _ParquetSink if fmt == "parquet" else _CsvSink
        self.sink = sink(out_dir, list(meta_keys) if meta_keys is not None else None, max(1, articles_per_group))
        self.articles = 0
        self.errors = 0

    def write_article(self, art: dict) -> None:
        self.sink.add(art)
        self.articles += 1

    def write_error(self, err: dict) -> None:
        self.sink.errors.append((err.get("source_id"), err.get("line"), err.get("kind"), err.get("reason")))
        self.errors += 1

    def commit(self) -> None:
        """Write what is buffered, close every table, then rename the ``.partial`` files into place."""
        self.sink.close()
        for path in self.sink.paths.values():
            os.replace(path + ".partial", path)

    def abort(self) -> None:
        """Close and remove the ``.partial`` files (and the directory, if this run made it and it is empty)."""
        try:
            self.sink.finish()
        except Exception:  # noqa: BLE001 - the files are removed below either way
            pass
        for path in self.sink.paths.values():
            if os.path.exists(path + ".partial"):
                os.remove(path + ".partial")
        if self.created_dir:
            try:
                os.rmdir(self.out_dir)
            except OSError:
                pass


def check_args(args) -> str | None:
    """Usage errors of ``convert --format parquet|csv`` (exit 2), or None."""
    if args.format == "jsonl":
        return None
    if not args.output or args.output == "-":
        return f"--format {args.format} needs -o DIR (one file per table)"
    if args.resume:
        return "--resume works with --format jsonl only"
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        return f"-o {args.output}: exists and is not a directory"
    if args.format == "parquet":
        try:
            require_pyarrow()
        except RuntimeError as exc:
            return str(exc)
    return None


def meta_keys(args) -> list[str] | None:
    """The ``--keep-fields`` names, when that option exists and is given: the articles' meta columns."""
    keep = getattr(args, "keep_fields", None)
    if not keep:
        return None
    if isinstance(keep, str):
        keep = keep.split(",")
    return [k.strip() for k in keep if k.strip()]


class _NotKept:
    atomic = False          # an interrupted table run removes its .partial files: nothing to resume


class TableRun:
    """``convert``'s output sink for ``--format parquet|csv``: the interface of
    :class:`outputs.JsonlRun` (open / write_article / write_error / end_document / flush / commit /
    abort) over a :class:`TableWriter`. Errors go to the ``errors`` table, and also to
    ``errors_path`` as JSONL when one is given."""

    out = _NotKept()

    def __init__(self, out_dir: str, errors_path: str | None, fmt: str, meta_keys: list[str] | None):
        from .outputs import OutputError
        try:
            self.tables = TableWriter(out_dir, fmt, meta_keys)
        except (OSError, ValueError, RuntimeError) as exc:
            raise OutputError(f"-o {out_dir}: {exc}") from None
        self.errors_path = errors_path
        self.err = None

    def open(self, resume: bool):
        from .outputs import OutputError, Resumed
        if resume:
            raise OutputError("--resume works with --format jsonl only")
        if self.errors_path:
            self.err = open(self.errors_path + ".partial", "w", encoding="utf-8")
        return Resumed()

    def write_article(self, line: str) -> None:
        self.tables.write_article(orjson.loads(line))     # the line convert_one wrote with orjson

    def write_error(self, record: dict) -> None:
        self.tables.write_error(record)
        if self.err:
            self.err.write(json.dumps(record, ensure_ascii=False) + "\n")

    def end_document(self, source_id: str, converted: int, articles: int, errors: int) -> None:
        pass

    def flush(self) -> None:
        if self.err:
            self.err.flush()

    def commit(self) -> None:
        self.tables.commit()
        if self.err:
            self.err.close()
            os.replace(self.errors_path + ".partial", self.errors_path)

    def abort(self) -> None:
        self.tables.abort()
        if self.err:
            self.err.close()
            os.remove(self.errors_path + ".partial")
