"""``convert --workers N``: the documents of a run through :func:`workers.ordered_map`, in input
order, each result or error handed back as if converted in the main process."""
from __future__ import annotations

from functools import partial

from .records import ErrorRecord
from .workers import chunked, ordered_map

CHUNK = 32           # documents per task sent to a worker


def _init(opts: dict) -> None:
    from . import convert
    convert.init_worker(opts)


def _work(docs, debug: bool):
    from . import convert
    return convert.convert_chunk(docs, debug)


def _died(doc):
    from .convert import error_dict
    return doc.source_id, [], error_dict(doc, "worker_died", "the worker process died while converting this "
                                                              "document (killed or out of memory)"), doc.nbytes


def run_pool(items, workers: int, opts: dict, debug: bool, handle, record_error) -> None:
    """Convert ``items`` in worker processes, calling ``handle``/``record_error`` in input order."""
    for out in ordered_map(chunked(items, CHUNK, ErrorRecord), workers, _init, (opts,),
                           partial(_work, debug=debug), _died):
        if isinstance(out, ErrorRecord):
            record_error(out.model_dump())
            continue
        for r in out:
            handle(r)
