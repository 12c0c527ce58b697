"""Writers of the analyst tables (``convert --format parquet|csv -o DIR``): one file per table.

Same promises as the JSONL output: rows stream out in row groups (memory stays flat: a table
buffers at most ``rows_per_group`` rows, then writes them), every file is written as
``DIR/<table>.<ext>.partial`` and renamed only by :meth:`TableWriter.commit`, and
:meth:`TableWriter.abort` removes the ``.partial`` files (a table run cannot be resumed).

Parquet files carry the explicit schema of :mod:`union_extract.tables`, so all-null columns keep
their type. CSV files have a header row; lists and structs are JSON text, booleans
``true``/``false``, nulls empty cells. pyarrow is needed for Parquet only (extra ``[tables]``).
"""
from __future__ import annotations

import csv
import json
import os

from . import tables as T

FORMATS = ("parquet", "csv")
TABLE_NAMES = list(T.TABLES) + ["errors"]
ROWS_PER_GROUP = 4_096
ARTICLE_SHARE = 8     # the articles table (long texts) flushes after rows_per_group / 8 rows


def require_pyarrow() -> None:
    """A clear message, not a traceback, when the Parquet extra is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise RuntimeError('--format parquet needs pyarrow: pip install "union-extract[tables]"') from exc


class _Table:
    """A buffer of rows for one table; the sink writes them in groups."""

    def __init__(self, path: str, limit: int, columns: list[tuple[str, str]] | None):
        self.path, self.partial, self.limit = path, path + ".partial", limit
        self.columns = columns          # None until known (the articles' metadata keys)
        self.rows: list[tuple] = []
        self.metas: list[dict] = []     # articles only: each row's metadata
        self.opened = False

    def add(self, rows: list[tuple], meta: dict | None = None) -> None:
        self.rows += rows
        if meta is not None:
            self.metas.append(meta)
        if len(self.rows) >= self.limit:
            self.flush()

    def flush(self) -> None:
        if self.columns is None:        # articles: metadata columns from the first group's keys
            keys = sorted({k for m in self.metas for k in m})
            self.columns = T.articles_columns(keys)
        if not self.opened:
            self.open()
            self.opened = True
        if self.rows:
            rows = self.rows if not self.metas else self._with_meta()
            self.write(rows)
        self.rows, self.metas = [], []

    def _with_meta(self) -> list[tuple]:
        keys = [c[len(T.META_PREFIX):] for c, _ in self.columns[len(T.TABLES["articles"]):-1]]
        known = set(keys)
        out = []
        for row, meta in zip(self.rows, self.metas):
            other = {k: v for k, v in meta.items() if k not in known}
            out.append(row + tuple(meta.get(k) for k in keys)
                       + ((json.dumps(other, ensure_ascii=False) if other else None),))
        return out

    def close(self) -> None:
        self.flush()
        self.finish()

    def discard(self) -> None:
        try:
            self.finish()
        finally:
            if os.path.exists(self.partial):
                os.remove(self.partial)

    # sinks override these
    def open(self) -> None: ...
    def write(self, rows: list[tuple]) -> None: ...
    def finish(self) -> None: ...


class _ParquetTable(_Table):
    writer = None

    def open(self) -> None:
        import pyarrow.parquet as pq
        self.schema = T.arrow_schema(self.columns)
        self.writer = pq.ParquetWriter(self.partial, self.schema, compression="zstd")

    def write(self, rows: list[tuple]) -> None:
        import pyarrow as pa
        cols = list(zip(*rows))
        arrays = [pa.array(c, type=f.type) for c, f in zip(cols, self.schema)]
        self.writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self.schema))

    def finish(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def _json_cell(v):
    return "" if v is None else json.dumps(v, ensure_ascii=False)


def _bool_cell(v):
    return "" if v is None else "true" if v else "false"


class _CsvTable(_Table):
    """The csv module writes None as an empty cell and numbers as their repr; only list, struct
    and boolean columns need converting."""
    fh = None

    def open(self) -> None:
        self.fh = open(self.partial, "w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.fh)
        self.csv.writerow([c for c, _ in self.columns])
        self.convert = [(i, _bool_cell if t == "bool" else _json_cell) for i, (_, t) in enumerate(self.columns)
                        if t == "bool" or t.startswith(("list<", "struct<"))]

    def write(self, rows: list[tuple]) -> None:
        if self.convert:
            rows = [list(r) for r in rows]
            for r in rows:
                for i, f in self.convert:
                    r[i] = f(r[i])
        self.csv.writerows(rows)

    def finish(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class TableWriter:
    """``write_article(dict)`` / ``write_error(dict)`` / ``commit()`` / ``abort()`` for one output
    directory. ``meta_keys`` fixes the articles' ``meta_<key>`` columns up front (``--keep-fields``);
    without it they are the keys seen in the first row group, later unknown keys go to ``meta_other``."""

    def __init__(self, out_dir: str, fmt: str = "parquet", meta_keys: list[str] | None = None,
                 rows_per_group: int = ROWS_PER_GROUP):
        if fmt not in FORMATS:
            raise ValueError(f"unknown table format {fmt!r} (choose from {', '.join(FORMATS)})")
        if fmt == "parquet":
            require_pyarrow()
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise NotADirectoryError(f"{out_dir}: exists and is not a directory")
        self.created_dir = not os.path.exists(out_dir)
        os.makedirs(out_dir, exist_ok=True)
        self.out_dir = out_dir
        sink = _ParquetTable if fmt == "parquet" else _CsvTable
        self.tables: dict[str, _Table] = {}
        for name in TABLE_NAMES:
            cols = T.ERRORS if name == "errors" else T.TABLES[name]
            if name == "articles":
                cols = T.articles_columns(list(meta_keys)) if meta_keys is not None else None
            limit = max(1, rows_per_group // ARTICLE_SHARE) if name == "articles" else rows_per_group
            self.tables[name] = sink(os.path.join(out_dir, f"{name}.{fmt}"), limit, cols)
        self.articles = 0
        self.errors = 0

    def write_article(self, art: dict) -> None:
        tables = self.tables
        for name, rows in T.article_rows(art).items():
            if name == "articles":
                tables[name].add(rows, T.meta_strings(art))
            elif rows:
                tables[name].add(rows)
        self.articles += 1

    def write_error(self, err: dict) -> None:
        self.tables["errors"].add([(err.get("source_id"), err.get("line"), err.get("kind"), err.get("reason"))])
        self.errors += 1

    def commit(self) -> None:
        """Close every table, then rename the ``.partial`` files into place."""
        for t in self.tables.values():
            t.close()
        for t in self.tables.values():
            os.replace(t.partial, t.path)

    def abort(self) -> None:
        """Close and remove the ``.partial`` files (and the directory, if this run made it and it is empty)."""
        for t in self.tables.values():
            try:
                t.discard()
            except OSError:
                pass
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
