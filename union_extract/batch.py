"""``Extractor.pipe``: many texts in, Documents out in input order, optionally over processes.

Worker processes run as the CLI's do: each builds its Extractor once (in the pool initializer, in
batch mode), chunks of texts travel through ``workers.ordered_map``, and a worker that dies costs
only the text that killed it (a ``worker_died`` error record). Anything that is not str or bytes
(or bytearray) becomes its ``not_text`` error here and is never sent to a worker (it may not even pickle).
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from .convert import FAULT_ENV, _batch_mode
from .errors import UnusableInputError
from .models import Document, ErrorRecord
from .pipeline import Extractor, extract_checked
from .workers import chunked, ordered_map

ON_ERROR = ("raise", "record")
TEXT_TYPES = (str, bytes, bytearray)

_worker: Extractor | None = None


def pipe(ex: Extractor, texts: Iterable, n_process: int = 1, batch_size: int = 32,
         on_error: str = "raise") -> Iterator[Document | ErrorRecord]:
    """See :meth:`Extractor.pipe`. Arguments are checked here, before the first text is read."""
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a positive int or -1, got {n_process!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}, got {on_error!r}")
    items = _items(texts)
    if n_process == 1:
        results = (r if isinstance(r, ErrorRecord) else _one(ex, *r) for r in items)
    else:
        results = _parallel(ex, items, n_process, batch_size)
    return _deliver(results, on_error)


def _items(texts: Iterable) -> Iterator[tuple[str | bytes, str] | ErrorRecord]:
    """(text, source_id) per input, a text alone getting ``text:<position>``; not text: its error."""
    for i, item in enumerate(texts):
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
            text, sid = item
        else:
            text, sid = item, f"text:{i}"
        if isinstance(text, TEXT_TYPES):
            yield text, sid
        else:
            yield ErrorRecord(source_id=sid, kind="not_text",
                              reason=f"expected str, bytes or (text, source_id), got {type(item).__name__}")


def _one(ex: Extractor, text: str | bytes, source_id: str) -> Document | ErrorRecord:
    try:
        return extract_checked(ex, text, source_id)
    except UnusableInputError as exc:
        return ErrorRecord(source_id=source_id, kind=exc.kind, reason=exc.reason)


def _deliver(results: Iterator[Document | ErrorRecord], on_error: str) -> Iterator[Document | ErrorRecord]:
    for r in results:
        if on_error == "raise" and isinstance(r, ErrorRecord):
            raise UnusableInputError(r.kind, f"{r.source_id}: {r.reason}")
        yield r


def _init_worker(ex: Extractor) -> None:
    global _worker
    _worker = _batch_mode(ex)


def _extract_chunk(chunk: list[tuple[str | bytes, str]]) -> list[Document | ErrorRecord]:
    if os.environ.get(FAULT_ENV, "") in {f"kill:{sid}" for _, sid in chunk}:
        os._exit(70)                        # fault injection for the tests: a worker killed
    return [_one(_worker, text, sid) for text, sid in chunk]


def _died(item: tuple[str | bytes, str]) -> ErrorRecord:
    return ErrorRecord(source_id=item[1], kind="worker_died",
                       reason="the worker process died while extracting this text (killed or out of memory)")


def _parallel(ex: Extractor, items, workers: int, size: int) -> Iterator[Document | ErrorRecord]:
    for out in ordered_map(chunked(items, size, ErrorRecord), workers, _init_worker, (ex,), _extract_chunk, _died):
        if isinstance(out, ErrorRecord):
            yield out
        else:
            yield from out
