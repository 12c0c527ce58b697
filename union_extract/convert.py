"""Batch conversion: documents in, one JSON line per article out, failures as error records.

* Output goes to ``OUT.partial`` and is renamed at the end, so an interrupted run never leaves a
  complete-looking output; ``resume=True`` continues from the ``.partial`` files without redoing
  or duplicating documents already written.
* ``workers > 1`` uses processes, keeps input order, and keeps several chunks in flight so no
  worker waits for the slowest document of a batch.
* A worker that dies (killed, out of memory) costs only its document: the chunks in flight are
  redone one document at a time in a fresh pool, and the one that kills a worker again is
  recorded as an error.
"""
from __future__ import annotations

import gc
import json
import os
import sys
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .models import ErrorRecord
from .pipeline import Extractor
from .reading import RawDocument, iter_inputs, strip_html

CHUNK = 32           # documents per task sent to a worker
IN_FLIGHT = 4        # chunks queued per worker

_worker: Extractor | None = None


def _batch_mode(ex: Extractor) -> Extractor:
    """Load everything once, then keep the cyclic garbage collector off the hot path: records are
    freed by reference counting, and rescanning the long-lived lexicons every few thousand
    allocations costs ~7% of a batch (measured with bench/throughput.py)."""
    ex.extract("预热。")
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    return ex


def _init_worker(opts: dict) -> None:
    global _worker
    _worker = _batch_mode(Extractor(**opts))


def convert_one(doc: RawDocument, extractor: Extractor | None = None, debug: bool = False,
                records: bool = False) -> tuple[str, str | list[dict], dict | None]:
    """Returns (source_id, the document's article lines, error dict or None). Never raises.
    ``records``: the articles as dicts instead (the table writers' input, without a JSON round trip)."""
    ex = extractor or _worker
    try:
        if _fault(doc, "raise"):
            raise RuntimeError("injected fault")
        result = ex.extract(strip_html(doc.text), source_id=doc.source_id, encoding=doc.encoding)
        if records:
            return doc.source_id, [a.model_dump() for a in result.articles], None
        return doc.source_id, "".join(a.model_dump_json() + "\n" for a in result.articles), None
    except Exception as exc:  # noqa: BLE001 - a bad document must not end the batch
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        if debug:
            reason += "\n" + traceback.format_exc()
        return doc.source_id, "", _error(doc, "extraction_failed", reason)


def _error(doc: RawDocument, kind: str, reason: str) -> dict:
    return {"source_id": doc.source_id, "line": doc.line, "kind": kind, "reason": reason}


# Fault injection for the test suite: "kill:ID" makes the worker given document ID exit as if
# killed; "raise:ID" makes extraction of document ID raise.
FAULT_ENV = "UNION_EXTRACT_FAULT"


def _fault(doc: RawDocument, action: str) -> bool:
    spec = os.environ.get(FAULT_ENV, "")
    return spec.startswith(action + ":") and spec[len(action) + 1:] == doc.source_id


def _convert_chunk(docs: list[RawDocument], debug: bool) -> list[tuple[str, str, dict | None]]:
    if any(_fault(d, "kill") for d in docs):
        os._exit(70)
    return [convert_one(d, None, debug) for d in docs]


@dataclass
class Summary:
    documents: int = 0
    converted: int = 0
    articles: int = 0
    errors: int = 0
    resumed: int = 0
    seconds: float = 0.0
    error_kinds: dict = field(default_factory=dict)

    def line(self) -> str:
        extra = f" resumed={self.resumed}" if self.resumed else ""
        return (f"documents={self.documents} converted={self.converted} articles={self.articles} "
                f"errors={self.errors}{extra} seconds={self.seconds:.2f}")


class _Progress:
    def __init__(self):
        self.on = sys.stderr.isatty()
        self.last = 0.0

    def tick(self, s: Summary) -> None:
        now = time.monotonic()
        if self.on and now - self.last > 0.3:
            self.last = now
            sys.stderr.write(f"\r{s.documents} documents, {s.articles} articles, {s.errors} errors")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r" + " " * 60 + "\r")


def _done_ids(out_partial: str | None, err_partial: str | None) -> set[str]:
    """Ids fully written by an interrupted run; the last document of the output is redone,
    since it may have been cut mid-way (the file is truncated before it)."""
    done: set[str] = set()
    if out_partial and os.path.exists(out_partial):
        keep, last_id, last_start = 0, None, 0
        with open(out_partial, "rb") as fh:
            pos = 0
            for raw in fh:
                try:
                    sid = json.loads(raw)["source_id"]
                except (ValueError, KeyError, TypeError):
                    break
                if not raw.endswith(b"\n"):
                    break
                if sid != last_id:
                    if last_id is not None:
                        done.add(last_id)
                    last_id, last_start = sid, pos
                pos += len(raw)
                keep = pos
        with open(out_partial, "r+b") as fh:
            fh.truncate(last_start if last_id is not None else keep)
    if err_partial and os.path.exists(err_partial):
        keep = 0
        with open(err_partial, "rb") as fh:
            for raw in fh:
                try:
                    done.add(json.loads(raw)["source_id"])
                except (ValueError, KeyError, TypeError):
                    break
                keep += len(raw)
        with open(err_partial, "r+b") as fh:
            fh.truncate(keep)
    return done


