"""An ordered map over worker processes that survives worker deaths (the CLI's ``--workers`` and
``Extractor.pipe`` both run on it).

Items go to the workers in chunks, several chunks in flight per worker so none waits for the slowest
item, and results come back in input order. A worker that dies (killed, out of memory) costs only
the item that killed it: the chunks in flight are redone one item at a time in a fresh pool, and an
item that kills a worker again is replaced by ``died(item)``.
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

IN_FLIGHT = 4        # chunks queued per worker


def chunked(items: Iterable, n: int, alone: type | tuple[type, ...]) -> Iterator:
    """Consecutive items in lists of up to ``n``; an item of type ``alone`` (an error found while
    reading) is yielded by itself, not in a list, in its place."""
    buf: list = []
    for item in items:
        if isinstance(item, alone):
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


def ordered_map(chunks: Iterable, workers: int, initializer: Callable, initargs: tuple,
                task: Callable[[list], list], died: Callable) -> Iterator:
    """For each chunk in order: ``task(chunk)`` (a list, one result per item) run in a worker, or,
    for anything that is not a list, the thing itself. ``task`` and ``initargs`` must pickle."""
    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs)

    pool = new_pool()
    pending: deque = deque()
    source = iter(chunks)
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(task, chunk) if isinstance(chunk, list) else None))
            if not pending:
                return
            chunk, fut = pending.popleft()
            if fut is None:
                yield chunk
                continue
            try:
                results = fut.result()
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool = new_pool()
                for c in redo:
                    if not isinstance(c, list):
                        yield c
                        continue
                    for item in c:
                        result, pool = _alone(pool, new_pool, task, item, died)
                        yield [result]
                continue
            yield results
    finally:
        pool.shutdown(cancel_futures=True)


def _alone(pool, new_pool, task, item, died):
    """One item by itself; if it kills the worker again it is ``died(item)``, in a fresh pool."""
    try:
        (result,) = pool.submit(task, [item]).result()
        return result, pool
    except BrokenProcessPool:
        pool.shutdown(cancel_futures=True)
        return died(item), new_pool()
