"""Batch conversion: documents in, one JSON line per article out, failures as error records.

Output goes to a temporary file renamed at the end, so an interrupted run never leaves a
complete-looking partial output. ``--workers N`` uses processes and keeps input order.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from .models import ErrorRecord
from .pipeline import Extractor
from .reading import RawDocument, iter_inputs, strip_html

_worker: Extractor | None = None
_worker_opts: dict = {}


def _init_worker(opts: dict) -> None:
    global _worker, _worker_opts
    _worker_opts = opts
    _worker = Extractor(**opts)


def convert_one(doc: RawDocument, extractor: Extractor | None = None, debug: bool = False) -> tuple[str, list[str], dict | None]:
    """Returns (source_id, article JSON lines, error dict or None). Never raises."""
    ex = extractor or _worker
    try:
        text = strip_html(doc.text)
        result = ex.extract(text, source_id=doc.source_id, encoding=doc.encoding)
        lines = [a.model_dump_json() for a in result.articles]
        return doc.source_id, lines, None
    except Exception as exc:  # noqa: BLE001 - a bad document must not end the batch
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        if debug:
            reason += "\n" + traceback.format_exc()
        return doc.source_id, [], {"source_id": doc.source_id, "line": doc.line, "kind": "extraction_failed", "reason": reason}


@dataclass
class Summary:
    documents: int = 0
    converted: int = 0
    articles: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_kinds: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"documents={self.documents} converted={self.converted} articles={self.articles} "
                f"errors={self.errors} seconds={self.seconds:.2f}")


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


def _batched(it, n):
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


def run(inputs: list[str], out_path: str | None, errors_path: str | None, workers: int = 1,
        id_field: str = "id", text_field: str = "text", extractor_opts: dict | None = None,
        debug: bool = False, quiet: bool = False) -> Summary:
    opts = extractor_opts or {}
    summary = Summary()
    t0 = time.perf_counter()
    if out_path and out_path != "-":
        tmp = out_path + ".partial"
        out = open(tmp, "w", encoding="utf-8")
        if errors_path is None:
            errors_path = (out_path[:-6] if out_path.endswith(".jsonl") else out_path) + ".errors.jsonl"
    else:
        tmp, out = None, sys.stdout
    err_tmp = errors_path + ".partial" if errors_path else None
    err_out = open(err_tmp, "w", encoding="utf-8") if err_tmp else None
    progress = _Progress()

    def record_error(e: dict) -> None:
        summary.errors += 1
        summary.error_kinds[e["kind"]] = summary.error_kinds.get(e["kind"], 0) + 1
        if err_out:
            err_out.write(json.dumps(e, ensure_ascii=False) + "\n")
        if not quiet:
            sys.stderr.write(f"error: {e['source_id']}: {e['kind']}: {e['reason'].splitlines()[0]}\n")

    def handle(result) -> None:
        sid, lines, err = result
        if err:
            record_error(err)
            return
        summary.converted += 1
        summary.articles += len(lines)
        for ln in lines:
            out.write(ln + "\n")

    items = iter_inputs(inputs, id_field, text_field)
    pool = None
    try:
        if workers > 1:
            pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(opts,))
        else:
            _init_worker(opts)
        for batch in _batched(items, 64 * max(1, workers)):
            docs = []
            for item in batch:
                summary.documents += 1
                if isinstance(item, ErrorRecord):
                    # keep the order of records: flush pending docs first
                    if docs:
                        for r in _map(pool, docs, debug):
                            handle(r)
                        docs = []
                    record_error(item.model_dump())
                else:
                    docs.append(item)
            for r in _map(pool, docs, debug):
                handle(r)
            progress.tick(summary)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted: output left as .partial\n")
        summary.seconds = time.perf_counter() - t0
        raise
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
        progress.done()
        if tmp:
            out.close()
        if err_out:
            err_out.close()
    if tmp:
        os.replace(tmp, out_path)
    if err_tmp:
        os.replace(err_tmp, errors_path)
    summary.seconds = time.perf_counter() - t0
    return summary


def _map(pool, docs, debug):
    if not docs:
        return []
    if pool is None:
        return [convert_one(d, None, debug) for d in docs]
    return pool.map(_convert_in_worker, docs, [debug] * len(docs), chunksize=max(1, len(docs) // 8))


def _convert_in_worker(doc, debug):
    return convert_one(doc, None, debug)
