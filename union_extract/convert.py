"""Batch conversion: documents in, one JSON line per article out, failures as error records.

Inputs come from ``inputs.py`` (in order, bad ones as records), records go out through
``outputs.py`` (``.partial`` + lock + rename, resume by input position), ``--workers`` through
``pool.py``. Every input item ends as exactly one of: its article lines, one error record, or
(on ``--resume``) already done by the earlier run.
"""
from __future__ import annotations

import gc
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass, field

import orjson

from .inputs import DEFAULT_MAX_CHARS, iter_inputs
from .outputs import JsonlRun, OutputError, id_crc
from .pipeline import Extractor
from .progress import Progress
from .reading import RawDocument, strip_html
from .records import ErrorRecord, dumps

_worker: Extractor | None = None


def _batch_mode(ex: Extractor) -> Extractor:
    """Load everything once, then keep the cyclic garbage collector off the hot path: records are
    freed by reference counting, and rescanning the long-lived lexicons every few thousand
    allocations costs ~7% of a batch (measured with bench/throughput.py)."""
    ex.extract_records("预热。")
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    return ex


def init_worker(opts: dict) -> None:
    global _worker
    _worker = _batch_mode(Extractor(**opts))


Result = tuple  # (source id, list of article JSON lines, error dict or None, input bytes)


def convert_one(doc: RawDocument, extractor: Extractor | None = None, debug: bool = False) -> Result:
    """Returns (source id, the document's article lines, error dict or None, input bytes). Never raises."""
    ex = extractor or _worker
    try:
        if _fault(doc, "raise"):
            raise RuntimeError("injected fault")
        result = ex.extract_records(strip_html(doc.text), source_id=doc.source_id, encoding=doc.encoding,
                                    why=debug)
        if not result["articles"]:
            return doc.source_id, [], error_dict(doc, "empty", "no article text found"), doc.nbytes
        for a in result["articles"]:
            a["meta"] = doc.meta
        return doc.source_id, [_article_json(a) + "\n" for a in result["articles"]], None, doc.nbytes
    except Exception as exc:  # noqa: BLE001 - a bad document must not end the batch
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        if debug:
            reason += "\n" + traceback.format_exc()
        return doc.source_id, [], error_dict(doc, "extraction_failed", reason), doc.nbytes


def _article_json(rec: dict) -> str:
    """One output line: the plain record written with orjson, the same bytes as the model's
    ``model_dump_json()`` (tests/test_records.py). With ``--debug`` the record carries each
    honour's and person's ``why``. What orjson cannot write (integers past 64 bits, lone
    surrogates in ``meta`` passed through) goes through the models, which write or refuse it as before."""
    try:
        return dumps(rec).decode()
    except orjson.JSONEncodeError:
        return _model_json(rec)


def _model_json(rec: dict) -> str:
    from .models import Article
    article = Article.model_validate(rec)
    if not any("why" in r for r in rec["honors"] + rec["persons"]):
        return article.model_dump_json()
    out = article.model_dump(mode="json")
    for src, dst in zip(rec["honors"] + rec["persons"], out["honors"] + out["persons"]):
        if "why" in src:
            dst["why"] = src["why"]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def error_dict(doc: RawDocument, kind: str, reason: str) -> dict:
    return {"source_id": doc.source_id, "line": doc.line, "kind": kind, "reason": reason}


# Fault injection for the test suite: "kill:ID" makes the worker given document ID exit as if
# killed; "raise:ID" makes extraction of document ID raise; "die:ID" kills the main process
# (as kill -9 would) right after document ID is written; "fork" refuses to start workers.
FAULT_ENV = "UNION_EXTRACT_FAULT"


def _fault(doc: RawDocument, action: str) -> bool:
    spec = os.environ.get(FAULT_ENV, "")
    return spec.startswith(action + ":") and spec[len(action) + 1:] == doc.source_id


def convert_chunk(docs: list[RawDocument], debug: bool) -> list[Result]:
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


