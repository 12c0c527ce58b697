"""``convert --workers N``: the documents of a run through :func:`workers.ordered_map`, in input
order, each result or error handed back as if converted in the main process.

Where workers are forked (Linux), the main process builds the Extractor once before they start
and each worker inherits it copy-on-write: N workers no longer load the lexicons, the segmenter's
dictionary and the finders N times (~0.2 s of CPU each, measured, and a second rjieba dictionary in every
worker). Elsewhere (spawn) each worker builds its own, as before.
"""
from __future__ import annotations

import multiprocessing
from functools import partial

from .records import ErrorRecord
from .workers import chunked, ordered_map

CHUNK = 32           # at most this many documents per task sent to a worker
CHUNK_CHARS = 16_000  # and at most about this many characters: big pages go a few at a time, so the
                      # workers finish together instead of one idling while the other ends a chunk

_prebuilt: tuple | None = None     # (options, Extractor) built here for forked workers


def _init(opts: dict) -> None:
    from . import convert
    if _prebuilt is not None and _prebuilt[0] == opts:
        convert._worker = _prebuilt[1]
    else:
        convert.init_worker(opts)


def _work(docs, debug: bool):
    from . import convert
    return convert.convert_chunk(docs, debug)


def _died(doc):
    from .convert import error_dict
    return doc.source_id, [], error_dict(doc, "worker_died", "the worker process died while converting this "
                                                              "document (killed or out of memory)"), doc.nbytes


def _prebuild(opts: dict) -> None:
    """Build the Extractor here when workers will be forked from this process; on failure leave
    it to the workers (which then fail as before, document by document, never the run)."""
    global _prebuilt
    _prebuilt = None
    if multiprocessing.get_start_method(allow_none=False) != "fork":
        return
    from .convert import _batch_mode
    from .pipeline import Extractor
    try:
        _prebuilt = (dict(opts), _batch_mode(Extractor(**opts)))
    except Exception:  # noqa: BLE001 - the workers report it, document by document
        _prebuilt = None


def run_pool(items, workers: int, opts: dict, debug: bool, handle, record_error) -> None:
    """Convert ``items`` in worker processes, calling ``handle``/``record_error`` in input order."""
    global _prebuilt
    _prebuild(opts)
    chunks = chunked(items, CHUNK, ErrorRecord, max_size=CHUNK_CHARS, size=lambda d: len(d.text))
    try:
        for out in ordered_map(chunks, workers, _init, (opts,), partial(_work, debug=debug), _died):
            if isinstance(out, ErrorRecord):
                record_error(out.model_dump())
                continue
            for r in out:
                handle(r)
    finally:
        _prebuilt = None           # a fresh pool after a worker died still forks from it until here
