"""Worker processes for ``convert --workers N``: input order kept, several chunks in flight.

* A worker that dies (killed, out of memory) costs only its document: the chunks in flight are
  redone one document at a time in a fresh pool, and the one that kills a worker again is
  recorded as ``worker_died``.
* Workers die with their parent (``PR_SET_PDEATHSIG`` on Linux, and a check of the parent pid),
  so a ``kill -9`` of the main process leaves no orphan holding the caller's pipes open.
* Workers ignore SIGINT/SIGTERM meant for the run: the main process decides when to stop.
* Failing to start workers (fork refused) is :class:`WorkersFailed`, never a hang.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .models import ErrorRecord

CHUNK = 32           # documents per task sent to a worker
IN_FLIGHT = 4        # chunks queued per worker
PR_SET_PDEATHSIG = 1


class WorkersFailed(Exception):
    """Worker processes could not be started."""


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:   # the parent died before the death signal was armed
        os._exit(1)


def _init_worker(opts: dict, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from . import convert
    convert.init_worker(opts)


def _work(docs, debug):
    from . import convert
    return convert.convert_chunk(docs, debug)


def _chunks(items, n):
    """Consecutive documents in chunks; read errors travel alone so output order is kept."""
    buf: list = []
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


class _Pool:
    def __init__(self, workers: int, opts: dict):
        self.workers, self.opts = workers, opts
        self.ex = None
        self.renew()

    def renew(self) -> None:
        if self.ex is not None:
            self.close()
        if os.environ.get("UNION_EXTRACT_FAULT") == "fork":
            raise WorkersFailed("cannot start worker processes: injected fault")
        self.ex = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.opts, os.getpid()))

    def submit(self, docs, debug):
        try:
            return self.ex.submit(_work, docs, debug)
        except BrokenProcessPool:
            raise
        except (OSError, RuntimeError) as exc:   # fork refused (EAGAIN, ENOMEM), interpreter shutting down
            self.kill()
            raise WorkersFailed(f"cannot start {self.workers} worker processes: {exc}") from None

    def kill(self) -> None:
        """Stop now: running chunks are lost on purpose (the caller keeps its progress)."""
        procs = list((getattr(self.ex, "_processes", None) or {}).values())
        for p in procs:
            try:
                p.kill()
            except (OSError, AttributeError):
                pass
        self.close()

    def close(self) -> None:
        if self.ex is not None:
            ex, self.ex = self.ex, None
            ex.shutdown(wait=True, cancel_futures=True)


def run_pool(items, workers: int, opts: dict, debug: bool, handle, record_error) -> None:
    """Convert ``items`` in worker processes, calling ``handle``/``record_error`` in input order."""
    pool = _Pool(workers, opts)
    pending: deque = deque()
    source = _chunks(items, CHUNK)
    ok = False
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append((chunk, None if isinstance(chunk, ErrorRecord) else pool.submit(chunk, debug)))
            if not pending:
                ok = True
                return
            chunk, fut = pending.popleft()
            if fut is None:
                record_error(chunk.model_dump())
                continue
            try:
                results = fut.result()
            except BrokenProcessPool:
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool.renew()
                _isolate(redo, pool, debug, handle, record_error)
                continue
            for r in results:
                handle(r)
    finally:
        if ok:
            pool.close()
        else:
            pool.kill()


def _isolate(chunks, pool: _Pool, debug, handle, record_error) -> None:
    """Redo chunks one document at a time; a document that kills a worker again is an error."""
    from .convert import error_dict
    for chunk in chunks:
        if isinstance(chunk, ErrorRecord):
            record_error(chunk.model_dump())
            continue
        for doc in chunk:
            try:
                (r,) = pool.submit([doc], debug).result()
                handle(r)
            except BrokenProcessPool:
                pool.renew()
                record_error(error_dict(doc, "worker_died", "the worker process died while converting this "
                                                             "document (killed or out of memory)"))
