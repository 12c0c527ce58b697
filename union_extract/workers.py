"""An ordered map over worker processes that survives worker deaths (the CLI's ``--workers`` and
``Extractor.pipe`` both run on it).

* Items go to the workers in chunks, several chunks in flight per worker so none waits for the
  slowest item, and results come back in input order.
* A worker that dies (killed, out of memory) costs only the item that killed it: the chunks in
  flight are redone one item at a time in a fresh pool, and an item that kills a worker again is
  replaced by ``died(item)``.
* Workers die with their parent (``PR_SET_PDEATHSIG`` on Linux, and a check of the parent pid), so
  a ``kill -9`` of the main process leaves no orphan holding the caller's pipes open; they ignore
  SIGINT meant for the run: the main process decides when to stop.
* Failing to start workers (fork refused) is :class:`WorkersFailed`, never a hang.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

IN_FLIGHT = 4        # chunks queued per worker
PR_SET_PDEATHSIG = 1
FORK_FAULT = "fork"  # UNION_EXTRACT_FAULT=fork: starting workers fails (for the tests)


class WorkersFailed(Exception):
    """Worker processes could not be started."""


def chunked(items: Iterable, n: int, alone: type | tuple[type, ...], max_size: int = 0,
            size: Callable | None = None) -> Iterator:
    """Consecutive items in lists of up to ``n`` (and, with ``max_size``, closed once their
    ``size(item)`` adds up to it); an item of type ``alone`` (an error found while reading) is
    yielded by itself, not in a list, in its place."""
    buf: list = []
    total = 0
    for item in items:
        if isinstance(item, alone):
            if buf:
                yield buf
                buf, total = [], 0
            yield item
        else:
            buf.append(item)
            if max_size:
                total += size(item)
            if len(buf) >= n or (max_size and total >= max_size):
                yield buf
                buf, total = [], 0
    if buf:
        yield buf


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:   # the parent died before the death signal was armed
        os._exit(1)


def _bootstrap(parent: int, initializer: Callable, initargs: tuple) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer(*initargs)


class _Pool:
    def __init__(self, workers: int, initializer: Callable, initargs: tuple):
        self.workers, self.initializer, self.initargs = workers, initializer, initargs
        self.ex: ProcessPoolExecutor | None = None
        self.renew()

    def renew(self) -> None:
        self.close()
        if os.environ.get("UNION_EXTRACT_FAULT") == FORK_FAULT:
            raise WorkersFailed("cannot start worker processes: injected fault")
        self.ex = ProcessPoolExecutor(self.workers, initializer=_bootstrap,
                                      initargs=(os.getpid(), self.initializer, self.initargs))

    def submit(self, task: Callable, chunk: list):
        try:
            return self.ex.submit(task, chunk)
        except BrokenProcessPool:
            raise
        except (OSError, RuntimeError) as exc:   # fork refused (EAGAIN, ENOMEM), interpreter shutting down
            self.kill()
            raise WorkersFailed(f"cannot start {self.workers} worker processes: {exc}") from None

    def kill(self) -> None:
        """Stop now: running chunks are lost on purpose (the caller keeps its progress)."""
        for p in list((getattr(self.ex, "_processes", None) or {}).values()):
            try:
                p.kill()
            except (OSError, AttributeError):
                pass
        self.close()

    def close(self) -> None:
        if self.ex is not None:
            ex, self.ex = self.ex, None
            ex.shutdown(wait=True, cancel_futures=True)


def ordered_map(chunks: Iterable, workers: int, initializer: Callable, initargs: tuple,
                task: Callable[[list], list], died: Callable) -> Iterator:
    """For each chunk in order: ``task(chunk)`` (a list, one result per item) run in a worker, or,
    for anything that is not a list, the thing itself. ``task`` and ``initargs`` must pickle."""
    pool = _Pool(workers, initializer, initargs)
    pending: deque = deque()
    source = iter(chunks)
    finished = False
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(task, chunk) if isinstance(chunk, list) else None))
            if not pending:
                finished = True
                return
            chunk, fut = pending.popleft()
            if fut is None:
                yield chunk
                continue
            try:
                results = fut.result()
            except BrokenProcessPool:
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool.renew()
                for c in redo:
                    if not isinstance(c, list):
                        yield c
                        continue
                    for item in c:
                        yield [_alone(pool, task, item, died)]
                continue
            yield results
    finally:
        if finished:
            pool.close()
        else:                      # interrupted, failed or abandoned by the caller: stop now
            pool.kill()


def _alone(pool: _Pool, task: Callable, item, died: Callable):
    """One item by itself; if it kills the worker again it is ``died(item)``, in a fresh pool."""
    try:
        (result,) = pool.submit(task, [item]).result()
        return result
    except BrokenProcessPool:
        pool.renew()
        return died(item)