class Interrupted(Exception):
    """The run was stopped (Ctrl-C, SIGTERM, a failed write); ``summary`` says how far it got."""

    def __init__(self, summary: Summary, cause: BaseException, partial_kept: bool):
        super().__init__(str(cause))
        self.summary = summary
        self.cause = cause
        self.partial_kept = partial_kept


def run(inputs: list[str], out_path: str | None, errors_path: str | None, workers: int = 1,
        id_field: str = "id", text_field: str = "text", extractor_opts: dict | None = None,
        debug: bool = False, quiet: bool = False, resume: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
        stdin_format: str = "auto", keep_fields: tuple[str, ...] = (), progress: str = "auto",
        fmt: str = "jsonl", meta_keys: list[str] | None = None) -> Summary:
    """Convert ``inputs``; raises OutputError (before any work) or Interrupted (partial kept).
    ``fmt`` "parquet" or "csv" writes the analyst tables into the directory ``out_path``
    (:mod:`union_extract.table_writers`) instead of JSON lines."""
    opts = extractor_opts or {}
    t0 = time.perf_counter()
    fingerprint = {"inputs": [i if i == "-" else os.path.abspath(i) for i in inputs], "id_field": id_field,
                   "text_field": text_field, "max_chars": max_chars, "keep_fields": list(keep_fields)}
    if fmt == "jsonl":
        sink = JsonlRun(out_path, errors_path, fingerprint)
    else:
        from .table_writers import TableRun
        sink = TableRun(out_path, errors_path, fmt, meta_keys)
    done = sink.open(resume)
    summary = Summary(documents=done.position, converted=done.converted, articles=done.articles,
                      errors=done.errors, resumed=done.position)
    bar = Progress(progress, inputs)

    def record_error(e: dict) -> None:
        summary.errors += 1
        summary.error_kinds[e["kind"]] = summary.error_kinds.get(e["kind"], 0) + 1
        sink.write_error(e)
        if not quiet:
            sys.stderr.write(f"error: {e['source_id']}: {e['kind']}: {e['reason'].splitlines()[0]}\n")
            if debug and "\n" in e["reason"]:
                sys.stderr.write(e["reason"] + "\n")
        finish(0, e["source_id"])

    def handle(result: Result) -> None:
        sid, lines, err, nbytes = result
        if err:
            record_error(err)
            return
        for line in lines:
            sink.write_article(line)
        summary.converted += 1
        summary.articles += len(lines)
        finish(nbytes, sid)

    def finish(nbytes: int, sid: str) -> None:
        summary.documents += 1
        sink.end_document(sid, summary.converted, summary.articles, summary.errors)
        bar.tick(nbytes, summary.documents, summary.articles, summary.errors)
        if os.environ.get(FAULT_ENV, "") == f"die:{sid}":
            sink.flush()   # as if the kernel had every byte written so far
            os._exit(137)

    def todo():
        for k, item in enumerate(iter_inputs(inputs, id_field, text_field, max_chars, stdin_format, keep_fields)):
            if k < done.position:
                if k == done.position - 1 and id_crc(item.source_id) != done.last_id_crc:
                    raise OutputError(f"the inputs changed since the interrupted run (item {k + 1} is now "
                                      f"{item.source_id!r}); remove the .partial files to start afresh")
                continue
            yield item

    try:
        if workers > 1:
            from .pool import run_pool
            run_pool(todo(), workers, opts, debug, handle, record_error)
        else:
            ex = _batch_mode(Extractor(**opts))
            for item in todo():
                if isinstance(item, ErrorRecord):
                    record_error(item.model_dump())
                else:
                    handle(convert_one(item, ex, debug))
        summary.seconds = time.perf_counter() - t0
        sink.commit()
    except BaseException as exc:
        bar.done()
        sink.abort()
        summary.seconds = time.perf_counter() - t0
        raise Interrupted(summary, exc, sink.out.atomic) from exc
    bar.done()
    return summary