def run(inputs: list[str], out_path: str | None, errors_path: str | None, workers: int = 1,
        id_field: str = "id", text_field: str = "text", extractor_opts: dict | None = None,
        debug: bool = False, quiet: bool = False, resume: bool = False, max_chars: int = 50_000_000,
        fmt: str = "jsonl", meta_keys: list[str] | None = None) -> Summary:
    """``fmt`` "parquet" or "csv" writes the analyst tables into the directory ``out_path``
    (:mod:`union_extract.table_writers`); errors then go to its ``errors`` table (and to
    ``errors_path`` only when given)."""
    opts = extractor_opts or {}
    summary = Summary()
    t0 = time.perf_counter()
    tables = None
    if fmt != "jsonl":
        from .table_writers import TableWriter
        tables = TableWriter(out_path, fmt, meta_keys)
    to_file = bool(out_path and out_path != "-") and tables is None
    if to_file and errors_path is None:
        errors_path = (out_path[:-6] if out_path.endswith(".jsonl") else out_path) + ".errors.jsonl"
    tmp = out_path + ".partial" if to_file else None
    err_tmp = errors_path + ".partial" if errors_path and errors_path != "/dev/null" else None
    done = _done_ids(tmp, err_tmp) if resume else set()
    mode = "a" if resume else "w"
    out = open(tmp, mode, encoding="utf-8") if tmp else None if tables else sys.stdout
    err_out = open(err_tmp, mode, encoding="utf-8") if err_tmp else None
    progress = _Progress()

    def record_error(e: dict) -> None:
        summary.errors += 1
        summary.error_kinds[e["kind"]] = summary.error_kinds.get(e["kind"], 0) + 1
        if err_out:
            err_out.write(json.dumps(e, ensure_ascii=False) + "\n")
        if tables:
            tables.write_error(e)
        if not quiet:
            sys.stderr.write(f"error: {e['source_id']}: {e['kind']}: {e['reason'].splitlines()[0]}\n")
            if debug and "\n" in e["reason"]:
                sys.stderr.write(e["reason"] + "\n")

    def handle(result) -> None:
        sid, lines, err = result
        if err:
            record_error(err)
            return
        summary.converted += 1
        if isinstance(lines, list):                 # records (table formats, one process)
            summary.articles += len(lines)
            for rec in lines:
                tables.write_article(rec)
        elif tables:                                # JSON lines from a worker process
            summary.articles += lines.count("\n")
            for line in lines.split("\n")[:-1]:     # not splitlines(): U+2028 may stand in a JSON string
                tables.write_article(json.loads(line))
        else:
            summary.articles += lines.count("\n")
            out.write(lines)

    def todo():
        for item in iter_inputs(inputs, id_field, text_field, max_chars):
            summary.documents += 1
            if item.source_id in done:
                summary.resumed += 1
                continue
            yield item

    interrupted = False
    committed = False
    try:
        if workers > 1:
            _run_pool(todo(), workers, opts, debug, handle, record_error, progress, summary)
        else:
            ex = _batch_mode(Extractor(**opts))
            for item in todo():
                if isinstance(item, ErrorRecord):
                    record_error(item.model_dump())
                else:
                    handle(convert_one(item, ex, debug, records=tables is not None))
                progress.tick(summary)
        if tables:
            tables.commit()
            committed = True
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.done()
        if tmp:
            out.close()
        elif out:
            out.flush()
        if err_out:
            err_out.close()
        if tables and not committed:
            tables.abort()
    summary.seconds = time.perf_counter() - t0
    if interrupted:
        sys.stderr.write(f"interrupted: {summary.line()}; partial output kept, rerun with --resume to continue\n")
        raise KeyboardInterrupt
    if tmp:
        os.replace(tmp, out_path)
    if err_tmp:
        os.replace(err_tmp, errors_path)
    return summary


def _chunks(items, n):
    """Consecutive documents in chunks; read errors travel alone so output order is kept."""
    buf: list[RawDocument] = []
    for item in items:
        if isinstance(item, ErrorRecord):
            if buf:
                yield buf
                buf = []
            yield item
        else:
            buf.append(item)
            if len(buf) >= n:
                yield buf
                buf = []
    if buf:
        yield buf


def _run_pool(items, workers, opts, debug, handle, record_error, progress, summary) -> None:
    def new_pool():
        return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(opts,))

    pool = new_pool()
    pending: deque = deque()
    source = _chunks(items, CHUNK)
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                chunk = next(source, None)
                if chunk is None:
                    break
                if isinstance(chunk, ErrorRecord):
                    pending.append((chunk, None))
                else:
                    pending.append((chunk, pool.submit(_convert_chunk, chunk, debug)))
            if not pending:
                return
            chunk, fut = pending.popleft()
            if fut is None:
                record_error(chunk.model_dump())
                continue
            try:
                results = fut.result()
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool = _isolate(redo, pool, new_pool, debug, handle, record_error)
                continue
            for r in results:
                handle(r)
            progress.tick(summary)
    finally:
        pool.shutdown(cancel_futures=True)


def _isolate(chunks, pool, new_pool, debug, handle, record_error):
    """Redo chunks one document at a time; a document that kills a worker again is an error."""
    for chunk in chunks:
        if isinstance(chunk, ErrorRecord):
            record_error(chunk.model_dump())
            continue
        for doc in chunk:
            try:
                (r,) = pool.submit(_convert_chunk, [doc], debug).result()
                handle(r)
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                record_error(_error(doc, "worker_died", "the worker process died while converting this document "
                                                        "(killed or out of memory)"))
    return pool

